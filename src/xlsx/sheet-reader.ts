import type { CellColumn, CellValue, ColumnarCells } from '../engine';
import { findEntry, scanPart, type OpenedPackage, type PackageSheet } from './package-reader';
import { decodeXmlText, readAttribute, StopReading, type ElementFastPath, type XmlHandler } from './xml-scanner';
import { XlsxError } from './errors';

/**
 * Reads one worksheet part as a stream (issue 9): its head (the first rows, for deciding what
 * the sheet is), the whole sheet (goal and settings sheets: values, number formats, formulas), or
 * only some columns into typed arrays (data sheets: a tag byte and a float per cell, never an
 * object per cell).
 */

/** Excel's sheet size: rows 1…1,048,576, columns A…XFD. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** Days from 1900-01-00 to 1904-01-01: a 1904-system serial plus this is the 1900-system serial. */
const DATE_1904_OFFSET = 1462;

export type SheetReadMode = { kind: 'head'; rows: number } | { kind: 'whole' } | { kind: 'columns'; columns: readonly number[] };

export interface SheetRead {
  values: CellValue[][];
  numberFormats: (string | null)[][];
  formulas: boolean[][];
  columns?: ColumnarCells;
}

const TAG_BLANK = 0;
const TAG_NUMBER = 1;
const TAG_TEXT = 2;
const TAG_BOOLEAN = 3;
const TAG_ERROR = 4;
const TAG_SHARED = 5;

/**
 * One column's cells in typed arrays: a tag per row, and a number, a text id or a shared-string
 * index. The values start as 32-bit integers (indices, counts, CVR numbers and date serials all
 * fit) and move to 64-bit floats only when the first number that needs it arrives, so a column
 * of a million cells holds 5 MB rather than 9 MB until then.
 */
export class ColumnStore implements CellColumn {
  private tags = new Uint8Array(1024);
  private ints: Int32Array | null = new Int32Array(1024);
  private floats: Float64Array | null = null;
  private length = 0;
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();

  constructor(private readonly sharedStrings: readonly string[]) {}

  private ensure(row: number): void {
    if (row < this.tags.length) return;
    let size = this.tags.length;
    while (size <= row) size *= 2;
    const tags = new Uint8Array(size);
    tags.set(this.tags);
    this.tags = tags;
    if (this.floats) {
      const floats = new Float64Array(size);
      floats.set(this.floats);
      this.floats = floats;
    } else {
      const ints = new Int32Array(size);
      ints.set(this.ints!);
      this.ints = ints;
    }
  }

  /** Moves the values to floats, for a number that is not a 32-bit integer (or is -0). */
  private widen(): Float64Array {
    const floats = Float64Array.from(this.ints!);
    this.floats = floats;
    this.ints = null;
    return floats;
  }

  private at(row: number): number {
    return this.floats ? this.floats[row] : this.ints![row];
  }

  private textId(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.textIds.set(text, id);
    }
    return id;
  }

  set(row: number, tag: number, value: number | string): void {
    this.ensure(row);
    this.tags[row] = tag;
    const v = typeof value === 'number' ? value : this.textId(value);
    if (this.floats) this.floats[row] = v;
    else if ((v | 0) === v && !Object.is(v, -0)) this.ints![row] = v;
    else this.widen()[row] = v;
    if (row >= this.length) this.length = row + 1;
  }

  /** A shared string by its index, an inline text after them; -1 for anything else (engine CellColumn). */
  textAtomAt(row: number): number {
    if (row >= this.length) return -1;
    const tag = this.tags[row];
    return tag === TAG_SHARED ? this.at(row) : tag === TAG_TEXT ? this.sharedStrings.length + this.at(row) : -1;
  }

  get textAtomCount(): number {
    return this.sharedStrings.length + this.texts.length;
  }

  valueAt(row: number): CellValue {
    if (row >= this.length) return null;
    const v = this.at(row);
    switch (this.tags[row]) {
      case TAG_NUMBER:
        return v;
      case TAG_TEXT:
        return this.texts[v];
      case TAG_SHARED:
        return this.sharedStrings[v] ?? null;
      case TAG_BOOLEAN:
        return v === 1;
      case TAG_ERROR:
        return { error: this.texts[v] };
      default:
        return null;
    }
  }
}

