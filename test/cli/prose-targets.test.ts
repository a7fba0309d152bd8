/**
 * On the command line: a Target pasted from the contract's prose is read, `check`'s table
 * shows what was understood under the sheet's table, and `--json` carries the canonical rule.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

let dir: string;
let book: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Mål 2022');
  ws.addRow(['Nr.', 'Mål', 'Enhed', 'Udgangspunkt', 'Måltal', 'Resultat']);
  ws.addRow(['1', 'Kendskab', '%', '40 % (2020)', 'I 2023 skal kendskabsgraden være mindst 50 pct.', null]);
  ws.addRow(['6', 'Grøn omstilling', '%', null, '72% ultimo 2022 (75% ultimo 2023)', 70]);
  ws.addRow(['3.3', 'NPS, Drift', 'NPS', null, '≥ 70', 72]);
  book = path.join(dir, 'prosa.xlsx');
  await workbook.xlsx.writeFile(book);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('targets in contract prose (check)', () => {
  it('shows the reading of every prose target under the table, and none for a rule written as a rule', async () => {
    const run = await runCli(['check', book, '--as-of', '2022-10-13']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.includes('læst som'))).toEqual(['1: læst som: 2023: ≥ 50 %', '6: læst som: 2022: ≥ 72 %; 2023: ≥ 75 %']);
  });

  it('carries the canonical rule of every row with a Target in --json, and begins a prose row\'s Explanation with its reading', async () => {
    const run = await runCli(['check', book, '--as-of', '2022-10-13', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout).books[0].sheets[0].rows as { id: string; rule?: string; status: string; explanation: string }[];
    expect(Object.fromEntries(rows.map((row) => [row.id, row.rule]))).toEqual({ '1': '2023: >= 50 %', '6': '2022: >= 72 %; 2023: >= 75 %', '3.3': '>= 70' });
    const six = rows.find((row) => row.id === '6')!;
    expect(six.status).toBe('at-risk');
    expect(six.explanation.startsWith('læst som: 2022: ≥ 72 %; 2023: ≥ 75 % — 70 % mod måltal 72 %')).toBe(true);
    expect(rows.find((row) => row.id === '3.3')!.explanation.startsWith('læst som')).toBe(false);
  });
});
