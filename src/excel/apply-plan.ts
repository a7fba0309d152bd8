/**
 * Queues the engine's {@link WritePlan} as few Excel requests as the cells allow, for one
 * `context.sync()` (README.md, "Writes"):
 *
 * - values (and number formats, `null` where a write has none, which Excel reads as "leave
 *   alone") as one 2-D block per contiguous vertical run in a column;
 * - fills, font colours and bold grouped by value, one multi-area `getRanges("F2:F4,F9")`
 *   per group (ExcelApi 1.9);
 * - never a cell whose formula flag was read as set (SPEC §1: a formula is never overwritten).
 */
import { cellAddress, columnLetter, type CellWrite, type WorkbookSnapshot, type WritePlan } from '../engine/index';
import { packAreas } from './addresses';

/** A write the adapter did not make, and why. */
export interface SkippedExcelWrite {
  write: CellWrite;
  /** `'Mål 2021'!H7` */
  cell: string;
  reason: 'formula';
}

export interface QueuedPlan {
  /** Requests queued (range writes, format groups, sheet additions), for tests and logs. */
  requests: number;
  written: number;
  skipped: SkippedExcelWrite[];
}

/** Excel resets a font colour to automatic only through the UI; black is what automatic shows. */
export const AUTOMATIC_FONT_COLOR = '#000000';

/**
 * A plan string as Excel must receive it to store text: values written through `Range.values`
 * are parsed like typed input, so `=…` would become a formula and `45` or `45 %` a number.
 * A leading apostrophe makes Excel keep the rest as text (the apostrophe is not stored).
 *
 * @example textForExcel('40–60 %') // "'40–60 %"; textForExcel('Met') // 'Met'
 */
export function textForExcel(text: string): string {
  if (text === '') return text;
  return /^[=+\-@'#\s\d.,]/.test(text) || /^(true|false)$/i.test(text.trim()) ? `'${text}` : text;
}

function excelValue(value: CellWrite['value']): string | number {
  if (value === null) return ''; // '' clears a cell; null would mean "leave it alone"
  return typeof value === 'string' ? textForExcel(value) : value;
}

function isFormulaCell(snapshot: WorkbookSnapshot, write: CellWrite): boolean {
  const sheet = snapshot.sheets.find((s) => s.name === write.sheet);
  return sheet?.formulas?.[write.row]?.[write.col] === true;
}

/**
 * Queues the plan on `context` (no sync). `existingSheets` are the names read earlier; a
 * planned sheet already there is not added again.
 *
 * @example
 * const queued = queueWritePlan(context, recalculation.plan, snapshot, names);
 * await context.sync();
 */
export function queueWritePlan(context: Excel.RequestContext, plan: WritePlan, snapshot: WorkbookSnapshot, existingSheets: readonly string[]): QueuedPlan {
  let requests = 0;
  const known = new Set(existingSheets.map((n) => n.toLowerCase()));
  for (const name of plan.addSheets) {
    if (known.has(name.toLowerCase())) continue;
    context.workbook.worksheets.add(name);
    known.add(name.toLowerCase());
    requests += 1;
  }

  // The last write to a cell wins, field by field, as if they were applied one by one.
  const merged = new Map<string, CellWrite>();
  const skipped: SkippedExcelWrite[] = [];
  for (const write of plan.writes) {
    if (isFormulaCell(snapshot, write)) {
      skipped.push({ write, cell: cellAddress(write.sheet, write.row, write.col), reason: 'formula' });
      continue;
    }
    const key = `${write.sheet}\u0000${write.row}\u0000${write.col}`;
    const before = merged.get(key);
    merged.set(key, before ? { ...before, ...write } : write);
  }

  const bySheet = new Map<string, CellWrite[]>();
  for (const write of merged.values()) {
    const list = bySheet.get(write.sheet) ?? [];
    list.push(write);
    bySheet.set(write.sheet, list);
  }

  for (const [sheetName, writes] of bySheet) {
    const ws = context.workbook.worksheets.getItem(sheetName);
    requests += queueValueRuns(ws, writes);
    requests += queueGroups(writes, (w) => (w.fill === undefined ? undefined : (w.fill ?? 'clear')), (address, fill) => {
      const areas = ws.getRanges(address);
      if (fill === 'clear') areas.format.fill.clear();
      else areas.format.fill.color = fill;
    });
    requests += queueGroups(writes, (w) => (w.fontColor === undefined ? undefined : (w.fontColor ?? AUTOMATIC_FONT_COLOR)), (address, color) => {
      ws.getRanges(address).format.font.color = color;
    });
    requests += queueGroups(writes, (w) => (w.bold === undefined ? undefined : String(w.bold)), (address, bold) => {
      ws.getRanges(address).format.font.bold = bold === 'true';
    });
  }
  return { requests, written: merged.size, skipped };
}

/** One `values` (and `numberFormat`) block per contiguous vertical run of a column. */
function queueValueRuns(ws: Excel.Worksheet, writes: CellWrite[]): number {
  let requests = 0;
  const byColumn = new Map<number, CellWrite[]>();
  for (const w of writes) {
    const list = byColumn.get(w.col) ?? [];
    list.push(w);
    byColumn.set(w.col, list);
  }
  for (const [col, list] of byColumn) {
    list.sort((a, b) => a.row - b.row);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i]!.row === list[i - 1]!.row + 1) continue;
      const run = list.slice(start, i);
      const letter = columnLetter(col);
      const range = ws.getRange(`${letter}${run[0]!.row + 1}:${letter}${run[run.length - 1]!.row + 1}`);
      range.values = run.map((w) => [excelValue(w.value)]);
      requests += 1;
      if (run.some((w) => w.numberFormat !== undefined)) {
        range.numberFormat = run.map((w) => [w.numberFormat ?? null]);
        requests += 1;
      }
      start = i;
    }
  }
  return requests;
}

/** Groups writes by a format value and hands each group's packed addresses to `apply`. */
function queueGroups(writes: CellWrite[], keyOf: (w: CellWrite) => string | undefined, apply: (address: string, key: string) => void): number {
  const groups = new Map<string, { row: number; col: number }[]>();
  for (const w of writes) {
    const key = keyOf(w);
    if (key === undefined) continue;
    const cells = groups.get(key) ?? [];
    cells.push({ row: w.row, col: w.col });
    groups.set(key, cells);
  }
  let requests = 0;
  for (const [key, cells] of groups) {
    for (const address of packAreas(cells)) {
      apply(address, key);
      requests += 1;
    }
  }
  return requests;
}
