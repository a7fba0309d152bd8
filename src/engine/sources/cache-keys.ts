import type { CompareOp, Literal } from './parser';

/**
 * The keys work is cached under for one recalculation (a filter's verdicts, the rows passing a set
 * of filters, an exclude list's ids, NPS scores). Typed, so a key says what it caches; written out as JSON, so two
 * different keys can never spell the same text, whatever the names and literals hold.
 */
export type CacheKey =
  | { kind: 'verdicts'; labels: string; op: CompareOp; literals: readonly LiteralKey[] }
  | { kind: 'filter'; column: number; labels: string; op: CompareOp; literals: readonly LiteralKey[] }
  | { kind: 'passing'; filters: readonly string[] }
  | { kind: 'exclude'; labels: string; excludes: readonly string[] }
  | { kind: 'nps'; labels: string }
  | { kind: 'valid-cvr' };

/** A literal as a condition's key holds it: its type and the text it was written as. */
export interface LiteralKey {
  type: Literal['type'];
  text: string;
}

/**
 * The text a cache key is stored under.
 * @example encodeCacheKey({ kind: 'nps', labels: 'Labels' }) // '{"kind":"nps","labels":"Labels"}'
 */
export function encodeCacheKey(key: CacheKey): string {
  return JSON.stringify(key);
}
