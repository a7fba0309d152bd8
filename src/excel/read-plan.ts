/**
 * Read planning, pure (planning apart from Excel I/O): the budgets, how a sheet's
 * bytes are estimated from its first rows, how blocks are cut into row chunks and packed into
 * syncs, column runs, and how Excel's cell values become the engine's. No Office here: the
 * planning is tested without a double (README.md, "Round trips").
 */
import type { CellValue, SheetColumnNeed, SheetSnapshot, SourceColumns, WorkbookSnapshot } from '../engine/index';

/** Excel on the web rejects a response over 5 MB; we aim for this much per sync, leaving room for the envelope. */
export const READ_BUDGET_BYTES = 4_000_000;
/** Excel's limit on cells per range read. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** SPEC §1: a goal sheet's header is in one of its first 20 rows. */
export const HEAD_ROWS = 20;
/**
 * A data sheet estimated at no more than this share of the budget is read whole with the goal
 * sheets: reading a few columns of it would not save a sync, and `listSourceColumns` then sees
 * it whole (a `Labels` or `Kommuner` list).
 */
export const SMALL_SHEET_SHARE = 1 / 8;

const ERROR_LITERALS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#CONNECT!', '#BLOCKED!', '#UNKNOWN!']);

/** The engine functions the reader needs, passed in so tests can count what is read and asked. */
export interface SheetClassifier {
  isGoalSheetHead(values: CellValue[][]): boolean;
  isSettingsSheetName(name: string): boolean;
  /**
   * The columns the Source cells read, per sheet (the engine's `listSourceColumns`). Asked only
   * when the workbook needs more than one read sync: first with every sheet's first 20 rows
   * (which big sheets could be read in part at all), then with the goal sheets, the settings
   * sheet and the small sheets whole and the big sheets' first 20 rows. Without it, a large
   * workbook is read whole, in row chunks.
   */
  listSourceColumns?(snapshot: WorkbookSnapshot): SourceColumns;
}

export interface SheetSurvey {
  name: string;
  protected: boolean;
  rowCount: number;
  columnCount: number;
  /** Goal sheet or settings sheet: read with number formats and formulas. */
  rich: boolean;
  isGoalSheet: boolean;
}

export interface ReadWorkbookOptions extends SheetClassifier {
  /** Per-sync response budget; lowered only by tests. */
  budgetBytes?: number;
  /** Called with a fraction 0..1 as syncs complete. */
  onProgress?: (fraction: number) => void;
  /** Runs between the survey and the cell reads; throwing there stops the read (a protected goal sheet, say). */
  afterSurvey?: (sheets: readonly SheetSurvey[]) => void;
}

export interface ReadWorkbookResult {
  snapshot: WorkbookSnapshot;
  sheets: SheetSurvey[];
  /**
   * The sheets read in part, by name: the 0-based columns read below the first 20 rows (`[]`:
   * none). Their other cells are `null` in the snapshot. Empty when the workbook was read whole.
   */
  partialSheets: Map<string, readonly number[]>;
  /** The workbook's defined names, read with the sheet list. */
  definedNames: string[];
}

