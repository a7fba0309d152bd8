/**
 * The write of a recalculation against Excel as it behaves (docs/spec.md §7, "Excel as it
 * behaves, not as we wish"; docs/decisions.md, "The add-in against Excel as it behaves: stopped writes, co-authors, a trusted origin"):
 *
 * - *No rollback.* Excel runs a sync's commands in order and stops at the first that fails; the
 *   commands before it stay applied. After each sheet's commands the write queues
 *   `context.trace()`, so a failed sync's `traceMessages` say which sheets were written whole.
 *   The rest are sent again (every write sets a value or a format, so sending it twice is the same
 *   as once), up to {@link MAX_WRITE_RETRIES} times; then the error names the sheets that are
 *   incomplete, and the next Recalculate completes them.
 * - *Co-authors.* Each sync that writes a goal sheet first loads the sheet's ID column over the
 *   rows it writes (a guard), in the same sync: no extra round trip. When the IDs are not those
 *   read, a co-author inserted, deleted or sorted rows in between and the writes landed on other
 *   rows: the caller reads again and recomputes, and {@link clearsFor} takes out what landed where
 *   it does not belong.
 */
import { findGoalSheetHeader, type CellValue, type CellWrite, type WorkbookSnapshot } from '../engine/index';
import { groupBatches, type SheetBatch } from './apply-plan';
import { rangeAddress } from './addresses';
import { cellValueFromExcel } from './read-plan';
import { countedSync, type SyncCounter } from './read-workbook';

/** Times the unconfirmed rest of a write is sent again after a host error before the write stops. */
export const MAX_WRITE_RETRIES = 2;

/** The rows a goal sheet's writes rely on: its ID column over the rows written, as read. */
export interface RowGuard {
  sheet: string;
  col: number;
  /** 0-based first row. */
  top: number;
  /** The ID cells as read, row `top` on. */
  expected: CellValue[];
}

/** A goal sheet whose rows had moved when the write landed: the guard, and the IDs it found. */
export interface MovedSheet {
  guard: RowGuard;
  /** The ID cells the guard loaded, row `guard.top` on: the rows the writes landed on. */
  found: CellValue[];
}

/** How a write ended when Excel did not stop it. */
export interface GuardedWriteResult {
  requests: number;
  /** Goal sheets whose rows had moved when the write landed: their writes may sit on other rows. */
  moved: MovedSheet[];
}

