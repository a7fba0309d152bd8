import { changeWord, formatChangeSide } from './contract-changes';
import { CHANGE_SECTION_WORDS, COLUMN_WORDS, changesHeading } from './glossary';
import { goalDepth } from './goal-row';
import type { CellWrite, ContractChanges, Language } from './types';

/**
 * The contract changes at the end of the status report sheet (SPEC §8, §9): per pair of contract
 * years a heading, a header row and one row per goal in ID order, the unchanged ones included, so
 * the board sees the whole new contract.
 */

/** The section's columns, from column A: `Nr.`, `Mål`, `Ændring`, `Før`, `Nu`. */
export const CHANGE_COLUMNS = ['id', 'goal', 'change', 'before', 'now'] as const;

/**
 * The widest a `Før`/`Nu` column is made for the section, in column-width units: one year's
 * target on a line (`2022: ≥ 47,5 %`) fits; a longer one (`2022: udført senest 31-12-2022`) wraps.
 * The goal tables' Resultat and Status columns are narrower, and widening them more would shrink
 * the printed page (docs/spec.md §8, "Printing").
 */
const SIDE_WIDTH_MAX = 18;

/** What one pair adds to the report sheet; `rows` are the wrapped rows, for their heights. */
export interface ChangesSection {
  writes: CellWrite[];
  rows: { row: number; writes: CellWrite[] }[];
  /** The widths the section wants of columns A–E; the sheet takes the larger of these and the goal tables'. */
  widths: number[];
  /** The first row after the section and the blank row that ends it. */
  nextRow: number;
}

/**
 * One pair's section from `startRow`: the heading `Ændringer fra 2021 til 2022`, the header row
 * (filled `headerFill`, like the goal tables' headers) and one row per goal: ID, title (indented by
 * its depth), the change word, and before and after with the display formatter (`2022: ≥ 47,5 %`).
 *
 * @example planChangesSection('Statusrapport', 20, pair, 'da', '#D9D9D9').writes[0].value // 'Ændringer fra 2021 til 2022'
 */
export function planChangesSection(sheet: string, startRow: number, pair: ContractChanges, language: Language, headerFill: string): ChangesSection {
  const writes: CellWrite[] = [];
  const rows: { row: number; writes: CellWrite[] }[] = [];
  let row = startRow;
  writes.push({ sheet, row, col: 0, value: changesHeading(pair.fromYear, pair.toYear, language), bold: true });
  row += 1;
  const headings = [COLUMN_WORDS.id[language], COLUMN_WORDS.goal[language], CHANGE_SECTION_WORDS.change[language], CHANGE_SECTION_WORDS.before[language], CHANGE_SECTION_WORDS.now[language]];
  headings.forEach((value, col) => writes.push({ sheet, row, col, value, bold: true, fill: headerFill, wrap: true }));
  row += 1;
  const widths = [0, 0, headings[2]!.length + 2, headings[3]!.length + 2, headings[4]!.length + 2];
  for (const goal of pair.goals) {
    // One compared year per line, so Før and Nu read as two small columns of targets.
    const values = [goal.id, goal.title, changeWord(goal.change, language), formatChangeSide(goal.beforeSide, language, '\n'), formatChangeSide(goal.afterSide, language, '\n')];
    widths[2] = Math.max(widths[2]!, values[2]!.length + 2);
    for (const col of [3, 4]) {
      const longest = Math.max(0, ...(values[col] ?? '').split('\n').map((line) => line.length));
      widths[col] = Math.max(widths[col]!, Math.min(longest + 2, SIDE_WIDTH_MAX));
    }
    const depth = goalDepth(goal.id);
    const cells: CellWrite[] = values.map((value, col) => ({
      sheet,
      row,
      col,
      value: value === '' ? null : value,
      ...(CHANGE_COLUMNS[col] === 'id' ? { numberFormat: '@' } : { wrap: true }),
      ...(CHANGE_COLUMNS[col] === 'goal' && depth > 0 ? { indent: depth } : {}),
    }));
    writes.push(...cells);
    rows.push({ row, writes: cells });
    row += 1;
  }
  return { writes, rows, widths, nextRow: row + 1 };
}