/** Excel's value for a cell as the engine types it: `''` is blank, `'#N/A'` an error. */
export function cellValueFromExcel(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string') return ERROR_LITERALS.has(value) ? { error: value } : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** A block of one sheet to read: rows `top`… and columns `left`…, cut into chunks by {@link planReadChunks}. */
export interface ReadBlock {
  rowCount: number;
  columnCount: number;
  bytesPerCell: number;
  /** First row (0-based); default 0. */
  top?: number;
}

/** Rows of one block read in one range: `block` indexes the list given to {@link planReadChunks}. */
export interface ReadChunk {
  block: number;
  top: number;
  rows: number;
  bytes: number;
}

/** Average JSON bytes per cell in the first rows, with a floor and a margin for longer text further down. */
export function estimateBytesPerCell(head: unknown[][], rich: boolean): number {
  const cells = head.reduce((n, row) => n + row.length, 0) || 1;
  const perCell = JSON.stringify(head).length / cells;
  const values = Math.max(4, perCell * 1.5);
  // formulas are about as long as values; a number format is `"General",` or similar.
  return rich ? values * 2 + 14 : values;
}

/**
 * Splits each block into row chunks under the budget (and Excel's cells-per-read limit) and
 * packs the chunks into syncs, first fit, largest first.
 *
 * @example
 * planReadChunks([{ rowCount: 100_000, columnCount: 8, bytesPerCell: 10 }], 4_000_000).length // 2
 */
export function planReadChunks(
  blocks: readonly ReadBlock[],
  budgetBytes: number,
  limits: { rowCap: number; pack: boolean } = { rowCap: Number.POSITIVE_INFINITY, pack: true },
): ReadChunk[][] {
  const chunks: ReadChunk[] = [];
  blocks.forEach((b, index) => {
    const rowBytes = b.columnCount * b.bytesPerCell;
    const maxRows = Math.max(1, Math.min(Math.floor(budgetBytes / rowBytes), Math.floor(MAX_CELLS_PER_READ / b.columnCount), limits.rowCap));
    const first = b.top ?? 0;
    for (let top = first; top < first + b.rowCount; top += maxRows) {
      const rows = Math.min(maxRows, first + b.rowCount - top);
      chunks.push({ block: index, top, rows, bytes: rows * rowBytes });
    }
  });
  // First fit, largest first: a small goal sheet rides along with a data chunk instead of
  // costing a sync of its own.
  const syncs: { chunks: ReadChunk[]; bytes: number }[] = [];
  for (const chunk of [...chunks].sort((a, b) => b.bytes - a.bytes)) {
    const room = limits.pack ? syncs.find((s) => s.bytes + chunk.bytes <= budgetBytes) : undefined;
    if (room) {
      room.chunks.push(chunk);
      room.bytes += chunk.bytes;
    } else syncs.push({ chunks: [chunk], bytes: chunk.bytes });
  }
  return syncs.map((s) => s.chunks);
}

/**
 * Runs of adjacent columns: `[1, 2, 3, 7]` → `[{ left: 1, count: 3 }, { left: 7, count: 1 }]`.
 *
 * @example groupColumnRuns([4, 1, 2]) // [{ left: 1, count: 2 }, { left: 4, count: 1 }]
 */
export function groupColumnRuns(columns: readonly number[]): { left: number; count: number }[] {
  const runs: { left: number; count: number }[] = [];
  for (const c of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.left + last.count === c) last.count += 1;
    else runs.push({ left: c, count: 1 });
  }
  return runs;
}

/** True when a need leaves some of a sheet's columns unread. */
export function leavesColumnsOut(need: SheetColumnNeed | undefined, columnCount: number): boolean {
  return need !== undefined && need !== 'all' && need.filter((c) => c < columnCount).length < columnCount;
}

/** One range to read, in sheet terms. */
export interface ReadTarget extends ReadBlock {
  sheet: number;
  left: number;
  rich: boolean;
}

/** The rows without the trailing empty ones, as {@link trimEmptyTail} would leave them (not mutating). */
export function trimmedRows(sheet: SheetSnapshot): CellValue[][] {
  let end = sheet.values.length;
  while (end > 0 && sheet.values[end - 1]!.every((v) => v === null) && !sheet.formulas?.[end - 1]?.some(Boolean)) end--;
  return sheet.values.slice(0, end);
}

/** Drops trailing empty rows (an empty sheet reads as A1 = ''), so an empty sheet has no rows. */
export function trimEmptyTail(sheet: SheetSnapshot): void {
  const last = (): number => sheet.values.length - 1;
  while (sheet.values.length > 0 && sheet.values[last()]!.every((v) => v === null) && !sheet.formulas?.[last()]?.some(Boolean)) {
    sheet.values.pop();
    sheet.numberFormats?.pop();
    sheet.formulas?.pop();
  }
}
