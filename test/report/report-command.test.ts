/**
 * @jest-environment jsdom
 */
// `trafiklys report` end to end, in-process, on the example workbook and the second house's
// (examples/): the HTML is parsed with jsdom's parser, the overview workbook read back with exceljs.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { recalculate, type Recalculation } from '../../src/engine';
import { readWorkbookSnapshot } from '../support/exceljs-reference';
import { defaultReportPath } from '../../src/cli/report-command';
import { FIXED_NOW, runCli } from '../cli/cli-harness';
import { makeFixtureDir, writeEncryptedXlsx, writeNotZip } from '../fixtures/build-fixtures';

const ROOT = path.resolve(__dirname, '../..');
const NORD = path.join(ROOT, 'examples/resultatkontrakt-2021.xlsx');
const MIDT = path.join(ROOT, 'examples/erhvervshus-midtjylland-2021.xlsx');

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-report-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** What the engine itself says about a book, as `check` evaluates it: the reference for the report. */
async function evaluate(file: string, language?: 'da' | 'en'): Promise<Recalculation> {
  // Read by the independent exceljs reader, so the report is checked against a second reader.
  return recalculate(await readWorkbookSnapshot(file), { now: FIXED_NOW, write: false, language });
}

async function readPage(file: string): Promise<Document> {
  return new DOMParser().parseFromString(await fs.readFile(file, 'utf8'), 'text/html');
}

function cellsOf(row: Element): string[] {
  return [...row.children].map((c) => c.textContent ?? '');
}

