import ExcelJS from 'exceljs';
import type { CellValue, NewSheet, NewWorkbook } from '../engine/types';
import { saveWorkbookFile, type SaveWorkbookOptions } from './workbook-file';

/** A formula a new sheet may carry (text without the leading `=`, and the cached result). */
export type NewSheetFormula = NonNullable<NewSheet['formulas']>[number];

/** Kept as a name for callers; formulas are part of {@link NewSheet} itself. */
export type NewSheetWithFormulas = NewSheet;

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
 * header rows, column widths and formulas.
 *
 * @example const workbook = buildWorkbook(goalSheetTemplate('da'));
 */
export function buildWorkbook(newWorkbook: NewWorkbook, options: BuildWorkbookOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  if (options.created) {
    workbook.created = options.created;
    workbook.modified = options.created;
  }
  for (const sheet of newWorkbook.sheets as NewSheetWithFormulas[]) {
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
  newWorkbook: NewWorkbook,
  file: string,
  options: SaveWorkbookOptions & BuildWorkbookOptions = {},
): Promise<void> {
  await saveWorkbookFile(buildWorkbook(newWorkbook, options), file, options);
}
