/**
 * Workbooks written by other software (the public test suites of ClosedXML,
 * exceljs and xlrd; test/fixtures/real-files/README.md names each source and licence) through
 * `trafiklys recalc --out`. Each either recalculates whole — exit 0, the copy read back by an
 * independent reader (exceljs), every zip entry Trafiklys does not own copied with its
 * compressed bytes unchanged — or is refused in plain words naming the file, with no copy written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../cli/cli-harness';
import { injectGoalSheet, readGoalStatuses, readUserCells } from './inject-goal-sheet';
import { rawEntries } from './raw-entries';

const ROOT = path.join(__dirname, '..', 'fixtures', 'real-files');
const files = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(ROOT, d.name)).map((f) => path.join(d.name, f)))
  .sort();

/** The refusals expected, by file: the format named and what to do. Every other file must recalculate. */
const REFUSED: Record<string, RegExp> = {
  'exceljs/invalid-xml.xlsx': /its part xl\/worksheets\/sheet1\.xml is not well-formed XML/,
  'exceljs/missing-bits.xlsx': /is a zip package but not an \.xlsx workbook \(it has no workbook part xl\/workbook\.xml\)/,
  'exceljs/test-issue-991.csv': /is not an \.xlsx workbook \(not a zip package\); it is a text file: open it in Excel and save it as \.xlsx/,
  'xlrd/biff4_no_format_no_window2.xls': /is a legacy Excel 2\.1-5\.0 workbook \(\.xls\); open it in Excel and save it as \.xlsx/,
  'xlrd/ragged.xls': /is a legacy Excel 97-2003 workbook \(\.xls\); open it in Excel and save it as \.xlsx/,
  'xlrd/sample.ods': /is an OpenDocument spreadsheet \(\.ods\), not an \.xlsx workbook; open it in LibreOffice Calc or Excel and save it as/,
  'xlrd/sample.xlsb': /is an Excel binary workbook \(\.xlsb\), not an \.xlsx workbook; open it in Excel and save it as Excel Workbook \(\.xlsx\)/,
};

/**
 * Inputs exceljs itself cannot read (checked on the originals): its read-back is left out for
 * these, the byte comparison still holds. Namespace-prefixed or unusual workbook parts make it
 * fail with its internal message; test-issue-1842 makes it loop without end.
 */
const EXCELJS_CANNOT_READ = new Set([
  'closedxml/CopyRowContents.xlsx',
  'closedxml/EmptyFill.xlsx',
  'closedxml/FilterPrivacyEnabledWorkbook.xlsx',
  'closedxml/InvalidColors.xlsx',
  'closedxml/InvalidPrintTitles2.xlsx',
  'closedxml/NoReferencesOnRowsOrCells.xlsx',
  'exceljs/test-issue-1842.xlsx',
]);

/** The parts a recalculation may rewrite; new parts may only be Trafiklys's own sheets. */
const OWNED = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'docProps/app.xml']);

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-real-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('real workbooks written by other software', () => {
  it('holds the corpus the README describes (a missing folder fails, never skips)', () => {
    expect(files.length).toBeGreaterThanOrEqual(80);
    for (const name of Object.keys(REFUSED)) expect(files).toContain(name);
  });

  it.each(files)('%s recalculates whole or is refused in plain words', async (name) => {
    const book = path.join(ROOT, name);
    const out = path.join(dir, `${name.replace(/[\\/]/g, '-')}.trafiklys.xlsx`);
    const run = await runCli(['recalc', book, '--out', out]);
    const refusal = REFUSED[name];
    if (refusal) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^error: (cannot read )?${book.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(run.stderr).toMatch(refusal);
      // Never a library's internal message.
      expect(run.stderr).not.toMatch(/undefined|TypeError|Cannot read properties|at .*\.js:/);
      expect(existsSync(out)).toBe(false);
      return;
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`; wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, a copy with nothing new in it$`));
    const before = await rawEntries(book);
    const after = await rawEntries(out);
    // None of these has a goal sheet, so nothing is Trafiklys's to write (SPEC §5): every entry is copied as it was.
    expect(run.stdout).toContain('no goal sheet found');
    const changed = [...before.keys()].filter((part) => !after.get(part)?.data.equals(before.get(part)!.data));
    expect(changed).toEqual([]);
    const added = [...after.keys()].filter((part) => !before.has(part));
    expect(added.filter((part) => !/^xl\/worksheets\/sheet\d+\.xml$/.test(part))).toEqual([]);
    if (EXCELJS_CANNOT_READ.has(name)) return;
    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(book);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(out);
    // Every sheet is still there, in order (a settings sheet may follow them).
    expect(again.worksheets.slice(0, original.worksheets.length).map((w) => w.name)).toEqual(original.worksheets.map((w) => w.name));
  });
});

