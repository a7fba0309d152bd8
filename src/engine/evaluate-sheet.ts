import { displayText, isBlank, isCellError } from './cell-text';
import { cellAddress, cellFormat, cellValue } from './cells';
import { isoFromDay, yearOfDay } from './dates';
import { findGoalSheetHeader, type GoalSheetHeader, type InputColumn, inputLabel } from './headers';
import { parseManualStatus, phrase, statusLabel } from './labels';
import { formatValue, parseDateValue, quantityFromCell, type Quantity } from './numbers';
import {
  judgeMilestone,
  judgeNumeric,
  type Judgement,
  type MilestoneState,
  milestoneStateText,
  parseMilestoneState,
  rollUp,
} from './status';
import {
  type Baseline,
  namedYears,
  parseBaselineCell,
  parseTargetCell,
  parseToleranceCell,
  RuleError,
  type TargetRule,
  type Tolerance,
} from './target-rule';
import type { CalendarDay, CellValue, Language, RowResult, SheetSnapshot, SourceEvaluator, StatusId, TargetValue, Unit } from './types';
import { inferUnitFromCell, parseUnit, signConflicts, unitRange } from './units';
import { computeYearTargets, type YearTarget } from './year-targets';

export interface EvaluateSheetOptions {
  year: number;
  asOf: CalendarDay;
  /** From the settings; by default the years named in the sheet's rules, always with `year`. */
  targetYears?: [number, number];
  /** Output language; by default the sheet's own (SPEC §1). */
  language?: Language;
  defaultTolerance?: { value: CellValue; numberFormat: string | null; cell: string };
  sources: SourceEvaluator;
}

/** One evaluated goal row with what the plan needs to write it. */
export interface EvaluatedRow {
  result: RowResult;
  /** 0-based row on the sheet. */
  rowIndex: number;
  yearTargets: Map<number, YearTarget>;
  /** The value for the `Calculated actual` column, in the row's unit. */
  calculatedActual: number | null;
}

export interface EvaluatedSheet {
  name: string;
  header: GoalSheetHeader;
  language: Language;
  years: number[];
  hasSource: boolean;
  rows: EvaluatedRow[];
}

type Actual = { kind: 'number'; value: number } | { kind: 'milestone'; state: MilestoneState } | { kind: 'none' };

/** A goal row while it is being evaluated. */
interface Draft {
  rowIndex: number;
  id: string;
  title: string | null;
  error: { explanation: string; cell: string } | null;
  unit: Unit | null;
  rule: TargetRule | null;
  baseline: Baseline | null;
  tolerance: Tolerance | null;
  cumulative: boolean | null;
  actual: Actual;
  sourceValue: number | null;
  sourceBase: string | null;
  mirrorOf: string | null;
  /** The Source cell of a `goal()` row and its column label, for messages. */
  mirrorCell: { cell: string; label: string } | null;
  manual: StatusId | null;
  asOf: CalendarDay;
  notes: string[];
  yearTargets: Map<number, YearTarget>;
  /** Set once the row's final status is known. */
  final: Final | null;
}

interface Final {
  status: StatusId;
  gap: number | null;
  explanation: string;
  actual: number | string | null;
  unit: Unit | null;
  yearTargets: Map<number, YearTarget>;
  calculatedActual: number | null;
  /** For errors found while resolving (goal() cycles): the cell to name. */
  errorCell?: string;
}

/**
 * Evaluates one goal sheet (SPEC §1–3). Returns null when the sheet has no goal-sheet header.
 * Never throws on bad cells: each becomes an error row naming its cell.
 */
