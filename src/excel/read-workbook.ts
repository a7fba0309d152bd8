/**
 * Reads the engine's {@link WorkbookSnapshot} from the open workbook in a fixed number of
 * round trips (README.md, "Round trips"):
 *
 * 1. the sheet list with each sheet's name and protection;
 * 2. per sheet the size of A1 through the used range (values only) and its first 20 rows,
 *    enough to tell goal sheets (SPEC §1) from data sheets;
 * 3. every sheet's values, plus number formats and formulas for goal sheets and the settings
 *    sheet only; a sheet too large for one 5 MB response is read in row chunks, and chunks
 *    are packed into as few syncs as the budget allows.
 *
 * Only named properties are loaded; nothing here loops over `sync`.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../engine/types';
import { rangeAddress } from './addresses';

/** Excel on the web rejects a response over 5 MB; we aim for this much per sync, leaving room for the envelope. */
export const READ_BUDGET_BYTES = 4_000_000;
/** Excel's limit on cells per range read. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** SPEC §1: a goal sheet's header is in one of its first 20 rows. */
export const HEAD_ROWS = 20;

const ERROR_LITERALS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#CONNECT!', '#BLOCKED!', '#UNKNOWN!']);

/** The engine functions the reader needs, passed in so tests can count what is read. */
export interface SheetClassifier {
  isGoalSheetHead(values: CellValue[][]): boolean;
  isSettingsSheetName(name: string): boolean;
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
}

/** Counts round trips, including those of a batch that failed. */
export interface SyncCounter {
  syncs: number;
}

/** `context.sync()` that counts itself. */
export async function countedSync(context: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs += 1;
  await context.sync();
}

/** Excel's value for a cell as the engine types it: `''` is blank, `'#N/A'` an error. */
export function cellValueFromExcel(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string') return ERROR_LITERALS.has(value) ? { error: value } : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

interface Chunk {
  sheet: number;
  top: number;
  rows: number;
  bytes: number;
}

/** Average JSON bytes per cell in the first rows, with a floor and a margin for longer text further down. */
function estimateBytesPerCell(head: unknown[][], rich: boolean): number {
  const cells = head.reduce((n, row) => n + row.length, 0) || 1;
  const perCell = JSON.stringify(head).length / cells;
  const values = Math.max(4, perCell * 1.5);
  // formulas are about as long as values; a number format is `"General",` or similar.
  return rich ? values * 2 + 14 : values;
}

/** Splits each sheet into row chunks under the budget and packs chunks into syncs. */
export function planReadChunks(
  sheets: readonly { rowCount: number; columnCount: number; bytesPerCell: number }[],
  budgetBytes: number,
  limits: { rowCap: number; pack: boolean } = { rowCap: Number.POSITIVE_INFINITY, pack: true },
): Chunk[][] {
  const chunks: Chunk[] = [];
  sheets.forEach((s, index) => {
    const rowBytes = s.columnCount * s.bytesPerCell;
    const maxRows = Math.max(1, Math.min(Math.floor(budgetBytes / rowBytes), Math.floor(MAX_CELLS_PER_READ / s.columnCount), limits.rowCap));
    for (let top = 0; top < s.rowCount; top += maxRows) {
      const rows = Math.min(maxRows, s.rowCount - top);
      chunks.push({ sheet: index, top, rows, bytes: rows * rowBytes });
    }
  });
  // First fit, largest first: a small goal sheet rides along with a data chunk instead of
  // costing a sync of its own.
  const syncs: { chunks: Chunk[]; bytes: number }[] = [];
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
 * Reads the snapshot. Throws what Excel throws, and what `afterSurvey` throws; callers turn
 * it into a HostError.
 *
 * @example
 * const counter = { syncs: 0 };
 * const { snapshot } = await readWorkbook(context, { isGoalSheetHead, isSettingsSheetName }, counter);
 */
export async function readWorkbook(context: Excel.RequestContext, options: ReadWorkbookOptions, counter: SyncCounter = { syncs: 0 }): Promise<ReadWorkbookResult> {  const progress = (f: number): void => options.onProgress?.(f);

  // Sync 1: the sheet list.
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/protection/protected');
  await countedSync(context, counter);
  const items = worksheets.items;
  progress(0.2);

  // Sync 2: sizes from A1 through the used range, and the head rows.
  const probes = items.map((ws) => {
    const full = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true));
    full.load('rowCount,columnCount');
    const head = full.getIntersection(`1:${HEAD_ROWS}`);
    head.load('values');
    return { ws, full, head };
  });
  await countedSync(context, counter);
  progress(0.4);

  const heads = probes.map((p) => p.head.values.map((row) => row.map(cellValueFromExcel)));
  const surveys: SheetSurvey[] = probes.map((p, i) => {
    const name = items[i]!.name;
    const isGoalSheet = options.isGoalSheetHead(heads[i]!);
    return {
      name,
      protected: items[i]!.protection.protected,
      rowCount: p.full.rowCount,
      columnCount: p.full.columnCount,
      isGoalSheet,
      rich: isGoalSheet || options.isSettingsSheetName(name),
    };
  });
  options.afterSurvey?.(surveys);

  // Sync 3 (+ extra chunks for very large sheets): the cells. Should Excel still refuse a
  // response as too large (text further down much longer than in the head rows the estimate
  // saw), read again with a quarter of the rows per chunk and one chunk per sync: extra syncs
  // only in that case.
  const budget = options.budgetBytes ?? READ_BUDGET_BYTES;
  let limits: ChunkLimits = { rowCap: Number.POSITIVE_INFINITY, pack: true };
  for (let attempt = 0; ; attempt++) {
    try {
      const sheets = await readCells(context, probes, surveys, budget, limits, counter, (f) => progress(0.4 + 0.6 * f));
      return { snapshot: { sheets }, sheets: surveys };
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== 'RequestPayloadSizeLimitExceeded' || !(error instanceof ChunkReadError) || attempt >= 5) throw unwrap(error);
      limits = { rowCap: Math.max(1, Math.floor(error.largestChunkRows / 4)), pack: false };
    }
  }
}

