/**
 * Rounds half away from zero (Excel's ROUND), not half to even and not towards +∞ as
 * `Math.round` does; the scaled value is cleaned first so that 1.005 rounds to 1.01.
 *
 * @example
 * roundHalfAwayFromZero(2.25, 1);  // 2.3
 * roundHalfAwayFromZero(-2.25, 1); // -2.3
 * roundHalfAwayFromZero(46.666, 0); // 47
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.round(scaled) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