export function evaluateGoalSheet(sheet: SheetSnapshot, options: EvaluateSheetOptions): EvaluatedSheet | null {
  const header = findGoalSheetHeader(sheet.values);
  if (!header) return null;
  const language = options.language ?? header.language;
  const reader = new RowReader(sheet, header, options, language);
  const drafts: Draft[] = [];
  for (let row = header.row + 1; row < sheet.values.length; row++) {
    const draft = reader.read(row);
    if (draft) drafts.push(draft);
  }
  const hasSource = header.inputs.source !== undefined && drafts.some((draft) => !isBlank(reader.cell(draft.rowIndex, 'source')));

  markDuplicateIds(drafts, reader);
  const years = targetYearRange(drafts, options);
  for (const draft of drafts) reader.computeTargets(draft, years);

  const byId = new Map<string, Draft>();
  for (const draft of drafts) if (draft.id !== '' && !byId.has(draft.id)) byId.set(draft.id, draft);
  const children = childrenById(drafts, byId);
  const resolver = new Resolver(byId, children, options, language);
  for (const draft of drafts) resolver.finalize(draft);

  const rows = drafts.map((draft): EvaluatedRow => {
    const final = draft.final as Final;
    return {
      rowIndex: draft.rowIndex,
      yearTargets: final.yearTargets,
      calculatedActual: final.calculatedActual,
      result: {
        id: draft.id,
        row: draft.rowIndex + 1,
        title: draft.title,
        status: final.status,
        actual: final.actual,
        target: targetValue(final.yearTargets.get(options.year)),
        unit: final.unit,
        gap: final.gap,
        targets: Object.fromEntries(years.map((year) => [String(year), targetValue(final.yearTargets.get(year))])),
        explanation: final.explanation,
        ...(final.status === 'error' && (final.errorCell ?? draft.error) ? { errorCell: final.errorCell ?? draft.error?.cell } : {}),
      },
    };
  });
  return { name: sheet.name, header, language, years, hasSource, rows };
}

/** A year's target as the JSON report gives it. */
export function targetValue(target: YearTarget | undefined): TargetValue {
  if (!target) return null;
  if (target.kind === 'level') return target.value;
  if (target.kind === 'range') return [target.lo, target.hi];
  return null;
}

/**
 * SPEC §2: the `Target years` setting, else the first to the last year named in any rule on the
 * sheet (a baseline's year does not count), always including the evaluation year.
 */
function targetYearRange(drafts: Draft[], options: EvaluateSheetOptions): number[] {
  let [from, to] = options.targetYears ?? [options.year, options.year];
  if (!options.targetYears) {
    for (const draft of drafts) {
      if (!draft.rule) continue;
      for (const year of namedYears(draft.rule)) {
        from = Math.min(from, year);
        to = Math.max(to, year);
      }
    }
  }
  from = Math.min(from, options.year);
  to = Math.max(to, options.year);
  const years: number[] = [];
  for (let year = from; year <= to; year++) years.push(year);
  return years;
}

/** SPEC §3: every row that shares its ID with another is an error. */
function markDuplicateIds(drafts: Draft[], reader: RowReader): void {
  const rowsById = new Map<string, Draft[]>();
  for (const draft of drafts) {
    if (draft.id === '') continue;
    const list = rowsById.get(draft.id) ?? [];
    list.push(draft);
    rowsById.set(draft.id, list);
  }
  for (const [id, list] of rowsById) {
    if (list.length < 2) continue;
    const rows = list.map((draft) => draft.rowIndex + 1).join(', ');
    for (const draft of list) reader.failAt(draft, 'id', `ID ${id} is used by more than one row (rows ${rows})`);
  }
}

/** Parent by dotted ID: the nearest existing ancestor (`3` for `3.1`, `3.1` for `3.1.2`). */
function childrenById(drafts: Draft[], byId: Map<string, Draft>): Map<string, Draft[]> {
  const children = new Map<string, Draft[]>();
  for (const draft of drafts) {
    if (byId.get(draft.id) !== draft) continue;
    let id = draft.id;
    while (id.includes('.')) {
      id = id.slice(0, id.lastIndexOf('.'));
      if (byId.has(id)) {
        const list = children.get(id) ?? [];
        list.push(draft);
        children.set(id, list);
        break;
      }
    }
  }
  return children;
}

