/**
 * The writes of sheets a recalculation left incomplete because Excel kept refusing a command
 * (docs/spec.md §7): kept until the next Recalculate, which completes them (guarded-write.ts,
 * `leftoverWrites`). Kept where the recalculation lock keeps its claim (recalculation-lock.ts):
 * the origin's `localStorage`, shared by the task pane and the ribbon's function file, or the
 * page's memory where storage is blocked.
 */
import type { CellWrite } from '../engine/index';
import type { LockStorage } from './recalculation-lock';

export const UNFINISHED_KEY = 'trafiklys.unfinished-writes';

/** Where unfinished writes are kept between recalculations. */
export interface UnfinishedStore {
  load(): CellWrite[];
  save(writes: readonly CellWrite[]): void;
}

const shared: { writes: CellWrite[] } = { writes: [] };

/**
 * A store in memory: `memory` (default: one shared by the page's recalculations). Tests give
 * each run of theirs their own.
 *
 * @example const store = memoryUnfinishedStore({ writes: [] });
 */
export function memoryUnfinishedStore(memory: { writes: CellWrite[] } = shared): UnfinishedStore {
  return {
    load: () => memory.writes,
    save: (writes) => {
      memory.writes = [...writes];
    },
  };
}

/**
 * A store over `storage` (default: `localStorage`), or the page's memory when there is none.
 *
 * @example const store = unfinishedStore(); store.save(writes); store.load();
 */
export function unfinishedStore(storage: LockStorage | null = defaultStorage()): UnfinishedStore {
  if (!storage) return memoryUnfinishedStore();
  return {
    load: () => {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(UNFINISHED_KEY) ?? '[]');
        return Array.isArray(parsed) ? (parsed as CellWrite[]) : [];
      } catch {
        return [];
      }
    },
    save: (writes) => {
      if (writes.length === 0) storage.removeItem(UNFINISHED_KEY);
      else storage.setItem(UNFINISHED_KEY, JSON.stringify(writes));
    },
  };
}

function defaultStorage(): LockStorage | null {
  try {
    return (globalThis as { localStorage?: LockStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
