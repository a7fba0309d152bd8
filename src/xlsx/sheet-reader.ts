import type { CellColumn, CellValue, ColumnarCells } from '../engine';
import { findEntry, scanPart, type OpenedPackage, type PackageSheet } from './package-reader';
import { decodeXmlText, readAttribute, StopReading, type XmlHandler } from './xml-scanner';
import { XlsxError } from './errors';

/**
 * Reads one worksheet part as a stream (issue 9): its head (the first rows, for deciding what
 * the sheet is), the whole sheet (goal and settings sheets: values, number formats, formulas), or
 * only some columns into typed arrays (data sheets: a tag byte and a float per cell, never an
 * object per cell).
 */

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

/** One column's cells in typed arrays: a tag per row, and a number, a text id or a shared-string index. */
export class ColumnStore implements CellColumn {
  private tags = new Uint8Array(1024);
  private data = new Float64Array(1024);
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
    const data = new Float64Array(size);
    data.set(this.data);
    this.tags = tags;
    this.data = data;
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
    this.data[row] = typeof value === 'number' ? value : this.textId(value);
    if (row >= this.length) this.length = row + 1;
  }

  valueAt(row: number): CellValue {
    if (row >= this.length) return null;
    const v = this.data[row];
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
  const { sharedStrings, styles, date1904 } = pkg;
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
        row = Number.isInteger(n) && n > 0 ? n - 1 : row + 1;
        if (row >= headRows) throw new StopReading();
        if (row > maxRow) maxRow = row;
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
          row = r;
          if (r > maxRow) maxRow = r;
        }
      }
      handler.open(name, attrs, selfClosing, start, end);
    },
  };
  await scanPart(pkg, entry, withRowFromCell);
  if (columnsOnly) return { values, numberFormats, formulas, columns: { rowCount: maxRow + 1, columns: stores } };
  return { values, numberFormats, formulas };
}