const YES = new Set(['yes', 'ja', 'x', '1', 'true', 'y', 'j']);
const NO = new Set(['no', 'nej', '0', 'false', 'n']);

/** Reads and parses the cells of goal rows. */
class RowReader {
  constructor(
    private readonly sheet: SheetSnapshot,
    private readonly header: GoalSheetHeader,
    private readonly options: EvaluateSheetOptions,
    private readonly language: Language,
  ) {}

  cell(row: number, column: InputColumn): CellValue {
    const col = this.header.inputs[column];
    return col === undefined ? null : cellValue(this.sheet, row, col);
  }

  private format(row: number, column: InputColumn): string | null {
    const col = this.header.inputs[column];
    return col === undefined ? null : cellFormat(this.sheet, row, col);
  }

  address(row: number, column: InputColumn): string {
    return cellAddress(this.sheet.name, row, this.header.inputs[column] ?? 0);
  }

  /** The column's header as the user wrote it, for messages. */
  private label(column: InputColumn): string {
    const col = this.header.inputs[column];
    const text = col === undefined ? '' : displayText(cellValue(this.sheet, this.header.row, col)).replace(/:$/, '');
    return text || inputLabel(column, this.language);
  }

  failAt(draft: Draft, column: InputColumn, reason: string): void {
    if (draft.error) return;
    const cell = this.address(draft.rowIndex, column);
    draft.error = { cell, explanation: `${this.label(column)} (${cell}): ${reason}` };
  }

  read(row: number): Draft | null {
    const idCell = this.cell(row, 'id');
    const id = isCellError(idCell) ? '' : displayText(idCell);
    const targetCell = this.cell(row, 'target');
    if (id === '' && !isCellError(idCell) && isBlank(targetCell)) return null;
    const titleCol = this.header.inputs.title ?? this.header.inputs.indicator;
    const title = titleCol === undefined ? '' : displayText(cellValue(this.sheet, row, titleCol));
    const draft: Draft = {
      rowIndex: row,
      id,
      title: title === '' ? null : title,
      error: null,
      unit: null,
      rule: null,
      baseline: null,
      tolerance: null,
      cumulative: null,
      actual: { kind: 'none' },
      sourceValue: null,
      sourceBase: null,
      mirrorOf: null,
      mirrorCell: null,
      manual: null,
      asOf: this.options.asOf,
      notes: [],
      yearTargets: new Map(),
      final: null,
    };
    if (isCellError(idCell)) this.failAt(draft, 'id', `holds the error value ${idCell.error}`);
    if (id === '') this.failAt(draft, 'id', 'the row has a Target but no ID');
    for (const column of Object.keys(this.header.inputs) as InputColumn[]) {
      const value = this.cell(row, column);
      if (isCellError(value)) this.failAt(draft, column, `holds the error value ${value.error}`);
    }
    if (draft.error) return draft;
    this.parse(draft);
    return draft;
  }