/** `AB12` → 27 (0-based column); -1 when the reference has no letters. */
export function columnOfReference(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return i === 0 ? -1 : n - 1;
}

/** `AB12` → 11 (0-based row); -1 when there is no row number. */
function rowOfReference(ref: string): number {
  let i = 0;
  while (i < ref.length && ((ref.charCodeAt(i) | 32) >= 97 && (ref.charCodeAt(i) | 32) <= 122)) i++;
  // Plain digits (every writer's form) are read in place; anything else goes through Number as before.
  let n = 0;
  let k = i;
  for (; k < ref.length; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  if (k === ref.length && k > i && k - i < 16) return n > 0 ? n - 1 : -1;
  const m = Number(ref.slice(i));
  return i < ref.length && Number.isInteger(m) && m > 0 ? m - 1 : -1;
}

/** An ISO 8601 date (a `t="d"` cell) as a 1900-system serial. */
function serialOfIsoDate(text: string): number | null {
  const ms = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : ms / 86_400_000 + 25_569;
}

/**
 * Reads a worksheet part.
 *
 * @throws {XlsxError} when the part is missing, damaged or not well-formed (naming the part).
 * @example const { values } = await readSheet(pkg, pkg.sheets[0], { kind: 'whole' });
 */
export async function readSheet(pkg: OpenedPackage, sheet: PackageSheet, mode: SheetReadMode): Promise<SheetRead> {
  const entry = findEntry(pkg, sheet.part);
  if (!entry) throw new XlsxError('unreadable', pkg.file, `cannot read ${pkg.file}: the sheet '${sheet.name}' has no part ${sheet.part} in the package`);
  const reader = createSheetReader(pkg, mode, { file: pkg.file, part: entry.name });
  await scanPart(pkg, entry, reader.handler, reader.fastPath);
  return reader.result();
}

/** What a worksheet part is read against: the package's shared strings, styles and date system. */
export type SheetContext = Pick<OpenedPackage, 'sharedStrings' | 'styles' | 'date1904'>;

/** A worksheet part's reader: the scanner's handler and fast path, and what they read. */
export interface SheetReader {
  handler: XmlHandler;
  /** The byte-level fast path for cells and row boundaries; reading without it gives the same result, slower. */
  fastPath: ElementFastPath;
  result(): SheetRead;
}

/**
 * The reader of one worksheet part, to feed to an {@link XmlScanner} (readSheet streams the part
 * into it; tests push pieces split anywhere, with and without the fast path).
 */
export function createSheetReader(context: SheetContext, mode: SheetReadMode, where: { file: string; part: string }): SheetReader {
  const { sharedStrings, styles, date1904 } = context;
  /** A row beyond Excel's last: refused before anything is sized by it (a crafted `r` could ask for 10^17 rows). */
  const beyondSheet = (r: number, c?: number): never => {
    const place = c === undefined ? `row ${(r + 1).toLocaleString('en-US')}` : `row ${(r + 1).toLocaleString('en-US')}, column ${(c + 1).toLocaleString('en-US')}`;
    throw new XlsxError('unreadable', where.file, `cannot read ${where.file}: its part ${where.part} has a cell beyond the last row or column a sheet can have (${place}; the last is row 1,048,576, column XFD)`);
  };
  /** Makes `r` the row being read (and the last row seen, when it is). */
  const enterRow = (r: number): void => {
    if (r >= MAX_ROWS) beyondSheet(r);
    row = r;
    if (r > maxRow) maxRow = r;
  };
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: boolean[][] = [];
  const whole = mode.kind === 'whole';
  const headRows = mode.kind === 'head' ? mode.rows : Infinity;
  const stores = new Map<number, ColumnStore>();
  if (mode.kind === 'columns') for (const c of mode.columns) stores.set(c, new ColumnStore(sharedStrings));
  const columnsOnly = mode.kind === 'columns';

  let inSheetData = false;
  let row = -1;
  let col = -1;
  let nextCol = 0;
  let maxRow = -1;
  // The cell being read.
  let wanted = false;
  let type: string | undefined;
  let style = 0;
  let hasFormula = false;
  let text = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  let gotValue = false;
  /** The `r` of the `<c>` being opened, read once for its row and its column. */
  let cellRef: string | undefined;

  const finishCell = (): void => {
    const raw = text;
    let tag = TAG_BLANK;
    let value: number | string = 0;
    if (type === 'inlineStr') {
      if (gotValue) {
        tag = TAG_TEXT;
        value = raw;
      }
    } else if (gotValue) {
      switch (type) {
        case 's': {
          const index = Number(raw);
          if (Number.isInteger(index) && index >= 0 && index < sharedStrings.length) {
            tag = TAG_SHARED;
            value = index;
          }
          break;
        }
        case 'str':
          tag = TAG_TEXT;
          value = decodeXmlText(raw);
          break;
        case 'b':
          tag = TAG_BOOLEAN;
          value = raw.trim() === '1' || raw.trim() === 'true' ? 1 : 0;
          break;
        case 'e':
          tag = TAG_ERROR;
          value = decodeXmlText(raw); // as written, like every other reader (an error literal has no spaces)
          break;
        case 'd': {
          const serial = serialOfIsoDate(raw.trim());
          if (serial !== null) {
            tag = TAG_NUMBER;
            value = serial;
          }
          break;
        }
        default: {
          const trimmed = raw.trim();
          const n = trimmed === '' ? Number.NaN : Number(trimmed);
          if (Number.isFinite(n)) {
            tag = TAG_NUMBER;
            value = date1904 && styles.dateXf[style] ? n + DATE_1904_OFFSET : n;
          }
        }
      }
    }
    storeCell(tag, value);
  };

  /** Stores the cell at (`row`, `col`) with its style and formula flag. */
  const storeCell = (tag: number, value: number | string): void => {
    if (col >= MAX_COLUMNS) beyondSheet(row, col);
    if (columnsOnly) {
      if (tag !== TAG_BLANK) stores.get(col)!.set(row, tag, value);
      return;
    }
    while (values.length <= row) {
      values.push([]);
      if (whole) {
        numberFormats.push([]);
        formulas.push([]);
      }
    }
    const cells = values[row];
    while (cells.length <= col) cells.push(null);
    cells[col] =
      tag === TAG_NUMBER ? (value as number) : tag === TAG_TEXT ? (value as string) : tag === TAG_SHARED ? sharedStrings[value as number] : tag === TAG_BOOLEAN ? value === 1 : tag === TAG_ERROR ? { error: value as string } : null;
    if (whole) {
      const formats = numberFormats[row];
      const flags = formulas[row];
      while (formats.length <= col) formats.push(null);
      while (flags.length <= col) flags.push(false);
      const format = styles.formatOfXf[style];
      formats[col] = format === undefined || format === 'General' ? null : format;
      flags[col] = hasFormula;
    }
  };

  /**
   * The fast path (issue 9, the million-row read) for the commonest cell shapes, `<c …/>`,
   * `<c …><v>…</v></c>` and the same with an `<f>` first (every writer's form for numbers, shared
   * strings and formulas), and for `</row><row …>` between them: read from the bytes with no
   * slices, storing exactly what the token-by-token path would store, cell after cell. It stops
   * at anything else (inline strings, a prefix, white space, CDATA, an entity in `r`, `t` or
   * `s`, the end of the piece, the end of the sheet's rows), which is read token by token.
   */
  const readCellsFast = (s: string, lt: number, b: Uint8Array | null, top: string): number => {
    if (b === null || !inSheetData) return -1;
    let k = readCellFast(s, lt, b);
    if (k < 0) return -1;
    const inRow = top === 'row';
    for (;;) {
      const next = readCellFast(s, k, b);
      if (next >= 0) {
        k = next;
        continue;
      }
      if (!inRow) return k;
      const after = readRowBoundaryFast(s, k, b);
      if (after < 0) return k;
      k = after;
    }
  };

  /** Where a start tag's `r`, `t` and `s` values start and end, and whether it closed itself. */
  const spans = new Int32Array(7);
  const R_START = 0;
  const T_START = 2;
  const S_START = 4;
  const SELF_CLOSING = 6;

  /**
   * Reads the attributes of the start tag whose name ends at `k`: fills {@link spans} and returns
   * the index after the tag, or -1 for anything unusual (an entity in r/t/s, the end of the piece).
   */
  const readStartTag = (b: Uint8Array, k: number): number => {
    const len = b.length;
    spans[0] = spans[1] = spans[2] = spans[3] = spans[4] = spans[5] = -1;
    spans[SELF_CLOSING] = 0;
    if (k >= len) return -1;
    let ch = b[k];
    if (ch !== 32 && ch !== 62 && ch !== 47) return -1;
    for (;;) {
      while (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
        if (++k >= len) return -1;
        ch = b[k];
      }
      if (ch === 62 /* > */) return k + 1;
      if (ch === 47 /* / */) {
        if (k + 1 >= len || b[k + 1] !== 62) return -1;
        spans[SELF_CLOSING] = 1;
        return k + 2;
      }
      const nameStart = k;
      while (ch !== 61 && ch !== 32 && ch !== 62 && ch !== 47) {
        if (++k >= len) return -1;
        ch = b[k];
      }
      const nameLength = k - nameStart;
      if (ch !== 61 /* = */ || nameLength === 0 || k + 1 >= len) return -1;
      const quote = b[k + 1];
      if (quote !== 34 && quote !== 39) return -1;
      const valueStart = k + 2;
      let valueEnd = valueStart;
      let entity = false;
      for (; valueEnd < len; valueEnd++) {
        const c = b[valueEnd];
        if (c === quote) break;
        if (c === 38 /* & */) entity = true;
      }
      if (valueEnd >= len) return -1;
      if (nameLength === 1) {
        const n = b[nameStart];
        const at = n === 114 /* r */ ? R_START : n === 116 /* t */ ? T_START : n === 115 /* s */ ? S_START : -1;
        if (at >= 0) {
          if (entity) return -1;
          if (spans[at] < 0) {
            spans[at] = valueStart;
            spans[at + 1] = valueEnd;
          }
        }
      }
      k = valueEnd + 1;
      if (k >= len) return -1;
      ch = b[k];
    }
  };

  /** Digits from `start` to `end` as a number; -1 when they are not plain digits (or too many). */
  const digitsAt = (b: Uint8Array, start: number, end: number): number => {
    if (end <= start || end - start > 15) return -1;
    let n = 0;
    for (let j = start; j < end; j++) {
      const d = b[j] - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  };

  /** `</row><row …>` at `k` (a row ends and the next begins): the new row's start, as the token path does. */
  const readRowBoundaryFast = (s: string, k: number, b: Uint8Array): number => {
    const len = b.length;
    // "</row><row"
    if (k + 10 >= len || b[k] !== 60 || b[k + 1] !== 47 || b[k + 2] !== 114 || b[k + 3] !== 111 || b[k + 4] !== 119 || b[k + 5] !== 62) return -1;
    if (b[k + 6] !== 60 || b[k + 7] !== 114 || b[k + 8] !== 111 || b[k + 9] !== 119) return -1;
    const after = readStartTag(b, k + 10);
    if (after < 0 || spans[SELF_CLOSING] === 1) return -1;
    const rStart = spans[R_START];
    let n = Number.NaN;
    if (rStart >= 0) {
      const rEnd = spans[R_START + 1];
      const digits = digitsAt(b, rStart, rEnd);
      n = digits >= 0 ? digits : Number(s.slice(rStart, rEnd));
    }
    const next = Number.isInteger(n) && n > 0 ? n - 1 : row + 1;
    if (next >= headRows) throw new StopReading();
    enterRow(next);
    nextCol = 0;
    return after;
  };

  /** One cell at `lt` by the fast path; the index after it, or -1 (nothing read, nothing changed). */
  const readCellFast = (s: string, lt: number, b: Uint8Array): number => {
    const len = b.length;
    if (lt + 2 >= len || b[lt] !== 60 || b[lt + 1] !== 99 /* c */) return -1;
    let k = readStartTag(b, lt + 2);
    if (k < 0) return -1;
    const rStart = spans[R_START];
    const rEnd = spans[R_START + 1];
    const tStart = spans[T_START];
    const tEnd = spans[T_START + 1];
    const sStart = spans[S_START];
    const sEnd = spans[S_START + 1];
    const selfClosing = spans[SELF_CLOSING] === 1;
    let formula = false;
    let vStart = -1;
    let vEnd = -1;
    if (!selfClosing) {
      // An optional <f>, self-closing or holding text only.
      if (k + 3 < len && b[k] === 60 && b[k + 1] === 102 /* f */) {
        const c = b[k + 2];
        if (c !== 32 && c !== 62 && c !== 47) return -1;
        let j = k + 2;
        let q = 0;
        for (; j < len; j++) {
          const d = b[j];
          if (q !== 0) {
            if (d === q) q = 0;
          } else if (d === 34 || d === 39) q = d;
          else if (d === 62) break;
          else if (d === 60) return -1;
        }
        if (j >= len) return -1;
        if (b[j - 1] === 47) k = j + 1;
        else {
          let close = j + 1;
          while (close < len && b[close] !== 60) close++;
          if (close + 3 >= len || b[close + 1] !== 47 || b[close + 2] !== 102 || b[close + 3] !== 62) return -1; // </f>
          k = close + 4;
        }
        formula = true;
      }
      // An optional <v>, then the end of the cell.
      if (k + 2 < len && b[k] === 60 && b[k + 1] === 118 /* v */) {
        const c = b[k + 2];
        if (c === 62) {
          vStart = k + 3;
          vEnd = vStart;
          while (vEnd < len && b[vEnd] !== 60) vEnd++;
          if (vEnd + 3 >= len || b[vEnd + 1] !== 47 || b[vEnd + 2] !== 118 || b[vEnd + 3] !== 62) return -1; // </v>
          k = vEnd + 4;
        } else if (c === 47 && k + 3 < len && b[k + 3] === 62) {
          vStart = vEnd = k + 4;
          k += 4;
        } else return -1;
      }
      if (k + 3 >= len || b[k] !== 60 || b[k + 1] !== 47 || b[k + 2] !== 99 || b[k + 3] !== 62) return -1; // </c>
      k += 4;
    }
    // The reference: letters, then digits (every writer's form); anything else as the token path reads it.
    let refCol = -1;
    if (rStart >= 0) {
      let j = rStart;
      let letters = 0;
      for (; j < rEnd; j++) {
        const c = b[j] | 32;
        if (c < 97 || c > 122) break;
        letters = letters * 26 + (c - 96);
      }
      const digits = j > rStart ? digitsAt(b, j, rEnd) : -1;
      let refRow: number;
      if (digits >= 0) {
        refCol = letters - 1;
        refRow = digits > 0 ? digits - 1 : -1;
      } else {
        const ref = s.slice(rStart, rEnd);
        refCol = columnOfReference(ref);
        refRow = rowOfReference(ref);
      }
      if (refRow >= 0 && refRow !== row) {
        if (refRow >= headRows) throw new StopReading();
        enterRow(refRow);
      }
    }
    col = refCol >= 0 ? refCol : nextCol;
    nextCol = col + 1;
    if (columnsOnly && !stores.has(col)) return k;
    if (sStart < 0) style = 0;
    else {
      const n = sEnd - sStart < 10 ? digitsAt(b, sStart, sEnd) : -1;
      style = n >= 0 ? n : Number(s.slice(sStart, sEnd));
    }
    hasFormula = formula;
    if (selfClosing) {
      if (!columnsOnly) {
        type = tStart < 0 ? undefined : s.slice(tStart, tEnd);
        gotValue = false;
        text = '';
        finishCell();
      }
      return k;
    }
    const shared = tStart >= 0 && tEnd === tStart + 1 && b[tStart] === 115; /* t="s" */
    if (shared || tStart < 0 || (tEnd === tStart + 1 && b[tStart] === 110) /* t="n" */) {
      // Plain digits, the commonest value of all: read in place.
      const n = digitsAt(b, vStart, vEnd);
      if (n >= 0) {
        if (shared) storeCell(n < sharedStrings.length ? TAG_SHARED : TAG_BLANK, n);
        else storeCell(TAG_NUMBER, date1904 && styles.dateXf[style] ? n + DATE_1904_OFFSET : n);
        return k;
      }
    }
    type = tStart < 0 ? undefined : shared ? 's' : s.slice(tStart, tEnd);
    gotValue = vStart >= 0;
    text = gotValue ? s.slice(vStart, vEnd) : '';
    finishCell();
    return k;
  };

  const handler: XmlHandler = {
    open(name, attrs, selfClosing) {
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = !selfClosing;
        return;
      }
      if (name === 'c') {
        // The reference was read (and the row taken from it) by withRowFromCell just before.
        const ref = cellRef;
        const c = ref === undefined ? -1 : columnOfReference(ref);
        col = c >= 0 ? c : nextCol;
        nextCol = col + 1;
        wanted = columnsOnly ? stores.has(col) : true;
        if (!wanted) return;
        type = readAttribute(attrs, 't');
        const s = readAttribute(attrs, 's');
        style = s === undefined ? 0 : Number(s);
        hasFormula = false;
        text = '';
        gotValue = false;
        capture = null;
        inInline = false;
        phonetic = 0;
        if (selfClosing) {
          if (!columnsOnly) finishCell();
          wanted = false;
        }
        return;
      }
      if (name === 'row') {
        const r = readAttribute(attrs, 'r');
        const n = r === undefined ? Number.NaN : Number(r);
        const next = Number.isInteger(n) && n > 0 ? n - 1 : row + 1;
        if (next >= headRows) throw new StopReading();
        enterRow(next);
        nextCol = 0;
        return;
      }
      if (!wanted) return;
      if (name === 'v') {
        if (!selfClosing) capture = 'v';
        gotValue = true;
      } else if (name === 'f') hasFormula = true;
      else if (name === 'is') inInline = !selfClosing;
      else if (name === 'rPh') {
        if (!selfClosing) phonetic++;
      } else if (name === 't' && inInline) {
        gotValue = true;
        if (!selfClosing && phonetic === 0) capture = 't';
      }
    },
    close(name) {
      if (!inSheetData) return;
      if (name === 'sheetData') {
        inSheetData = false;
        return;
      }
      if (!wanted) return;
      if (name === 'c') {
        finishCell();
        wanted = false;
      } else if (name === 'v' || name === 't') capture = null;
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') phonetic--;
    },
    text(raw, cdata) {
      if (capture === null) return;
      // Inline text is decoded here; a <v> is decoded only when it is text (numbers have no entities).
      text += capture === 't' && !cdata ? decodeXmlText(raw) : raw;
    },
  };
  // A row read from a `<c>` without its own row number: the cell's reference decides.
  const withRowFromCell: XmlHandler = {
    ...handler,
    open(name, attrs, selfClosing, start, end) {
      if (inSheetData && name === 'c') {
        const ref = readAttribute(attrs, 'r');
        cellRef = ref;
        const r = ref === undefined ? -1 : rowOfReference(ref);
        if (r >= 0 && r !== row) {
          if (r >= headRows) throw new StopReading();
          enterRow(r);
        }
      }
      handler.open(name, attrs, selfClosing, start, end);
    },
  };
  return {
    handler: withRowFromCell,
    fastPath: readCellsFast,
    result: () => (columnsOnly ? { values, numberFormats, formulas, columns: { rowCount: maxRow + 1, columns: stores } } : { values, numberFormats, formulas }),
  };
}
