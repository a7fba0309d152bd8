import ExcelJS from 'exceljs';
import type { CellValue, NewSheet, NewSheetCellStyle, NewWorkbook } from '../engine';
import { writeFileSafely, type SaveWorkbookOptions } from './safe-write';

/** A formula a new sheet may carry (text without the leading `=`, and the cached result). */
export type NewSheetFormula = NonNullable<NewSheet['formulas']>[number];

/** Kept as a name for callers; formulas are part of {@link NewSheet} itself. */
export type NewSheetWithFormulas = NewSheet;

/** Kept as names for callers: cell styles are part of {@link NewSheet} itself (engine types). */
export type StyledNewSheet = NewSheet;
export type StyledNewWorkbook = NewWorkbook;

/** `#C6EFCE` → exceljs' `FFC6EFCE`. */
function argb(colour: string): string {
  const hex = /^#?([0-9a-f]{6})$/i.exec(colour.trim());
  if (!hex) throw new RangeError(`colour "${colour}" is not #RRGGBB`);
  return `FF${(hex[1] as string).toUpperCase()}`;
}

function applyCellStyle(worksheet: ExcelJS.Worksheet, style: NewSheetCellStyle): void {
  const cell = worksheet.getCell(style.row + 1, style.col + 1);
  const next: Partial<ExcelJS.Style> = { ...cell.style };
  if (style.fill) next.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.fontColor !== undefined || style.bold !== undefined) {
    next.font = {
      ...(cell.style.font ?? {}),
      ...(style.fontColor !== undefined ? { color: { argb: argb(style.fontColor) } } : {}),
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
    };
  }
  if (style.wrap !== undefined || style.indent !== undefined) {
    next.alignment = {
      ...(cell.style.alignment ?? {}),
      vertical: 'top',
      ...(style.wrap !== undefined ? { wrapText: style.wrap } : {}),
      ...(style.indent !== undefined ? { indent: style.indent } : {}),
    };
  }
  cell.style = next;
}

function excelValue(value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'object') return { error: value.error as ExcelJS.CellErrorValue['error'] };
  return value;
}

export interface BuildWorkbookOptions {
  /** The document's created/modified date; fixed for committed files so rebuilding changes less. */
  created?: Date;
}

/**
 * Builds an exceljs workbook from a plain {@link NewWorkbook}: values, number formats, bold
 * header rows, column widths, formulas, and per-cell fills, font colours, wrapping and indents
 * ({@link StyledNewSheet}).
 *
 * @example const workbook = buildWorkbook(goalSheetTemplate('da'));
 */
export function buildWorkbook(newWorkbook: NewWorkbook | StyledNewWorkbook, options: BuildWorkbookOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  if (options.created) {
    workbook.created = options.created;
    workbook.modified = options.created;
  }
  for (const sheet of newWorkbook.sheets as StyledNewSheet[]) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = worksheet.getCell(r + 1, c + 1);
        cell.value = excelValue(value);
      });
    });
    sheet.numberFormats?.forEach((row, r) => {
      row.forEach((format, c) => {
        if (!format) return;
        const cell = worksheet.getCell(r + 1, c + 1);
        cell.style = { ...cell.style, numFmt: format };
      });
    });
    for (const r of sheet.boldRows ?? []) {
      worksheet.getRow(r + 1).eachCell((cell) => {
        cell.style = { ...cell.style, font: { ...(cell.style.font ?? {}), bold: true } };
      });
    }
    sheet.columnWidths?.forEach((width, c) => {
      worksheet.getColumn(c + 1).width = width;
    });
    for (const f of sheet.formulas ?? []) {
      const cell = worksheet.getCell(f.row + 1, f.col + 1);
      cell.value = f.result === undefined ? { formula: f.formula } : { formula: f.formula, result: f.result };
    }
    for (const style of sheet.cellStyles ?? []) applyCellStyle(worksheet, style);
  }
  return workbook;
}

/**
 * Writes a new workbook (the goal-sheet template, the example contract) to `file`, through a
 * temporary file and a rename like every other write.
 *
 * @example await writeNewWorkbook(goalSheetTemplate('en'), 'goals.xlsx');
 */
export async function writeNewWorkbook(
  newWorkbook: NewWorkbook | StyledNewWorkbook,
  file: string,
  options: SaveWorkbookOptions & BuildWorkbookOptions = {},
): Promise<void> {
  // exceljs builds the bytes of a brand-new workbook (there is nothing to keep); the write is the safe one.
  const bytes = await buildWorkbook(newWorkbook, options).xlsx.writeBuffer();
  await writeFileSafely(file, new Uint8Array(bytes as ArrayBuffer), options);
}
