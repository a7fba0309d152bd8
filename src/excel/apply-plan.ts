/**
 * Queues the engine's {@link WritePlan} as few Excel requests as the cells allow, at the
 * declared floor ExcelApi 1.2 (README.md, "Writes"):
 *
 * - one batch per sheet, each sheet's requests together and in the plan's sheet order, the
 *   settings sheet (`Last recalculated`) last, so the stamp says a recalculation finished only
 *   when everything before it was written; a batch Excel stops part-way is sent again whole
 *   (guarded-write.ts; docs/spec.md §7);
 * - within a sheet: its set-up (clear, widths, gridlines, print), values and number formats as
 *   one 2-D block per contiguous vertical run in a column, then fills, font colours, bold,
 *   wrap and indent grouped by value, one `getRange` per area (no `getRanges`: ExcelApi 1.9);
 * - members above the floor only when {@link ApiSupport} says Excel has them; otherwise the
 *   content is written and {@link QueuedPlan.notApplied} says what could not be set;
 * - never a cell whose formula flag was read as set (SPEC §1: a formula is never overwritten).
 */
import { cellAddress, columnLetter, DEFAULT_ROW_HEIGHT, type CellWrite, type SheetSetup, type WorkbookSnapshot, type WritePlan } from '../engine/index';
import { packAreas } from './addresses';
import { OPTIONAL_SETS, SUPPORTS_ALL, type ApiSupport } from './requirements';

/** A write the adapter did not make, and why. */
export interface SkippedExcelWrite {
  write: CellWrite;
  /** `'Mål 2021'!H7` */
  cell: string;
  reason: 'formula';
}

/** Something of the plan this Excel cannot set (below the ExcelApi set it needs); the content is written. */
export interface NotApplied {
  /** `print`, `gridlines`, `indent`, `definedName`. */
  feature: 'print' | 'gridlines' | 'indent' | 'definedName';
  /** The sheet, or the defined name. */
  target: string;
  /** The ExcelApi set it needs. */
  requires: string;
}

export interface QueuedPlan {
  /** Requests queued (range writes, format groups, sheet additions), for tests and logs. */
  requests: number;
  written: number;
  skipped: SkippedExcelWrite[];
  notApplied: NotApplied[];
}

/** One sheet's share of the write: queued as a unit, confirmed by the trace after it, sent again whole when Excel stopped it. */
export interface SheetBatch {
  /** The sheet, or `''` for the workbook-level part (defined names). */
  sheet: string;
  /** Estimated request bytes (JSON of the values and formats it sends). */
  bytes: number;
  /** Queues the batch's requests on `context`; returns how many. */
  queue(context: Excel.RequestContext): number;
  /**
   * After a sync Excel stopped: the trace messages that ran. A sheet added or a name made before
   * the stop is not added again when the batch is sent again (guarded-write.ts).
   */
  confirm?(traces: readonly string[]): void;
}

/** The trace queued right after a sheet is added: a failed sync's `traceMessages` then says it exists. */
export const addedTrace = (sheet: string): string => `trafiklys:added ${sheet}`;
/** The trace queued right after a defined name is made. */
export const namedTrace = (name: string): string => `trafiklys:name ${name}`;

export interface PlanBatchesOptions {
  /** The sheet names read earlier; a planned sheet already there is not added again. */
  existingSheets: readonly string[];
  /** The workbook's defined names read earlier; one the plan names again is replaced. */
  existingNames?: readonly string[];
  supports?: ApiSupport;
  /** The settings sheet's name, written last. */
  settingsSheet?: string;
}

export interface PlannedBatches {
  batches: SheetBatch[];
  written: number;
  skipped: SkippedExcelWrite[];
  notApplied: NotApplied[];
}

/** Excel resets a font colour to automatic only through the UI; black is what automatic shows. */
export const AUTOMATIC_FONT_COLOR = '#000000';
/** Points per character of column width (Calibri 11's digit width, about 7 pt), as insertNewSheets uses. */
export const POINTS_PER_CHARACTER = 7;

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
 * Cuts the plan into one {@link SheetBatch} per sheet, in the order they must run. Pure apart
 * from the closures, which queue on the context they are given.
 *
 * @example
 * const { batches } = planWriteBatches(plan, snapshot, { existingSheets: names, supports });
 * for (const b of batches) b.queue(context);
 * await context.sync();
 */
