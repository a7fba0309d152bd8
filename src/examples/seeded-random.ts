/**
 * A small seeded pseudo-random generator (mulberry32) so the example workbook's survey data
 * look random yet come out byte-for-byte the same on every run; `Math.random` would not.
 */
import { isValidCvr } from '../engine/index';

const CHECK_DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** A function returning numbers in [0, 1), the same sequence for the same seed. */
export type Random = () => number;

/** @example const random = createRandom(2021); random(); // 0.9… every time */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A whole number in [min, max]. @example pickInt(random, 1, 6) */
export function pickInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A new array in Fisher–Yates order; the input is not changed. @example shuffle(random, [1, 2, 3]) */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** `count` copies of each value, in order: `repeat([['a', 2], ['b', 1]])` → `['a', 'a', 'b']`. */
export function repeat<T>(counts: readonly (readonly [T, number])[]): T[] {
  return counts.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

/**
 * `count` distinct valid CVR numbers (valid by the engine's `isValidCvr`), none of them in
 * `taken` (which is extended).
 *
 * @example makeCvrNumbers(random, 3, new Set())
 */
export function makeCvrNumbers(random: Random, count: number, taken: Set<number>): number[] {
  const result: number[] = [];
  while (result.length < count) {
    const first7 = [pickInt(random, 1, 9), ...Array.from({ length: 6 }, () => pickInt(random, 0, 9))].join('');
    // The engine's modulus-11 check picks the one check digit that fits, so the rule has one home.
    const check = CHECK_DIGITS.find((digit) => isValidCvr(`${first7}${digit}`));
    // A remainder that would need check digit 10 has no valid number; draw again.
    if (check === undefined) continue;
    const cvr = Number(`${first7}${check}`);
    if (taken.has(cvr)) continue;
    taken.add(cvr);
    result.push(cvr);
  }
  return result;
}
