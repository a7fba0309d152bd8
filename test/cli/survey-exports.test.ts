/**
 * Actuals computed through the command line from a SurveyXact export (coded `Dataset`
 * with a headerless `Labels` sheet) and a Qualtrics export (two extra header rows).
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

async function writeSurveyWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Goals').addRows([
    ['ID', 'Title', 'Target', 'Source'],
    [1, 'Very satisfied', '≥ 50%', 'share(Dataset!s_3 = "Meget tilfreds")'],
    [2, 'Very satisfied, Drift', '≥ 70%', 'share(Dataset!s_3 = "Meget tilfreds"; s_1 = "Drift")'],
    [3, 'Recommend', '≥ 30 NPS', 'nps(Qualtrics!Q2)'],
    [4, 'Used the advice', '≥ 60%', 'share(Qualtrics!Q1 = "Yes")'],
  ]);
  // SurveyXact: codes in Dataset, labels in a sheet with no header (variable, value, label).
  book.addWorksheet('Dataset').addRows([
    ['respondent', 's_1', 's_3'],
    [1, 1, 1],
    [2, 1, 1],
    [3, 1, 2],
    [4, 1, 9],
    [5, 2, 1],
    [6, 2, 3],
    [7, 2, 2],
    [8, 2, 1],
  ]);
  book.addWorksheet('Labels').addRows([
    ['s_1', 1, 'Drift'],
    ['s_1', 2, 'Vækst'],
    ['s_3', 1, 'Meget tilfreds'],
    ['s_3', 2, 'Tilfreds'],
    ['s_3', 3, 'Utilfreds'],
    ['s_3', 9, 'Ved ikke'],
  ]);
  // Qualtrics: row 2 holds the question texts, row 3 the ImportIds; both must be skipped.
  book.addWorksheet('Qualtrics').addRows([
    ['ResponseId', 'Q1', 'Q2'],
    ['Response ID', 'Did you use the advice?', 'How likely are you to recommend us?'],
    ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}'],
    ['R_1', 'Yes', 10],
    ['R_2', 'Yes', 9],
    ['R_3', 'No', 6],
    ['R_4', 'Yes', 8],
    ['R_5', 'No', '10 - Extremely likely'],
    ['R_6', 'Yes', null],
  ]);
  await book.xlsx.writeFile(file);
}

describe('trafiklys check on survey exports', () => {
  it('computes shares through SurveyXact labels and an NPS past Qualtrics header rows', async () => {
    const dir = await makeFixtureDir();
    const file = path.join(dir, 'surveys.xlsx');
    await writeSurveyWorkbook(file);
    const run = await runCli(['check', file, '--as-of', '2021-10-13', '--json']);
    expect(run.stderr).toBe('');
    const rows = JSON.parse(run.stdout).books[0].sheets[0].rows;
    const byId = Object.fromEntries(rows.map((row: { id: string }) => [row.id, row]));

    // Code 9 is labelled "Ved ikke": out of the base, so 7 answers; code 1 ("Meget tilfreds") 4 times → 4/7.
    expect(byId['1'].actual).toBeCloseTo((4 / 7) * 100, 9);
    expect(byId['1'].status).toBe('met');
    expect(byId['1'].explanation).toContain('n = 7');
    // Drift (s_1 = 1): respondents 1–4, less the "Ved ikke" → 3; two very satisfied → 66.7 %, 3.3 pp short of 70.
    expect(byId['2'].actual).toBeCloseTo((2 / 3) * 100, 9);
    expect(byId['2'].status).toBe('at-risk');
    // Q2: 10, 9, 6, 8, "10 - Extremely likely", blank → 5 answers, promoters 3, detractors 1 → (3 − 1)/5 = 40.
    expect(byId['3']).toMatchObject({ status: 'met', actual: 40, unit: 'NPS' });
    expect(byId['3'].explanation).not.toContain('invalid');
    // Q1: 4 of 6 said Yes, the header rows not counted.
    expect(byId['4'].actual).toBeCloseTo((4 / 6) * 100, 9);
    expect(byId['4'].status).toBe('met');
  });
});
