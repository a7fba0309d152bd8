/**
 * Writes a large survey workbook for the memory bound (docs/benchmarks.md): the bench's goal
 * sheet `Mål 2021` (every row a Source), the seeded survey sheet `Tilfredshed` (7 columns) and the
 * municipality list, streamed through exceljs's WorkbookWriter (test/support/write-large-workbook.ts).
 *
 * Usage: npx tsx scripts/make-large-survey.ts OUT.xlsx [SURVEY_ROWS=1000000] [GOAL_ROWS=50]
 * Then:  /usr/bin/time -v node --import tsx test/xlsx/cli-entry.ts recalc OUT.xlsx --as-of 2021-10-13 --out OUT.trafiklys.xlsx
 *        (peak RSS and wall time of the real CLI; docs/benchmarks.md, "Memory bound").
 */
import path from 'node:path';
import { buildGoalWorkbook } from '../test/support/goal-workbook';
import { writeLargeSurveyWorkbook } from '../test/support/write-large-workbook';

async function makeLargeSurvey(argv: string[]): Promise<void> {
  const [outArg, rowsArg, goalsArg] = argv;
  if (!outArg) throw new Error('usage: make-large-survey.ts OUT.xlsx [SURVEY_ROWS] [GOAL_ROWS]');
  const surveyRows = Number(rowsArg ?? 1_000_000);
  const goalRows = Number(goalsArg ?? 50);
  if (!Number.isInteger(surveyRows) || surveyRows < 1 || !Number.isInteger(goalRows) || goalRows < 1) {
    throw new Error(`SURVEY_ROWS and GOAL_ROWS must be positive whole numbers, not '${rowsArg}' and '${goalsArg}'`);
  }
  const out = path.resolve(outArg);
  const { sheets } = buildGoalWorkbook(goalRows, surveyRows);
  const counts = await writeLargeSurveyWorkbook(out, sheets.map((s) => ({ name: s.name, rows: s.values })));
  process.stdout.write(`wrote ${out}: ${sheets.map((s, i) => `${s.name} ${counts[i]!.toLocaleString('en-US')} rows`).join(', ')}\n`);
}

makeLargeSurvey(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`make-large-survey: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