/** A write Excel stopped for good: what was written whole, what may be incomplete, what was not reached. */
export class WriteStoppedError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly written: string[],
    readonly incomplete: string[],
    readonly untouched: string[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

const GUARDS_DONE = 'trafiklys:guards';
const batchDone = (index: number): string => `trafiklys:sheet ${index}`;

/**
 * One guard per goal sheet (`goalSheets`, as the engine evaluated them) the writes touch, over
 * the ID column from the first row written (the header, when a column is added) to the last.
 *
 * @example planRowGuards(snapshot, plan.writes, ['Mål 2021'])[0] // { sheet: 'Mål 2021', col: 0, top: 2, expected: ['Nr.', '1', …] }
 */
export function planRowGuards(snapshot: WorkbookSnapshot, writes: readonly CellWrite[], goalSheets: readonly string[]): RowGuard[] {
  const guards: RowGuard[] = [];
  for (const sheet of snapshot.sheets) {
    if (!goalSheets.includes(sheet.name)) continue;
    const rows = writes.filter((w) => w.sheet === sheet.name).map((w) => w.row);
    if (rows.length === 0) continue;
    const header = findGoalSheetHeader(sheet.values);
    if (!header) continue;
    const col = header.inputs.id ?? 0;
    const top = Math.min(...rows);
    const bottom = Math.max(...rows);
    const expected: CellValue[] = [];
    for (let row = top; row <= bottom; row++) expected.push(sheet.values[row]?.[col] ?? null);
    guards.push({ sheet: sheet.name, col, top, expected });
  }
  return guards;
}

function sameCell(a: CellValue, b: CellValue): boolean {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return a.error === b.error;
  return a === b;
}

/** True when the loaded ID cells are the ones the guard expects. */
export function guardHolds(guard: RowGuard, loaded: readonly (readonly unknown[])[]): boolean {
  return loaded.length === guard.expected.length && loaded.every((row, i) => sameCell(cellValueFromExcel(row[0]), guard.expected[i]!));
}

/**
 * Sends the sheet batches, each sync led by the guards of the goal sheets it writes (and of any
 * written in a sync that failed, which no guard has confirmed yet). A sync Excel refuses as too
 * large applied nothing and is split in two; any other error re-sends what the trace messages do
 * not confirm, up to {@link MAX_WRITE_RETRIES} times, then throws {@link WriteStoppedError}.
 * Stops after the first sync whose guards show moved rows (the settings sheet's stamp, last,
 * is then not reached unless it rode in that sync).
 */
export async function writeGuarded(
  context: Excel.RequestContext,
  batches: readonly SheetBatch[],
  guards: readonly RowGuard[],
  budget: number,
  counter: SyncCounter,
  progress: (fraction: number) => void,
): Promise<GuardedWriteResult> {
  const guardOf = new Map(guards.map((g) => [g.sheet.toLowerCase(), g]));
  const pending = groupBatches(batches, budget);
  const written: string[] = [];
  const unverified = new Set<string>();
  const moved: MovedSheet[] = [];
  let requests = 0;
  let failures = 0;
  while (pending.length > 0) {
    const group = pending.shift()!;
    const guarded = [...new Set([...group.map((b) => b.sheet.toLowerCase()), ...unverified])].map((n) => guardOf.get(n)).filter((g): g is RowGuard => g !== undefined);
    const reads = guarded.map((guard) => {
      const range = context.workbook.worksheets.getItem(guard.sheet).getRange(rangeAddress(guard.top, guard.col, guard.top + guard.expected.length - 1, guard.col));
      range.load('values');
      return { guard, range };
    });
    context.trace(GUARDS_DONE);
    group.forEach((batch, i) => {
      requests += batch.queue(context);
      context.trace(batchDone(i));
    });
    try {
      await countedSync(context, counter);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'RequestPayloadSizeLimitExceeded' && group.length > 1) {
        const half = Math.ceil(group.length / 2);
        pending.unshift(group.slice(0, half), group.slice(half));
        continue;
      }
      const traces = (error as { traceMessages?: unknown } | null)?.traceMessages;
      const ran = Array.isArray(traces) ? traces.map(String) : [];
      for (const batch of group) batch.confirm?.(ran);
      const done = group.filter((_, i) => ran.includes(batchDone(i)));
      const rest = group.slice(done.length);
      // The first batch not confirmed was under way when Excel stopped, unless the guards had not finished.
      const started = ran.includes(GUARDS_DONE) ? rest.slice(0, 1) : [];
      for (const b of [...done, ...started]) if (b.sheet !== '') unverified.add(b.sheet.toLowerCase());
      written.push(...named(done));
      failures += 1;
      // A single sheet too large for one request stays too large: sending it again cannot help.
      if (failures > MAX_WRITE_RETRIES || code === 'RequestPayloadSizeLimitExceeded') {
        throw new WriteStoppedError(error, written, named(started), named([...rest.slice(started.length), ...pending.flat()]));
      }
      pending.unshift(rest);
      continue;
    }
    for (const { guard, range } of reads) {
      if (guardHolds(guard, range.values)) unverified.delete(guard.sheet.toLowerCase());
      else if (!moved.some((m) => m.guard.sheet === guard.sheet)) moved.push({ guard, found: range.values.map((row) => cellValueFromExcel(row[0])) });
    }
    written.push(...named(group));
    progress(written.length / Math.max(1, batches.length));
    if (moved.length > 0) break;
  }
  return { requests, moved };
}

function named(batches: readonly SheetBatch[]): string[] {
  return batches.map((b) => b.sheet).filter((n) => n !== '');
}

/**
 * The writes that landed on a row whose ID was not the one read: the goal they were meant for
 * was elsewhere when the write arrived.
 *
 * @example misplacedWrites(plan.writes, moved) // the writes of 'Mål 2021' from the inserted row down
 */
