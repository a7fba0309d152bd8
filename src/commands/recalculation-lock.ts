/**
 * One recalculation at a time. Two overlapping runs would read the workbook before the other
 * had written it and then both write: the second run's writes would be based on stale reads.
 *
 * The lock lives on `globalThis`, not in a module variable, so that when the ribbon command and
 * the task pane share one JavaScript runtime (a manifest `<Runtimes>` shared runtime, where both
 * bundles load into the same window) they share the lock too. In the default setup here (no
 * shared runtime: the offline manifest schema predates `<Runtimes>`), the function file
 * (commands.html) and the task pane are separate pages, each with its own lock: a ribbon click
 * while the pane recalculates is not blocked by this lock. Excel then runs the two batches one
 * after the other, and the run that finishes last wins; both compute from the same inputs,
 * so the workbook ends the same (recalculation is idempotent, SPEC 1), only the work is doubled.
 */
import type { HostResult } from '../taskpane/excel-api';

const LOCK_KEY = Symbol.for('trafiklys.recalculation-lock');

interface LockHolder {
  [LOCK_KEY]?: boolean;
}

/** The error a caller gets when a recalculation is already running. */
export const BUSY_ERROR = { code: 'Busy', message: 'A recalculation is already running.' } as const;

/**
 * Runs `work` unless another run holds the lock, in which case it resolves at once to a
 * `Busy` failure without calling `work`. The lock is released however `work` ends.
 *
 * @example
 * const result = await runExclusive(() => recalculateInExcel({}));
 * if (!result.ok && result.error.code === 'Busy') showBusyMessage();
 */
export async function runExclusive<T>(work: () => Promise<HostResult<T>>, holder: object = globalThis): Promise<HostResult<T>> {
  const lock = holder as LockHolder;
  if (lock[LOCK_KEY]) return { ok: false, error: { ...BUSY_ERROR }, syncs: 0 };
  lock[LOCK_KEY] = true;
  try {
    return await work();
  } finally {
    lock[LOCK_KEY] = false;
  }
}

/** Whether a recalculation holds the lock now. */
export function isRecalculationRunning(holder: object = globalThis): boolean {
  return (holder as LockHolder)[LOCK_KEY] === true;
}
