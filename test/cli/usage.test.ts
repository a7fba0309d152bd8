import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeFixtureDir, writeGoalSheetWorkbook, writeLegacyXls, writeNotZip } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

let dir: string;
let book: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
  book = await writeGoalSheetWorkbook(dir, 'goals.xlsx');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('usage errors exit with 2 and say why on stderr', () => {
  it.each([
    [['recalc'], "error: missing required argument 'books'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['check', 'x.xlsx', '--bogus'], "error: unknown option '--bogus'"],
    [['recalc', 'a.xlsx', '--out', 'o.xlsx', '--in-place'], "error: option '--out <file>' cannot be used with option '--in-place'"],
    [['recalc', 'a.xlsx', '--lang', 'fr'], "error: option '--lang <code>' argument 'fr' is invalid. Allowed choices are da, en."],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.stdout).toBe('');
  });

  it.each([
    [['recalc', 'a.xlsx', 'b.xlsx', '--out', 'o.xlsx'], 'error: --out takes a single book, but 2 were given; leave it out to write BOOK.trafiklys.xlsx beside each\n'],
    [['check', 'a.xlsx', '--year', '21'], "error: --year must be a four-digit year such as 2021, not '21'\n"],
    [['recalc', 'a.xlsx', '--as-of', '13-10-2021'], "error: --as-of must be a date written YYYY-MM-DD such as 2021-10-13, not '13-10-2021'\n"],
    [['check', 'a.xlsx', '--as-of', '2021-02-30'], "error: --as-of must be a date written YYYY-MM-DD such as 2021-10-13, not '2021-02-30'\n"],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('prints the help on stderr and exits 2 with no arguments', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: trafiklys [options] [command]');
  });

  it('exits 2 for a missing file, and still runs the other books', async () => {
    const missing = path.join(dir, 'nope.xlsx');
    const run = await runCli(['check', missing, book]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: cannot read ${missing}: no such file\n`);
    expect(run.stdout).toContain('Mål 2021');
  });

  it('exits 2 for a legacy .xls and a non-zip file', async () => {
    const xls = await writeLegacyXls(dir);
    const text = await writeNotZip(dir);
    const run = await runCli(['recalc', xls, text]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${xls} is a legacy Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx\n` +
        `error: ${text} is not an .xlsx workbook (not a zip package)\n`,
    );
  });
});

describe('--help', () => {
  it.each([[[]], [['recalc']], [['check']], [['template']]])('explains %j with an example, exit 0', async (prefix) => {
    const run = await runCli([...prefix, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Examples?:\n {2}\$ trafiklys /);
    expect(run.stderr).toBe('');
  });

  it('lists the flags of recalc', async () => {
    const run = await runCli(['recalc', '--help']);
    for (const flag of ['--out <file>', '--in-place', '--year <YYYY>', '--as-of <YYYY-MM-DD>', '--lang <code>', '--json']) {
      expect(run.stdout).toContain(flag);
    }
  });
});