export function misplacedWrites(writes: readonly CellWrite[], moved: readonly MovedSheet[]): CellWrite[] {
  return writes.filter((w) => {
    const m = moved.find((x) => x.guard.sheet === w.sheet);
    if (!m) return false;
    const i = w.row - m.guard.top;
    return !sameCell(m.found[i] ?? null, m.guard.expected[i] ?? null);
  });
}

/**
 * What to take out after writes that landed on other goals' rows (`misplaced`, of earlier
 * passes): each such cell that still holds what was written, back to blank with the formats that
 * write set reset. A cell holding anything else was changed since (by a co-author) and is left
 * alone. Queued before the new plan's writes, whose values and formats win wherever it writes
 * the same cell (a later write to a cell wins field by field); the engine evaluates the sheet as
 * it will be after them ({@link withCellsCleared}).
 *
 * @example clearsFor(misplaced, snapshot) // [{ sheet: 'Mål 2021', row: 3, col: 14, value: null, fill: null, fontColor: null }]
 */
export function clearsFor(misplaced: readonly CellWrite[], snapshot: WorkbookSnapshot): CellWrite[] {
  const seen = new Set<string>();
  const clears: CellWrite[] = [];
  for (const w of [...misplaced].reverse()) {
    const k = key(w);
    if (seen.has(k)) continue;
    seen.add(k);
    const now = snapshot.sheets.find((s) => s.name === w.sheet)?.values[w.row]?.[w.col] ?? null;
    if (!sameCell(now, w.value)) continue;
    clears.push({
      sheet: w.sheet,
      row: w.row,
      col: w.col,
      value: null,
      ...(w.numberFormat !== undefined ? { numberFormat: 'General' } : {}),
      ...(w.fill !== undefined ? { fill: null } : {}),
      ...(w.fontColor !== undefined ? { fontColor: null } : {}),
      ...(w.bold !== undefined ? { bold: false } : {}),
    });
  }
  return clears;
}

/**
 * The snapshot as it will be once `clears` are written: those cells blank. The engine then lays
 * out its columns and reads its rows without the misplaced writes.
 */
export function withCellsCleared(snapshot: WorkbookSnapshot, clears: readonly CellWrite[]): WorkbookSnapshot {
  if (clears.length === 0) return snapshot;
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((sheet) => {
      const mine = clears.filter((c) => c.sheet === sheet.name);
      if (mine.length === 0) return sheet;
      const values = sheet.values.map((row) => [...row]);
      const numberFormats = sheet.numberFormats?.map((row) => [...row]);
      for (const c of mine) {
        if (values[c.row] && c.col < values[c.row]!.length) values[c.row]![c.col] = null;
        if (numberFormats?.[c.row] && c.col < numberFormats[c.row]!.length) numberFormats[c.row]![c.col] = null;
      }
      return { ...sheet, values, ...(numberFormats ? { numberFormats } : {}) };
    }),
  };
}

/**
 * Writes remembered from a recalculation Excel stopped part-way (`unfinished`) that the new plan
 * does not make again and whose cells still hold what was written: a header Trafiklys added and
 * could not yet make bold, say. The next Recalculate completes them with these.
 *
 * @example leftoverWrites(remembered, plan.writes, snapshot) // [{ sheet: 'Mål 2021', row: 2, col: 10, value: 'Måltal 2021', bold: true }]
 */
export function leftoverWrites(unfinished: readonly CellWrite[], planned: readonly CellWrite[], snapshot: WorkbookSnapshot): CellWrite[] {
  const rewritten = new Set(planned.map((w) => key(w)));
  return unfinished.filter((w) => {
    if (rewritten.has(key(w))) return false;
    const sheet = snapshot.sheets.find((s) => s.name === w.sheet);
    return sheet !== undefined && w.value !== null && sameCell(sheet.values[w.row]?.[w.col] ?? null, w.value);
  });
}

/** Cells as keys, to tell two writes to one cell. */
export function cellKey(w: { sheet: string; row: number; col: number }): string {
  return key(w);
}

function key(w: { sheet: string; row: number; col: number }): string {
  return `${w.sheet.toLowerCase()}\u0000${w.row}\u0000${w.col}`;
}
