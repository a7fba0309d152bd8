import { dayFromIso } from '../dates';
import { parseDateValue, parseNumberText } from '../numbers';
import type { CalendarDay, CellError, CellValue, SheetSnapshot } from '../types';

/**
 * A data sheet as pasted from a survey tool or register (SPEC §4), read once per recalculation:
 * the header row, the data rows, and per column the normalised values, built lazily the first
 * time a source names the column and then shared by every source that names it again.
 */

/** Text as compared: trimmed, inner white space (NBSP too) collapsed, lower case. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** Header matching as SPEC §1: trim, collapse white space (NBSP too), drop a trailing `:`, ignore case. */
export function normaliseHeader(text: string): string {
  return normaliseText(text).replace(/\s*:$/u, '');
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === 'object' && value !== null;
}

/** The comparison key of a cell: `''` for blank; numbers as their shortest decimal form. */
export function textKeyOf(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    // Most cells need only lower-casing; the white-space rewrite is for the few that do not.
    const lower = value.toLowerCase();
    return /\s/u.test(lower) && /^\s|\s$|\s\s|[^ \S]/u.test(lower) ? normaliseText(lower) : lower;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return normaliseText(value.error);
}

/** CVR digits: a `DK` prefix dropped, then everything but digits (SPEC §4). */
export function normaliseCvr(value: CellValue): string {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? String(value) : '';
  if (typeof value !== 'string') return '';
  return value.trim().replace(/^dk/iu, '').replace(/\D/gu, '');
}

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/**
 * A valid CVR number: 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11.
 * @example isValidCvr('10150817') // true
 */