interface ChunkLimits {
  rowCap: number;
  /** Several chunks per sync while the estimate holds; one per sync after it failed. */
  pack: boolean;
}

/** A read sync Excel refused, with the largest chunk it held (for the retry). */
class ChunkReadError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly largestChunkRows: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
  get code(): unknown {
    return (this.cause as { code?: unknown } | null)?.code;
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof ChunkReadError ? error.cause : error;
}

async function readCells(
  context: Excel.RequestContext,
  probes: { ws: Excel.Worksheet; head: Excel.Range }[],
  surveys: SheetSurvey[],
  budget: number,
  limits: ChunkLimits,
  counter: SyncCounter,
  progress: (fraction: number) => void,
): Promise<SheetSnapshot[]> {
  const plan = planReadChunks(
    surveys.map((s, i) => ({ rowCount: s.rowCount, columnCount: s.columnCount, bytesPerCell: estimateBytesPerCell(probes[i]!.head.values, s.rich) })),
    budget,
    limits,
  );
  const snapshots: SheetSnapshot[] = surveys.map((s) => ({
    name: s.name,
    values: [],
    ...(s.rich ? { numberFormats: [], formulas: [] } : {}),
  }));
  for (const [index, group] of plan.entries()) {
    const reads = group.map((chunk) => {
      const survey = surveys[chunk.sheet]!;
      const range = probes[chunk.sheet]!.ws.getRange(rangeAddress(chunk.top, 0, chunk.top + chunk.rows - 1, survey.columnCount - 1));
      range.load(survey.rich ? 'values,numberFormat,formulas' : 'values');
      return { chunk, range, rich: survey.rich };
    });
    try {
      await countedSync(context, counter);
    } catch (error) {
      throw new ChunkReadError(error, Math.max(...group.map((c) => c.rows)));
    }
    for (const { chunk, range, rich } of reads) {
      // Chunks arrive in packing order, not sheet order: place each at its own rows.
      const target = snapshots[chunk.sheet]!;
      range.values.forEach((row, i) => (target.values[chunk.top + i] = row.map(cellValueFromExcel)));
      if (rich) {
        range.numberFormat.forEach((row, i) => (target.numberFormats![chunk.top + i] = row.map((f) => (typeof f === 'string' && f !== 'General' ? f : null))));
        range.formulas.forEach((row, i) => (target.formulas![chunk.top + i] = row.map((f) => typeof f === 'string' && f.startsWith('='))));
      }
    }
    progress((index + 1) / plan.length);
  }
  for (const s of snapshots) trimEmptyTail(s);
  return snapshots;
}

/** Drops trailing empty rows (an empty sheet reads as A1 = ''), so an empty sheet has no rows. */
function trimEmptyTail(sheet: SheetSnapshot): void {
  const last = (): number => sheet.values.length - 1;
  while (sheet.values.length > 0 && sheet.values[last()]!.every((v) => v === null) && !sheet.formulas?.[last()]?.some(Boolean)) {
    sheet.values.pop();
    sheet.numberFormats?.pop();
    sheet.formulas?.pop();
  }
}
