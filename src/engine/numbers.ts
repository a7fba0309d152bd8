import type { CalendarDay, CellValue, Language } from './types';
import { dayFromExcelSerial, dayFromIso, validDay } from './dates';
import { MINUS_SIGN } from './display';
import { parseWrittenDay } from './written-dates';

/**
 * Numbers, unit signs and dates as analysts type them (SPEC §2 "Numbers" and "Dates").
 * Danish and English forms are both read; the one deliberate surprise is that a lone comma is
 * always the decimal mark (`1,234` is 1.234) because the users are Danish.
 */

/** The unit signs a typed value may carry: `%`/`pct.`/`procent`, `pp`, `kr`/`DKK`, `NPS`. */
export type UnitSign = '%' | 'pp' | 'kr' | 'NPS';

export interface Quantity {
  value: number;
  sign: UnitSign | null;
}


/** Groups of exactly three digits after one to three digits not starting with 0 (SPEC §2). */
function hasThousandsGroups(text: string, mark: '.' | ','): boolean {
  const escaped = mark === '.' ? '\\.' : ',';
  return new RegExp(`^[1-9]\\d{0,2}(?:${escaped}\\d{3})+$`).test(text);
}

/**
 * Reads a plain number in Danish or English form (SPEC §2). White space of any kind, the
 * non-breaking space included, is ignored; a leading `+`, `-` or `−` (U+2212) is accepted.
 * With both `.` and `,` the last one is the decimal mark and the other must split groups of
 * three; with only `,` it is the decimal mark; with only `.` it is a thousands mark when it
 * splits groups of exactly three digits after one to three digits not starting with 0, else
 * the decimal mark.
 *
 * @returns the number, or `null` when the text is not a finite number.
 * @example
 * parseNumberText('1,234');     // 1.234 (a lone comma is the decimal mark)
 * parseNumberText('1.234');     // 1234  (Danish thousands)
 * parseNumberText('0.455');     // 0.455
 * parseNumberText('1,234.5');   // 1234.5
 * parseNumberText('−2');        // -2
 */
export function parseNumberText(text: string): number | null {
  let body = text.replace(/\s/g, '');
  let negative = false;
  if (/^[+\-\u2212]/.test(body)) {
    negative = body[0] !== '+';
    body = body.slice(1);
  }
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;

  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let integer: string;
  let fraction: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalIndex = Math.max(lastDot, lastComma);
    const decimalMark = body[decimalIndex] as '.' | ',';
    const thousandsMark = decimalMark === '.' ? ',' : '.';
    integer = body.slice(0, decimalIndex);
    fraction = body.slice(decimalIndex + 1);
    if (integer.includes(decimalMark) || !hasThousandsGroups(integer, thousandsMark)) return null;
    integer = integer.split(thousandsMark).join('');
  } else if (lastComma >= 0) {
    const parts = body.split(',');
    if (parts.length !== 2) return null;
    [integer, fraction] = parts as [string, string];
  } else if (lastDot >= 0) {
    if (hasThousandsGroups(body, '.')) {
      integer = body.split('.').join('');
    } else {
      const parts = body.split('.');
      if (parts.length !== 2) return null;
      [integer, fraction] = parts as [string, string];
    }
  } else {
    integer = body;
  }
  // A decimal mark needs digits after it ('5,' is not a number); '.5' and ',5' are fine.
  if (fraction !== null && fraction === '') return null;
  if (!/^\d*$/.test(integer) || (fraction !== null && !/^\d+$/.test(fraction))) return null;
  const magnitude = Number(`${integer === '' ? '0' : integer}.${fraction ?? '0'}`);
  if (!Number.isFinite(magnitude)) return null;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** Unit words after a number, longest alternatives first where one is a prefix of another. */
const SUFFIX_SIGN = /^(.*?)\s*(%|pct\.?|procentpoint(?:s|er)?|procent|per\s*cent|percentage\s+points?|percent|p\.p\.|pp|kroner|kr\.?|dkk|nps)$/iu;
/** Millions and billions as contracts write amounts: `120 mio. kr.`, `1,5 mia. kr.`, `DKK 2 million`. */
const SCALED = /^(.*?\d)\s*(mio\.?|mia\.?|millioner|millions?|milliarder|milliard|billions?|bn)(?:\s*(kroner|kr\.?|dkk))?$/iu;
const PREFIX_SIGN = /^(kr\.?|dkk|nps)\s*(.+)$/iu;

function signOfWord(word: string): UnitSign {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === 'pp' || w === 'p.p.' || w.startsWith('procentpoint') || w.startsWith('percentage point')) return 'pp';
  if (w.startsWith('kr') || w === 'dkk') return 'kr';
  if (w === 'nps') return 'NPS';
  return '%';
}

/**
 * Reads a number with an optional unit sign before or after it.
 *
 * @returns the quantity, or `null` when the text is not one.
 * @example
 * parseQuantity('45,5 %');     // { value: 45.5, sign: '%' }
 * parseQuantity('5 procentpoint'); // { value: 5, sign: 'pp' }
 * parseQuantity('DKK 1.234');  // { value: 1234, sign: 'kr' }
 * parseQuantity('95 mio. kr.'); // { value: 95000000, sign: 'kr' }
 * parseQuantity('70');         // { value: 70, sign: null }
 */
