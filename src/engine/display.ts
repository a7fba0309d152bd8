import { phrase } from './labels';
import { roundHalfAwayFromZero } from './rounding';
import type { Language, TargetValue, Unit } from './types';

/**
 * The one display formatter (docs/decisions.md, "One home for each concept in the engine"): how
 * a value, a target, a gap and a milestone's state read in the sheet's Explanation, in the sheet's
 * range-target cells, in the command line's table and in the task pane. One form per unit and
 * language, at most two
 * decimals, trailing zeros dropped, thousands grouped, the minus sign U+2212:
 *
 * | unit | English | Danish |
 * |---|---|---|
 * | % | `45.5 %` | `45,5 %` |
 * | pp | `−5 pp` | `−5 pp` |
 * | DKK | `DKK 1,234.5` | `1.234,5 kr.` |
 * | NPS, count, number | `70`, `1,234` | `70`, `1.234` |
 */

/**
 * A value in the row's unit.
 *
 * @example
 * formatValue(45.5, '%', 'da');     // '45,5 %'
 * formatValue(-5, 'pp', 'en');      // '−5 pp'
 * formatValue(1234.5, 'DKK', 'da'); // '1.234,5 kr.'
 * formatValue(1234.5, 'DKK', 'en'); // 'DKK 1,234.5'
 * formatValue(70, 'NPS', 'en');     // '70'
 */
export function formatValue(value: number, unit: Unit, language: Language): string {
  const number = formatPlainNumber(value, language);
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

/** The unit a gap or tolerance is shown in: percentage points for per cents. @example gapUnit('%') // 'pp' */
export function gapUnit(unit: Unit): Unit {
  return unit === '%' ? 'pp' : unit;
}

/** A value with its sign: `+5 pp`, `−45`, `0`. @example formatSignedValue(5, 'pp', 'en') // '+5 pp' */
export function formatSignedValue(value: number, unit: Unit, language: Language): string {
  const text = formatValue(value, unit, language);
  return value > 0 ? `+${text}` : text;
}

/**
 * A year's target as the report holds it: a level, or a range written once with the unit after
 * the upper end; blank for none (a milestone, a year without a target).
 * @example formatTargetValue([40, 60], '%', 'da') // '40–60 %'; formatTargetValue(600, 'count', 'en') // '600'
 */
export function formatTargetValue(target: TargetValue, unit: Unit | null, language: Language): string {
  if (target === null) return '';
  const shown = unit ?? 'number';
  if (!Array.isArray(target)) return formatValue(target, shown, language);
  const lo = formatValue(target[0], shown === '%' ? 'number' : shown, language);
  return `${lo}–${formatValue(target[1], shown, language)}`;
}

/**
 * A row's actual as the report holds it: a number in the row's unit, or a milestone's state
 * (which the report gives in English, `in progress`) in the language; blank for none.
 * @example formatActualValue('in progress', 'milestone', 'da') // 'i gang'; formatActualValue(75, '%', 'en') // '75 %'
 */
export function formatActualValue(actual: number | string | null, unit: Unit | null, language: Language): string {
  if (actual === null) return '';
  if (typeof actual === 'string') return formatMilestoneWord(actual, language);
  return formatValue(actual, unit ?? 'number', language);
}

/**
 * A row's gap (actual − target, SPEC §1), signed, in percentage points for a % row; blank for none.
 * @example formatGapValue(-5, '%', 'en') // '−5 pp'; formatGapValue(15, 'count', 'da') // '+15'
 */
export function formatGapValue(gap: number | null, unit: Unit | null, language: Language): string {
  if (gap === null) return '';
  return formatSignedValue(gap, gapUnit(unit ?? 'number'), language);
}

const MILESTONE_PHRASES = ['done', 'inProgress', 'notDone'] as const;

/**
 * A milestone state word (`done`, `in progress`, `not done`, in either language) in `language`;
 * any other text as it is. The words are the engine's one milestone word list (labels.ts).
 * @example formatMilestoneWord('not done', 'da') // 'ikke udført'
 */
export function formatMilestoneWord(text: string, language: Language): string {
  const key = text.trim().toLowerCase();
  const found = MILESTONE_PHRASES.find((name) => phrase(name, 'en') === key || phrase(name, 'da') === key);
  return found ? phrase(found, language) : text;
}

/** The minus sign U+2212, which Danish typography and our explanations use. */
export const MINUS_SIGN = '\u2212';

function formatPlainNumber(value: number, language: Language): string {
  if (Math.abs(value) >= 1e21) {
    // toFixed() turns exponential from 1e21 on; such values are shown the way Excel shows them.
    const [mantissa, exponent] = Math.abs(value).toExponential(2).split('e') as [string, string];
    const shown = mantissa.replace(/\.?0+$/, '').replace('.', language === 'da' ? ',' : '.');
    return (value < 0 ? MINUS_SIGN : '') + `${shown}E${exponent}`;
  }
  const rounded = roundHalfAwayFromZero(value, 2);
  const [integer, fraction] = Math.abs(rounded).toFixed(2).split('.') as [string, string];
  const decimals = fraction.replace(/0+$/, '');
  const groupMark = language === 'da' ? '.' : ',';
  const decimalMark = language === 'da' ? ',' : '.';
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, groupMark);
  return (rounded < 0 ? MINUS_SIGN : '') + grouped + (decimals ? decimalMark + decimals : '');
}