export function isValidCvr(digits: string): boolean {
  if (!/^\d{8}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * CVR_WEIGHTS[i];
  return sum % 11 === 0;
}

/** A number in a cell or in its text (Danish or English form); `null` when there is none. */
export function readNumber(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return parseNumberText(value);
  return null;
}

/** A date in a cell: a serial, ISO or Danish day-first text, or ISO date-time text as JS dates print. */
export function readDay(value: CellValue): CalendarDay | null {
  const day = parseDateValue(value);
  if (day !== null || typeof value !== 'string') return day;
  const dateTime = /^\s*(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(value);
  return dateTime ? dayFromIso(dateTime[1]) : null;
}

function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * A column's values dictionary-encoded: `ids[r]` indexes `keys`, and id 0 is always the blank
 * key `''`. Survey answers repeat a handful of texts, so filters and excludes are decided once
 * per distinct value instead of once per row.
 */
export interface Dictionary {
  ids: Int32Array;
  keys: string[];
  /** The first cell seen for each id (for display and for reading numbers, dates and scores). */
  samples: CellValue[];
}

/** Keys of Excel error values cannot collide with any text a cell can hold. */
const ERROR_PREFIX = '\u0000#';

export function isErrorKey(key: string): boolean {
  return key.startsWith(ERROR_PREFIX);
}

function encode(raw: readonly CellValue[], keyOf: (value: CellValue) => string): Dictionary {
  const keys = [''];
  const samples: CellValue[] = [null];
  const idOfKey = new Map<string, number>([['', 0]]);
  const ids = new Int32Array(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const value = raw[r];
    if (value === null) continue;
    const key = isCellError(value) ? ERROR_PREFIX + value.error : keyOf(value);
    let id = idOfKey.get(key);
    if (id === undefined) {
      id = keys.length;
      keys.push(key);
      samples.push(value);
      idOfKey.set(key, id);
    }
    ids[r] = id;
  }
  return { ids, keys, samples };
}

/** One column of a data sheet, its arrays indexed like {@link DataSheet.rowNumbers}. */
export class DataColumn {
  private textCache: Dictionary | null = null;
  private cvrCache: Dictionary | null = null;
  private numberCache: (number | null)[] | null = null;
  private dayCache: (CalendarDay | null)[] | null = null;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly index: number,
    /** The header as written (trimmed); `''` for a column letter beyond the headers. */
    readonly header: string,
    /** The cells of the data rows (`null` for a missing cell). */
    readonly raw: readonly CellValue[],
  ) {}

  /** SPEC §4: a column whose header contains `CVR` holds CVR numbers. */
  get isCvr(): boolean {
    return /cvr/iu.test(this.header);
  }

  /** The cells by {@link textKeyOf}. */
  get text(): Dictionary {
    return (this.textCache ??= encode(this.raw, textKeyOf));
  }

  /** The cells by normalised CVR digits; a non-blank cell without digits keys as `'-'` (invalid, not blank). */
  get cvr(): Dictionary {
    return (this.cvrCache ??= encode(this.raw, (value) => (textKeyOf(value) === '' ? '' : normaliseCvr(value) || '-')));
  }

  /** The ids to compare by: CVR digits on a CVR column, else text. */
  get identity(): Dictionary {
    return this.isCvr ? this.cvr : this.text;
  }

  get numbers(): readonly (number | null)[] {
    return (this.numberCache ??= this.raw.map(readNumber));
  }

  get days(): readonly (CalendarDay | null)[] {
    return (this.dayCache ??= this.raw.map(readDay));
  }

  /** Caches work derived from this column (a filter's verdicts, NPS scores) for the recalculation. */
  memo<T>(key: string, build: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = build();
    this.memos.set(key, value);
    return value;
  }
}

/** A worksheet read as a data sheet. */
export class DataSheet {
  /** The header cells as written (trimmed), by column. */
  readonly headers: string[];
  /** Normalised header → first column with it. */
  private readonly headerIndex = new Map<string, number>();
  /** 1-based Excel row number of each data row. */
  readonly rowNumbers: number[];
  private readonly dataRows: (readonly CellValue[])[];
  private readonly columns = new Map<number, DataColumn>();

  constructor(readonly snapshot: SheetSnapshot) {
    const nonEmpty: number[] = [];
    snapshot.values.forEach((row, r) => {
      if (row.some((cell) => !isBlank(cell))) nonEmpty.push(r);
    });
    const headerRow = nonEmpty.length > 0 ? snapshot.values[nonEmpty[0]] : [];
    this.headers = headerRow.map((cell) => (isBlank(cell) ? '' : String(isCellError(cell) ? cell.error : cell).trim()));
    this.headers.forEach((header, c) => {
      const key = normaliseHeader(header);
      if (key !== '' && !this.headerIndex.has(key)) this.headerIndex.set(key, c);
    });
    // Qualtrics puts a question-text row and an {"ImportId":...} row under the header: skip
    // the 2nd non-empty row through the one holding the ImportId; nothing else is skipped.
    let firstData = 1;
    for (const k of [2, 1]) {
      const r = nonEmpty[k];
      if (r !== undefined && snapshot.values[r].some((cell) => typeof cell === 'string' && cell.trimStart().startsWith('{"ImportId"'))) {
        firstData = k + 1;
        break;
      }
    }
    const dataIndices = nonEmpty.slice(firstData);
    this.rowNumbers = dataIndices.map((r) => r + 1);
    this.dataRows = dataIndices.map((r) => snapshot.values[r]);
  }

  get name(): string {
    return this.snapshot.name;
  }

  get hasHeader(): boolean {
    return this.headers.some((h) => h !== '');
  }

  get rowCount(): number {
    return this.dataRows.length;
  }

  /** The headers that are not blank, for "closest names" suggestions. */
  get headerNames(): string[] {
    return this.headers.filter((h) => h !== '');
  }

  /**
   * Finds a column by header, or (for a bare name that matches no header) by column letter.
   * @returns the column index, or `null` when there is none.
   */
  findColumn(name: string, bracketed: boolean): number | null {
    const byHeader = this.headerIndex.get(normaliseHeader(name));
    if (byHeader !== undefined) return byHeader;
    if (bracketed) return null;
    return columnIndexOfLetters(name);
  }

  /** The column's cached arrays, built on first use. */
  column(index: number): DataColumn {
    let column = this.columns.get(index);
    if (!column) {
      const raw = this.dataRows.map((row) => row[index] ?? null);
      column = new DataColumn(index, this.headers[index] ?? '', raw);
      this.columns.set(index, column);
    }
    return column;
  }
}

/** 0-based index of column letters `A`…`XFD`, or `null`. */
export function columnIndexOfLetters(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n > 16_384 ? null : n - 1;
}
