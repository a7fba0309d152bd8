import type { CellValue, SheetSnapshot, SourceEvaluator, SourceOutcome, WorkbookSnapshot, WritePlan } from '../../src/engine/types';

/**
 * Helpers for the engine's own tests: build snapshots from plain rows and apply a plan in memory.
 * Pure like the rest of the engine; not used by the product code.
 */

/** A sheet from rows; a string starting with `%:` is a percent-formatted number (`'%:0.75'`). */
export function sheetOf(name: string, rows: CellValue[][], options: { formulas?: [number, number][] } = {}): SheetSnapshot {
  const numberFormats: (string | null)[][] = [];
  const values = rows.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell === 'string' && cell.startsWith('%:')) {
        (numberFormats[r] ??= [])[c] = '0%';
        return Number(cell.slice(2));
      }
      return cell;
    }),
  );
  const formulas: boolean[][] = [];
  for (const [r, c] of options.formulas ?? []) (formulas[r] ??= [])[c] = true;
  return { name, values, numberFormats, formulas };
}

export function workbookOf(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets };
}

/** A source evaluator that answers from a table of expressions, for evaluator tests. */
export function fakeSources(answers: Record<string, SourceOutcome> = {}): SourceEvaluator {
  return {
    evaluate(expression, cell, label) {
      const goal = /^goal\((.+)\)$/.exec(expression.trim());
      if (goal) return { kind: 'mirror', goalId: goal[1].trim() };
      return answers[expression] ?? { kind: 'error', message: `${label} (${cell}): unknown test expression ${expression}` };
    },
  };
}

/** Applies a plan to a deep copy of the snapshot, as an adapter would. */
export function applyPlanInMemory(snapshot: WorkbookSnapshot, plan: WritePlan): WorkbookSnapshot {
  const copy = deepCopy(snapshot);
  for (const name of plan.addSheets) copy.sheets.push({ name, values: [], numberFormats: [], formulas: [] });
  for (const setup of plan.sheetSetups ?? []) {
    const sheet = copy.sheets.find((candidate) => candidate.name === setup.sheet);
    if (!sheet) throw new Error(`plan sets up a missing sheet ${setup.sheet}`);
    if (setup.clear) Object.assign(sheet, { values: [], numberFormats: [], formulas: [] });
  }
  for (const name of plan.definedNames ?? []) {
    copy.definedNames = [...(copy.definedNames ?? []).filter((existing) => existing.name !== name.name), name];
  }
  for (const write of plan.writes) {
    const sheet = copy.sheets.find((candidate) => candidate.name === write.sheet);
    if (!sheet) throw new Error(`plan writes to a missing sheet ${write.sheet}`);
    while (sheet.values.length <= write.row) sheet.values.push([]);
    const row = sheet.values[write.row];
    while (row.length < write.col) row.push(null);
    row[write.col] = write.value;
    if (write.numberFormat !== undefined) {
      sheet.numberFormats ??= [];
      (sheet.numberFormats[write.row] ??= [])[write.col] = write.numberFormat;
    }
  }
  return copy;
}

/** A deep copy of plain data (arrays keep their holes). */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    value.forEach((item, index) => (copy[index] = deepCopy(item)));
    return copy as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepCopy(item)])) as T;
  }
  return value;
}
