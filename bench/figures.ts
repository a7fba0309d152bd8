/**
 * What every bench module shares: the figure shape (`{name, value, unit}`), timing,
 * and memory readings. Figures, not tests: nothing here asserts on a time.
 */
/** One measured figure: what, how much, in what unit. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

/** Milliseconds since an arbitrary start, fractional. */
export function now(): number {
  return performance.now();
}

/** One decimal place: more is noise on a shared 2-core machine. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Runs `work` and returns its result and the milliseconds it took. */
export function timeSync<T>(work: () => T): { result: T; ms: number } {
  const start = now();
  const result = work();
  return { result, ms: now() - start };
}

/** The async twin of {@link timeSync}. */
export async function timeAsync<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = now();
  const result = await work();
  return { result, ms: now() - start };
}

/** Collects garbage when node runs with `--expose-gc`, so memory deltas measure live data. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export interface MemoryReading {
  rss: number;
  heapUsed: number;
}

/** The process's resident set and V8 heap in use, in bytes. */
export function readMemory(): MemoryReading {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** Bytes to MB with one decimal, for figures. */
export function toMb(bytes: number): number {
  return round(bytes / (1024 * 1024));
}

/**
 * Runs `work` between two memory readings. Without a GC in between, the heap delta counts what
 * the work allocated and kept or had not yet freed: an upper bound on its peak, not a live size.
 */
export function measureMemory<T>(work: () => T): { result: T; ms: number; rssMb: number; heapMb: number } {
  collectGarbage();
  const before = readMemory();
  const { result, ms } = timeSync(work);
  const after = readMemory();
  return { result, ms, rssMb: toMb(after.rss - before.rss), heapMb: toMb(after.heapUsed - before.heapUsed) };
}