  private attempt(draft: Draft, column: InputColumn, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (error instanceof RuleError) this.failAt(draft, column, error.message);
      else throw error;
    }
  }

  private parse(draft: Draft): void {
    const row = draft.rowIndex;
    let declaredUnit: Unit | null = null;
    this.attempt(draft, 'unit', () => {
      declaredUnit = parseUnit(displayText(this.cell(row, 'unit')));
    });

    const targetCell = this.cell(row, 'target');
    if (!isBlank(targetCell)) {
      this.attempt(draft, 'target', () => {
        draft.rule = parseTargetCell(targetCell, this.format(row, 'target'));
      });
    }

    const sourceText = displayText(this.cell(row, 'source'));
    let sourceUnit: Unit | null = null;
    if (sourceText !== '') {
      const outcome = this.options.sources.evaluate(sourceText, this.address(row, 'source'), this.label('source'), this.language);
      if (outcome.kind === 'error') {
        if (!draft.error) draft.error = { cell: this.address(row, 'source'), explanation: outcome.message };
      } else if (outcome.kind === 'mirror') {
        draft.mirrorOf = outcome.goalId;
        draft.mirrorCell = { cell: this.address(row, 'source'), label: this.label('source') };
      } else if (outcome.kind === 'no-data') {
        draft.sourceBase = outcome.base;
      } else {
        draft.sourceValue = outcome.value;
        draft.sourceBase = outcome.base;
        sourceUnit = outcome.unit;
      }
    }
    if (draft.error) return;

    draft.unit = declaredUnit ?? (draft.rule ? this.inferredUnit(row) : sourceUnit);
    const unit = draft.unit;
    // A qualitative row has no unit, but its Manual status still wins (SPEC §3 precedence).
    this.readManualStatus(draft);
    if (unit === null) return;

    if (sourceUnit !== null && !sourceFits(sourceUnit, unit)) {
      this.failAt(draft, 'source', `the source gives a value in ${sourceUnit}, but the row's unit is ${unit}`);
      return;
    }

    this.attempt(draft, 'baseline', () => {
      const baseline = parseBaselineCell(this.cell(row, 'baseline'), this.format(row, 'baseline'));
      if (baseline) {
        checkSign(baseline.sign, unit);
        checkRange(baseline.value, unit, 'the baseline');
      }
      draft.baseline = baseline;
    });
    this.attempt(draft, 'tolerance', () => {
      draft.tolerance = parseToleranceCell(this.cell(row, 'tolerance'), this.format(row, 'tolerance'), unit);
    });
    if (draft.tolerance === null && this.options.defaultTolerance && !draft.error) {
      const setting = this.options.defaultTolerance;
      try {
        draft.tolerance = parseToleranceCell(setting.value, setting.numberFormat, unit);
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
        draft.error = { cell: setting.cell, explanation: `Default tolerance (${setting.cell}): ${error.message}` };
      }
    }
    this.readCumulative(draft);
    this.readAsOf(draft);
    if (draft.sourceValue !== null) {
      this.attempt(draft, 'source', () => checkRange(draft.sourceValue as number, unit, 'the computed actual'));
      draft.actual = { kind: 'number', value: draft.sourceValue };
    } else if (draft.sourceBase === null && draft.mirrorOf === null) {
      this.readActual(draft, unit);
    }
  }

  private inferredUnit(row: number): Unit {
    return inferUnitFromCell(this.cell(row, 'target'), this.format(row, 'target'));
  }

  private readCumulative(draft: Draft): void {
    const value = this.cell(draft.rowIndex, 'cumulative');
    if (isBlank(value)) return;
    const key = displayText(value).toLocaleLowerCase('da');
    if (YES.has(key)) draft.cumulative = true;
    else if (NO.has(key)) draft.cumulative = false;
    else this.failAt(draft, 'cumulative', `"${displayText(value)}" is not yes or no (ja/nej, x, 1/0)`);
  }

  private readManualStatus(draft: Draft): void {
    const text = displayText(this.cell(draft.rowIndex, 'manualStatus'));
    if (text === '') return;
    const status = parseManualStatus(text);
    if (status === null) {
      this.failAt(draft, 'manualStatus', `"${text}" is not a status (green/grøn, yellow/gul, red/rød or a status of SPEC §3)`);
    } else {
      draft.manual = status;
    }
  }

  private readAsOf(draft: Draft): void {
    const value = this.cell(draft.rowIndex, 'asOf');
    if (isBlank(value)) return;
    const day = parseDateValue(value);
    if (day === null) this.failAt(draft, 'asOf', `"${displayText(value)}" is not a date (write e.g. 2021-10-13)`);
    else draft.asOf = day;
  }

  private readActual(draft: Draft, unit: Unit): void {
    const value = this.cell(draft.rowIndex, 'actual');
    if (unit === 'milestone') {
      const state = parseMilestoneState(displayText(value));
      if (state === null) {
        this.failAt(draft, 'actual', `"${displayText(value)}" is not a milestone state (done/udført, in progress/i gang, no/nej)`);
      } else {
        draft.actual = { kind: 'milestone', state };
      }
      return;
    }
    if (isBlank(value)) return;
    this.attempt(draft, 'actual', () => {
      const quantity: Quantity | null = quantityFromCell(value, this.format(draft.rowIndex, 'actual'));
      if (quantity === null) throw new RuleError(`"${displayText(value)}" is not a number`);
      checkSign(quantity.sign, unit);
      checkRange(quantity.value, unit, 'the actual');
      draft.actual = { kind: 'number', value: quantity.value };
    });
  }

  computeTargets(draft: Draft, years: number[]): void {
    if (draft.error || !draft.rule || draft.unit === null || draft.mirrorOf !== null) return;
    const unit = draft.unit;
    this.attempt(draft, 'target', () => {
      const targets = computeYearTargets(draft.rule as TargetRule, { unit, baseline: draft.baseline, years });
      for (const target of targets.values()) {
        if ((target.kind === 'milestone') !== (unit === 'milestone') && target.kind !== 'dropped') {
          throw new RuleError(
            unit === 'milestone' ? 'a milestone row needs a target such as "udført senest 31-12-2021"' : `a milestone target needs the unit milestone, not ${unit}`,
          );
        }
      }
      draft.yearTargets = targets;
    });
  }
}

