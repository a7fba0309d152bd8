/**
 * "Did you mean" suggestions for unknown sheet, column and function names (SPEC §4: up to three
 * closest existing names by edit distance, case- and accent-insensitive).
 */

/** Lower case without accents; æ/ø have no Unicode decomposition, so they are spelled out. */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Levenshtein distance (insert, delete, substitute: 1 each) over code points. */
export function measureEditDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * Up to `limit` candidates nearest to `name`, nearest first (ties keep the candidates' order).
 * Blank and repeated candidates are skipped.
 *
 * @example
 * findClosestNames('Kompetence', ['Kommune', 'Kompetencer', 'Segment']) // ['Kompetencer', 'Kommune', 'Segment']
 */
export function findClosestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const target = foldName(name);
  const seen = new Set<string>();
  const scored: { candidate: string; distance: number; order: number }[] = [];
  candidates.forEach((candidate, order) => {
    const folded = foldName(candidate);
    if (folded === '' || seen.has(folded)) return;
    seen.add(folded);
    scored.push({ candidate, distance: measureEditDistance(target, folded), order });
  });
  scored.sort((p, q) => p.distance - q.distance || p.order - q.order);
  return scored.slice(0, limit).map((s) => s.candidate);
}
