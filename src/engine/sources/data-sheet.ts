import { isBlank, isCellError, normalizeHeader, normalizeText } from '../cell-text';
import { dayFromIso } from '../dates';
import { parseDateValue, parseNumberText } from '../numbers';
import type { CalendarDay, CellValue, ColumnarCells, SheetSnapshot } from '../types';

/**
 * A data sheet as pasted from a survey tool or register (SPEC §4), read once per recalculation:
 * the header row, the data rows, and per column the normalised values, built lazily the first
 * time a source names the column and then shared by every source that names it again.
 */

/** The comparison key of a cell: `''` for blank; numbers as their shortest decimal form. */
export function textKeyOf(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    // Most cells need only lower-casing; the white-space rewrite is for the few that do not.
    const lower = value.toLowerCase();
    return /\s/u.test(lower) && /^\s|\s$|\s\s|[^ \S]/u.test(lower) ? normalizeText(lower) : lower;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return normalizeText(value.error);
}

/** CVR digits: a `DK` prefix dropped, then everything but digits (SPEC §4). */
export function normalizeCvr(value: CellValue): string {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? String(value) : '';
  if (typeof value !== 'string') return '';
  const text = value.trim();
  const rest = /^dk/iu.test(text) ? text.slice(2) : text;
  // Most cells are digits already; the rewrite is for the few with spaces or dashes.
  return /^\d*$/u.test(rest) ? rest : rest.replace(/\D/gu, '');
}

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/**
 * A valid CVR number: 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11.
 * @example isValidCvr('10150817') // true
 */
export function isValidCvr(digits: string): boolean {
  if (digits.length !== 8) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    sum += digit * CVR_WEIGHTS[i];
  }
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
  /** The id of each key. */
  idOfKey: ReadonlyMap<string, number>;
  /** The ids of Excel error values. */
  errorIds: number[];
}

/** Keys of Excel error values cannot collide with any text a cell can hold. */
const ERROR_PREFIX = '\u0000#';

export function isErrorKey(key: string): boolean {
  return key.startsWith(ERROR_PREFIX);
}

/**
 * The data rows of a sheet: `cellAt(r, c)` is cell `c` of data row `r` (blank when missing), from
 * row arrays or from a columnar snapshot alike.
 */
interface DataRows {
  readonly length: number;
  cellAt(r: number, c: number): CellValue;
  /** Column `c` as a function of the data row: `cellAt` with the column looked up once, for whole-column loops. */
  columnReader(c: number): (r: number) => CellValue;
  /** Column `c`'s text atoms (CellColumn.textAtomAt) by data row, when its column has them. */
  textAtoms(c: number): { at: (r: number) => number; count: number } | null;
}

/** Data rows held as row arrays (rows may be shorter than the header). */
function rowArrays(rows: readonly (readonly CellValue[])[]): DataRows {
  return { length: rows.length, cellAt: (r, c) => rows[r][c] ?? null, columnReader: (c) => (r) => rows[r][c] ?? null, textAtoms: () => null };
}

/**
 * Data rows of a columnar snapshot: the head's rows for the columns not read whole, the columns
 * for the rest (a cell in no read column below the head is blank, as listSourceColumns allows).
 */
function columnarRows(sheetRows: Int32Array, head: readonly (readonly CellValue[])[], columnar: ColumnarCells): DataRows {
  return {
    length: sheetRows.length,
    cellAt: (r, c) => {
      const row = sheetRows[r];
      const column = columnar.columns.get(c);
      if (column) return column.valueAt(row);
      return row < head.length ? (head[row][c] ?? null) : null;
    },
    columnReader: (c) => {
      const column = columnar.columns.get(c);
      if (column) return (r) => column.valueAt(sheetRows[r]);
      return (r) => {
        const row = sheetRows[r];
        return row < head.length ? (head[row][c] ?? null) : null;
      };
    },
    textAtoms: (c) => {
      const column = columnar.columns.get(c);
      if (!column?.textAtomAt || column.textAtomCount === undefined) return null;
      const atomAt = column.textAtomAt.bind(column);
      return { at: (r) => atomAt(sheetRows[r]), count: column.textAtomCount };
    },
  };
}

/**
 * Dictionary-encodes a column by {@link textKeyOf}. Survey answers repeat, and repeated texts are
 * often the very same string (a shared string of the .xlsx), so each raw text or number is looked
 * up in a cache first and keyed only the first time it is seen.
 */
