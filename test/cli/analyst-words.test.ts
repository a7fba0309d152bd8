/**
 * What the analyst reads on the command line, in the sheet's language (docs/decisions.md, "What the
 * analyst reads: errors in the sheet's language, near misses, whole counts"): each error's reason
 * under the table, the summary line, a header spelled almost right, a bare number beside a
 * per-cent result, the Manual status column's name and whole counts. Each in Danish and English.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** One sheet of `rows` (the first is the header), settings År 2021 and Opgjort pr. 13-10-2021; `percent` cells get the format 0%. */
async function writeBook(name: string, sheet: string, rows: unknown[][], percent: string[] = []): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet);
  for (const row of rows) ws.addRow(row);
  for (const cell of percent) ws.getCell(cell).numFmt = '0%';
  const settings = workbook.addWorksheet('Trafiklys');
  settings.addRow(['År', 2021]);
  settings.addRow(['Opgjort pr.', '2021-10-13']);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The lines printed after the table: the readings and reasons, then the summary line. */
function linesAfterTable(stdout: string): string[] {
  const lines = stdout.trimEnd().split('\n');
  return lines.slice(lines.findIndex((line) => line.startsWith('└')) + 1);
}

const DA_ROWS = [
  ['Nr.', 'Mål', 'Måltal', 'Resultat'],
  ['1', 'Tilfredshed', 80, 0.75],
  ['2', 'Vejledte', '≥ 600', 555],
  ['3', 'Ulæselig', 'omkring halvdelen', 0.5],
  ['4', 'Kvalitativt', null, null],
];
const EN_ROWS = [
  ['ID', 'Goal', 'Target', 'Actual'],
  ['1', 'Satisfaction', 80, 0.75],
  ['2', 'Advised', '≥ 600', 555],
  ['3', 'Unreadable', 'about half', 0.5],
  ['4', 'Qualitative', null, null],
];

describe('check prints each error with its cell and reason under the table, in the sheet’s language', () => {
  it('in Danish, with the summary line in Danish', async () => {
    const book = await writeBook('errors-da.xlsx', 'Mål 2021', DA_ROWS, ['D2']);
    const run = await runCli(['check', book]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`Mål 2021 (${book}, 2021, opgjort pr. 2021-10-13)`);
    expect(run.stdout).toContain('│ 1   │ Tilfredshed │ Fejl        │');
    expect(linesAfterTable(run.stdout)).toEqual([
      `1: Måltal ('Mål 2021'!C2): måltallet 80 har ingen enhed, men resultatet 75 % er i procent: skriv "80 %" som måltal, eller tilføj en kolonne Enhed med %`,
      `3: Måltal ('Mål 2021'!C4): kan ikke læse "omkring halvdelen" som et måltal`,
      `${book}: 0 opfyldt, 1 på vej, 0 i risiko, 0 ikke opfyldt, 0 afventer data, 0 udgået, 1 uden måltal, 2 fejl`,
    ]);
  });

  it('in English', async () => {
    const book = await writeBook('errors-en.xlsx', 'Goals 2021', EN_ROWS, ['D2']);
    const run = await runCli(['check', book]);
    expect(run.stdout.split('\n')[0]).toBe(`Goals 2021 (${book}, 2021, as of 2021-10-13)`);
    expect(linesAfterTable(run.stdout)).toEqual([
      `1: Target ('Goals 2021'!C2): the target 80 has no unit, but the actual 75 % is a percentage: write "80 %" as the target, or add a Unit column with %`,
      `3: Target ('Goals 2021'!C4): cannot read "about half" as a target`,
      `${book}: 0 met, 1 on track, 0 at risk, 0 off track, 0 no data, 0 not applicable, 1 no target, 2 error`,
    ]);
  });

  it('in English under a Danish sheet with --lang en, the summary line included', async () => {
    const book = await writeBook('errors-lang-en.xlsx', 'Mål 2021', DA_ROWS, ['D2']);
    const run = await runCli(['check', book, '--lang', 'en']);
    expect(linesAfterTable(run.stdout)).toEqual([
      `1: Måltal ('Mål 2021'!C2): the target 80 has no unit, but the actual 75 % is a percentage: write "80 %" as the target, or add a Unit column with %`,
      `3: Måltal ('Mål 2021'!C4): cannot read "omkring halvdelen" as a target`,
      `${book}: 0 met, 1 on track, 0 at risk, 0 off track, 0 no data, 0 not applicable, 1 no target, 2 error`,
    ]);
  });
});

