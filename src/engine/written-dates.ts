import type { CalendarDay } from './types';
import { dayFromYmd, validDay } from './dates';

/**
 * Dates as contracts write them (SPEC §2 Prose): `31. december 2022`, `December 31, 2022`, `december 2021`,
 * `ultimo 2022`, `medio 2022`, `4. kvartal 2022`, `efteråret 2021`. A period that is not a day
 * (`efteråret 2021`, `primo 2022`) still names its year, but no due date: a milestone due then is
 * refused rather than guessed.
 */

const MONTH_NUMBERS: Record<string, number> = {
  januar: 1, january: 1, jan: 1,
  februar: 2, february: 2, feb: 2,
  marts: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

const MONTH = '(januar|january|jan|februar|february|feb|marts|march|mar|april|apr|maj|may|juni|june|jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct|november|nov|december|dec)\\.?';
const YEAR = '((?:19|20)\\d{2})';
const NOT_LETTER_BEFORE = '(?<![\\p{L}\\d])';
const NOT_AFTER = '(?![\\p{L}\\d])';

/** A written date found in a longer text; `start`/`end` index the text given. */
export interface WrittenDate {
  start: number;
  end: number;
  year: number;
  /** The day it names (a month or period: its last day); `null` for a period that is no day. */
  due: CalendarDay | null;
  /** `true` for a full day such as `31. december 2022`; months and periods are `false`. */
  isDay: boolean;
  /** The text as written, for messages. */
  text: string;
}

type Pattern = { regex: RegExp; read: (m: RegExpExecArray) => { year: number; due: CalendarDay | null; isDay: boolean } | null };

function lastDayOfMonth(year: number, month: number): CalendarDay {
  return dayFromYmd(year, month + 1, 1) - 1;
}

const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1.': 1, '2.': 2, '3.': 3, '4.': 4, q1: 1, q2: 2, q3: 3, q4: 4 };

const PATTERNS: Pattern[] = [
  {
    // 31. december 2022 · 31 dec. 2022
    regex: new RegExp(`${NOT_LETTER_BEFORE}(\\d{1,2})\\.?\\s+${MONTH}\\s+${YEAR}${NOT_AFTER}`, 'giu'),
    read: (m) => {
      const year = Number(m[3]);
      const day = validDay(year, MONTH_NUMBERS[(m[2] as string).toLowerCase()] as number, Number(m[1]));
      return day === null ? null : { year, due: day, isDay: true };
    },
  },
  {
    // December 31, 2022 · December 31 2022
    regex: new RegExp(`${NOT_LETTER_BEFORE}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}${NOT_AFTER}`, 'giu'),
    read: (m) => {
      const year = Number(m[3]);
      const day = validDay(year, MONTH_NUMBERS[(m[1] as string).toLowerCase()] as number, Number(m[2]));
      return day === null ? null : { year, due: day, isDay: true };
    },
  },
  {
    // 4. kvartal 2022 · Q4 2022 · fourth quarter of 2022
    regex: new RegExp(`${NOT_LETTER_BEFORE}(?:([1-4]\\.)\\s*kvartal|(q[1-4])|(?:the\\s+)?(first|second|third|fourth)\\s+quarter(?:\\s+of)?)\\s+${YEAR}${NOT_AFTER}`, 'giu'),
    read: (m) => {
      const year = Number(m[4]);
      const quarter = QUARTER_WORDS[((m[1] ?? m[2] ?? m[3]) as string).toLowerCase()] as number;
      return { year, due: lastDayOfMonth(year, quarter * 3), isDay: false };
    },
  },
  {
    // december 2021 (its last day)
    regex: new RegExp(`${NOT_LETTER_BEFORE}${MONTH}\\s+${YEAR}${NOT_AFTER}`, 'giu'),
    read: (m) => {
      const year = Number(m[2]);
      return { year, due: lastDayOfMonth(year, MONTH_NUMBERS[(m[1] as string).toLowerCase()] as number), isDay: false };
    },
  },
  {
    // ultimo 2022 · udgangen af 2022 · (by the) end of 2022 · year-end 2022
    regex: new RegExp(`${NOT_LETTER_BEFORE}(?:ultimo|(?:ved\\s+)?udgangen\\s+af|slutningen\\s+af|(?:the\\s+)?end\\s+of|year-end)\\s+${YEAR}${NOT_AFTER}`, 'giu'),
    read: (m) => ({ year: Number(m[1]), due: dayFromYmd(Number(m[1]), 12, 31), isDay: false }),
  },
  {
    // medio 2022 · midten af 2022 · mid-2022 · the middle of 2022: the end of the first half
    regex: new RegExp(`${NOT_LETTER_BEFORE}(?:medio|midten\\s+af|mid-?|(?:the\\s+)?middle\\s+of)\\s*${YEAR}${NOT_AFTER}`, 'giu'),
    read: (m) => ({ year: Number(m[1]), due: dayFromYmd(Number(m[1]), 6, 30), isDay: false }),
  },
  {
    // primo 2022 · efteråret 2021 · autumn 2021: a year, but no day to be due on
    regex: new RegExp(
      `${NOT_LETTER_BEFORE}(?:primo|starten\\s+af|begyndelsen\\s+af|(?:the\\s+)?(?:start|beginning)\\s+of|early|late|efteråret|foråret|sommeren|vinteren|(?:the\\s+)?(?:autumn|fall|spring|summer|winter)(?:\\s+of)?)\\s+${YEAR}${NOT_AFTER}`,
      'giu',
    ),
    read: (m) => ({ year: Number(m[1]), due: null, isDay: false }),
  },
];

/**
 * Every written date in a text, earliest first, none overlapping (a day wins over the month it
 * contains: `31. december 2022` is one date, not `december 2022`).
 *
 * @example findWrittenDates('udført senest 31. december 2022')[0].due === dayFromYmd(2022, 12, 31)
 */
export function findWrittenDates(text: string): WrittenDate[] {
  const found: WrittenDate[] = [];
  for (const { regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((d) => start < d.end && d.start < end)) continue;
      const reading = read(m);
      if (reading !== null) found.push({ start, end, ...reading, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A whole text that is one written-out day: `31. december 2022`, `31 dec 2022`, `December 31, 2022`.
 *
 * @returns the day, or `null` when the text is anything else (a month or period is no day).
 * @example parseWrittenDay('13. oktober 2021') === dayFromYmd(2021, 10, 13)
 */
export function parseWrittenDay(text: string): CalendarDay | null {
  const trimmed = text.replace(/\s+/gu, ' ').trim();
  const [date] = findWrittenDates(trimmed);
  return date !== undefined && date.isDay && date.start === 0 && date.end === trimmed.length ? date.due : null;
}
