import type { CalendarDay } from './types';

/**
 * Calendar days as integers (days since 1970-01-01) so that dates compare as days, never as
 * instants: no time zone can move a day across midnight.
 */

const MS_PER_DAY = 86_400_000;
/** Excel serial 25569 is 1970-01-01 in the 1900 date system (serials above 60 skip Excel's fake 1900-02-29). */
const EXCEL_EPOCH_OFFSET = 25_569;

/** @example dayFromYmd(2021, 10, 13) // 18913 */
export function dayFromYmd(year: number, month: number, day: number): CalendarDay {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function ymdFromDay(day: CalendarDay): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function yearOfDay(day: CalendarDay): number {
  return ymdFromDay(day).year;
}

/** @example isoFromDay(dayFromYmd(2021, 10, 13)) // '2021-10-13' */
export function isoFromDay(day: CalendarDay): string {
  const { year, month, day: d } = ymdFromDay(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads a strict ISO date `YYYY-MM-DD`; `null` when it is not a real calendar day. */
export function dayFromIso(text: string): CalendarDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `null` unless year/month/day name a real day (31 February is not). */
export function validDay(year: number, month: number, day: number): CalendarDay | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const result = dayFromYmd(year, month, day);
  const back = ymdFromDay(result);
  return back.year === year && back.month === month && back.day === day ? result : null;
}

/** An Excel serial (1900 date system) to a calendar day; fractions (times of day) are dropped. */
export function dayFromExcelSerial(serial: number): CalendarDay {
  const whole = Math.floor(serial);
  // Excel counts a 29 February 1900 that never was: serials 1..59 sit one day later than real.
  return whole < 61 ? whole - EXCEL_EPOCH_OFFSET + 1 : whole - EXCEL_EPOCH_OFFSET;
}

export function excelSerialFromDay(day: CalendarDay): number {
  const serial = day + EXCEL_EPOCH_OFFSET;
  return serial < 61 ? serial - 1 : serial;
}

/** The calendar day of a JS Date, read in UTC. */
export function dayFromDate(date: Date): CalendarDay {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** 1 for 1 January, 365 (or 366) for 31 December. */
export function dayOfYear(day: CalendarDay): number {
  return day - dayFromYmd(yearOfDay(day), 1, 1) + 1;
}

/**
 * The day-first form of explanations, trends and the report's dates: `31-12-2021`.
 * @example formatDayFirst({ year: 2021, month: 6, day: 30 }) // '30-06-2021'
 */
export function formatDayFirst(date: { year: number; month: number; day: number }): string {
  return `${String(date.day).padStart(2, '0')}-${String(date.month).padStart(2, '0')}-${date.year}`;
}

/** A calendar day in the day-first form: `31-12-2021`. */
export function danishFromDay(day: CalendarDay): string {
  return formatDayFirst(ymdFromDay(day));
}

/**
 * An ISO date in the day-first form; text that is no ISO date is given back as it is.
 * @example danishFromIso('2021-06-30') // '30-06-2021'
 */
export function danishFromIso(iso: string): string {
  const day = dayFromIso(iso);
  return day === null ? iso : danishFromDay(day);
}