describe('a bare number as the Target beside a per-cent Actual blames the Target cell', () => {
  it('suggests % in the Unit cell when the sheet has a Unit column', async () => {
    const da = await writeBook('bare-unit-da.xlsx', 'Mål 2021', [['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat'], ['1', 'Tilfredshed', null, 80, 0.75]], ['E2']);
    const en = await writeBook('bare-unit-en.xlsx', 'Goals 2021', [['ID', 'Goal', 'Unit', 'Target', 'Actual'], ['1', 'Satisfaction', null, 80, 0.75]], ['E2']);
    expect(linesAfterTable((await runCli(['check', da])).stdout)[0]).toBe(
      `1: Måltal ('Mål 2021'!D2): måltallet 80 har ingen enhed, men resultatet 75 % er i procent: skriv "80 %" som måltal, eller % i rækkens Enhed`,
    );
    expect(linesAfterTable((await runCli(['check', en])).stdout)[0]).toBe(
      `1: Target ('Goals 2021'!D2): the target 80 has no unit, but the actual 75 % is a percentage: write "80 %" as the target, or % in its Unit cell`,
    );
  });
});

describe('a header spelled almost right', () => {
  it('names the sheet, the cell and the fix in Danish; --strict fails; recalc says it wrote nothing new and leaves the book byte for byte', async () => {
    const book = await writeBook('near-da.xlsx', 'Mål 2022', [['Nr.', 'Mål', 'Maaltal', 'Resultat'], ['1', 'Kendskab', '≥ 80%', 0.82]]);
    const before = await fs.readFile(book);
    const check = await runCli(['check', book, '--strict']);
    expect(check.code).toBe(3);
    expect(check.stdout).toBe(
      `${book}: intet målark fundet (en overskriftsrække med kolonnerne Nr. og Måltal)\n` +
        "`Maaltal` i 'Mål 2022'!C1 — mente du `Måltal`?\n" +
        `${book}: 0 opfyldt, 0 på vej, 0 i risiko, 0 ikke opfyldt, 0 afventer data, 0 udgået, 0 uden måltal, 0 fejl\n`,
    );
    expect((await runCli(['check', book])).code).toBe(0);
    const recalc = await runCli(['recalc', book, '--in-place']);
    expect(recalc.code).toBe(0);
    expect(recalc.stdout.trimEnd().split('\n').at(-1)).toBe(
      `${book}: 0 opfyldt, 0 på vej, 0 i risiko, 0 ikke opfyldt, 0 afventer data, 0 udgået, 0 uden måltal, 0 fejl; intet nyt at skrive: projektmappen er som den var`,
    );
    expect((await fs.readFile(book)).equals(before)).toBe(true);
  });

  it('names the sheet, the cell and the fix in English, and a copy asked for says it holds nothing new', async () => {
    const book = await writeBook('near-en.xlsx', 'Goals 2022', [['ID', 'Goal', 'Traget', 'Actual'], ['1', 'Awareness', '≥ 80%', 0.82]]);
    const check = await runCli(['check', book, '--strict']);
    expect(check.code).toBe(3);
    expect(check.stdout).toBe(
      `${book}: no goal sheet found (a header row with an ID and a Target column)\n` +
        "`Traget` in 'Goals 2022'!C1 — did you mean `Target`?\n" +
        `${book}: 0 met, 0 on track, 0 at risk, 0 off track, 0 no data, 0 not applicable, 0 no target, 0 error\n`,
    );
    const copy = path.join(dir, 'near-en-copy.xlsx');
    const recalc = await runCli(['recalc', book, '--out', copy]);
    expect(recalc.stdout.trimEnd().split('\n').at(-1)).toBe(
      `${book}: 0 met, 0 on track, 0 at risk, 0 off track, 0 no data, 0 not applicable, 0 no target, 0 error; wrote ${copy}, a copy with nothing new in it`,
    );
  });

  it('does not guess at a data sheet’s headers', async () => {
    const book = await writeBook('data.xlsx', 'Data', [['Navn', 'Maaltal', 'Antal'], ['A', 1, 2]]);
    expect((await runCli(['check', book])).stdout).not.toContain('mente du');
  });
});

