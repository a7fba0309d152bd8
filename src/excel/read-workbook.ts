/**
 * Reads the engine's {@link WorkbookSnapshot} from the open workbook in a fixed number of
 * round trips (README.md, "Round trips"):
 *
 * 1. the sheet list with each sheet's name and protection;
 * 2. per sheet the size of A1 through the used range (values only) and its first 20 rows,
 *    enough to tell goal sheets (SPEC §1) from data sheets;
 * 3. the cells. A workbook that fits one response is read whole in one sync. A larger one with a
 *    big data sheet whose columns the sources may not all need is read in two steps: the goal
 *    sheets, the settings sheet and the other sheets first; then, of each such big sheet, only
 *    the columns its Source cells name (`listSourceColumns`). Each step cuts sheets (or column
 *    runs) into row chunks under the 5 MB response limit and packs the chunks into as few syncs
 *    as the budget allows.
 *
 * Only named properties are loaded; nothing here loops over `sync`.
 */
import type { CellValue, SheetColumnNeed, SheetSnapshot, WorkbookSnapshot } from '../engine/index';
import { rangeAddress } from './addresses';
import {
  type ReadTarget,
  type ReadWorkbookOptions,
  type ReadWorkbookResult,
  type SheetSurvey,
  HEAD_ROWS,
  READ_BUDGET_BYTES,
  SMALL_SHEET_SHARE,
  cellValueFromExcel,
  estimateBytesPerCell,
  groupColumnRuns,
  leavesColumnsOut,
  planReadChunks,
  trimEmptyTail,
  trimmedRows,
} from './read-plan';

export type { ReadWorkbookOptions, ReadWorkbookResult, SheetClassifier, SheetSurvey } from './read-plan';

/** Counts round trips, including those of a batch that failed. */
export interface SyncCounter {
  syncs: number;
}

/** `context.sync()` that counts itself. */
export async function countedSync(context: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs += 1;
  await context.sync();
}

/** Halvings before a too-large read gives up: 2^12 = 4096 times fewer rows per chunk. */
export const MAX_READ_RETRIES = 12;

interface Probe {
  ws: Excel.Worksheet;
  /** The first rows as Excel gave them. */
  head: unknown[][];
}

/**
 * Reads the snapshot. Throws what Excel throws, and what `afterSurvey` throws; callers turn
 * it into a HostError.
 *
 * @example
 * const counter = { syncs: 0 };
 * const { snapshot } = await readWorkbook(context, { isGoalSheetHead, isSettingsSheetName, listSourceColumns }, counter);
 */