export function planWriteBatches(plan: WritePlan, snapshot: WorkbookSnapshot, options: PlanBatchesOptions): PlannedBatches {
  const supports = options.supports ?? SUPPORTS_ALL;
  const known = new Set(options.existingSheets.map((n) => n.toLowerCase()));
  const toAdd = plan.addSheets.filter((name) => !known.has(name.toLowerCase()));
  const notApplied: NotApplied[] = [];

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
  const order: string[] = [];
  const touch = (name: string): void => {
    if (!bySheet.has(name)) {
      bySheet.set(name, []);
      order.push(name);
    }
  };
  // The plan's own sheet order (goal sheets, then the history and report sheets Trafiklys owns):
  // a failure part-way leaves the goal sheets done before the history records them.
  for (const write of merged.values()) {
    touch(write.sheet);
    bySheet.get(write.sheet)!.push(write);
  }
  for (const name of toAdd) touch(name);
  for (const setup of plan.sheetSetups ?? []) touch(setup.sheet);
  // The settings sheet's stamp last: it claims a finished recalculation.
  const settings = options.settingsSheet?.toLowerCase();
  const sorted = [...order.filter((n) => n.toLowerCase() !== settings), ...order.filter((n) => n.toLowerCase() === settings)];

  const batches: SheetBatch[] = sorted.map((name) => {
    const writes = bySheet.get(name)!;
    let adds = toAdd.includes(name);
    const setup = (plan.sheetSetups ?? []).find((s) => s.sheet === name);
    if (setup) notApplied.push(...unsupportedSetup(setup, supports));
    if (!supports(OPTIONAL_SETS.indent) && writes.some((w) => (w.indent ?? 0) > 0)) notApplied.push({ feature: 'indent', target: name, requires: OPTIONAL_SETS.indent });
    return {
      sheet: name,
      bytes: estimateBytes(writes),
      queue: (context) => {
        const ws = adds ? context.workbook.worksheets.add(name) : context.workbook.worksheets.getItem(name);
        if (adds) context.trace(addedTrace(name));
        return (adds ? 1 : 0) + (setup ? queueSetup(ws, setup, supports) : 0) + queueSheetWrites(ws, writes, supports);
      },
      confirm: (traces) => {
        if (traces.includes(addedTrace(name))) adds = false;
      },
    };
  });

  const names = plan.definedNames ?? [];
  if (names.length > 0) {
    if (!supports(OPTIONAL_SETS.definedNames)) {
      for (const n of names) notApplied.push({ feature: 'definedName', target: n.name, requires: OPTIONAL_SETS.definedNames });
    } else {
      const existing = new Set((options.existingNames ?? []).map((n) => n.toLowerCase()));
      // After the sheets they point at exist and are written, before the settings stamp.
      const at = settings !== undefined && sorted[sorted.length - 1]?.toLowerCase() === settings ? batches.length - 1 : batches.length;
      batches.splice(at, 0, {
        sheet: '',
        bytes: JSON.stringify(names).length,
        queue: (context) => {
          for (const n of names) {
            if (existing.has(n.name.toLowerCase())) context.workbook.names.getItem(n.name).delete();
            context.workbook.names.add(n.name, `=${n.refersTo}`);
            context.trace(namedTrace(n.name));
          }
          return names.length;
        },
        confirm: (traces) => {
          for (const n of names) if (traces.includes(namedTrace(n.name))) existing.add(n.name.toLowerCase());
        },
      });
    }
  }
  return { batches, written: merged.size, skipped, notApplied };
}

/**
 * Queues the whole plan for one sync (the common case: it fits one request).
 *
 * @example
 * const queued = queueWritePlan(context, recalculation.plan, snapshot, names);
 * await context.sync();
 */
export function queueWritePlan(context: Excel.RequestContext, plan: WritePlan, snapshot: WorkbookSnapshot, existingSheets: readonly string[], supports: ApiSupport = SUPPORTS_ALL): QueuedPlan {
  const planned = planWriteBatches(plan, snapshot, { existingSheets, supports });
  const requests = planned.batches.reduce((n, b) => n + b.queue(context), 0);
  return { requests, written: planned.written, skipped: planned.skipped, notApplied: planned.notApplied };
}

/**
 * Groups batches into syncs whose estimated request stays under `budgetBytes`, never splitting a
 * sheet (a sheet bigger than the budget is a sync of its own).
 *
 * @example groupBatches([{ bytes: 3 }, { bytes: 3 }, { bytes: 3 }], 7).map((g) => g.length) // [2, 1]
 */
