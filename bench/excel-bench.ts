/**
 * `excel.syncs` (issue 5): round trips and the largest response of one recalculation through the
 * Office.js adapter on the Excel test double, as the goal rows and the data rows grow.
 */
import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../src/engine';
import type { CellValue, WorkbookSnapshot } from '../src/engine/types';
import { type EngineFunctions, type ExcelRun, recalculateWith } from '../src/excel';
import { createExcelDouble } from '../test/excel-double/excel-double';
import { type ModelCell, type ModelSheet, InMemoryWorkbook } from '../test/excel-double/workbook-model';
import { type BenchFigure, round, timeAsync } from './figures';
import { BENCH_AS_OF, BENCH_NOW, buildGoalWorkbook } from './goal-sheet';

export interface ExcelCase {
  goalRows: number;
  surveyRows: number;
}

/** Goal rows grow at 1,000 data rows; data rows grow at 100 goal rows. */
export const EXCEL_CASES: ExcelCase[] = [
  { goalRows: 10, surveyRows: 1_000 },
  { goalRows: 100, surveyRows: 1_000 },
  { goalRows: 1_000, surveyRows: 1_000 },
  { goalRows: 100, surveyRows: 1_000_000 },
];

const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName };

function toModelCell(value: CellValue): ModelCell | null {
  return value === null ? null : { value };
}

function toModel(snapshot: WorkbookSnapshot): InMemoryWorkbook {
  const sheets: ModelSheet[] = snapshot.sheets.map((s) => ({ name: s.name, rows: s.values.map((row) => row.map(toModelCell)) }));
  // Built directly rather than through the constructor, which copies every cell once more.
  const workbook = new InMemoryWorkbook({ sheets: [] });
  workbook.sheets = sheets;
  workbook.activeSheet = sheets[0]?.name;
  return workbook;
}

/**
 * Runs the Excel cases and returns syncs, the largest response and time per case.
 *
 * @example runExcelBench([{ goalRows: 10, surveyRows: 1000 }])
 */
export async function runExcelBench(cases: ExcelCase[] = EXCEL_CASES): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const c of cases) {
    const tag = `${c.goalRows.toLocaleString('en-US')} goals × ${c.surveyRows.toLocaleString('en-US')} rows`;
    const double = createExcelDouble(toModel(buildGoalWorkbook(c.goalRows, c.surveyRows)));
    const { result: outcome, ms } = await timeAsync(() =>
      recalculateWith(double.Excel.run as unknown as ExcelRun, engine, { now: BENCH_NOW, asOf: BENCH_AS_OF }),
    );
    if (!outcome.ok) throw new Error(`${tag}: ${outcome.error.message}`);
    figures.push(
      { name: `excel.syncs (${tag})`, value: double.syncCount, unit: 'syncs' },
      { name: `excel.response.max-bytes (${tag})`, value: Math.max(0, ...double.responseBytes), unit: 'bytes' },
      { name: `excel.request.max-bytes (${tag})`, value: Math.max(0, ...double.requestBytes), unit: 'bytes' },
      { name: `excel.recalc.ms on the double (${tag})`, value: round(ms), unit: 'ms' },
    );
  }
  return figures;
}