export async function readWorkbook(context: Excel.RequestContext, options: ReadWorkbookOptions, counter: SyncCounter = { syncs: 0 }): Promise<ReadWorkbookResult> {
  const progress = (f: number): void => options.onProgress?.(f);

  // Sync 1: the sheet list.
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/protection/protected');
  // The defined names (ExcelApi 1.1), so a planned name that exists is replaced, not refused.
  const names = context.workbook.names;
  names.load('items/name,items/value');
  await countedSync(context, counter);
  const items = worksheets.items;
  const definedNames = names.items.map((n) => n.name);
  // The engine tells its own status report sheet by the name that marks it (SPEC §8).
  const namedRanges = names.items.map((n) => ({ name: n.name, refersTo: String(n.value) }));
  progress(0.2);

  // Sync 2: sizes from A1 through the used range, and the head rows.
  const ranges = items.map((ws) => {
    const full = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true));
    full.load('rowCount,columnCount');
    const head = full.getIntersection(`1:${HEAD_ROWS}`);
    head.load('values');
    return { ws, full, head };
  });
  await countedSync(context, counter);
  progress(0.4);

  const probes: Probe[] = ranges.map((r) => ({ ws: r.ws, head: r.head.values }));
  const heads = probes.map((p) => p.head.map((row) => row.map(cellValueFromExcel)));
  const surveys: SheetSurvey[] = ranges.map((r, i) => {
    const name = items[i]!.name;
    const isGoalSheet = options.isGoalSheetHead(heads[i]!);
    return {
      name,
      protected: items[i]!.protection.protected,
      rowCount: r.full.rowCount,
      columnCount: r.full.columnCount,
      isGoalSheet,
      rich: isGoalSheet || options.isSettingsSheetName(name),
    };
  });
  options.afterSurvey?.(surveys);

  const budget = options.budgetBytes ?? READ_BUDGET_BYTES;
  const reader = new CellReader(context, probes, surveys, budget, counter);
  const whole: ReadTarget[] = surveys.map((s, i) => ({
    sheet: i,
    left: 0,
    rowCount: s.rowCount,
    columnCount: s.columnCount,
    bytesPerCell: estimateBytesPerCell(probes[i]!.head, s.rich),
    rich: s.rich,
  }));
  const partialSheets = new Map<string, readonly number[]>();

  // Sync 3, the one-response case: every sheet whole, as before.
  const bytesOf = (t: ReadTarget): number => t.rowCount * t.columnCount * t.bytesPerCell;
  const small = (t: ReadTarget): boolean => t.rich || bytesOf(t) <= budget * SMALL_SHEET_SHARE;
  const readWhole = async (): Promise<ReadWorkbookResult> => {
    await reader.read(whole, (f) => progress(0.4 + 0.6 * f));
    return { snapshot: { sheets: reader.finish(), definedNames: namedRanges }, sheets: surveys, partialSheets, definedNames };
  };
  if (!options.listSourceColumns || planReadChunks(whole, budget).length <= 1 || whole.every(small)) return readWhole();

  // The Source cells in the goal sheets' first rows already name some columns: the sources of
  // the whole sheet need at least those (listSourceColumns only adds columns as sources are
  // added). A big sheet they already need whole gains nothing from a second step, and reading
  // it with the goal sheets keeps the syncs of a whole read.
  const early = options.listSourceColumns({ sheets: surveys.map((s, i) => ({ name: s.name, values: heads[i]! })) });
  const big = whole.filter((t) => !small(t) && leavesColumnsOut(early.get(surveys[t.sheet]!.name), t.columnCount));
  if (big.length === 0) return readWhole();

  // Step 1: goal sheets, the settings sheet and the other sheets whole; big sheets keep their head.
  await reader.read(
    whole.filter((t) => !big.includes(t)),
    (f) => progress(0.4 + 0.2 * f),
  );
  for (const t of big) reader.keepHead(t.sheet);
  const needs = options.listSourceColumns(reader.currentSnapshot());

  // Step 2: of each big sheet, the rows below the head, in the columns the sources read.
  const targets: ReadTarget[] = [];
  for (const t of big) {
    const survey = surveys[t.sheet]!;
    const headRows = probes[t.sheet]!.head.length;
    const need: SheetColumnNeed = needs.get(survey.name) ?? 'all';
    const below = { sheet: t.sheet, top: headRows, rowCount: survey.rowCount - headRows, rich: false };
    if (need === 'all') {
      reader.prepareWhole(t.sheet);
      targets.push({ ...below, left: 0, columnCount: survey.columnCount, bytesPerCell: t.bytesPerCell });
      continue;
    }
    const columns = need.filter((c) => c < survey.columnCount);
    partialSheets.set(survey.name, columns);
    reader.preparePartial(t.sheet, columns);
    // Step 2 reads data rows: estimate from the head's rows below the header and Qualtrics' two
    // extra header rows, whose question texts and ImportIds run longer than answers.
    const head = probes[t.sheet]!.head;
    const sample = head.length > 3 ? head.slice(3) : head;
    for (const run of groupColumnRuns(columns)) {
      const headCells = sample.map((row) => row.slice(run.left, run.left + run.count));
      targets.push({ ...below, left: run.left, columnCount: run.count, bytesPerCell: estimateBytesPerCell(headCells, false) });
    }
  }
  await reader.read(
    targets.filter((t) => t.rowCount > 0),
    (f) => progress(0.6 + 0.4 * f),
  );
  return { snapshot: { sheets: reader.finish(partialSheets), definedNames: namedRanges }, sheets: surveys, partialSheets, definedNames };
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

