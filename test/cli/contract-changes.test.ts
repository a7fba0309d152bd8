import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

/**
 * docs/spec.md §9 on the command line: under the table, a summary line per pair of contract years
 * and one line per goal that is not unchanged, in the later sheet's language; and §6's per-sheet
 * `"year"` in `--json`. The workbooks are written with exceljs, so the goals are the test's own.
 */

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-changes-cli-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Two goal sheets, `names[0]` and `names[1]`, with the same header and their own goals. */
async function writeBook(file: string, names: [string, string], header: string[], earlier: unknown[][], later: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of [[names[0], earlier], [names[1], later]] as const) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(header);
    for (const row of rows) sheet.addRow(row);
  }
  const out = path.join(dir, file);
  await workbook.xlsx.writeFile(out);
  return out;
}

const EARLIER = [
  ['1', 'Kendskab', '%', '2021: 45 %; 2023: 50 %'],
  ['3', 'Tilfredshed', '%', '≥ 80 %'],
  ['5', 'Krise', '%', '2021: ≥ 75 %; 2022: udgår'],
  ['6', 'Grøn', 'milepæl', 'udført senest 31-12-2021'],
];
const LATER = [
  ['1', 'Kendskab i regionen', '%', 'I 2023 skal kendskabsgraden være mindst 50 pct.'],
  ['1.1', 'Nye virksomheder', '%', '≥ 50 %'],
  ['3', 'Tilfredshed', '%', 'mindst 80 %'],
  ['5', 'Krise', '%', 'udgår'],
];

it('prints the Danish summary line and one line per changed goal under the table', async () => {
  const book = await writeBook('da.xlsx', ['Mål 2021', 'Mål 2022'], ['Nr.', 'Mål', 'Enhed', 'Måltal'], EARLIER, LATER);
  const run = await runCli(['check', book, '--as-of', '2022-06-30']);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  const start = lines.indexOf('Ændringer fra Mål 2021 til Mål 2022: 1 uændret, 1 justeret, 2 tages ud, 1 ny');
  expect(start).toBeGreaterThan(0);
  expect(lines.slice(start + 1, start + 5)).toEqual([
    '  1    justeret  2022: ≥ 47,5 %; 2023: ≥ 50 % → 2022: —; 2023: ≥ 50 %',
    '  1.1  ny        2022: ≥ 50 %',
    '  5    tages ud  2022: udgår',
    '  6    tages ud  2022: —',
  ]);
  expect(lines[start + 5] ?? '').not.toMatch(/^ {2}\S/);

  // --lang en gives the changes in English too, as it gives the summary line under them.
  const english = (await runCli(['check', book, '--as-of', '2022-06-30', '--lang', 'en'])).stdout.split('\n');
  const at = english.indexOf('Changes from Mål 2021 to Mål 2022: 1 unchanged, 1 adjusted, 2 removed, 1 new');
  expect(at).toBeGreaterThan(0);
  expect(english[at + 3]).toBe('  5    removed   2022: dropped');
});

it('prints the English words for English sheets, and --json gives each sheet its year and the pair its goals', async () => {
  const book = await writeBook('en.xlsx', ['Goals 2021', 'Goals 2022'], ['ID', 'Goal', 'Unit', 'Target'], EARLIER, LATER);
  const run = await runCli(['check', book, '--as-of', '2022-06-30']);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  const start = lines.indexOf('Changes from Goals 2021 to Goals 2022: 1 unchanged, 1 adjusted, 2 removed, 1 new');
  expect(start).toBeGreaterThan(0);
  expect(lines.slice(start + 1, start + 5)).toEqual([
    '  1    adjusted  2022: ≥ 47.5 %; 2023: ≥ 50 % → 2022: —; 2023: ≥ 50 %',
    '  1.1  new       2022: ≥ 50 %',
    '  5    removed   2022: dropped',
    '  6    removed   2022: —',
  ]);

  const json = JSON.parse((await runCli(['check', book, '--as-of', '2022-06-30', '--json'])).stdout).books[0];
  expect(json.year).toBe(2022);
  expect(json.sheets.map((sheet: { name: string; year: number }) => [sheet.name, sheet.year])).toEqual([['Goals 2021', 2021], ['Goals 2022', 2022]]);
  expect(json.changes).toEqual([
    {
      from: 'Goals 2021',
      to: 'Goals 2022',
      goals: [
        { id: '1', title: 'Kendskab i regionen', change: 'adjusted', before: '2022: >= 47,5 %; 2023: >= 50 %', after: '2022: —; 2023: >= 50 %' },
        { id: '1.1', title: 'Nye virksomheder', change: 'new' },
        { id: '3', title: 'Tilfredshed', change: 'unchanged' },
        { id: '5', title: 'Krise', change: 'removed' },
        { id: '6', title: 'Grøn', change: 'removed' },
      ],
    },
  ]);
  // --year judges every sheet against that year, and says so per sheet.
  const forced = JSON.parse((await runCli(['check', book, '--as-of', '2022-06-30', '--year', '2021', '--json'])).stdout).books[0];
  expect(forced.sheets.map((sheet: { year: number }) => sheet.year)).toEqual([2021, 2021]);
});

it('prints no changes for a book with a single contract year', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mål 2021');
  sheet.addRow(['Nr.', 'Mål', 'Enhed', 'Måltal']);
  sheet.addRow(['1', 'Kendskab', '%', '≥ 45 %']);
  const book = path.join(dir, 'one.xlsx');
  await workbook.xlsx.writeFile(book);
  const run = await runCli(['check', book, '--as-of', '2021-10-13']);
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/Ændringer|Changes from/);
  expect(JSON.parse((await runCli(['check', book, '--as-of', '2021-10-13', '--json'])).stdout).books[0].changes).toEqual([]);
});
