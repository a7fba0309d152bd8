import type { CellError, CellValue } from './types';

/**
 * The one home of how the engine reads a cell as text (docs/decisions.md, "One home for each concept in the engine"): blankness, error values, the
 * displayed text, header matching and sheet names in references. Every reader of a goal sheet, the
 * settings sheet and a source's data sheets goes through these, so the same cell means the same
 * thing wherever it is read.
 */

/**
 * Blank: nothing, or text of white space only (non-breaking spaces included, since pasted survey
 * exports carry them).
 * @example isBlank(' \u00a0') // true; isBlank(0) // false
 */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * An Excel error value (`#N/A`, `#DIV/0!`, ...), as the adapters hand it over.
 * @example isCellError({ error: '#N/A' }) // true; isCellError('#N/A') // false
 */
export function isCellError(value: CellValue | undefined): value is CellError {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/**
 * The text a cell shows, trimmed, for IDs and free text (SPEC §1: an ID is compared as its
 * displayed text): numbers in their shortest form to 15 significant digits, as Excel's General
 * format shows them; booleans as TRUE/FALSE; errors as their code; NBSP as a plain space.
 * @example displayText(3.1) // '3.1'; displayText(0.1 + 0.2) // '0.3'; displayText(' Drift\u00a0') // 'Drift'
 */
export function displayText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') return value.error;
  return value.replace(/\u00a0/g, ' ').trim();
}

/**
 * A header as matched (SPEC §1): trimmed, inner white space (NBSP included) collapsed, one
 * trailing `:` dropped, case ignored. Lower-casing is locale-free, so the add-in (whatever the
 * browser's locale) and the command line fold the same letters the same way.
 * @example normalizeHeader(' MÅL\u00a0 nr.: ') // 'mål nr.'
 */
export function normalizeHeader(text: string): string {
  return normalizeText(text).replace(/\s*:$/, '');
}

/**
 * Text as compared: trimmed, inner white space (NBSP too) collapsed, case ignored (locale-free).
 * @example normalizeText(' Meget\u00a0 tilfreds ') // 'meget tilfreds'
 */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A sheet name as Excel writes it in a reference: bare when it is a letter or `_` followed by
 * letters, digits, `_` and `.`; else in single quotes with inner quotes doubled.
 * @example quoteSheetName('Tilfredshed') // 'Tilfredshed'; quoteSheetName("Mål 2021") // "'Mål 2021'"
 */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
