import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { recalculate } from '../../src/engine';
import { readWorkbookSnapshot } from '../support/exceljs-reference';
import { rawEntries } from '../xlsx/raw-entries';
import { chartParts, makeFixtureDir, writeGoalSheetWorkbook, writeWorkbookWithParts } from '../fixtures/build-fixtures';
import { FIXED_NOW, runCli } from './cli-harness';

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  return fs.mkdtemp(path.join(dir, `${name}-`));
}

describe('check --json', () => {
  it('prints exactly the SPEC §6 shape', async () => {
    const book = await writeGoalSheetWorkbook(await freshDir('json'), 'goals.xlsx');
    const run = await runCli(['check', book, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['books']);
    const [first] = report.books;
    expect(Object.keys(first)).toEqual(['file', 'year', 'asOf', 'sheets', 'summary', 'changes']);
    expect(first).toMatchObject({ file: book, year: 2021, asOf: '2021-10-13' });
    // One contract year only: nothing to compare (SPEC §9), and the sheet says the year it was judged against.
    expect(first.changes).toEqual([]);
    expect(first.sheets.map((s: { name: string }) => Object.keys(s))).toEqual([['name', 'year', 'rows']]);
    expect(first.sheets.map((s: { name: string; year: number }) => [s.name, s.year])).toEqual([['Mål 2021', 2021]]);
    const rows = first.sheets[0].rows;
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['1', '2', '3', '4']);
    for (const row of rows) {
      // Every row of this book has a Target, so every row carries its canonical rule (SPEC §6).
      expect(Object.keys(row)).toEqual(['id', 'status', 'actual', 'target', 'unit', 'gap', 'targets', 'explanation', 'rule']);
    }
    expect(rows[0]).toMatchObject({ id: '1', status: 'met', actual: 82, target: 80, unit: '%', gap: 2, targets: { '2021': 80 } });
    expect(rows[1]).toMatchObject({ status: 'at-risk', actual: 62, target: 65, gap: -3 });
    expect(Object.keys(first.summary)).toEqual(['met', 'on-track', 'at-risk', 'off-track', 'no-data', 'not-applicable', 'no-target', 'error']);
    const counted = Object.values(first.summary as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(counted).toBe(rows.length);
  });

  it('writes nothing', async () => {
    const sub = await freshDir('check-nothing');
    const book = await writeGoalSheetWorkbook(sub, 'goals.xlsx');
    await runCli(['check', book]);
    expect(await fs.readdir(sub)).toEqual(['goals.xlsx']);
  });

  it('--year and --as-of override the settings sheet', async () => {
    const book = await writeGoalSheetWorkbook(await freshDir('flags'), 'goals.xlsx');
    const run = await runCli(['check', book, '--json', '--year', '2022', '--as-of', '2022-03-01']);
    const [first] = JSON.parse(run.stdout).books;
    expect([first.year, first.asOf]).toEqual([2022, '2022-03-01']);
    expect(first.sheets[0].rows[2].target).toBe(47);
  });
});

describe('check --strict', () => {
  it('exits 3 when a row is an error', async () => {
    const book = await writeGoalSheetWorkbook(await freshDir('strict'), 'goals.xlsx', { errorRow: true });
    expect((await runCli(['check', book, '--strict'])).code).toBe(3);
    expect((await runCli(['check', book])).code).toBe(0);
  });

  it('exits 0 when no row is an error', async () => {
    const book = await writeGoalSheetWorkbook(await freshDir('strict-ok'), 'goals.xlsx');
    expect((await runCli(['check', book, '--strict'])).code).toBe(0);
  });
});

describe('recalc', () => {
  it('writes BOOK.trafiklys.xlsx beside the input by default, and prints the table and summary', async () => {
    const sub = await freshDir('default');
    const book = await writeGoalSheetWorkbook(sub, 'goals.xlsx');
    const original = await fs.readFile(book);
    const run = await runCli(['recalc', book]);
    expect(run.code).toBe(0);
    expect((await fs.readdir(sub)).sort()).toEqual(['goals.trafiklys.xlsx', 'goals.xlsx']);
    expect((await fs.readFile(book)).equals(original)).toBe(true);
    expect(run.stdout).toContain('│ 2   │ Effekt        │ I risiko │ 62 %     │ 65 %   │ −3 pp     │');
    expect(run.stdout).toContain('│ 4   │ Grønt værktøj │ På vej   │ i gang   │');
    expect(run.stdout).toContain(
      `${book}: 2 opfyldt, 1 på vej, 1 i risiko, 0 ikke opfyldt, 0 afventer data, 0 udgået, 0 uden måltal, 0 fejl; skrev ${path.join(sub, 'goals.trafiklys.xlsx')}`,
    );
    const out = await readWorkbookSnapshot(path.join(sub, 'goals.trafiklys.xlsx'));
    const header = out.sheets[0]!.values[0]!;
    expect(header).toContain('Status');
    expect(out.sheets[0]!.values[2]![header.indexOf('Status')]).toBe('I risiko');
  });

  it('--out writes where it says, creating its folder', async () => {
    const sub = await freshDir('out');
    const book = await writeGoalSheetWorkbook(sub, 'goals.xlsx');
    const target = path.join(sub, 'out', 'result.xlsx');
    expect((await runCli(['recalc', book, '--out', target])).code).toBe(0);
    expect((await fs.readdir(sub)).sort()).toEqual(['goals.xlsx', 'out']);
    expect(await fs.readdir(path.join(sub, 'out'))).toEqual(['result.xlsx']);
  });

  it('--in-place rewrites the book and leaves no temporary file', async () => {
    const sub = await freshDir('inplace');
    const book = await writeGoalSheetWorkbook(sub, 'goals.xlsx');
    expect((await runCli(['recalc', book, '--in-place'])).code).toBe(0);
    expect(await fs.readdir(sub)).toEqual(['goals.xlsx']);
    const snapshot = await readWorkbookSnapshot(book);
    expect(snapshot.sheets[0]!.values[0]).toContain('Status');
  });

  it('--in-place works for a workbook with a chart, and keeps the chart part byte for byte', async () => {
    const sub = await freshDir('chart-in-place');
    const book = await writeWorkbookWithParts(sub, 'charts.xlsx', chartParts);
    const before = await rawEntries(book);
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const after = await rawEntries(book);
    expect(after.get('xl/charts/chart1.xml')).toEqual(before.get('xl/charts/chart1.xml'));
    expect(await fs.readdir(sub)).toEqual(['charts.xlsx']);
  });

  it('leaves a workbook with no goal sheet untouched in place (SPEC §5), and says nothing was written', async () => {
    const sub = await freshDir('no-goals');
    const book = path.join(sub, 'plain.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRow(['Navn', 'Antal']);
    await wb.xlsx.writeFile(book);
    const before = await fs.readFile(book);
    const mtime = (await fs.stat(book)).mtimeMs;
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `${book}: no goal sheet found (a header row with an ID and a Target column)\n${book}: 0 met, 0 on track, 0 at risk, 0 off track, 0 no data, 0 not applicable, 0 no target, 0 error; nothing new to write: the workbook is left as it was\n`,
    );
    expect((await fs.readFile(book)).equals(before)).toBe(true);
    expect((await fs.stat(book)).mtimeMs).toBe(mtime);
    expect(await fs.readdir(sub)).toEqual(['plain.xlsx']);
    // A copy asked for is still made, with every entry as it was (no recalculation flag either).
    const copy = path.join(sub, 'copy.xlsx');
    expect((await runCli(['recalc', book, '--out', copy])).code).toBe(0);
    const [was, is] = [await rawEntries(book), await rawEntries(copy)];
    expect([...is.keys()]).toEqual([...was.keys()]);
    for (const [name, entry] of was) expect({ name, data: is.get(name)!.data }).toEqual({ name, data: entry.data });
  });

  it('treats --out naming the input as in place, and writes it', async () => {
    const sub = await freshDir('out-self');
    const book = await writeWorkbookWithParts(sub, 'charts.xlsx', chartParts);
    const run = await runCli(['recalc', book, '--out', path.join(sub, '.', 'charts.xlsx')]);
    expect(run.code).toBe(0);
    expect(await fs.readdir(sub)).toEqual(['charts.xlsx']);
    expect((await rawEntries(book)).has('xl/charts/chart1.xml')).toBe(true);
  });

  it('a copy of a workbook with a chart keeps it, without a warning', async () => {
    const sub = await freshDir('warn');
    const book = await writeWorkbookWithParts(sub, 'charts.xlsx', chartParts);
    const run = await runCli(['recalc', book]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect((await rawEntries(path.join(sub, 'charts.trafiklys.xlsx'))).get('xl/charts/chart1.xml')).toEqual((await rawEntries(book)).get('xl/charts/chart1.xml'));
  });

  it('keeps every cell outside the owned columns, and a second recalc changes nothing', async () => {
    const sub = await freshDir('roundtrip');
    const book = await writeGoalSheetWorkbook(sub, 'goals.xlsx');
    const first = path.join(sub, 'first.xlsx');
    const second = path.join(sub, 'second.xlsx');
    await runCli(['recalc', book, '--out', first]);
    await runCli(['recalc', first, '--out', second]);
    const before = await readWorkbookSnapshot(book);
    const once = await readWorkbookSnapshot(first);
    const twice = await readWorkbookSnapshot(second);
    const goalsBefore = before.sheets[0]!;
    const goalsOnce = once.sheets[0]!;
    // The fixture's own columns are A..H; Trafiklys appends its columns from I.
    goalsBefore.values.forEach((row, r) =>
      row.forEach((value, c) => {
        expect([r, c, goalsOnce.values[r]![c]]).toEqual([r, c, value]);
        expect([r, c, goalsOnce.numberFormats![r]![c]]).toEqual([r, c, goalsBefore.numberFormats![r]![c]]);
        expect([r, c, goalsOnce.formulas![r]![c]]).toEqual([r, c, goalsBefore.formulas![r]![c]]);
      }),
    );
    expect(goalsOnce.formulas![2]![7]).toBe(true);
    // The clock is fixed, so even `Sidst beregnet` is the same.
    expect(twice).toEqual(once);
  });

  it('draws a progress bar on a terminal for many books, and none otherwise', async () => {
    const sub = await freshDir('progress');
    const a = await writeGoalSheetWorkbook(sub, 'a.xlsx');
    const b = await writeGoalSheetWorkbook(sub, 'b.xlsx');
    const tty = await runCli(['check', a, b], { tty: true });
    expect(tty.stderr).toContain('2/2');
    const plain = await runCli(['check', a, b]);
    expect(plain.stderr).toBe('');
    const single = await runCli(['check', a], { tty: true });
    expect(single.stderr).toBe('');
  });
});

describe('template', () => {
  it.each(['da', 'en'] as const)('writes a goal sheet the engine evaluates (%s)', async (language) => {
    const out = path.join(await freshDir(`template-${language}`), 'goals.xlsx');
    const run = await runCli(['template', out, '--lang', language]);
    expect(run).toEqual({ code: 0, stdout: `wrote ${out}\n`, stderr: '' });
    const result = recalculate(await readWorkbookSnapshot(out), { now: FIXED_NOW, write: false });
    expect(result.sheets).toHaveLength(1);
    expect(result.sheets[0]!.language).toBe(language);
    expect(result.sheets[0]!.rows.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(result.summary.error).toBe(0);
  });

  it('does not overwrite an existing file', async () => {
    const sub = await freshDir('template-exists');
    const book = await writeGoalSheetWorkbook(sub, 'goals.xlsx');
    const run = await runCli(['template', book]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `error: ${book} already exists; choose another name\n` });
  });
});
