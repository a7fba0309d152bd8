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

/** 0-based column index of letters, or null when the text is not 1–3 letters. @example columnIndex('AB') // 27 */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
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

/** The widest row of the sheet. */
export function columnCount(sheet: SheetSnapshot): number {
  let max = 0;
  for (const row of sheet.values) if (row.length > max) max = row.length;
  return max;
}
