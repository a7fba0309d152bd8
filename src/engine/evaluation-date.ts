import { dayFromIso } from './dates';

/**
 * The one validator of an evaluation year and an as-of date typed by a user (the command line's
 * `--year`/`--as-of`, the task pane's two fields), so every front end accepts and refuses the same
 * text. The settings sheet reads its cells with the same bounds.
 */

/** The years Trafiklys evaluates: four digits, as SPEC §5's `Year` setting. */
const YEAR_BOUNDS: readonly [number, number] = [1900, 9999];

/**
 * A year written as four digits within {@link YEAR_BOUNDS}; null otherwise.
 * @example parseEvaluationYear(' 2021 ') // 2021; parseEvaluationYear('21') // null
 */
export function parseEvaluationYear(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= YEAR_BOUNDS[0] && year <= YEAR_BOUNDS[1] ? year : null;
}

/**
 * A real calendar date written `YYYY-MM-DD`, trimmed; null otherwise (`2021-02-30` included).
 * @example parseAsOfDate('2021-10-13') // '2021-10-13'; parseAsOfDate('13-10-2021') // null
 */
export function parseAsOfDate(text: string): string | null {
  const trimmed = text.trim();
  return dayFromIso(trimmed) !== null ? trimmed : null;
}

/**
 * SPEC §9: the contract year a goal sheet's name ends in (`Mål 2022`, `Goals 2022`, `Mål_2022`), the
 * four digits standing on their own; null when the name ends in none.
 * @example contractYearFromName('Mål 2022') // 2022; contractYearFromName('Mål 20225') // null
 */
export function contractYearFromName(name: string): number | null {
  const match = /(?:^|\D)(\d{4})\s*$/.exec(name);
  return match ? parseEvaluationYear(match[1] as string) : null;
}
