import { formatDayFirst, formatStatusLine, type Language } from '../engine';

/**
 * Dates for the HTML report, in the long form of the contract's own status line; the words and
 * the day-first form are the engine's. Values, targets and gaps are shown by the engine's one
 * display formatter (`formatActualValue`, `formatTargetValue`), as in the sheet, the pane and the
 * command line.
 */

function isoParts(iso: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * The status line under a report's title (SPEC §8); a date that is not ISO is refused.
 *
 * @example statusLine('2021-10-13', 'da') // 'Status pr. 13. oktober 2021'
 * @example statusLine('2021-10-13', 'en') // 'Status as of 13 October 2021'
 */
export function statusLine(iso: string, language: Language): string {
  return formatStatusLine(isoParts(iso), language);
}

/**
 * The short day-first date of explanations and trends: `30-06-2021`.
 *
 * @example shortDate('2021-06-30') // '30-06-2021'
 */
export function shortDate(iso: string): string {
  return formatDayFirst(isoParts(iso));
}
