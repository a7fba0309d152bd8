import { judgeStatus, measureColumn, readYearTarget, type CellValue, type ColumnMeasure, type Language, type LiveFunctionOutcome } from '../engine';

/**
 * The Trafiklys functions' argument handling, pure (docs/spec.md §10): Excel's arguments in, the
 * engine's answer or an error with its message out. functions.ts only hands these to Excel.
 */

/** An error for the cell: `#VALUE!` (a wrong argument) or `#N/A` (no value), with its message. */
export interface FunctionError {
  code: 'value' | 'na';
  message: string;
}

export type FunctionResult<T> = { ok: true; value: T } | { ok: false; error: FunctionError };

/**
 * Excel on the web refuses a request or response over 5 MB ("Resource limits and performance
 * optimization for Office Add-ins"; docs/decisions.md, "Trafiklys functions"). Counted as 5,000,000
 * bytes, the lower reading of "5MB", so no call the web would cut off gets through here.
 */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

type Matrix = readonly (readonly unknown[])[];

const fail = (code: FunctionError['code'], message: string): FunctionResult<never> => ({ ok: false, error: { code, message } });

/** Excel's display language (`da-DK`, `en-US`, …) as the engine's: Danish for any `da`, else English. */
export function languageOf(displayLanguage: string | undefined | null): Language {
  return /^da\b/i.test(displayLanguage ?? '') ? 'da' : 'en';
}

/** UTF-8 bytes of a text, counted by hand: the JavaScript-only runtime promises no TextEncoder. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one character of 4 bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A value's bytes as JSON in UTF-8 (a missing argument is `null`); an array's count stops once past `limit`. */
function jsonBytes(value: unknown, limit: number): number {
  if (typeof value === 'string') return utf8Length(JSON.stringify(value));
  if (!Array.isArray(value)) return (JSON.stringify(value) ?? 'null').length;
  let bytes = 2 + Math.max(0, value.length - 1);
  for (const item of value) {
    bytes += jsonBytes(item, limit - bytes);
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/**
 * The arguments' size as JSON in UTF-8, as Excel sends them, counted only up to just past the
 * limit: a call over it says so instead of failing without a word where Excel on the web cuts it off.
 */
export function measurePayload(values: readonly unknown[]): number {
  return jsonBytes(values, PAYLOAD_LIMIT_BYTES);
}

function tooLarge(language: Language): FunctionError {
  return {
    code: 'value',
    message:
      language === 'da'
        ? 'mere end 5 MB data i ét kald (grænsen i Excel på nettet): brug en Kilde i målarket og Genberegn i opgaveruden, som læser data i bidder'
        : "more than 5 MB of data in one call (Excel on the web's limit): use a Source on the goal sheet and the pane's Recalculate, which reads the data in chunks",
  };
}

/** A cell as the engine takes it; Excel's error values become the engine's. */
function cellValueOf(value: unknown): CellValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return { error: String(value) };
}

/** A range (or one value) as one column of cells, row by row; a range of more than one column is refused. */
function readColumn(name: string, value: unknown, language: Language): FunctionResult<CellValue[]> {
  const rows: Matrix = Array.isArray(value) ? (value as Matrix) : [[value]];
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  if (width > 1) {
    return fail('value', language === 'da' ? `${name} skal være én kolonne (fik ${width} kolonner)` : `${name} must be one column (got ${width} columns)`);
  }
  return { ok: true, value: rows.map((row) => cellValueOf(row[0])) };
}

function fromOutcome<T>(outcome: LiveFunctionOutcome<T>): FunctionResult<T> {
  if (outcome.kind === 'value') return { ok: true, value: outcome.value };
  return fail(outcome.kind === 'none' ? 'na' : 'value', outcome.message);
}

export interface ColumnArguments {
  answers: unknown;
  answer?: unknown;
  filterRange?: unknown;
  filterValue?: unknown;
}

/**
 * NPS, SHARE and COUNTUNIQUE: the answers (and the filter pair) read as columns, then the engine's
 * Source computation (§4).
 *
 * @example computeColumnFunction('nps', { answers: [[10], [3], ['Ved ikke']] }, 'en') // { ok: true, value: 0 }
 */
export function computeColumnFunction(measure: ColumnMeasure, args: ColumnArguments, language: Language): FunctionResult<number> {
  if (measurePayload([args.answers, args.answer, args.filterRange, args.filterValue]) > PAYLOAD_LIMIT_BYTES) return { ok: false, error: tooLarge(language) };
  const answers = readColumn(language === 'da' ? 'svar' : 'answers', args.answers, language);
  if (!answers.ok) return answers;
  const hasRange = args.filterRange !== undefined && args.filterRange !== null;
  const hasValue = args.filterValue !== undefined && args.filterValue !== null;
  if (hasRange !== hasValue) {
    return fail('value', language === 'da' ? 'filter_område og filter_værdi gives sammen' : 'filter_range and filter_value go together: give both or neither');
  }
  let filter;
  if (hasRange) {
    const values = readColumn(language === 'da' ? 'filter_område' : 'filter_range', args.filterRange, language);
    if (!values.ok) return values;
    filter = { values: values.value, value: cellValueOf(args.filterValue) };
  }
  if (measure === 'share' && cellValueOf(args.answer) === null) {
    return fail('value', language === 'da' ? 'svaret der tælles er tomt' : 'the answer to count is blank');
  }
  return fromOutcome(measureColumn({ measure, answers: answers.value, answer: cellValueOf(args.answer), filter, language }));
}

/** A year argument: a whole number 1900–9999. */
function readYear(value: unknown, language: Language): FunctionResult<number> {
  const year = typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : value;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 9999) {
    return fail('value', language === 'da' ? `året skal være et helt tal som 2022 (fik ${JSON.stringify(value)})` : `the year must be a whole number such as 2022 (got ${JSON.stringify(value)})`);
  }
  return { ok: true, value: year };
}

