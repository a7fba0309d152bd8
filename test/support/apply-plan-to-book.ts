import type { WritePlan } from '../../src/engine';
import { applyPlanToPackage, type ApplyPlanResult, type LoadedBook } from '../../src/xlsx';

export interface AppliedBook extends ApplyPlanResult {
  /** The new package. */
  bytes: Uint8Array;
}

/**
 * Applies a plan to a loaded book as `recalc` does (src/xlsx/write-book.ts) and joins the new
 * package's pieces into its bytes, for tests and benchmarks that look at them whole.
 *
 * @example const { bytes, skipped } = await applyPlanToBook(book, recalculation.plan);
 */
export async function applyPlanToBook(book: Pick<LoadedBook, 'pkg'>, plan: WritePlan, now: Date = new Date()): Promise<AppliedBook> {
  const { pieces, ...result } = await applyPlanToPackage(book, plan, now);
  return { ...result, bytes: Buffer.concat(pieces) };
}
