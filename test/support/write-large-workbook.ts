import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/engine/types';

/**
 * Writing very large workbooks (the 1,000,000-row survey sheet of the memory bound) with
 * exceljs's streaming `WorkbookWriter`: each row is serialised and dropped as soon as it is
 * committed, so the writer's memory does not grow with the row count the way the in-memory
 * model's does (measured at 1,000,000 rows × 7 columns: about 390 bytes of heap per cell once
 * loaded, about 1.5 KB of RSS per cell at the peak of `writeBuffer`). For test data and
 * benchmarks; Trafiklys's own writes go through `applyPlanToBook` (src/xlsx/write-book.ts). A
 * bench and test helper, so it lives under test/support/ (bench/ may import test/support/; test/
 * never imports bench/). It cannot write floating pictures or tables.
 */

/** One sheet of a streamed workbook: its rows are read once, in order, and not kept. */
export interface StreamedSheet {
  name: string;
  /** Row by row from row 1; an array or a generator (so the caller need not hold them all). */
  rows: Iterable<readonly CellValue[]>;
}

export interface WriteLargeWorkbookOptions {
  /**
   * Shared strings make the file smaller when text repeats (survey answers do) and is what
   * Excel writes itself. Default true.
   */
  useSharedStrings?: boolean;
}

function streamedValue(value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'object') return { error: value.error as ExcelJS.CellErrorValue['error'] };
  return value;
}

/**
 * Streams the sheets into a new .xlsx file at `file` (overwriting it) and resolves with the
 * number of rows written per sheet.
 *
 * @example
 * function* survey() { yield ['Segment', 'Beløb']; for (let i = 0; i < 1e6; i++) yield ['Drift', i]; }
 * await writeLargeSurveyWorkbook('survey.xlsx', [{ name: 'Tilfredshed', rows: survey() }]);
 */
export async function writeLargeSurveyWorkbook(file: string, sheets: readonly StreamedSheet[], options: WriteLargeWorkbookOptions = {}): Promise<number[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: options.useSharedStrings ?? true,
    useStyles: false,
  });
  const counts: number[] = [];
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    let count = 0;
    for (const row of sheet.rows) {
      worksheet.addRow(row.map(streamedValue)).commit();
      count += 1;
    }
    worksheet.commit();
    counts.push(count);
  }
  await workbook.commit();
  return counts;
}