function encode(rows: DataRows, index: number): Dictionary {
  const dictionary = new DictionaryBuilder(rows.length);
  const idOfRaw = new Map<string | number | boolean, number>();
  const cellAt = rows.columnReader(index);
  // A text's atom (a shared-string index) finds its id with an array look-up, not a hash look-up.
  const atoms = rows.textAtoms(index);
  const idOfAtom = atoms ? new Int32Array(atoms.count).fill(-1) : null;
  for (let r = 0; r < rows.length; r++) {
    if (atoms && idOfAtom) {
      const atom = atoms.at(r);
      if (atom >= 0) {
        const known = idOfAtom[atom];
        if (known >= 0) dictionary.ids[r] = known;
        else {
          const text = cellAt(r) as string;
          let id = idOfRaw.get(text);
          if (id === undefined) idOfRaw.set(text, (id = dictionary.add(r, textKeyOf(text), text)));
          else dictionary.ids[r] = id;
          idOfAtom[atom] = id;
        }
        continue;
      }
    }
    const value = cellAt(r);
    if (value === null) continue;
    if (typeof value === 'object') {
      dictionary.add(r, ERROR_PREFIX + value.error, value);
      continue;
    }
    const cached = idOfRaw.get(value);
    if (cached !== undefined) dictionary.ids[r] = cached;
    else idOfRaw.set(value, dictionary.add(r, textKeyOf(value), value));
  }
  return dictionary.finish();
}

/** Builds a {@link Dictionary} row by row; id 0 is the blank key. */
class DictionaryBuilder {
  readonly ids: Int32Array;
  readonly keys: string[] = [''];
  private readonly samples: CellValue[] = [null];
  private readonly idOfKey = new Map<string, number>([['', 0]]);

  constructor(rows: number) {
    this.ids = new Int32Array(rows);
  }

  /** Gives row `r` the id of `key` (new when unseen, with `sample` as its first cell); returns the id. */
  add(r: number, key: string, sample: CellValue): number {
    let id = this.idOfKey.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.samples.push(sample);
      this.idOfKey.set(key, id);
    }
    this.ids[r] = id;
    return id;
  }

  finish(): Dictionary {
    const { ids, keys, samples, idOfKey } = this;
    return { ids, keys, samples, idOfKey, errorIds: findErrorIds(keys) };
  }
}

/**
 * Re-keys a dictionary: each distinct key is rewritten once (`rekey` gets the key and its first
 * cell), and the rows follow their old id. Rewritten keys that coincide share an id. When no key
 * changes (a CVR column of plain numbers: its text keys are its digits) the dictionary itself is
 * the answer, so a million rows are not held twice.
 */
function rekeyDictionary(from: Dictionary, rekey: (key: string, sample: CellValue) => string): Dictionary {
  const rekeyed = from.keys.map((key, old) => (old === 0 ? key : rekey(key, from.samples[old])));
  if (rekeyed.every((key, old) => key === from.keys[old])) return from;
  const builder = new DictionaryBuilder(from.keys.length);
  for (let old = 1; old < from.keys.length; old++) builder.add(old, rekeyed[old], from.samples[old]);
  const newIdOfOld = builder.ids;
  const dictionary = builder.finish();
  const ids = new Int32Array(from.ids.length);
  for (let r = 0; r < ids.length; r++) ids[r] = newIdOfOld[from.ids[r]];
  return { ...dictionary, ids };
}

function findErrorIds(keys: readonly string[]): number[] {
  const errorIds: number[] = [];
  keys.forEach((key, id) => {
    if (isErrorKey(key)) errorIds.push(id);
  });
  return errorIds;
}

/**
 * Reads every cell into a typed array, `NaN` for none. A text is read once however often it
 * repeats (a date column of text dates, say); numbers are read directly.
 */
function readEach(rows: DataRows, index: number, read: (value: CellValue) => number | null): Float64Array {
  const values = new Float64Array(rows.length);
  const ofText = new Map<string, number>();
  const cellAt = rows.columnReader(index);
  for (let r = 0; r < values.length; r++) {
    const value = cellAt(r);
    if (typeof value === 'string') {
      let v = ofText.get(value);
      if (v === undefined) {
        v = read(value) ?? Number.NaN;
        ofText.set(value, v);
      }
      values[r] = v;
    } else values[r] = value === null || typeof value === 'object' ? Number.NaN : (read(value) ?? Number.NaN);
  }
  return values;
}

/** The value cached under `key`, built and cached on first use. */
function remember<T>(memos: Map<string, unknown>, key: string, build: () => T): T {
  if (memos.has(key)) return memos.get(key) as T;
  const value = build();
  memos.set(key, value);
  return value;
}

