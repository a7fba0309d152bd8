import { quoteSheetName } from './cell-text';
import type { CellValue, SheetSnapshot } from './types';

/** Column letters for a 0-based column index. @example columnLetter(0) // 'A'; columnLetter(27) // 'AB' */
export function columnLetter(col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** @example cellAddress('Mål 2021', 6, 5) // "'Mål 2021'!F7" */
export function cellAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${columnLetter(col)}${row + 1}`;
}

export function cellValue(sheet: SheetSnapshot, row: number, col: number): CellValue {
  return sheet.values[row]?.[col] ?? null;
}

export function cellFormat(sheet: SheetSnapshot, row: number, col: number): string | null {
  return sheet.numberFormats?.[row]?.[col] ?? null;
}

export function cellHasFormula(sheet: SheetSnapshot, row: number, col: number): boolean {
  return sheet.formulas?.[row]?.[col] === true;
}
