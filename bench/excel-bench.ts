/**
 * `excel.syncs` (docs/benchmarks.md): round trips, the largest response and the bytes read by one
 * recalculation through the Office.js adapter on the Excel test double, as the goal rows, the
 * data rows and the data columns grow.
 */
import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../src/engine';
import { listSourceColumns } from '../src/engine/sources/source-columns';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/engine/types';
import { type EngineFunctions, type ExcelRun, recalculateWith } from '../src/excel';
import { createExcelDouble } from '../test/excel-double/excel-double';
import { type ModelCell, type ModelSheet, InMemoryWorkbook } from '../test/excel-double/workbook-model';
import { type BenchFigure, round, timeAsync } from './figures';
import { BENCH_AS_OF, BENCH_NOW, buildGoalWorkbook } from '../test/support/goal-workbook';

export interface ExcelCase {
  goalRows: number;
  surveyRows: number;
  /**
   * A Qualtrics export: these Qualtrics metadata columns (StartDate, EndDate, ...; at most 23)
   * before the survey's 7, and its two extra header rows. The sources still use only the 7.
   */
  metadataColumns?: number;
  /** Read every sheet whole, as the adapter did before it read only the sources' columns. */
  wholeRead?: boolean;
}

/** Goal rows grow at 1,000 data rows; data rows grow at 100 goal rows; then a 30-column export. */
export const EXCEL_CASES: ExcelCase[] = [
  { goalRows: 10, surveyRows: 1_000 },
  { goalRows: 100, surveyRows: 1_000 },
  { goalRows: 1_000, surveyRows: 1_000 },
  { goalRows: 100, surveyRows: 1_000_000 },
  { goalRows: 100, surveyRows: 1_000_000, metadataColumns: 23 },
];

const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName, listSourceColumns };
/** The adapter without `listSourceColumns` reads every sheet whole (for comparison with the column reads). */
const wholeReadEngine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName };

/** Qualtrics' metadata columns, in its export order. */
export const QUALTRICS_METADATA = [
  'StartDate', 'EndDate', 'Status', 'IPAddress', 'Progress', 'Duration (in seconds)', 'Finished', 'RecordedDate',
  'ResponseId', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude',
  'LocationLongitude', 'DistributionChannel', 'UserLanguage', 'Q_RecaptchaScore', 'Q_RelevantIDDuplicate',
  'Q_RelevantIDDuplicateScore', 'Q_RelevantIDFraudScore', 'Q_RelevantIDLastStartDate', 'Q_BallotBoxStuffing',
] as const;

/** Respondent `i`'s metadata cells, deterministic and about as long as Qualtrics writes them. */
function metadataOf(i: number, count: number): CellValue[] {
  const start = 44197 + (i % 730) + ((i * 37) % 1440) / 1440; // a date and time, as an Excel serial
  const seconds = 60 + ((i * 7919) % 1800);
  const cells: CellValue[] = [
    start, start + seconds / 86_400, 'IP Address', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 100, seconds, true, start + seconds / 86_400,
    `R_${(0x10000000000 + i * 2654435761).toString(36).slice(-15)}`, `Efternavn${i % 997}`, `Fornavn${i % 499}`, `respondent${i}@example.dk`, `EXT-${100000 + i}`, 57 + (i % 1000) / 1000,
    9.9 + (i % 500) / 1000, 'anonymous', 'DA', 0.9, false, 0, 0, null, false,
  ];
  return cells.slice(0, count);
}

/** The survey sheet widened into a Qualtrics export: metadata first, two extra header rows. */
function widenSurveySheet(sheet: SheetSnapshot, metadataColumns: number): SheetSnapshot {
  const names = QUALTRICS_METADATA.slice(0, metadataColumns);
  const [header, ...rows] = sheet.values;
  const values: CellValue[][] = [
    [...names, ...header!],
    [...names.map((n) => `${n} (Qualtrics)`), ...header!.map((h) => `${String(h)}?`)],
    [...names.map((n) => `{"ImportId":"${n}"}`), ...header!.map((_, q) => `{"ImportId":"QID${q + 1}"}`)],
  ];
  rows.forEach((row, i) => values.push([...metadataOf(i, metadataColumns), ...row]));
  return { name: sheet.name, values };
}

function buildCaseWorkbook(c: ExcelCase): WorkbookSnapshot {
  const snapshot = buildGoalWorkbook(c.goalRows, c.surveyRows);
  if (!c.metadataColumns) return snapshot;
  return { sheets: snapshot.sheets.map((s) => (s.name === 'Tilfredshed' ? widenSurveySheet(s, c.metadataColumns!) : s)) };
}

function tagOf(c: ExcelCase): string {
  const columns = c.metadataColumns ? ` × ${7 + c.metadataColumns} columns` : '';
  return `${c.goalRows.toLocaleString('en-US')} goals × ${c.surveyRows.toLocaleString('en-US')} rows${columns}${c.wholeRead ? ', whole read' : ''}`;
}

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
 * Runs the Excel cases and returns syncs, the largest response, the bytes read and time per case.
 *
 * @example runExcelBench([{ goalRows: 10, surveyRows: 1000 }, { goalRows: 10, surveyRows: 50_000, metadataColumns: 23 }])
 */
export async function runExcelBench(cases: ExcelCase[] = EXCEL_CASES): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const c of cases) {
    const tag = tagOf(c);
    const double = createExcelDouble(toModel(buildCaseWorkbook(c)));
    const { result: outcome, ms } = await timeAsync(() =>
      recalculateWith(double.Excel.run as unknown as ExcelRun, c.wholeRead ? wholeReadEngine : engine, { now: BENCH_NOW, asOf: BENCH_AS_OF }),
    );
    if (!outcome.ok) throw new Error(`${tag}: ${outcome.error.message}`);
    if (outcome.value.summary.error > 0) throw new Error(`${tag}: ${outcome.value.summary.error} goal rows are errors`);
    figures.push(
      { name: `excel.syncs (${tag})`, value: double.syncCount, unit: 'syncs' },
      { name: `excel.response.max-bytes (${tag})`, value: Math.max(0, ...double.responseBytes), unit: 'bytes' },
      { name: `excel.response.total-bytes (${tag})`, value: double.responseBytes.reduce((a, b) => a + b, 0), unit: 'bytes' },
      { name: `excel.request.max-bytes (${tag})`, value: Math.max(0, ...double.requestBytes), unit: 'bytes' },
      { name: `excel.recalc.ms on the double (${tag})`, value: round(ms), unit: 'ms' },
    );
  }
  return figures;
}