/** An as-of date: an Excel date (a serial number) or ISO/day-first text; blank is today. */
function readAsOf(value: unknown, language: Language): FunctionResult<string | undefined> {
  if (value === undefined || value === null || value === '') return { ok: true, value: undefined };
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2958466) {
    // Excel's 1900 date system: serial 1 is 1900-01-01, and 60 is the 29 February 1900 that never was.
    const date = new Date(Date.UTC(1899, 11, value >= 60 ? 30 : 31) + value * 86400000);
    return { ok: true, value: date.toISOString().slice(0, 10) };
  }
  if (typeof value === 'string') {
    const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(value);
    const dayFirst = /^\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s*$/.exec(value);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
    if (y !== undefined) {
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)) return { ok: true, value: date.toISOString().slice(0, 10) };
    }
  }
  return fail('value', language === 'da' ? `opgjort pr. skal være en dato (fik ${JSON.stringify(value)})` : `as_of must be a date (got ${JSON.stringify(value)})`);
}

/**
 * TARGET: the year's target of a rule (§2), as the `Target Y` column holds it.
 *
 * @example computeTarget({ rule: '2021: 45%; 2023: 50%', year: 2022 }, 'en', new Date()) // { ok: true, value: 0.475 }
 */
export function computeTarget(args: { rule: unknown; year: unknown; baseline?: unknown }, language: Language, now: Date): FunctionResult<number | string> {
  const year = readYear(args.year, language);
  if (!year.ok) return year;
  return fromOutcome(readYearTarget({ rule: cellValueOf(args.rule), baseline: cellValueOf(args.baseline), year: year.value, language, now }));
}

/**
 * STATUS: the label of §3 for an actual against a rule, in the given language.
 *
 * @example computeStatus({ rule: '>= 80%', actual: 0.75, year: 2021, asOf: '2021-10-13' }, 'da', new Date()) // { ok: true, value: 'I risiko' }
 */
export function computeStatus(args: { rule: unknown; actual: unknown; year?: unknown; asOf?: unknown }, language: Language, now: Date): FunctionResult<string> {
  const rule = cellValueOf(args.rule);
  if (rule === null) return fail('value', language === 'da' ? 'måltallet er tomt' : 'the target rule is blank');
  let year: number | undefined;
  if (args.year !== undefined && args.year !== null && args.year !== '') {
    const read = readYear(args.year, language);
    if (!read.ok) return read;
    year = read.value;
  }
  const asOf = readAsOf(args.asOf, language);
  if (!asOf.ok) return asOf;
  const judged = judgeStatus({ rule, actual: cellValueOf(args.actual), year, asOf: asOf.value, language, now });
  if (judged.status === 'error') return fail('value', judged.explanation);
  return { ok: true, value: judged.label };
}
