/**
 * The README's formula example, on the example workbook: each formula's answer is what the README
 * says, and the same as the goal sheet's Source for goal 3 (docs/spec.md §10).
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { computeColumnFunction, computeStatus, computeTarget } from '../../src/functions/arguments';

const repoRoot = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const NOW = new Date(Date.UTC(2021, 9, 13, 10));

/** A column range `C2:C228` of the sheet as Excel hands it to a function: rows of one cell, blanks as empty text. */
function readRange(sheet: ExcelJS.Worksheet, column: string, first: number, last: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = first; r <= last; r++) {
    const value = sheet.getCell(`${column}${r}`).value;
    rows.push([value === null || value === undefined ? '' : value]);
  }
  return rows;
}

it('gives the answers the README shows', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(repoRoot, 'examples/resultatkontrakt-2021.xlsx'));
  const sheet = book.getWorksheet('Tilfredshed') as ExcelJS.Worksheet;
  expect(sheet.rowCount).toBe(228);
  const segment = readRange(sheet, 'B', 2, 228);
  const share = computeColumnFunction('share', { answers: readRange(sheet, 'C', 2, 228), answer: 'Meget tilfreds', filterRange: segment, filterValue: 'Drift' }, 'da');
  expect(share.ok && share.value).toBeCloseTo(0.75, 12);
  expect(readme).toContain('=TRAFIKLYS.ANDEL(Tilfredshed!C2:C228; "Meget tilfreds"; Tilfredshed!B2:B228; "Drift")     → 75 %');
  expect(computeColumnFunction('nps', { answers: readRange(sheet, 'D', 2, 228), filterRange: segment, filterValue: 'Drift' }, 'da')).toEqual({ ok: true, value: 70 });
  expect(readme).toContain('=TRAFIKLYS.NPS(Tilfredshed!D2:D228; Tilfredshed!B2:B228; "Drift")                         → 70');
  expect(computeTarget({ rule: '2021: 45%; 2023: 50%', year: 2022 }, 'da', NOW)).toEqual({ ok: true, value: 0.475 });
  expect(readme).toContain('=TRAFIKLYS.MÅLTAL("2021: 45%; 2023: 50%"; 2022)                                           → 47,5 %');
  expect(computeStatus({ rule: '≥ 80%', actual: share.ok ? share.value : null, year: 2021, asOf: '13-10-2021' }, 'da', NOW)).toEqual({ ok: true, value: 'I risiko' });
  expect(readme).toMatch(/=TRAFIKLYS\.STATUS\("≥ 80%"; TRAFIKLYS\.ANDEL\(Tilfredshed!C2:C228; "Meget tilfreds"; Tilfredshed!B2:B228; "Drift"\); 2021; "13-10-2021"\) → I risiko/);
});
