import type { CellError, CellValue, SheetSnapshot } from './types';

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

/** A sheet name as Excel writes it in a reference: quoted when it holds anything but letters, digits and `_`. */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** @example cellAddress('Mål 2021', 6, 5) // "'Mål 2021'!F7" */
export function cellAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${columnLetter(col)}${row + 1}`;
}

export function isCellError(value: CellValue | undefined): value is CellError {
  return typeof value === 'object' && value !== null && 'error' in value;
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

/** Blank: null, empty or white-space-only text (NBSP included). */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.replace(/[\s\u00a0]/g, '') === '');
}

/**
 * The text a cell shows, trimmed, for IDs and free text: numbers in their shortest form (`3.1`),
 * booleans as TRUE/FALSE, errors as their code.
 */
export function displayText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') return value.error;
  return value.replace(/\u00a0/g, ' ').trim();
}

/** The widest row of the sheet. */
export function columnCount(sheet: SheetSnapshot): number {
  let max = 0;
  for (const row of sheet.values) if (row.length > max) max = row.length;
  return max;
}