describe('trafiklys report', () => {
  it('renders both houses with the overview first, writing nothing into the books', async () => {
    const out = path.join(dir, 'both.html');
    const before = await Promise.all([fs.readFile(NORD), fs.readFile(MIDT)]);
    const run = await runCli(['report', NORD, MIDT, '--out', out]);
    expect(run).toEqual({ code: 0, stdout: `wrote ${out} (2 of 2 books)\n`, stderr: '' });
    const after = await Promise.all([fs.readFile(NORD), fs.readFile(MIDT)]);
    expect(after[0]!.equals(before[0]!)).toBe(true);
    expect(after[1]!.equals(before[1]!)).toBe(true);

    const [nord, midt] = await Promise.all([evaluate(NORD), evaluate(MIDT)]);
    const doc = await readPage(out);
    // The overview carries its date, as each book's section does.
    expect(doc.querySelector('section.overview p.status-line')?.textContent).toBe('Status pr. 13. oktober 2021');
    const overview = doc.querySelector('section.overview table')!;
    expect(cellsOf(overview.querySelector('thead tr')!)).toEqual(['Nr.', 'Mål', nord.organisation ?? 'resultatkontrakt-2021.xlsx', midt.organisation ?? 'erhvervshus-midtjylland-2021.xlsx']);
    const rows = [...overview.querySelectorAll('tbody tr')].map(cellsOf);
    const ids = rows.map((r) => r[0]);
    // Natural order across both books: 3.10 (Midtjylland's) after 3.4, 13 (Midtjylland's) last.
    // Nordjylland's 2022 contract (its 1.1 included) stays out: the overview compares the sheets judged against 2021.
    expect(ids).toEqual(['1', '2', '3', '3.1', '3.2', '3.3', '3.4', '3.10', '4', '5', '6', '7', '8', '9', '10', '10.1', '10.2', '10.3', '11', '12', '12.1', '12.2', '13']);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get('1')).toEqual(['1', 'Kendskab', 'Afventer data', 'I risiko 39 %']);
    expect(byId.get('3.1')).toEqual(['3.1', 'Meget tilfredse, Drift', 'I risiko 75 %', 'Opfyldt 82 %']);
    expect(byId.get('5')?.[3]).toBe('');
    expect(byId.get('13')).toEqual(['13', 'Iværksætteri <Start-up>', '', 'Opfyldt 160']);
    expect(byId.get('12.2')).toEqual(['12.2', 'Korte forløb og Early Warning', 'På vej 555', 'På vej 590']);
    // A book's column counts its goals, each from the first goal sheet that has it.
    const counts = [...overview.querySelectorAll('tfoot td')].map((td) => [...td.querySelectorAll('li')].map((li) => li.textContent));
    const firstSheetSummary = (r: Recalculation): Recalculation['summary'] => {
      const summary = Object.fromEntries(Object.keys(r.summary).map((id) => [id, 0])) as Recalculation['summary'];
      const seen = new Set<string>();
      // The sheets judged against the book's year (its 2022 contract left out), each ID once.
      for (const sheet of r.sheets.filter((candidate) => candidate.year === r.year)) {
        for (const row of sheet.rows) {
          if (seen.has(row.id)) continue;
          seen.add(row.id);
          summary[row.status] += 1;
        }
      }
      return summary;
    };
    const expected = (r: Recalculation): string[] =>
      (Object.entries(firstSheetSummary(r)) as [keyof Recalculation['summary'], number][])
        .filter(([, n]) => n > 0)
        .map(([id, n]) => `${n} ${{ met: 'Opfyldt', 'on-track': 'På vej', 'at-risk': 'I risiko', 'off-track': 'Ikke opfyldt', 'no-data': 'Afventer data', 'not-applicable': 'Udgået', 'no-target': 'Uden måltal', error: 'Fejl' }[id]}`);
    expect(counts).toEqual([expected(nord), expected(midt)]);

    // Then each book, as the status report sheet: every evaluated row, in sheet order.
    const books = [...doc.querySelectorAll('section.book')];
    // Titled as the report sheet is: here by the Titel settings.
    expect(books.map((b) => b.querySelector('h2')?.textContent)).toEqual(['Resultatkontrakt 2021 – Erhvervshus Nordjylland', 'Resultatkontrakt 2021 – Erhvervshus Midtjylland']);
    expect(books.map((b) => b.querySelector('p.status-line')?.textContent)).toEqual(['Status pr. 13. oktober 2021', 'Status pr. 13. oktober 2021']);
    // The first table is the first goal sheet's (`Mål 2021`).
    const nordRows = [...books[0]!.querySelector('table')!.querySelectorAll('tbody tr:not(.chart-row)')].map(cellsOf);
    expect(nordRows.map((r) => r[0])).toEqual(nord.sheets[0]!.rows.map((r) => r.id));
    // The example carries the June recalculation in its history: every goal with two snapshots that
    // have an actual has its chart; a milestone (10.1) or a parent goal (3), which have none, has not.
    const snapshots = new Map<string, number>();
    for (const entry of nord.history ?? []) if (typeof entry.actual === 'number') snapshots.set(`${entry.sheet}|${entry.id}`, (snapshots.get(`${entry.sheet}|${entry.id}`) ?? 0) + 1);
    const charted = [...snapshots].filter(([, n]) => n >= 2).map(([key]) => key.slice(key.indexOf('|') + 1));
    expect(charted).toEqual(['3.1', '3.2', '3.3', '3.4', '4', '7', '12.1', '12.2']);
    const chartedRows = [...books[0]!.querySelectorAll('tbody tr.chart-row')].map((tr) => tr.previousElementSibling?.children[0]?.textContent);
    expect(chartedRows).toEqual(charted);
    expect(books[0]!.textContent).not.toContain('intet resultat (');
    const row31 = nordRows.find((r) => r[0] === '3.1')!;
    expect(row31.slice(0, 5)).toEqual(['3.1', 'Meget tilfredse, Drift', '80 %', '75 %', 'I risiko']);
    expect(row31.at(-1)).toBe(nord.sheets[0]!.rows.find((r) => r.id === '3.1')!.explanation);
    // Sub-goals are indented: 3.1 under 3, not 3 itself.
    const rowOf = (id: string): Element | undefined => [...books[0]!.querySelectorAll('tbody tr:not(.chart-row)')].find((tr) => tr.children[0]?.textContent === id);
    expect(rowOf('3.1')?.children[0]?.className).toBe('d1');
    expect(rowOf('3')?.children[0]?.className ?? '').toBe('');
  });

  it('names a book that is encrypted or not a workbook, with the reason, shows the others, and exits 2', async () => {
    const secret = await writeEncryptedXlsx(dir, 'hemmelig.xlsx');
    const csv = await writeNotZip(dir, 'eksport.xlsx');
    const out = path.join(dir, 'partial.html');
    const run = await runCli(['report', NORD, secret, csv, MIDT, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`wrote ${out} (2 of 4 books)\n`);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`error: hemmelig.xlsx: ${secret} is password-protected (encrypted); remove the password in Excel and save it as .xlsx`);
    expect(lines[1]).toMatch(/^error: eksport\.xlsx: .*eksport\.xlsx/);
    const doc = await readPage(out);
    const named = [...doc.querySelectorAll('section.unreadable li')].map((li) => li.textContent);
    expect(named).toEqual([lines[0]!.slice('error: '.length), lines[1]!.slice('error: '.length)]);
    expect(doc.querySelectorAll('section.book')).toHaveLength(2);
    expect(doc.querySelectorAll('section.overview thead th')).toHaveLength(4);
  });

  it('writes the overview workbook with --xlsx in the page’s colours, and English labels with --lang en', async () => {
    // Folders that do not exist yet are created, as for `recalc --out`.
    const out = path.join(dir, 'new-folder', 'en.html');
    const xlsx = path.join(dir, 'other-folder', 'overview.xlsx');
    const run = await runCli(['report', NORD, MIDT, '--out', out, '--xlsx', xlsx, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote ${out} (2 of 2 books)\nwrote ${xlsx}\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Overview']);
    const sheet = workbook.worksheets[0]!;
    const [nord, midt] = await Promise.all([evaluate(NORD, 'en'), evaluate(MIDT, 'en')]);
    expect(sheet.getRow(1).values).toEqual([undefined, 'ID', 'Goal', nord.organisation ?? 'resultatkontrakt-2021.xlsx', midt.organisation ?? 'erhvervshus-midtjylland-2021.xlsx']);
    const rowOf = (id: string): ExcelJS.Row => {
      for (let r = 2; r <= sheet.rowCount; r += 1) if (sheet.getCell(r, 1).value === id) return sheet.getRow(r);
      throw new Error(`no row ${id}`);
    };
    const r31 = rowOf('3.1');
    expect(r31.getCell(3).value).toBe('At risk\n75 %');
    expect(r31.getCell(4).value).toBe('Met\n82 %');
    expect(r31.getCell(3).fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } });
    expect(r31.getCell(3).font?.color).toEqual({ argb: 'FF9C5700' });
    expect(r31.getCell(4).fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } });
    expect(r31.getCell(1).alignment?.indent).toBe(1);
    expect(rowOf('5').getCell(4).value).toBeNull();
    // No target: no fill (SPEC §1), in a grey that reads on white.
    expect((rowOf('9').getCell(3).fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    expect(rowOf('9').getCell(3).font?.color).toEqual({ argb: 'FF666666' });
    const total = rowOf('Total');
    expect(total.number).toBe(sheet.rowCount);
    expect(String(total.getCell(4).value).split('\n')).toEqual(['5 Met', '4 On track', '4 At risk', '2 Off track', '1 No data', '1 No target']);
    const doc = await readPage(out);
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.querySelector('p.status-line')?.textContent).toBe('Status as of 13 October 2021');
  });

  it('writes BOOK.trafiklys.html beside a single book by default, with no overview', async () => {
    const book = path.join(dir, 'kontrakt.xlsx');
    await fs.copyFile(MIDT, book);
    expect(defaultReportPath([book])).toBe(path.join(dir, 'kontrakt.trafiklys.html'));
    expect(defaultReportPath([NORD, MIDT])).toBe('trafiklys-report.html');
    const run = await runCli(['report', book]);
    expect(run).toEqual({ code: 0, stdout: `wrote ${path.join(dir, 'kontrakt.trafiklys.html')} (1 of 1 book)\n`, stderr: '' });
    const doc = await readPage(path.join(dir, 'kontrakt.trafiklys.html'));
    expect(doc.querySelector('section.overview')).toBeNull();
    expect(doc.querySelectorAll('section.book tbody tr')).toHaveLength(17);
  });

  it('shows progress on a terminal for many books', async () => {
    const out = path.join(dir, 'progress.html');
    const run = await runCli(['report', NORD, MIDT, NORD, '--out', out], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('3/3');
  });

  it('explains itself with --help, with an example', async () => {
    const run = await runCli(['report', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: trafiklys report [options] <books...>');
    expect(run.stdout).toContain('$ trafiklys report nord.xlsx midt.xlsx --as-of 2021-10-13 --out status.html --xlsx oversigt.xlsx');
  });

  it('refuses to write the report over a book, and a bad date, with exit 2 and nothing written', async () => {
    const book = path.join(dir, 'egen.xlsx');
    await fs.copyFile(MIDT, book);
    const before = await fs.readFile(book);
    const run = await runCli(['report', book, '--out', book]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `error: --out ${book} is one of the books; the report never writes into a book\n` });
    expect((await fs.readFile(book)).equals(before)).toBe(true);
    const bad = await runCli(['report', book, '--as-of', '13-10-2021', '--out', path.join(dir, 'never.html')]);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: "error: --as-of must be a date written YYYY-MM-DD such as 2021-10-13, not '13-10-2021'\n" });
    await expect(fs.stat(path.join(dir, 'never.html'))).rejects.toThrow('ENOENT');
  });
});
