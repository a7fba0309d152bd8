import type { Language, RowResult, TargetValue, Unit } from '../engine';

/**
 * Display forms for the HTML report and the overview workbook: numbers rounded for the eye only
 * (the engine's values stay unrounded), dates in the long form of the contract's own status line.
 */

const MINUS_SIGN = '\u2212';

/** A milestone's state as the engine reports it (RowResult.actual), in Danish. */
const MILESTONE_STATES_DA: Record<string, string> = { done: 'udført', 'in progress': 'i gang', 'not done': 'ikke udført' };

const MONTHS: Record<Language, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * Rounds half away from zero to one decimal and writes the language's marks: `1.234,5` in Danish,
 * `1,234.5` in English, with the minus sign U+2212.
 *
 * @example formatNumber(-1234.56, 'da') // '−1.234,6'
 */
export function formatNumber(value: number, language: Language): string {
  const scaled = Math.round(Number((Math.abs(value) * 10).toPrecision(15)));
  const integer = String(Math.trunc(scaled / 10));
  const tenth = scaled % 10;
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'da' ? '.' : ',');
  const sign = value < 0 && scaled !== 0 ? MINUS_SIGN : '';
  return `${sign}${grouped}${tenth === 0 ? '' : (language === 'da' ? ',' : '.') + String(tenth)}`;
}

function withUnit(number: string, unit: Unit | null, language: Language): string {
  switch (unit) {
    case '%':
      return `${number} %`;
    case 'pp':
      return `${number} pp`;
    case 'DKK':
      return language === 'da' ? `${number} kr.` : `DKK ${number}`;
    default:
      return number;
  }
}

/**
 * A row's actual for display: `75 %`, `555`, `i gang`; blank for none.
 *
 * @example formatActual('in progress', 'milestone', 'da') // 'i gang'
 */
export function formatActual(actual: RowResult['actual'], unit: Unit | null, language: Language): string {
  if (actual === null) return '';
  if (typeof actual === 'string') return language === 'da' ? (MILESTONE_STATES_DA[actual] ?? actual) : actual;
  return withUnit(formatNumber(actual, language), unit, language);
}

/**
 * Year Y's target for display: `80 %`, `40–60 %`; blank for none.
 *
 * @example formatTarget([40, 60], '%', 'en') // '40–60 %'
 */
export function formatTarget(target: TargetValue, unit: Unit | null, language: Language): string {
  if (target === null) return '';
  if (Array.isArray(target)) return withUnit(`${formatNumber(target[0], language)}–${formatNumber(target[1], language)}`, unit, language);
  return withUnit(formatNumber(target, language), unit, language);
}

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