describe('explanations of a Danish and an English sheet', () => {
  interface JsonRow {
    id: string;
    explanation: string;
  }
  async function explanations(book: string): Promise<Map<string, string>> {
    const run = await runCli(['check', book, '--json']);
    const rows = (JSON.parse(run.stdout) as { books: { sheets: { rows: JsonRow[] }[] }[] }).books[0]!.sheets[0]!.rows;
    return new Map(rows.map((row) => [row.id, row.explanation]));
  }

  const COUNTS_DA = [
    ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Manuel status'],
    ['1', 'Vejledte', 'antal', '≥ 600', 555, null],
    ['2', 'Møder', 'antal', '≥ 45', 41, null],
    ['3', 'Kvalitativt', null, null, null, null],
  ];

  it('counts are whole, a count’s tolerance too, and a no-target row names the Manual status column (Danish)', async () => {
    const found = await explanations(await writeBook('counts-da.xlsx', 'Mål 2021', COUNTS_DA));
    expect(found.get('1')).toBe('555 mod 470 forventet pr. 13-10-2021 (helårsmål 600)');
    // 45 × 286/365 = 35.26 → 35 expected: ahead of pace.
    expect(found.get('2')).toBe('41 mod 35 forventet pr. 13-10-2021 (helårsmål 45)');
    expect(found.get('3')).toBe('intet måltal; angiv en status i Manuel status');
  });

  it('counts are whole, a count’s tolerance too, and a no-target row names the Manual status column (English)', async () => {
    const rows = COUNTS_DA.map((row, i) => (i === 0 ? ['ID', 'Goal', 'Unit', 'Target', 'Actual', 'Manual status'] : row));
    const found = await explanations(await writeBook('counts-en.xlsx', 'Goals 2021', rows));
    expect(found.get('1')).toBe('555 vs. 470 expected by 2021-10-13 (full-year target 600)');
    expect(found.get('3')).toBe('no target; give a Manual status');
  });

  it('a count’s tolerance is whole: 10 % of 45 is 5 at the year’s end, 10 % of 600 by 13 October 47', async () => {
    const rows = [
      ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Opgjort pr.'],
      ['1', 'Møder', 'antal', '≥ 45', 41, '2021-12-31'],
      ['2', 'Vejledte', 'antal', '≥ 600', 440, null],
    ];
    const found = await explanations(await writeBook('tolerance-da.xlsx', 'Mål 2021', rows));
    expect(found.get('1')).toBe('41 mod 45 forventet pr. 31-12-2021 (helårsmål 45); inden for tolerancen 5');
    // 600 × 286/365 = 470.14 expected, 60 × 286/365 = 47.01 tolerance: shown and judged whole.
    expect(found.get('2')).toBe('440 mod 470 forventet pr. 13-10-2021 (helårsmål 600); inden for tolerancen 47');
    const english = rows.map((row, i) => (i === 0 ? ['ID', 'Goal', 'Unit', 'Target', 'Actual', 'As of'] : row));
    const foundEn = await explanations(await writeBook('tolerance-en.xlsx', 'Goals 2021', english));
    expect(foundEn.get('2')).toBe('440 vs. 470 expected by 2021-10-13 (full-year target 600); within tolerance 47');
  });

  it('still reads a sheet whose manual column is headed Vurdering', async () => {
    const rows = [
      ['Nr.', 'Mål', 'Måltal', 'Resultat', 'Vurdering'],
      ['1', 'Kvalitativt', null, null, 'grøn'],
    ];
    const found = await explanations(await writeBook('vurdering.xlsx', 'Mål 2021', rows));
    expect(found.get('1')).toBe('Manuel status: Opfyldt (beregnet: Uden måltal; intet måltal; angiv en status i Manuel status)');
  });
});
