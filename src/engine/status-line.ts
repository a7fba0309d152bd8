import { dayFromIso, ymdFromDay } from './dates';
import type { Language } from './types';

/** The month names of the report's status line (SPEC §8). */
const MONTHS: Record<Language, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * The status line under a report's title (SPEC §8), as the contract words it, for a date's parts.
 * @example formatStatusLine({ year: 2021, month: 10, day: 13 }, 'en') // 'Status as of 13 October 2021'
 */
export function formatStatusLine(date: { year: number; month: number; day: number }, language: Language): string {
  const monthName = MONTHS[language][date.month - 1];
  return language === 'da' ? `Status pr. ${date.day}. ${monthName} ${date.year}` : `Status as of ${date.day} ${monthName} ${date.year}`;
}

/**
 * The report sheet's second line; an as-of text that is no ISO date is shown as it is.
 * @example statusLine('2021-10-13', 'da') // 'Status pr. 13. oktober 2021'
 */
export function statusLine(asOf: string, language: Language): string {
  const day = dayFromIso(asOf);
  if (day === null) return language === 'da' ? `Status pr. ${asOf}` : `Status as of ${asOf}`;
  return formatStatusLine(ymdFromDay(day), language);
}
