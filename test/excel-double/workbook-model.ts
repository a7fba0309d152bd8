/**
 * The in-memory workbook behind the Excel test double: sheets of cells with a value, formula
 * text, number format, fill, font colour and bold. Plain data, JSON-serialisable, no Node
 * imports, so a browser test can ship it to a page (`toJSON` / `fromJSON`).
 */

/** A cell's stored value. Error values are kept as `{ error: '#N/A' }`, as the engine types them. */
export type ModelValue = string | number | boolean | null | { error: string };

export interface ModelCell {
  value: ModelValue;
  /** Formula text with its leading `=`; `value` then holds the cached result. */
  formula?: string;
  /** Absent means `General`. */
  numberFormat?: string;
  /** `#RRGGBB`; absent means no fill. */
  fill?: string;
  /** `#RRGGBB`; absent means automatic (black). */
  fontColor?: string;
  bold?: boolean;
  /** `format.wrapText`. */
  wrap?: boolean;
  /** `format.indentLevel` (ExcelApi 1.9). */
  indent?: number;
  /** `format.verticalAlignment` (ExcelApi 1.1); absent means Excel's default, `Bottom`. */
  verticalAlignment?: string;
}

/** `Worksheet.pageLayout` (ExcelApi 1.9), the part the add-in sets. */
export interface ModelPageLayout {
  orientation?: string;
  paperSize?: string;
  /** `setPrintTitleRows`, e.g. `$1:$3`. */
  printTitleRows?: string;
  /** `zoom.horizontalFitToPages`. */
  fitToPagesWide?: number;
}

export interface ModelSheet {
  name: string;
  protected?: boolean;
  /** Row-major, 0-based; `null` (or a missing entry) is an empty, unformatted cell. */
  rows: (ModelCell | null)[][];
  /** Column widths in points (`format.columnWidth`), by 0-based column. */
  columnWidths?: Record<number, number>;
  /**
   * Row heights in points (`format.rowHeight`) as set, in order: 0-based rows `top`..`bottom`; a
   * later span wins where they overlap; a row no span covers has Excel's default 15.
   */
  rowHeights?: { top: number; bottom: number; height: number }[];
  /** `Worksheet.showGridlines` (ExcelApi 1.8); absent means shown. */
  showGridlines?: boolean;
  pageLayout?: ModelPageLayout;
}

export interface ModelWorkbookData {
  sheets: ModelSheet[];
  activeSheet?: string;
  /** What `Range.select()` selected last: the sheet and the address without the sheet. */
  selection?: { sheet: string; address: string };
  /** When true every sync fails with `InvalidOperationInCellEditMode` (a user is typing in a cell). */
  cellEditMode?: boolean;
  /** Workbook-scoped defined names: name → reference with its leading `=`. */
  names?: Record<string, string>;
}