/** One column of a data sheet, its arrays indexed by data row (see {@link DataSheet.rowNumberOf}). */
export class DataColumn {
  private textCache: Dictionary | null = null;
  private cvrCache: Dictionary | null = null;
  private numberCache: Float64Array | null = null;
  private dayCache: Float64Array | null = null;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly index: number,
    /** The header as written (trimmed); `''` for a column letter beyond the headers. */
    readonly header: string,
    /** The sheet's data rows; this column is cell `index` of each (missing cells are blank). */
    private readonly rows: DataRows,
  ) {}

  /** SPEC §4: a column whose header contains `CVR` holds CVR numbers. */
  get isCvr(): boolean {
    return /cvr/iu.test(this.header);
  }

  /** The cells by {@link textKeyOf}. */
  get text(): Dictionary {
    return (this.textCache ??= encode(this.rows, this.index));
  }

  /** The cells by normalised CVR digits; a non-blank cell without digits keys as `'-'` (invalid, not blank). */
  get cvr(): Dictionary {
    // Derived from the text dictionary: cells with the same text have the same CVR digits.
    return (this.cvrCache ??= rekeyDictionary(this.text, (key, sample) => (isErrorKey(key) ? key : normalizeCvr(sample) || '-')));
  }

  /** The ids to compare by: CVR digits on a CVR column, else text. */
  get identity(): Dictionary {
    return this.isCvr ? this.cvr : this.text;
  }

  /** The number of data rows. */
  get rowCount(): number {
    return this.rows.length;
  }

  /** Whether the cell of data row `r` is blank (nothing, or white space only). */
  isBlankAt(r: number): boolean {
    return isBlank(this.rows.cellAt(r, this.index));
  }

  /** Each cell read as a number; `NaN` where there is none. */
  get numbers(): Float64Array {
    return (this.numberCache ??= readEach(this.rows, this.index, readNumber));
  }

  /** Each cell read as a calendar day; `NaN` where there is none. */
  get days(): Float64Array {
    return (this.dayCache ??= readEach(this.rows, this.index, readDay));
  }

  /** Caches work derived from this column (a filter's verdicts, NPS scores) for the recalculation. */
  memo<T>(key: string, build: () => T): T {
    return remember(this.memos, key, build);
  }
}

/** A worksheet read as a data sheet. */
export class DataSheet {
  /** The header cells as written (trimmed), by column. */
  readonly headers: string[];
  /** Normalised header → first column with it. */
  private readonly headerIndex = new Map<string, number>();
  /** The 0-based sheet row of each data row (a view of one array sized by the sheet, not a list per row). */
  private readonly sheetRows: Int32Array;
  private readonly dataRows: DataRows;
  private readonly columns = new Map<number, DataColumn>();
  private readonly memos = new Map<string, unknown>();
  /** Rows with any cell that is not blank: the header, Qualtrics' extra rows and the data rows. */
  readonly nonEmptyRowCount: number;

  constructor(readonly snapshot: SheetSnapshot) {
    const columnar = snapshot.columns;
    // Typed, not number[]: a million rows take 4 MB here instead of 8 MB and more while growing.
    const nonEmpty = new Int32Array(Math.max(snapshot.values.length, columnar?.rowCount ?? 0));
    let count = 0;
    snapshot.values.forEach((row, r) => {
      if (row.some((cell) => !isBlank(cell))) nonEmpty[count++] = r;
    });
    if (columnar) {
      // Below the head only the columns read can make a row non-empty.
      const columns = [...columnar.columns.values()];
      for (let r = snapshot.values.length; r < columnar.rowCount; r++) {
        for (let k = 0; k < columns.length; k++) {
          if (!isBlank(columns[k].valueAt(r))) {
            nonEmpty[count++] = r;
            break;
          }
        }
      }
    }
    this.nonEmptyRowCount = count;
    const headerRow = count > 0 ? snapshot.values[nonEmpty[0]] : [];
    this.headers = headerRow.map((cell) => (isBlank(cell) ? '' : String(isCellError(cell) ? cell.error : cell).trim()));
    this.headers.forEach((header, c) => {
      const key = normalizeHeader(header);
      if (key !== '' && !this.headerIndex.has(key)) this.headerIndex.set(key, c);
    });
    // Qualtrics puts a question-text row and an {"ImportId":...} row under the header: skip
    // the 2nd non-empty row through the one holding the ImportId; nothing else is skipped.
    let firstData = 1;
    for (const k of [2, 1]) {
      const r = k < count ? nonEmpty[k] : undefined;
      if (r !== undefined && (snapshot.values[r] ?? []).some((cell) => typeof cell === 'string' && cell.trimStart().startsWith('{"ImportId"'))) {
        firstData = k + 1;
        break;
      }
    }
    const dataIndices = nonEmpty.subarray(Math.min(firstData, count), count);
    this.sheetRows = dataIndices;
    this.dataRows = columnar
      ? columnarRows(dataIndices, snapshot.values, columnar)
      : rowArrays(Array.from(dataIndices, (r) => snapshot.values[r]));
  }

  /** The 1-based Excel row number of data row `r`. */
  rowNumberOf(r: number): number {
    return this.sheetRows[r] + 1;
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
    const byHeader = this.headerIndex.get(normalizeHeader(name));
    if (byHeader !== undefined) return byHeader;
    if (bracketed) return null;
    return columnIndexOfLetters(name);
  }

  /** Caches work derived from several columns (the rows passing a set of filters) for the recalculation. */
  memo<T>(key: string, build: () => T): T {
    return remember(this.memos, key, build);
  }

  /** The column's cached arrays, built on first use. */
  column(index: number): DataColumn {
    let column = this.columns.get(index);
    if (!column) {
      column = new DataColumn(index, this.headers[index] ?? '', this.dataRows);
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