export function parseQuantity(text: string): Quantity | null {
  // Collapsed first so that the lazy suffix pattern stays linear on long pasted text.
  const trimmed = text.replace(/\s+/gu, ' ').trim();
  const scaled = SCALED.exec(trimmed);
  if (scaled) {
    const inner = parseQuantity(scaled[3] === undefined ? (scaled[1] as string) : `${scaled[1] as string} ${scaled[3]}`);
    if (inner === null || (inner.sign !== null && inner.sign !== 'kr')) return null;
    const factor = /^(?:mia|milliard|billion|bn)/iu.test(scaled[2] as string) ? 1e9 : 1e6;
    return { value: cleanFloat(inner.value * factor), sign: inner.sign };
  }
  const suffix = SUFFIX_SIGN.exec(trimmed);
  if (suffix) {
    const value = parseNumberText(suffix[1] as string);
    if (value !== null) return { value, sign: signOfWord(suffix[2] as string) };
  }
  const prefix = PREFIX_SIGN.exec(trimmed);
  if (prefix) {
    const value = parseNumberText(prefix[2] as string);
    if (value !== null) return { value, sign: signOfWord(prefix[1] as string) };
  }
  const value = parseNumberText(trimmed);
  return value === null ? null : { value, sign: null };
}

/**
 * `true` when an Excel number format scales by 100: it holds `%` outside quoted text and not
 * escaped by a backslash.
 *
 * @example isPercentFormat('0.0%') // true; isPercentFormat('0" %"') // false
 */
export function isPercentFormat(numberFormat: string | null | undefined): boolean {
  if (!numberFormat) return false;
  let quoted = false;
  for (let i = 0; i < numberFormat.length; i++) {
    const c = numberFormat[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && !quoted) i++;
    else if (c === '%' && !quoted) return true;
  }
  return false;
}

/** Removes binary noise such as 45.50000000000001 after scaling by 100. */
export function cleanFloat(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * A cell as a quantity: a number cell with a percent number format holds a fraction (0.45
 * shown as 45 % is 45 %, SPEC §2); other number cells are plain; text goes through
 * {@link parseQuantity}. Excel error values and booleans are left to the caller (`null`).
 *
 * @example
 * quantityFromCell(0.45, '0%');   // { value: 45, sign: '%' }
 * quantityFromCell('45 pct.');    // { value: 45, sign: '%' }
 * quantityFromCell(null);         // null
 */
export function quantityFromCell(value: CellValue, numberFormat?: string | null): Quantity | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return isPercentFormat(numberFormat) ? { value: cleanFloat(value * 100), sign: '%' } : { value, sign: null };
  }
  if (typeof value === 'string') return value.trim() === '' ? null : parseQuantity(value);
  return null;
}

/**
 * SPEC §2: in a % row a plain number cell from 0 to 1 inclusive is a fraction (`=COUNTIF(…)/COUNTA(…)`
 * gives 0.75 without a percent format: 75 %). Returns the per cent it stands for, or null when the
 * cell is not such a number (text such as `0,5 %` keeps its sign; a percent format is read as ever).
 * The one home of this rule: goal rows and the Trafiklys functions both read through it.
 *
 * @example fractionAsPercent(0.75, null) // 75; fractionAsPercent(0.75, '0%') // null; fractionAsPercent(45, null) // null
 */
export function fractionAsPercent(value: CellValue, numberFormat?: string | null): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || isPercentFormat(numberFormat)) return null;
  return value >= 0 && value <= 1 ? cleanFloat(value * 100) : null;
}

/**
 * A calendar day from a cell: any number is an Excel serial (1900 date system; serials below 1
 * are no day); text is ISO `2021-12-31` or day-first `31-12-2021`, `31.12.2021`, `31/12/2021`
 * (one-digit day and month allowed), or a day written out: `31. december 2022`, `December 31, 2022`
 * (SPEC §2 Prose). A month or period (`december 2021`, `ultimo 2022`) is no day here.
 *
 * @returns the day, or `null` when it is not a real calendar day.
 * @example parseDateValue('31.12.2021') === dayFromYmd(2021, 12, 31)
 */
export function parseDateValue(value: CellValue): CalendarDay | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 1 ? dayFromExcelSerial(value) : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = dayFromIso(text);
  if (iso !== null) return iso;
  const dayFirst = /^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$/.exec(text);
  if (!dayFirst) return parseWrittenDay(text);
  return validDay(Number(dayFirst[4]), Number(dayFirst[3]), Number(dayFirst[1]));
}

/**
 * Reads back what display.ts's `formatValue` writes, in the given language's number form (where
 * `1,234` is 1234 in English, unlike {@link parseNumberText}). Unit signs are ignored.
 *
 * @example parseFormattedValue('1,234.5', 'en') // 1234.5
 */
export function parseFormattedValue(text: string, language: Language): number | null {
  let body = text.replace(/\s+/gu, ' ').trim();
  const suffix = SUFFIX_SIGN.exec(body);
  const prefix = PREFIX_SIGN.exec(body);
  if (suffix && /\d/.test(suffix[1] as string)) body = suffix[1] as string;
  else if (prefix) body = prefix[2] as string;
  body = body.replace(/\s/g, '').replace(MINUS_SIGN, '-');
  const pattern =
    language === 'da' ? /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/ : /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
  if (!pattern.test(body)) return null;
  const plain = language === 'da' ? body.replace(/\./g, '').replace(',', '.') : body.replace(/,/g, '');
  const value = Number(plain);
  return Number.isFinite(value) ? value + 0 : null;
}
