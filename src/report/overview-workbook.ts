import { COLUMN_WORDS, REPORT_WORDS, STATUS_IDS, STATUS_LABELS } from '../engine';
import type { CellValue, Language, NewSheet, NewSheetCellStyle, NewWorkbook } from '../engine';
import { buildOverview, chooseLanguage, type Overview, type ReportInput, type UnreadableBook } from './report-model';
import { pageColours } from './render-html';

/**
 * `trafiklys report --xlsx` (SPEC §8): the overview of many books as a workbook, with the same
 * colours as the page. Plain data; src/xlsx's new-workbook writer turns it into a file.
 */

/** The engine's cell style of a new sheet; one definition for the report and the writer. */
export type OverviewCellStyle = NewSheetCellStyle;

export interface OverviewSheet extends NewSheet {
  cellStyles: OverviewCellStyle[];
}

export interface OverviewWorkbook extends NewWorkbook {
  sheets: OverviewSheet[];
}

const WORDS = {
  sheet: REPORT_WORDS.overview,
  id: COLUMN_WORDS.id,
  goal: COLUMN_WORDS.goal,
  total: REPORT_WORDS.total,
  unreadable: REPORT_WORDS.unreadable,
} as const satisfies Record<string, Record<Language, string>>;

function overviewSheet(overview: Overview, unreadable: readonly UnreadableBook[], language: Language): OverviewSheet {
  const values: CellValue[][] = [];
  const cellStyles: OverviewCellStyle[] = [];
  values.push([WORDS.id[language], WORDS.goal[language], ...overview.columns]);
  values[0]!.forEach((_, col) => cellStyles.push({ row: 0, col, bold: true, fill: '#F2F2F2', wrap: true }));
  for (const row of overview.rows) {
    const r = values.length;
    values.push([
      row.id,
      row.title,
      // The label always carries the meaning (SPEC §1); the actual follows on its own line.
      ...row.cells.map((cell) => (cell === null ? null : cell.actual ? `${cell.label}\n${cell.actual}` : cell.label)),
    ]);
    if (row.depth > 0) {
      cellStyles.push({ row: r, col: 0, indent: row.depth });
      cellStyles.push({ row: r, col: 1, indent: row.depth, wrap: true });
    } else cellStyles.push({ row: r, col: 1, wrap: true });
    row.cells.forEach((cell, b) => {
      if (cell === null) return;
      const { fill, font } = pageColours(cell.status);
      cellStyles.push({ row: r, col: 2 + b, fill, fontColor: font, wrap: true });
    });
  }
  const totalRow = values.length;
  values.push([
    WORDS.total[language],
    null,
    ...overview.counts.map((summary) =>
      STATUS_IDS.filter((id) => summary[id] > 0)
        .map((id) => `${summary[id]} ${STATUS_LABELS[id][language]}`)
        .join('\n'),
    ),
  ]);
  values[totalRow]!.forEach((_, col) => cellStyles.push({ row: totalRow, col, bold: col < 2, wrap: true }));
  if (unreadable.length > 0) {
    values.push([]);
    const r = values.length;
    values.push([WORDS.unreadable[language]]);
    cellStyles.push({ row: r, col: 0, bold: true });
    for (const book of unreadable) values.push([book.file, book.reason]);
  }
  return {
    name: WORDS.sheet[language],
    values,
    columnWidths: [8, 36, ...overview.columns.map(() => 22)],
    cellStyles,
  };
}

/**
 * The overview workbook of a report's input: one sheet `Oversigt`/`Overview`, laid out as the
 * page's overview (goal rows in natural ID order, one column per book, a last row of counts).
 * With fewer than two readable books it still holds their column(s), so `--xlsx` always writes.
 *
 * @example overviewWorkbook({ books, language: 'da' }).sheets[0].name // 'Oversigt'
 */
export function overviewWorkbook(input: ReportInput): OverviewWorkbook {
  const language = chooseLanguage(input.books, input.language);
  return { sheets: [overviewSheet(buildOverview(input.books, language), input.unreadable ?? [], language)] };
}
