/**
 * One recalculation at a time. Two overlapping runs would read the workbook before the other
 * had written it and then both write: the second run's writes would be based on stale reads.
 *
 * The lock lives on `globalThis`, not in a module variable, so that when the ribbon command and
 * the task pane share one JavaScript runtime (a manifest `<Runtimes>` shared runtime, where both
 * bundles load into the same window) they share the lock too. In the default setup here (no
 * shared runtime: the offline manifest schema predates `<Runtimes>`), the function file
 * (commands.html) and the task pane are separate pages; they share the origin's `localStorage`,
 * so a claim there (with an expiry, so a closed pane cannot block forever) keeps the ribbon and
 * the pane from running at the same time.
 */
import type { HostResult } from './host-error';

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
export async function runExclusive<T>(
  work: () => Promise<HostResult<T>>,
  holder: object = globalThis,
  storage: LockStorage | null = defaultStorage(),
): Promise<HostResult<T>> {
  const lock = holder as LockHolder;
  if (lock[LOCK_KEY]) return { ok: false, error: { ...BUSY_ERROR }, syncs: 0 };
  const token = storage ? claimStorageLock(storage, Date.now()) : 'memory';
  if (token === null) return { ok: false, error: { ...BUSY_ERROR }, syncs: 0 };
  lock[LOCK_KEY] = true;
  try {
    return await work();
  } finally {
    lock[LOCK_KEY] = false;
    if (storage) releaseStorageLock(storage, token);
  }
}

/**
 * The part of `localStorage` the cross-page lock needs. The task pane and the ribbon's function file
 * are separate pages of the same origin, so they see the same `localStorage`: a claim there stops the
 * ribbon while the pane runs and the other way round, even without a shared runtime.
 */
export interface LockStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_KEY = 'trafiklys.recalculation-lock';
/** A claim older than this is a run that died (a closed pane): it no longer blocks. */
export const STORAGE_LOCK_TTL_MS = 5 * 60 * 1000;

function defaultStorage(): LockStorage | null {
  try {
    return (globalThis as { localStorage?: LockStorage }).localStorage ?? null;
  } catch {
    return null; // storage blocked by the host's privacy settings: fall back to the page's own lock
  }
}

/** Claims the cross-page lock; returns the claim's token, or null when another live claim holds it. */
export function claimStorageLock(storage: LockStorage, now: number): string | null {
  const current = storage.getItem(STORAGE_KEY);
  const expires = current ? Number(current.split(':')[1]) : 0;
  if (current && Number.isFinite(expires) && expires > now) return null;
  const token = `${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  storage.setItem(STORAGE_KEY, `${token}:${now + STORAGE_LOCK_TTL_MS}`);
  // Read back: of two pages claiming in the same instant, only the last writer goes on.
  return storage.getItem(STORAGE_KEY)?.startsWith(`${token}:`) ? token : null;
}

export function releaseStorageLock(storage: LockStorage, token: string): void {
  if (storage.getItem(STORAGE_KEY)?.startsWith(`${token}:`)) storage.removeItem(STORAGE_KEY);
}

/** Whether a recalculation holds the lock now. */
export function isRecalculationRunning(holder: object = globalThis): boolean {
  return (holder as LockHolder)[LOCK_KEY] === true;
}