/** Whether a source's natural unit can stand in a row of `unit`. */
function sourceFits(source: Unit, unit: Unit): boolean {
  if (source === unit) return true;
  const plain: Unit[] = ['count', 'number', 'DKK'];
  return plain.includes(source) && plain.includes(unit);
}

function checkSign(sign: Quantity['sign'], unit: Unit): void {
  if (sign !== null && signConflicts(sign, unit)) {
    throw new RuleError(`the sign ${sign} does not fit the row's unit ${unit}`);
  }
}

function checkRange(value: number, unit: Unit, what: string): void {
  const range = unitRange(unit);
  if (range && (value < range[0] - 1e-9 || value > range[1] + 1e-9)) {
    const hi = Number.isFinite(range[1]) ? `${range[1]}` : '';
    throw new RuleError(`${what} ${formatValue(value, unit, 'en')} is outside the range of ${unit} (${range[0]}–${hi})`);
  }
}

/** Decides final statuses in dependency order: mirrors and parents after what they depend on. */
class Resolver {
  private readonly visiting = new Set<Draft>();

  constructor(
    private readonly byId: Map<string, Draft>,
    private readonly children: Map<string, Draft[]>,
    private readonly options: EvaluateSheetOptions,
    private readonly language: Language,
  ) {}

  finalize(draft: Draft): Final {
    if (draft.final) return draft.final;
    if (this.visiting.has(draft)) {
      // A cycle: every row on it is an error (SPEC §4 goal()).
      const cycle = [...this.visiting].filter((row) => row.mirrorOf !== null).map((row) => row.id);
      for (const row of this.visiting) {
        if (row.mirrorOf !== null && !row.final) row.final = this.errorFinal(row, `goal(${row.mirrorOf}) is part of a cycle: ${cycle.join(' → ')}`);
      }
      return draft.final ?? this.errorFinal(draft, `goal(${draft.mirrorOf}) is part of a cycle`);
    }
    this.visiting.add(draft);
    const final = this.decide(draft);
    this.visiting.delete(draft);
    draft.final ??= final;
    return draft.final;
  }

  private errorFinal(draft: Draft, reason: string): Final {
    const where = draft.mirrorCell ?? { cell: draft.id, label: 'goal()' };
    return {
      status: 'error',
      gap: null,
      errorCell: draft.mirrorCell?.cell,
      explanation: `${where.label} (${where.cell}): ${reason}`,
      actual: null,
      unit: draft.unit,
      yearTargets: new Map(),
      calculatedActual: null,
    };
  }

