/** A1 addresses for the requests the adapter builds (columns and rows 0-based in, A1 text out). */
import { columnLetter } from '../engine/index';

/** @example rangeAddress(6, 5, 9, 5) // 'F7:F10' */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = `${columnLetter(left)}${top + 1}`;
  const b = `${columnLetter(right)}${bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/**
 * Packs cells into the fewest A1 areas by merging vertical neighbours in one column. Each area
 * is its own `getRange` (ExcelApi 1.1): `getRanges("F2:F3,F9")` would need 1.9, and desktop Excel
 * whose list separator is `;` (Danish) refuses the comma-joined list.
 *
 * @example packAreas([{ row: 1, col: 5 }, { row: 2, col: 5 }, { row: 8, col: 5 }]) // ['F2:F3', 'F9']
 */
export function packAreas(cells: readonly { row: number; col: number }[]): string[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const areas: string[] = [];
  let start: { row: number; col: number } | undefined;
  let end: { row: number; col: number } | undefined;
  const flush = (): void => {
    if (start && end) areas.push(rangeAddress(start.row, start.col, end.row, end.col));
  };
  for (const cell of sorted) {
    if (end && cell.col === end.col && cell.row === end.row) continue; // the same cell twice
    if (end && start && cell.col === end.col && cell.row === end.row + 1) {
      end = cell;
      continue;
    }
    flush();
    start = cell;
    end = cell;
  }
  flush();
  return areas;
}
