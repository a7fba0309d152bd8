import { StopReading } from './xml-scanner';
import { XlsxError } from './errors';
import type { CellDecoder } from './cell-decoder';
import type { CellSink } from './sheet-sinks';

/** Excel's sheet size: rows 1…1,048,576, columns A…XFD. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/**
 * Where the reading of one worksheet part stands: the row and column being read, the last row
 * seen, and the cell being read. The token path and the fast path (sheet-fast-path.ts) both move
 * it, through the same few steps, so a row or a reference is resolved in one place whichever
 * path found it.
 */
export class SheetState {
  inSheetData = false;
  row = -1;
  col = -1;
  nextCol = 0;
  maxRow = -1;
  // The cell being read.
  type: string | undefined = undefined;
  style = 0;
  hasFormula = false;
  text = '';
  gotValue = false;

  constructor(
    readonly sink: CellSink,
    private readonly decoder: CellDecoder,
    /** Rows from here on are not read: the read stops at the first of them. */
    private readonly headRows: number,
    private readonly where: { file: string; part: string },
  ) {}

  /** A row beyond Excel's last: refused before anything is sized by it (a crafted `r` could ask for 10^17 rows). */
  private beyondSheet(r: number, c?: number): never {
    const place = c === undefined ? `row ${(r + 1).toLocaleString('en-US')}` : `row ${(r + 1).toLocaleString('en-US')}, column ${(c + 1).toLocaleString('en-US')}`;
    const { file, part } = this.where;
    throw new XlsxError('unreadable', file, `cannot read ${file}: its part ${part} has a cell beyond the last row or column a sheet can have (${place}; the last is row 1,048,576, column XFD)`);
  }

  /** Makes `r` the row being read (and the last row seen, when it is). */
  private enterRow(r: number): void {
    if (r >= MAX_ROWS) this.beyondSheet(r);
    this.row = r;
    if (r > this.maxRow) this.maxRow = r;
  }

  /** A `<row>` begins; `n` is its `r` as a number (NaN without one: the row after the last). */
  startRow(n: number): void {
    const next = Number.isInteger(n) && n > 0 ? n - 1 : this.row + 1;
    if (next >= this.headRows) throw new StopReading();
    this.enterRow(next);
    this.nextCol = 0;
  }

  /** A cell's reference names row `r` (-1: none): a row left without its own `<row r>` is entered. */
  enterCellRow(r: number): void {
    if (r >= 0 && r !== this.row) {
      if (r >= this.headRows) throw new StopReading();
      this.enterRow(r);
    }
  }

  /** A cell begins in column `refCol` of its reference (-1: none, the column after the last). */
  placeCell(refCol: number): void {
    this.col = refCol >= 0 ? refCol : this.nextCol;
    this.nextCol = this.col + 1;
  }

  /** Decodes the cell being read and stores it. */
  finishCell(): void {
    const decoder = this.decoder;
    decoder.decode(this.type, this.text, this.gotValue, this.style);
    this.storeCell(decoder.tag, decoder.value);
  }

  /** Stores a decoded cell at (`row`, `col`) with its style and formula flag. */
  storeCell(tag: number, value: number | string): void {
    if (this.col >= MAX_COLUMNS) this.beyondSheet(this.row, this.col);
    this.sink.store(this.row, this.col, tag, value, this.style, this.hasFormula);
  }
}