describe('real workbooks with a goal sheet put into them', () => {
  const recalculating = files.filter((name) => !REFUSED[name]);
  let reference: unknown[] = [];

  beforeAll(async () => {
    // The same goal sheet in a plain workbook of exceljs's: what every real package must give too.
    const plain = path.join(dir, 'plain.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ark1').getCell('A1').value = 'tom';
    await wb.xlsx.writeFile(plain);
    const injected = path.join(dir, 'plain-with-goals.xlsx');
    await injectGoalSheet(plain, injected);
    const out = path.join(dir, 'plain-with-goals.trafiklys.xlsx');
    const run = await runCli(['recalc', injected, '--out', out, '--as-of', '2021-10-13']);
    expect(run.code).toBe(0);
    reference = await readGoalStatuses(out);
  });

  it('has a reference with a status for every goal and the owned formula kept', () => {
    expect(reference).toHaveLength(7);
    expect(reference.filter((v) => typeof v === 'string' && v !== '')).toHaveLength(5);
    expect(reference).toContainEqual({ formula: '"Se "&F3' });
  });

  it.each(recalculating)('%s: recalculates the goal sheet, every other part kept byte for byte', async (name) => {
    const book = path.join(ROOT, name);
    const slug = name.replace(/[\\/]/g, '-');
    const injected = path.join(dir, `goals-${slug}`);
    await injectGoalSheet(book, injected);
    const out = path.join(dir, `goals-${slug}.trafiklys.xlsx`);
    const run = await runCli(['recalc', injected, '--out', out, '--as-of', '2021-10-13']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const before = await rawEntries(injected);
    const after = await rawEntries(out);
    const goalPart = [...after.keys()].find((part) => part.endsWith('.xml') && !before.get(part)?.data.equals(after.get(part)!.data) && !OWNED.has(part) && before.has(part));
    const changed = [...before.keys()].filter((part) => !OWNED.has(part) && part !== goalPart && !after.get(part)?.data.equals(before.get(part)!.data));
    expect(changed).toEqual([]);
    // Only the goal sheet's part changed among the sheets, and it is a worksheet part.
    expect(goalPart).toMatch(/worksheets\/sheet\d+\.xml$/);
    const added = [...after.keys()].filter((part) => !before.has(part));
    // New parts: the settings and history sheets, and a styles part where the package had none.
    const hadStyles = [...before.keys()].some((part) => /^xl\/styles\.xml$/i.test(part));
    expect(added.filter((part) => !/^xl\/worksheets\/sheet\d+\.xml$/.test(part) && (hadStyles || part !== 'xl/styles.xml'))).toEqual([]);
    if (EXCELJS_CANNOT_READ.has(name)) return;
    expect(await readGoalStatuses(out)).toEqual(reference);
    expect(await readUserCells(out)).toEqual(await readUserCells(injected));
    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(injected);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(out);
    expect(again.worksheets.slice(0, original.worksheets.length).map((w) => w.name)).toEqual(original.worksheets.map((w) => w.name));
  });
});
