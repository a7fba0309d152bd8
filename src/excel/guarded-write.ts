/**
 * The write of a recalculation against Excel as it behaves (docs/spec.md §7, "Excel as it
 * behaves, not as we wish"; docs/decisions.md, "Writes that Excel stops, and co-authors"):
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

/** How a write ended when Excel did not stop it. */
export interface GuardedWriteResult {
  requests: number;
  /** Goal sheets whose rows had moved when the write landed: their writes may sit on other rows. */
  moved: string[];
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
 * One guard per goal sheet the writes touch, over the ID column from the first row written
 * (the header, when a column is added) to the last.
 *
 * @example planRowGuards(snapshot, plan.writes)[0] // { sheet: 'Mål 2021', col: 0, top: 2, expected: ['Nr.', '1', …] }
 */
export function planRowGuards(snapshot: WorkbookSnapshot, writes: readonly CellWrite[]): RowGuard[] {
  const guards: RowGuard[] = [];
  for (const sheet of snapshot.sheets) {
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
  const moved: string[] = [];
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
      const ran = Array.isArray(traces) ? traces : [];
      const done = group.filter((_, i) => ran.includes(batchDone(i)));
      const rest = group.slice(done.length);
      // The first batch not confirmed was under way when Excel stopped, unless the guards had not finished.
      const started = ran.includes(GUARDS_DONE) ? rest.slice(0, 1) : [];
      for (const b of [...done, ...started]) if (b.sheet !== '') unverified.add(b.sheet.toLowerCase());
      written.push(...named(done));
      failures += 1;
      if (failures > MAX_WRITE_RETRIES) {
        throw new WriteStoppedError(error, written, named(started), named([...rest.slice(started.length), ...pending.flat()]));
      }
      pending.unshift(rest);
      continue;
    }
    for (const { guard, range } of reads) {
      if (guardHolds(guard, range.values)) unverified.delete(guard.sheet.toLowerCase());
      else if (!moved.includes(guard.sheet)) moved.push(guard.sheet);
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
 * What to take out after writes that landed on moved rows (`landed`, as planned in an earlier
 * pass): each such cell the new plan does not write and that still holds what was written,
 * back to blank, with the formats that write set reset. A cell that holds anything else was
 * changed since (by a co-author) and is left alone.
 *
 * @example clearsFor(landed, newPlan.writes, snapshot) // [{ sheet: 'Mål 2021', row: 4, col: 9, value: null, fill: null }]
 */
export function clearsFor(landed: readonly CellWrite[], planned: readonly CellWrite[], snapshot: WorkbookSnapshot): CellWrite[] {
  const rewritten = new Set(planned.map((w) => key(w)));
  const seen = new Set<string>();
  const clears: CellWrite[] = [];
  for (const w of landed) {
    const k = key(w);
    if (rewritten.has(k) || seen.has(k)) continue;
    seen.add(k);
    const now = snapshot.sheets.find((s) => s.name === w.sheet)?.values[w.row]?.[w.col] ?? null;
    if (w.value === null || !sameCell(now, w.value)) continue;
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

function key(w: { sheet: string; row: number; col: number }): string {
  return `${w.sheet.toLowerCase()}\u0000${w.row}\u0000${w.col}`;
}