/** Excel's grid limits (XFD1048576). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** @example columnLetters(0) // 'A'; columnLetters(27) // 'AB' */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Quotes a sheet name the way Excel prints it in an address (`'Mål 2021'!A1`). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `A1` or `A1:C3` for a rectangle, without the sheet. */
export function formatRect(rect: CellRect): string {
  const a = `${columnLetters(rect.left)}${rect.top + 1}`;
  const b = `${columnLetters(rect.right)}${rect.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/**
 * Parses one area of an A1 address: `B7`, `A1:C3`, `1:20` (whole rows), `C:F` (whole columns),
 * `$A$1`. An optional sheet prefix is returned separately. `null` when it is not an address.
 */
export function parseArea(text: string): { sheet?: string; rect: CellRect } | null {
  let address = text.trim();
  let sheet: string | undefined;
  const bang = address.lastIndexOf('!');
  if (bang >= 0) {
    sheet = address.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    address = address.slice(bang + 1);
  }
  address = address.replace(/\$/g, '').toUpperCase();
  const parts = address.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return null;
  const ends = parts.map((p) => /^([A-Z]{0,3})(\d{0,7})$/.exec(p));
  if (ends.some((m) => !m || (m[1] === '' && m[2] === ''))) return null;
  const [m1, m2] = [ends[0]!, ends[ends.length - 1]!];
  const wholeRows = m1[1] === '' || m2[1] === '';
  const wholeCols = m1[2] === '' || m2[2] === '';
  if (wholeRows && wholeCols) return null;
  if (parts.length === 1 && (wholeRows || wholeCols)) return null;
  const rect: CellRect = {
    top: wholeCols ? 0 : Number(m1[2]) - 1,
    bottom: wholeCols ? MAX_ROWS - 1 : Number(m2[2]) - 1,
    left: wholeRows ? 0 : columnIndex(m1[1]),
    right: wholeRows ? MAX_COLUMNS - 1 : columnIndex(m2[1]),
  };
  const norm: CellRect = {
    top: Math.min(rect.top, rect.bottom),
    bottom: Math.max(rect.top, rect.bottom),
    left: Math.min(rect.left, rect.right),
    right: Math.max(rect.left, rect.right),
  };
  if (norm.top < 0 || norm.left < 0 || norm.bottom >= MAX_ROWS || norm.right >= MAX_COLUMNS) return null;
  return sheet === undefined ? { rect: norm } : { sheet, rect: norm };
}

/** The workbook model with the few helpers the double and the tests need. */
export class InMemoryWorkbook {
  sheets: ModelSheet[];
  activeSheet: string | undefined;
  selection: { sheet: string; address: string } | undefined;
  cellEditMode: boolean;
  names: Record<string, string>;

  constructor(data: ModelWorkbookData = { sheets: [] }) {
    this.sheets = data.sheets.map((s) => ({ ...s, protected: s.protected ?? false, rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : null)) : [])) }));
    this.names = { ...(data.names ?? {}) };
    this.activeSheet = data.activeSheet ?? this.sheets[0]?.name;
    this.selection = data.selection;
    this.cellEditMode = data.cellEditMode ?? false;
  }

  /** Plain data, safe for `JSON.stringify`. */
  toJSON(): ModelWorkbookData {
    return {
      sheets: this.sheets.map((s) => ({ ...s, protected: s.protected ?? false, rows: s.rows.map((r) => (r ?? []).map((c) => c ?? null)) })),
      names: { ...this.names },
      ...(this.activeSheet !== undefined ? { activeSheet: this.activeSheet } : {}),
      ...(this.selection ? { selection: this.selection } : {}),
      cellEditMode: this.cellEditMode,
    };
  }

  static fromJSON(data: ModelWorkbookData | string): InMemoryWorkbook {
    return new InMemoryWorkbook(typeof data === 'string' ? (JSON.parse(data) as ModelWorkbookData) : data);
  }

  /** Finds a sheet by name, case-insensitively as Excel does. */
  findSheet(name: string): ModelSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  addSheet(name: string, rows: (ModelCell | null)[][] = []): ModelSheet {
    const sheet: ModelSheet = { name, protected: false, rows };
    this.sheets.push(sheet);
    return sheet;
  }

  /** The cell at a 0-based position, or `undefined` when it was never written. */
  cellAt(sheet: string, row: number, col: number): ModelCell | undefined {
    return this.findSheet(sheet)?.rows[row]?.[col] ?? undefined;
  }

  /**
   * A co-author inserts `count` blank rows at 0-based `row` (Home › Insert › Insert Sheet Rows):
   * the rows from `row` down move down, row heights with them. Formats of the row above are not
   * copied (the double's simplification; Trafiklys writes only what it owns either way).
   */
  insertRows(sheet: string, row: number, count = 1): void {
    const s = this.requireSheet(sheet);
    while (s.rows.length < row) s.rows.push([]);
    s.rows.splice(row, 0, ...Array.from({ length: count }, () => [] as (ModelCell | null)[]));
    s.rowHeights = s.rowHeights?.map((h) => (h.top >= row ? { ...h, top: h.top + count, bottom: h.bottom + count } : h));
  }

  /** A co-author deletes `count` rows from 0-based `row`: the rows below move up. */
  deleteRows(sheet: string, row: number, count = 1): void {
    const s = this.requireSheet(sheet);
    s.rows.splice(row, count);
    s.rowHeights = s.rowHeights?.filter((h) => h.bottom < row || h.top >= row + count).map((h) => (h.top >= row + count ? { ...h, top: h.top - count, bottom: h.bottom - count } : h));
  }

  /**
   * A co-author sorts rows `top`..`bottom` (0-based, inclusive) by column `col` (Data › Sort):
   * whole rows move; numbers before text, text in the culture's collation (`da-DK`: æ, ø, å after
   * z), blanks last, ties keep their order, as Excel sorts.
   */
  sortRows(sheet: string, top: number, bottom: number, col: number, options: { descending?: boolean; culture?: string } = {}): void {
    const s = this.requireSheet(sheet);
    while (s.rows.length <= bottom) s.rows.push([]);
    const collator = new Intl.Collator(options.culture ?? 'en-US', { numeric: false, sensitivity: 'base' });
    const rank = (v: ModelValue | undefined): number => (typeof v === 'number' ? 0 : typeof v === 'string' && v !== '' ? 1 : typeof v === 'boolean' ? 2 : v && typeof v === 'object' ? 3 : 4);
    const block = s.rows.slice(top, bottom + 1).map((cells, i) => ({ cells, i }));
    const sign = options.descending ? -1 : 1;
    block.sort((a, b) => {
      const x = a.cells[col]?.value;
      const y = b.cells[col]?.value;
      const rx = rank(x);
      const ry = rank(y);
      if (rx === 4 || ry === 4) return rx - ry || a.i - b.i;
      if (rx !== ry) return sign * (rx - ry);
      const c = rx === 0 ? (x as number) - (y as number) : rx === 1 ? collator.compare(x as string, y as string) : 0;
      return sign * c || a.i - b.i;
    });
    s.rows.splice(top, block.length, ...block.map((b) => b.cells));
  }

  private requireSheet(name: string): ModelSheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`No sheet ${name}`);
    return sheet;
  }

  /** The cell at an A1 address (`'F7'`). */
  cell(sheet: string, address: string): ModelCell | undefined {
    const area = parseArea(address);
    if (!area) throw new Error(`Not a cell address: ${address}`);
    return this.cellAt(sheet, area.rect.top, area.rect.left);
  }
}

/** Reads or creates the mutable cell at a position. */
export function ensureCell(sheet: ModelSheet, row: number, col: number): ModelCell {
  while (sheet.rows.length <= row) sheet.rows.push([]);
  const cells = sheet.rows[row]!;
  while (cells.length <= col) cells.push(null);
  let cell = cells[col];
  if (!cell) {
    cell = { value: null };
    cells[col] = cell;
  }
  return cell;
}

/** True when a cell carries nothing at all: no value, formula or format. */
export function isBlankCell(cell: ModelCell | null | undefined): boolean {
  return !cell || ((cell.value === null || cell.value === '') && !cell.formula && !cell.numberFormat && !cell.fill && !cell.fontColor && !cell.bold && !cell.wrap && !cell.indent);
}