export function groupBatches<T extends { bytes: number }>(batches: readonly T[], budgetBytes: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const batch of batches) {
    if (current.length > 0 && bytes + batch.bytes > budgetBytes) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(batch);
    bytes += batch.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** JSON bytes the writes send, with a margin for the request envelope of each range. */
function estimateBytes(writes: readonly CellWrite[]): number {
  return writes.reduce((n, w) => n + JSON.stringify(w.value).length + (w.numberFormat?.length ?? 0) + 24, 200);
}

function unsupportedSetup(setup: SheetSetup, supports: ApiSupport): NotApplied[] {
  const out: NotApplied[] = [];
  if (setup.print && !supports(OPTIONAL_SETS.pageLayout)) out.push({ feature: 'print', target: setup.sheet, requires: OPTIONAL_SETS.pageLayout });
  if (setup.showGridlines !== undefined && !supports(OPTIONAL_SETS.gridlines)) out.push({ feature: 'gridlines', target: setup.sheet, requires: OPTIONAL_SETS.gridlines });
  return out;
}

/** A sheet Trafiklys owns whole: cleared first, then widths, row heights, gridlines and print settings. */
function queueSetup(ws: Excel.Worksheet, setup: SheetSetup, supports: ApiSupport): number {
  let requests = 0;
  if (setup.clear) {
    ws.getRange().clear();
    requests += 1;
  }
  (setup.columnWidths ?? []).forEach((width, col) => {
    if (width === null) return;
    const letter = columnLetter(col);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = width * POINTS_PER_CHARACTER;
    requests += 1;
  });
  if (setup.rowHeights) {
    // Range.clear() leaves row heights as they are: back to the default first, so a row that was
    // tall in an earlier report does not stay so.
    ws.getRange().format.rowHeight = DEFAULT_ROW_HEIGHT;
    requests += 1;
  }
  for (const { row, height } of setup.rowHeights ?? []) {
    ws.getRange(`${row + 1}:${row + 1}`).format.rowHeight = height;
    requests += 1;
  }
  if (setup.showGridlines !== undefined && supports(OPTIONAL_SETS.gridlines)) {
    ws.showGridlines = setup.showGridlines;
    requests += 1;
  }
  if (setup.print && supports(OPTIONAL_SETS.pageLayout)) {
    const layout = ws.pageLayout;
    layout.orientation = setup.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    layout.paperSize = 'A4';
    if (setup.print.fitToPagesWide !== undefined) layout.zoom = { horizontalFitToPages: setup.print.fitToPagesWide, verticalFitToPages: 0 };
    if (setup.print.repeatRows) layout.setPrintTitleRows(`$${setup.print.repeatRows.first + 1}:$${setup.print.repeatRows.last + 1}`);
    requests += 2 + (setup.print.fitToPagesWide !== undefined ? 1 : 0) + (setup.print.repeatRows ? 1 : 0);
  }
  return requests;
}

/** Values first, then the formats grouped by value, one `getRange` per packed area. */
function queueSheetWrites(ws: Excel.Worksheet, writes: CellWrite[], supports: ApiSupport): number {
  let requests = queueValueRuns(ws, writes);
  const each = (address: string, apply: (range: Excel.Range) => void): void => apply(ws.getRange(address));
  requests += queueGroups(writes, (w) => (w.fill === undefined ? undefined : (w.fill ?? 'clear')), (address, fill) =>
    each(address, (r) => (fill === 'clear' ? r.format.fill.clear() : (r.format.fill.color = fill))),
  );
  requests += queueGroups(writes, (w) => (w.fontColor === undefined ? undefined : (w.fontColor ?? AUTOMATIC_FONT_COLOR)), (address, color) =>
    each(address, (r) => (r.format.font.color = color)),
  );
  requests += queueGroups(writes, (w) => (w.bold === undefined ? undefined : String(w.bold)), (address, bold) => each(address, (r) => (r.format.font.bold = bold === 'true')));
  requests += queueGroups(writes, (w) => (w.wrap === undefined ? undefined : String(w.wrap)), (address, wrap) => each(address, (r) => (r.format.wrapText = wrap === 'true')));
  // RangeFormat.verticalAlignment is ExcelApi 1.1 (https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-verticalalignment-member).
  requests += queueGroups(writes, (w) => w.verticalAlignment, (address) => each(address, (r) => (r.format.verticalAlignment = 'Top')));
  if (supports(OPTIONAL_SETS.indent)) {
    requests += queueGroups(writes, (w) => (w.indent === undefined ? undefined : String(w.indent)), (address, indent) => each(address, (r) => (r.format.indentLevel = Number(indent))));
  }
  return requests;
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
