import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeNewWorkbook } from '../../src/xlsx';
import { makeFixtureDir, writeGoalSheetWorkbook } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

/** The command line's half of SPEC §8: trends in the table and the JSON, `recalc --report` refused over a user's sheet. */
let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-history-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('recalc with a history', () => {
  it('shows each row’s trend in the table and in --json once an earlier snapshot exists', async () => {
    const book = await writeGoalSheetWorkbook(dir, 'goals.xlsx');
    const june = path.join(dir, 'june.xlsx');
    const first = await runCli(['recalc', book, '--out', june, '--as-of', '2021-06-30']);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/Udvikling|Trend/);
    const table = await runCli(['recalc', june, '--out', path.join(dir, 'october.xlsx'), '--as-of', '2021-10-13']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Udvikling|Trend/);
    const json = await runCli(['check', june, '--as-of', '2021-10-13', '--json']);
    const rows = (JSON.parse(json.stdout) as { books: { sheets: { rows: { id: string; trend?: { since: string; text: string } }[] }[] }[] }).books[0]!.sheets[0]!.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.trend?.since).toBe('2021-06-30');
    expect(table.stdout).toContain(rows[0]!.trend!.text);
  });

  it('refuses --report over a sheet of the user’s called Statusrapport, writing no file', async () => {
    const book = path.join(dir, 'taken.xlsx');
    await writeNewWorkbook(
      {
        sheets: [
          { name: 'Mål', values: [['Nr.', 'Mål', 'Måltal', 'Resultat'], [1, 'Kendskab', '≥ 45 %', 0.5]] },
          { name: 'Statusrapport', values: [['Mit eget referat']] },
        ],
      },
      book,
    );
    const out = path.join(dir, 'taken.out.xlsx');
    const run = await runCli(['recalc', book, '--out', out, '--report', '--as-of', '2021-10-13']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${book}: the status report was not written: the sheet "Statusrapport" is the workbook's own (it lacks the defined name Trafiklys_Statusrapport); rename or delete it and recalculate again. Nothing was written\n`,
    );
    await expect(fs.stat(out)).rejects.toThrow(/ENOENT/);
  });
});
