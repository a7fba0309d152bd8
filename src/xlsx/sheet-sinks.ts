import type { CellValue, ColumnarCells } from '../engine';
import type { SheetContext } from './cell-decoder';
import { cellValueOf, ColumnStore, TAG_BLANK } from './column-store';

/**
 * Where a worksheet's decoded cells go, one sink per read mode: the head (the first rows, for
 * deciding what the sheet is), the whole sheet (goal and settings sheets: values, number formats,
 * formulas), or only some columns into typed arrays (data sheets).
 */

export type SheetReadMode = { kind: 'head'; rows: number } | { kind: 'whole' } | { kind: 'columns'; columns: readonly number[] };

export interface SheetRead {
  values: CellValue[][];
  numberFormats: (string | null)[][];
  formulas: boolean[][];
  columns?: ColumnarCells;
}

export interface CellSink {
  /** Whether a cell that holds nothing (`<c …/>`) is stored. */
  readonly keepsBlanks: boolean;
  /** Whether the cell in column `col` is read at all. */
  wants(col: number): boolean;
  store(row: number, col: number, tag: number, value: number | string, style: number, formula: boolean): void;
  result(rowCount: number): SheetRead;
}

/** The values only, row by row (a sheet's head). */
class ValuesSink implements CellSink {
  readonly keepsBlanks = true;
  readonly values: CellValue[][] = [];

  constructor(protected readonly context: SheetContext) {}

  wants(): boolean {
    return true;
  }

  store(row: number, col: number, tag: number, value: number | string, _style: number, _formula: boolean): void {
    while (this.values.length <= row) this.addRow();
    const cells = this.values[row];
    while (cells.length <= col) cells.push(null);
    cells[col] = cellValueOf(tag, value, this.context.sharedStrings);
  }

  protected addRow(): void {
    this.values.push([]);
  }

  result(): SheetRead {
    return { values: this.values, numberFormats: [], formulas: [] };
  }
}

/** Values, number formats and formula flags, row by row (a whole sheet). */
class WholeSink extends ValuesSink {
  readonly numberFormats: (string | null)[][] = [];
  readonly formulas: boolean[][] = [];

  protected override addRow(): void {
    super.addRow();
    this.numberFormats.push([]);
    this.formulas.push([]);
  }

  override store(row: number, col: number, tag: number, value: number | string, style: number, formula: boolean): void {
    super.store(row, col, tag, value, style, formula);
    const formats = this.numberFormats[row];
    const flags = this.formulas[row];
    while (formats.length <= col) formats.push(null);
    while (flags.length <= col) flags.push(false);
    const format = this.context.styles.formatOfXf[style];
    formats[col] = format === undefined || format === 'General' ? null : format;
    flags[col] = formula;
  }

  override result(): SheetRead {
    return { values: this.values, numberFormats: this.numberFormats, formulas: this.formulas };
  }
}

/** Some columns, each into a {@link ColumnStore} (a data sheet's Sources columns). */
class ColumnsSink implements CellSink {
  readonly keepsBlanks = false;
  private readonly stores = new Map<number, ColumnStore>();

  constructor(context: SheetContext, columns: readonly number[]) {
    for (const c of columns) this.stores.set(c, new ColumnStore(context.sharedStrings));
  }

  wants(col: number): boolean {
    return this.stores.has(col);
  }

  store(row: number, col: number, tag: number, value: number | string): void {
    if (tag !== TAG_BLANK) this.stores.get(col)!.set(row, tag, value);
  }

  result(rowCount: number): SheetRead {
    return { values: [], numberFormats: [], formulas: [], columns: { rowCount, columns: this.stores } };
  }
}

/** The sink of a read mode. */
export function createSink(context: SheetContext, mode: SheetReadMode): CellSink {
  if (mode.kind === 'whole') return new WholeSink(context);
  if (mode.kind === 'columns') return new ColumnsSink(context, mode.columns);
  return new ValuesSink(context);
}
