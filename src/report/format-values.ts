import type { Language } from '../engine';

/**
 * Dates for the HTML report, in the long form of the contract's own status line. Values, targets
 * and gaps are shown by the engine's one display formatter (`formatActualValue`,
 * `formatTargetValue`), as in the sheet, the pane and the command line (issue 11).
 */

const MONTHS: Record<Language, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function isoParts(iso: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * The status line under a report's title (SPEC §8), as the contract words it.
 *
 * @example statusLine('2021-10-13', 'da') // 'Status pr. 13. oktober 2021'
 * @example statusLine('2021-10-13', 'en') // 'Status as of 13 October 2021'
 */
export function statusLine(iso: string, language: Language): string {
  const { year, month, day } = isoParts(iso);
  const monthName = MONTHS[language][month - 1];
  return language === 'da' ? `Status pr. ${day}. ${monthName} ${year}` : `Status as of ${day} ${monthName} ${year}`;
}

/**
 * The short day-first date of explanations and trends: `30-06-2021`.
 *
 * @example shortDate('2021-06-30') // '30-06-2021'
 */
export function shortDate(iso: string): string {
  const { year, month, day } = isoParts(iso);
  return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`;
}