  private decide(draft: Draft): Final {
    const language = this.language;
    if (draft.error) {
      return { status: 'error', gap: null, explanation: draft.error.explanation, actual: null, unit: draft.unit, yearTargets: draft.yearTargets, calculatedActual: null };
    }
    if (draft.mirrorOf !== null) return this.withManual(draft, this.mirror(draft));
    const kids = this.children.get(draft.id);
    if (kids && !draft.rule) {
      const judgement = rollUp(
        kids.map((kid) => ({ id: kid.id, status: this.finalize(kid).status })),
        language,
      );
      return this.withManual(draft, { ...judgement, actual: null, unit: null, yearTargets: new Map(), calculatedActual: null });
    }
    const computed = this.judgeLeaf(draft);
    return this.withManual(draft, {
      ...computed,
      explanation: joinParts([computed.explanation, draft.sourceBase, ...draft.notes]),
      actual: actualValue(draft.actual),
      unit: draft.unit,
      yearTargets: draft.yearTargets,
      calculatedActual: draft.sourceValue,
    });
  }

  private mirror(draft: Draft): Final {
    const id = draft.mirrorOf as string;
    const target = this.byId.get(id);
    if (!target) return this.errorFinal(draft, `there is no goal ${id} on this sheet`);
    if (target === draft) return this.errorFinal(draft, 'a goal cannot mirror itself');
    const final = this.finalize(target);
    if (draft.final) return draft.final; // decided as part of a cycle
    const notes = draft.rule ? [phrase('ownTargetIgnored', this.language)] : [];
    const calculated = typeof final.actual === 'number' ? final.actual : null;
    return {
      ...final,
      explanation: joinParts([`${phrase('mirrors', this.language)} ${id}: ${final.explanation}`, ...notes]),
      calculatedActual: calculated,
    };
  }

  private judgeLeaf(draft: Draft): Judgement {
    const language = this.language;
    const year = this.options.year;
    // SPEC §3: a qualitative goal (an ID with no Target, no children, no goal()) has no target, it was not dropped.
    if (!draft.rule) return { status: 'no-target', gap: null, explanation: phrase('qualitative', language) };
    const target = draft.yearTargets.get(year);
    if (!target) return { status: 'not-applicable', gap: null, explanation: `${phrase('noTargetFor', language)} ${year}` };
    if (target.kind === 'dropped') return { status: 'not-applicable', gap: null, explanation: `${phrase('droppedIn', language)} ${year}` };
    if (target.kind === 'milestone') {
      if (yearOfDay(target.due) < year) {
        return { status: 'not-applicable', gap: null, explanation: `${phrase('due', language)} ${isoFromDay(target.due)}` };
      }
      const state = draft.actual.kind === 'milestone' ? draft.actual.state : 'blank';
      return judgeMilestone(state, target.due, draft.asOf, language);
    }
    if (draft.actual.kind !== 'number') return { status: 'no-data', gap: null, explanation: phrase('noActual', language) };
    return judgeNumeric({
      actual: draft.actual.value,
      target,
      unit: draft.unit as Unit,
      tolerance: draft.tolerance,
      cumulative: draft.cumulative ?? draft.unit === 'count',
      year,
      asOf: draft.asOf,
      language,
    });
  }

  /** SPEC §3 precedence: error, then Manual status, then the rest. */
  private withManual(draft: Draft, computed: Final): Final {
    if (computed.status === 'error' || draft.manual === null) return computed;
    const language = this.language;
    const manual = `${capitalise(phrase('manual', language))}: ${statusLabel(draft.manual, language)}`;
    return {
      ...computed,
      status: draft.manual,
      explanation: `${manual} (${phrase('computed', language)}: ${statusLabel(computed.status, language)}; ${computed.explanation})`,
    };
  }
}

/** The JSON report's actual: a number in the row's unit, or a milestone's state in English (`done`). */
function actualValue(actual: Actual): number | string | null {
  if (actual.kind === 'number') return actual.value;
  if (actual.kind === 'milestone') return milestoneStateText(actual.state, 'en');
  return null;
}

function joinParts(parts: (string | null | undefined)[]): string {
  return parts.filter((part): part is string => !!part).join('; ');
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