/** Reads targets into the sheets' snapshots, placing each chunk at its own rows and columns. */
class CellReader {
  private readonly snapshots: SheetSnapshot[];

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly probes: readonly Probe[],
    private readonly surveys: readonly SheetSurvey[],
    private readonly budget: number,
    private readonly counter: SyncCounter,
  ) {
    this.snapshots = surveys.map((s) => ({ name: s.name, values: [], ...(s.rich ? { numberFormats: [], formulas: [] } : {}) }));
  }

  /** A big sheet before step 2: its head rows exactly as sync 2 read them. */
  keepHead(sheet: number): void {
    this.snapshots[sheet]!.values = this.probes[sheet]!.head.map((row) => row.map(cellValueFromExcel));
  }

  /** A big sheet read whole below its head. */
  prepareWhole(sheet: number): void {
    this.keepHead(sheet);
  }

  /** A big sheet read in part: every row below the head starts as `null`s, as wide as its last column read. */
  preparePartial(sheet: number, columns: readonly number[]): void {
    this.keepHead(sheet);
    const width = columns.length === 0 ? 0 : Math.max(...columns) + 1;
    const values = this.snapshots[sheet]!.values;
    for (let r = values.length; r < this.surveys[sheet]!.rowCount; r++) values.push(new Array<CellValue>(width).fill(null));
  }

  /** What has been read so far, for `listSourceColumns`. */
  currentSnapshot(): WorkbookSnapshot {
    return { sheets: this.snapshots.map((s) => ({ ...s, values: trimmedRows(s) })) };
  }

  /**
   * Reads the targets in as few syncs as the budget allows. Should Excel still refuse a
   * response as too large (text further down much longer than in the head rows the estimate
   * saw), it reads again with half the rows per chunk and one chunk per sync, halving again up
   * to {@link MAX_READ_RETRIES} times: extra syncs only in that case.
   */
  async read(targets: readonly ReadTarget[], progress: (fraction: number) => void): Promise<void> {
    let limits: ChunkLimits = { rowCap: Number.POSITIVE_INFINITY, pack: true };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.readOnce(targets, limits, progress);
        return;
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        // Excel on the web refuses a too-large response with the Response code, other hosts
        // (and a too-large request of many ranges) with the Request one: either means "less per sync".
        const tooLarge = code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
        if (!tooLarge || !(error instanceof ChunkReadError) || attempt >= MAX_READ_RETRIES || error.largestChunkRows <= 1) throw unwrap(error);
        limits = { rowCap: Math.max(1, Math.floor(error.largestChunkRows / 2)), pack: false };
      }
    }
  }

  private async readOnce(targets: readonly ReadTarget[], limits: ChunkLimits, progress: (fraction: number) => void): Promise<void> {
    const plan = planReadChunks(targets, this.budget, limits);
    for (const [index, group] of plan.entries()) {
      const reads = group.map((chunk) => {
        const target = targets[chunk.block]!;
        const range = this.probes[target.sheet]!.ws.getRange(rangeAddress(chunk.top, target.left, chunk.top + chunk.rows - 1, target.left + target.columnCount - 1));
        range.load(target.rich ? 'values,numberFormat,formulas' : 'values');
        return { chunk, target, range };
      });
      try {
        await countedSync(this.context, this.counter);
      } catch (error) {
        throw new ChunkReadError(error, Math.max(...group.map((c) => c.rows)));
      }
      for (const { chunk, target, range } of reads) this.place(target, chunk.top, range);
      progress((index + 1) / plan.length);
    }
  }

  /** Chunks arrive in packing order, not sheet order: each goes to its own rows (and columns). */
  private place(target: ReadTarget, top: number, range: Excel.Range): void {
    const snapshot = this.snapshots[target.sheet]!;
    const whole = target.left === 0 && target.columnCount === this.surveys[target.sheet]!.columnCount;
    range.values.forEach((row, i) => {
      if (whole) {
        snapshot.values[top + i] = row.map(cellValueFromExcel);
        return;
      }
      const cells = snapshot.values[top + i]!;
      row.forEach((value, j) => (cells[target.left + j] = cellValueFromExcel(value)));
    });
    if (target.rich) {
      range.numberFormat.forEach((row, i) => (snapshot.numberFormats![top + i] = row.map((f) => (typeof f === 'string' && f !== 'General' ? f : null))));
      // `formulas` gives a constant as it stands, so a text that merely starts with `=` (a Trend cell's
      // `= siden 30-06-2021`, written with a leading apostrophe) reads the same in both; a formula differs.
      const values = range.values;
      range.formulas.forEach((row, i) => (snapshot.formulas![top + i] = row.map((f, j) => typeof f === 'string' && f.startsWith('=') && f !== values[i]?.[j])));
    }
  }

  /** The sheets; trailing empty rows dropped, except on sheets read in part (their row count is the used range's). */
  finish(partial: ReadonlyMap<string, readonly number[]> = new Map()): SheetSnapshot[] {
    for (const s of this.snapshots) if (!partial.has(s.name)) trimEmptyTail(s);
    return this.snapshots;
  }
}

