/**
 * LibreOffice as the independent reader of what `recalc --in-place` writes: a
 * spreadsheet program that is not ours, and stricter than exceljs, opens each workbook before
 * and after and must see every sheet, every cell outside the columns Trafiklys owns as before,
 * the Status cells Trafiklys wrote (label and colours), and the same pivot tables, charts,
 * images, shapes, controls, notes, hyperlinks, tables, names, conditional formats and validations.
 *
 * The workbooks: every one of test/fixtures/real-files (written by Excel, LibreOffice, Google
 * Sheets, ClosedXML, exceljs) with a pivot table, a chart, a drawing, macros, comments, a table
 * or the 1904 date system, found by its zip entries, plus the example contract. Into each real
 * file this test puts a goal sheet of its own with JSZip string edits (a new worksheet part with
 * a note and a hyperlink, their parts, its relationship, its `<sheet>` and its content types; no
 * Trafiklys code), which is "before"; `recalc --in-place` on a copy is "after". LibreOffice
 * converts all of them in three calls: to CSV as shown, to CSV with formulas (every sheet, sheet
 * option -1), and to .ods, which gives the objects and each cell with its style
 * (./libreoffice-output.ts reads them). The expected statuses come from `check --json` on
 * "before"; their labels and colours from docs/spec.md.
 *
 * Where LibreOffice itself varies between two reads of one file, the comparison leaves that out
 * and says why (libreoffice-output.ts): a validation's base cell, a font's declared name, a
 * note's date; and the `DPCache_` sheet it makes for a pivot cache without its source.
 *
 * LibreOffice is required: without `soffice` every test fails and says how to install it.
 */
import { existsSync, mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { locateData, readCentralDirectory } from '../../src/xlsx/zip-archive';
import { runCli } from '../cli/cli-harness';
import { GOAL_SHEET, injectGoalSheet } from './inject-goal-sheet';
import { parseCsv, readOds, readSheetFiles, type SheetFile } from './libreoffice-output';
import { type ConvertRun, convertWithLibreOffice, csvFilter, requireSoffice, writeLibreOfficeProfile } from '../support/libreoffice';

const REPO = path.join(__dirname, '..', '..');
const REAL_FILES = path.join(REPO, 'test', 'fixtures', 'real-files');
const EXAMPLE = path.join(REPO, 'examples', 'resultatkontrakt-2021.xlsx');
const AS_OF = '2021-10-13';
/** Per soffice call; the three calls take 14–20 s together on the 2-core machine this was written on. */
const SOFFICE_LIMIT_MS = 90_000;

/** What makes a real file worth LibreOffice's look: the features a lossless writer could lose. */
const FEATURES: Record<string, (entries: string[], workbookXml: string, file: string) => boolean> = {
  'pivot table': (entries) => entries.some((e) => e.startsWith('xl/pivotTables/')),
  chart: (entries) => entries.some((e) => e.startsWith('xl/charts/')),
  'drawing, image or shape': (entries) => entries.some((e) => e.startsWith('xl/drawings/')),
  macros: (entries, _xml, file) => file.endsWith('.xlsm') || entries.includes('xl/vbaProject.bin'),
  comments: (entries) => entries.some((e) => /^xl\/(threaded)?comments/i.test(e)),
  table: (entries) => entries.some((e) => e.startsWith('xl/tables/')),
  '1904 dates': (_entries, xml) => /\bdate1904="(1|true)"/.test(xml),
};

interface Book {
  /** `closedxml/LoadPivotTables.xlsx`, or `examples/resultatkontrakt-2021.xlsx`. */
  name: string;
  source: string;
  features: string[];
  /** False for the example, which has goal sheets already. */
  inject: boolean;
}

function selectBooks(): Book[] {
  const books: Book[] = [];
  for (const folder of readdirSync(REAL_FILES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(path.join(REAL_FILES, folder.name)).filter((f) => /\.xls[xm]$/.test(f)).sort()) {
      const source = path.join(REAL_FILES, folder.name, file);
      const buffer = readFileSync(source);
      let entries: ReturnType<typeof readCentralDirectory>;
      try {
        entries = readCentralDirectory(buffer, source);
      } catch {
        continue; // not a zip package: real-files.test.ts covers the refusal
      }
      const workbook = entries.find((e) => e.name === 'xl/workbook.xml');
      const workbookXml = workbook ? (workbook.method === 0 ? Buffer.from(locateData(buffer, source, workbook)) : inflateRawSync(locateData(buffer, source, workbook))).toString('utf8') : '';
      const names = entries.map((e) => e.name);
      const features = Object.keys(FEATURES).filter((feature) => FEATURES[feature](names, workbookXml, file));
      if (features.length > 0) books.push({ name: `${folder.name}/${file}`, source, features, inject: true });
    }
  }
  books.push({ name: 'examples/resultatkontrakt-2021.xlsx', source: EXAMPLE, features: ['goal sheets'], inject: false });
  return books;
}

const books = selectBooks();
const bookNames = books.map((b) => b.name);

// ---------------------------------------------------------------------------------------------
// Reading LibreOffice's output.

interface SheetCells {
  /** LibreOffice's CSV export, cells as it shows them. */
  shown: string[][];
  /** LibreOffice's CSV export with formulas instead of their results. */
  formulas: string[][];
  /** The .ods: each cell with its style, value, formula, text and note. */
  styled: string[][];
}

interface SheetView {
  name: string;
  cells: SheetCells;
  /** The sheet's, its columns' and its rows' styles (hidden or shown, widths, heights), from the .ods. */
  layout: { table: string; columns: string[]; rows: string[] };
}

// ---------------------------------------------------------------------------------------------
// What the spec says, read from docs/spec.md rather than from Trafiklys's code.

/** The Danish label of each status id, from the table of docs/spec.md section 3. */
function readStatusLabels(): Record<string, string> {
  const spec = readFileSync(path.join(REPO, 'docs', 'spec.md'), 'utf8');
  const labels = Object.fromEntries([...spec.matchAll(/^\| `([a-z-]+)` \| ([^|]+?) \| ([^|]+?) \|/gm)].map((m) => [m[1], m[2]]));
  if (Object.keys(labels).length !== 8) throw new Error(`docs/spec.md: expected the 8 statuses of section 3, found ${Object.keys(labels).join(', ')}`);
  return labels;
}
const LABEL = readStatusLabels();

/** The fill (`null`: none) and font colour of each status's cell, from the table of docs/spec.md section 1, in lower case as LibreOffice writes colours. */
function readStatusColours(): Record<string, { fill: string | null; font: string }> {
  const spec = readFileSync(path.join(REPO, 'docs', 'spec.md'), 'utf8');
  const colours = Object.fromEntries(
    [...spec.matchAll(/^\s*\| ([a-z-]+(?:, [a-z-]+)*) \| (?:`(#[0-9A-F]{6})`|no fill) \| `(#[0-9A-F]{6})` \|/gm)].flatMap((m) =>
      m[1].split(', ').map((status) => [status, { fill: m[2]?.toLowerCase() ?? null, font: m[3].toLowerCase() }]),
    ),
  );
  if (Object.keys(colours).sort().join() !== Object.keys(LABEL).sort().join()) throw new Error(`docs/spec.md: expected the colours of the 8 statuses in section 1, found ${Object.keys(colours).join(', ')}`);
  return colours;
}
const COLOUR = readStatusColours();

/** The fill and font colour of a cell as the .ods styles it (the resolved style of libreoffice-output.ts). */
function coloursOf(styled: string): { fill: string | null; font: string | null } {
  const fill = /fo:background-color="([^"]*)"/.exec(styled)?.[1] ?? null;
  return { fill: fill === 'transparent' ? null : fill, font: /fo:color="([^"]*)"/.exec(styled)?.[1] ?? null };
}

/** A header cell as section 1 compares it: trimmed, inner white space collapsed, a trailing `:` dropped, case ignored. */
function headerKey(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim().replace(/:$/, '').toLowerCase();
}
const ID_HEADERS = new Set(['id', 'nr', 'nr.', 'mål nr.', 'målnr']);
const TARGET_HEADERS = new Set(['target', 'måltal', 'målsætning']);
/** The output columns of section 1, in either language. */
const OWNED_HEADER = /^((target|måltal) \d{4}|calculated actual|beregnet resultat|status|gap|afvigelse|trend|udvikling|explanation|forklaring)$/;
/** Trafiklys's own sheets (sections 5 and 8): wholly its own, so not compared cell by cell. */
const OWN_SHEETS = ['Trafiklys', 'Trafiklys historik'];

/** The header row of a goal sheet: the first of its first 20 rows with an ID and a Target column. */
function findHeaderRow(rows: string[][]): number {
  return rows.slice(0, 20).findIndex((row) => row.some((c) => ID_HEADERS.has(headerKey(c))) && row.some((c) => TARGET_HEADERS.has(headerKey(c))));
}

function cellName(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

// ---------------------------------------------------------------------------------------------

interface ReportRow {
  id: string;
  status: string;
  explanation: string;
}
interface Report {
  books: { sheets: { name: string; rows: ReportRow[] }[] }[];
}

interface Version {
  /** Null when LibreOffice could not open the file. */
  sheets: SheetView[] | null;
  objects: Record<string, string[]> | null;
}

interface Result {
  book: Book;
  check: { code: number; stderr: string };
  recalc: { code: number; stderr: string };
  report: Report | null;
  before: Version;
  after: Version;
}

let dir = '';
const results = new Map<string, Result>();
/** The file LibreOffice cannot open, as read like the workbooks. */
const UNREADABLE = 'not-a-workbook.xlsx';
let unreadable: Version | null = null;
const timings: Record<string, number> = {};

async function readVersion(slugFile: string, shown: Map<string, SheetFile[]>, formulas: Map<string, SheetFile[]>, odsDir: string): Promise<Version> {
  const shownFiles = shown.get(slugFile);
  const formulaFiles = formulas.get(slugFile);
  const ods = path.join(odsDir, slugFile.replace(/\.xls[xm]$/, '.ods'));
  if (!shownFiles?.length || !formulaFiles?.length || !existsSync(ods)) return { sheets: null, objects: null };
  const csv = await Promise.all(
    shownFiles.map(async ({ sheet, file }, i) => {
      if (formulaFiles[i]?.sheet !== sheet) throw new Error(`${slugFile}: LibreOffice wrote the sheets ${shownFiles.map((f) => f.sheet).join(', ')} in one CSV export, ${formulaFiles.map((f) => f.sheet).join(', ')} in the other`);
      return { name: sheet, shown: parseCsv(await fs.readFile(file, 'utf8')), formulas: parseCsv(await fs.readFile(formulaFiles[i].file, 'utf8')) };
    }),
  );
  const limits = new Map(csv.map((s) => [s.name, { rows: s.shown.length, columns: Math.max(0, ...s.shown.map((row) => row.length)) }]));
  const book = await readOds(ods, limits);
  const sheets = csv.map(({ name, shown: cells, formulas: withFormulas }) => {
    const sheet = book.sheets.get(name);
    if (!sheet) throw new Error(`${slugFile}: the .ods has no sheet ${name}, which the CSV export has`);
    return { name, cells: { shown: cells, formulas: withFormulas, styled: sheet.cells }, layout: { table: sheet.table, columns: sheet.columns, rows: sheet.rows } };
  });
  return { sheets, objects: book.objects };
}

beforeAll(async () => {
  const soffice = requireSoffice();
  dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-libreoffice-'));
  const inDir = path.join(dir, 'in');
  await fs.mkdir(inDir);
  let start = performance.now();
  const pending: { book: Book; slug: string; ext: string; check: Result['check']; recalc: Result['recalc']; report: Report | null }[] = [];
  for (const book of books) {
    const ext = path.extname(book.source);
    const slug = book.name.replace(/\.xls[xm]$/, '').replace(/[^A-Za-z0-9-]+/g, '_');
    const before = path.join(inDir, `${slug}.before${ext}`);
    const after = path.join(inDir, `${slug}.after${ext}`);
    if (book.inject) await injectGoalSheet(book.source, before);
    else await fs.copyFile(book.source, before);
    await fs.copyFile(before, after);
    const check = await runCli(['check', before, '--as-of', AS_OF, '--json']);
    const recalc = await runCli(['recalc', after, '--in-place', '--as-of', AS_OF]);
    let report: Report | null = null;
    try {
      report = JSON.parse(check.stdout) as Report;
    } catch {
      // Reported by the test of this book.
    }
    pending.push({ book, slug, ext, check, recalc, report });
  }
  timings.recalcMs = performance.now() - start;

  start = performance.now();
  // A file no spreadsheet program can open goes along, to show that such a file has no output and fails its checks.
  await fs.writeFile(path.join(inDir, UNREADABLE), 'PK\x03\x04 not a workbook');
  const files = [...pending.flatMap((p) => [path.join(inDir, `${p.slug}.before${p.ext}`), path.join(inDir, `${p.slug}.after${p.ext}`)]), path.join(inDir, UNREADABLE)];
  const convert = (profile: string, format: string, outDir: string): Promise<ConvertRun> => convertWithLibreOffice({ soffice, profile, format, outDir, files, timeoutMs: SOFFICE_LIMIT_MS });
  // Two soffice at a time, each on its own profile: .ods on one, both CSV exports one after the other on the other.
  const odsProfile = writeLibreOfficeProfile(path.join(dir, 'profile-ods'));
  const csvProfile = writeLibreOfficeProfile(path.join(dir, 'profile-csv'));
  const [odsRun, csvRuns] = await Promise.allSettled([
    convert(odsProfile, 'ods', path.join(dir, 'ods')),
    convert(csvProfile, csvFilter({ shown: true, formulas: false }), path.join(dir, 'shown')).then(async (shown) => [shown, await convert(csvProfile, csvFilter({ shown: false, formulas: true }), path.join(dir, 'formulas'))] as const),
  ]);
  // Both settled: no soffice is left running when one of them failed.
  if (odsRun.status === 'rejected') throw odsRun.reason;
  if (csvRuns.status === 'rejected') throw csvRuns.reason;
  timings.libreOfficeMs = performance.now() - start;

  const shown = readSheetFiles(csvRuns.value[0].stdout);
  const formulas = readSheetFiles(csvRuns.value[1].stdout);
  const odsDir = path.join(dir, 'ods');
  for (const p of pending) {
    const version = (which: string): Promise<Version> => readVersion(`${p.slug}.${which}${p.ext}`, shown, formulas, odsDir);
    results.set(p.book.name, { book: p.book, check: p.check, recalc: p.recalc, report: p.report, before: await version('before'), after: await version('after') });
  }
  unreadable = await readVersion(UNREADABLE, shown, formulas, odsDir);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (Object.keys(timings).length > 0) process.stderr.write(`libreoffice-reader: recalc ${Math.round(timings.recalcMs)} ms, LibreOffice ${Math.round(timings.libreOfficeMs)} ms for ${books.length} workbooks\n`);
});

function resultOf(name: string): Result {
  const result = results.get(name);
  if (!result) throw new Error(`${name}: not prepared (see the first failure)`);
  return result;
}

/** The sheets of one version, or a failure naming the workbook LibreOffice could not open. */
function sheetsOf(result: Result, which: 'before' | 'after'): SheetView[] {
  const sheets = result[which].sheets;
  if (!sheets) throw new Error(`LibreOffice could not open ${result.book.name} (${which} recalc)`);
  return sheets;
}

/**
 * A goal sheet as LibreOffice read it before and after: its header row, and the owned columns by
 * the after's header (section 1's output columns); `column` finds a column by its header names.
 */
function readGoalSheet(
  result: Result,
  sheet: string,
): { before: SheetCells; after: SheetCells; layout: { before: SheetView['layout']; after: SheetView['layout'] }; header: number; owned: Set<number>; column: (names: Set<string>) => number } {
  const before = sheetsOf(result, 'before').find((s) => s.name === sheet);
  const after = sheetsOf(result, 'after').find((s) => s.name === sheet);
  if (!before || !after) throw new Error(`${result.book.name}: LibreOffice shows no sheet ${sheet}`);
  const header = findHeaderRow(after.cells.shown);
  const titles = (after.cells.shown[header] ?? []).map(headerKey);
  const owned = new Set(titles.flatMap((text, col) => (OWNED_HEADER.test(text) ? [col] : [])));
  return { before: before.cells, after: after.cells, layout: { before: before.layout, after: after.layout }, header, owned, column: (names) => titles.findIndex((text) => names.has(text)) };
}

/** Where two long texts first differ, with a little of each around it. */
function firstDifference(was: string, is: string): string {
  let at = 0;
  while (at < was.length && was[at] === is[at]) at++;
  const around = (text: string): string => JSON.stringify(`${at > 40 ? '…' : ''}${text.slice(Math.max(0, at - 40), at + 80)}${text.length > at + 80 ? '…' : ''}`);
  return `${around(was)} -> ${around(is)}`;
}

describe('LibreOffice reads what recalc --in-place writes into real workbooks', () => {
  it('has a workbook of every kind, found by its zip entries', () => {
    const kinds = new Set(books.flatMap((b) => b.features));
    expect([...kinds].sort()).toEqual([...Object.keys(FEATURES), 'goal sheets'].sort());
    expect(bookNames).toEqual(
      expect.arrayContaining(['closedxml/LoadPivotTables.xlsx', 'closedxml/PivotTableWithBorder.xlsx', 'closedxml/PivotTableWithTableSource.xlsx', 'exceljs/chart-sheet.xlsx', 'closedxml/FileWithButton.xlsm', 'exceljs/comments.xlsx', 'exceljs/images.xlsx', 'closedxml/Date1904System.xlsx']),
    );
  });

  it('a file LibreOffice cannot open has no sheets and no objects, so its workbook fails below', () => {
    expect(unreadable).toEqual({ sheets: null, objects: null });
  });

  it.each(bookNames)('%s: recalc --in-place exits 0, and LibreOffice opens it before and after', (name) => {
    const result = resultOf(name);
    expect({ name, check: result.check.code, recalc: result.recalc.code, stderr: result.recalc.stderr }).toEqual({ name, check: 0, recalc: 0, stderr: '' });
    const goalSheets = result.report?.books[0].sheets.map((s) => s.name);
    expect({ name, goalSheets }).toEqual({ name, goalSheets: result.book.inject ? [GOAL_SHEET] : expect.arrayContaining([GOAL_SHEET]) });
    for (const which of ['before', 'after'] as const) {
      expect({ name, which, opened: result[which].sheets !== null && result[which].objects !== null }).toEqual({ name, which, opened: true });
    }
  });

  it.each(bookNames)('%s: the same sheets, and every sheet that is not a goal sheet reads as before', (name) => {
    const result = resultOf(name);
    const before = sheetsOf(result, 'before');
    const after = sheetsOf(result, 'after');
    // LibreOffice puts the records of a pivot cache whose source range is gone on a sheet of its
    // own, `DPCache_…`, after the workbook's sheets: it is compared as a sheet, not placed.
    const cacheSheet = (sheet: { name: string }): boolean => sheet.name.startsWith('DPCache_');
    const names = before.filter((s) => !cacheSheet(s)).map((s) => s.name);
    // Trafiklys may add only its own sheets, after all the others.
    expect(after.filter((s) => !cacheSheet(s)).map((s) => s.name)).toEqual([...names, ...OWN_SHEETS.filter((own) => !names.includes(own))]);
    expect(after.filter(cacheSheet).map((s) => s.name)).toEqual(before.filter(cacheSheet).map((s) => s.name));
    const goalSheets = new Set(result.report?.books[0].sheets.map((s) => s.name));
    for (const sheet of before) {
      if (goalSheets.has(sheet.name) || OWN_SHEETS.includes(sheet.name)) continue;
      const again = after.find((s) => s.name === sheet.name)!;
      expect({ sheet: sheet.name, ...again.cells, ...again.layout }).toEqual({ sheet: sheet.name, ...sheet.cells, ...sheet.layout });
    }
  });

  it.each(bookNames)('%s: in each goal sheet, every cell outside the owned columns as before; Status (label and colours) and Explanation as the report gives them; owned formulas kept', (name) => {
    const result = resultOf(name);
    for (const goal of result.report?.books[0].sheets ?? []) {
      const { before, after, layout, header, owned, column } = readGoalSheet(result, goal.name);
      expect({ sheet: goal.name, header: header >= 0, beforeHeader: findHeaderRow(before.shown) }).toEqual({ sheet: goal.name, header: true, beforeHeader: header });
      const [idCol, statusCol, explanationCol] = [column(ID_HEADERS), column(new Set(['status'])), column(new Set(['forklaring', 'explanation']))];
      expect({ sheet: goal.name, statusCol: statusCol >= 0, explanationCol: explanationCol >= 0 }).toEqual({ sheet: goal.name, statusCol: true, explanationCol: true });

      const changed: string[] = [];
      const rowCount = Math.max(before.shown.length, after.shown.length);
      for (let r = 0; r < rowCount; r++) {
        const width = Math.max(before.shown[r]?.length ?? 0, after.shown[r]?.length ?? 0);
        for (let c = 0; c < width; c++) {
          // An owned cell holding a formula is never overwritten (section 1): it is compared too.
          if (owned.has(c) && !(before.formulas[r]?.[c] ?? '').startsWith('=')) continue;
          for (const view of ['shown', 'formulas', 'styled'] as const) {
            const was = before[view][r]?.[c] ?? '';
            const is = after[view][r]?.[c] ?? '';
            if (was !== is) changed.push(`${cellName(r, c)} ${view}: ${firstDifference(was, is)}`);
          }
        }
      }
      // The sheet's, its rows' and its columns' styles too: not the owned columns', nor the height
      // LibreOffice fits a row to (what the owned cells hold may change it).
      const shape = (which: SheetView['layout']): object => ({
        table: which.table,
        rows: which.rows.map((text) => (/use-optimal-row-height="true"/.test(text) ? text.replace(/\sstyle:row-height="[^"]*"/, '') : text)),
        columns: Array.from({ length: Math.max(layout.before.columns.length, layout.after.columns.length) }, (_, c) => (owned.has(c) ? '(owned)' : (which.columns[c] ?? ''))),
      });
      expect({ sheet: goal.name, ...shape(layout.after) }).toEqual({ sheet: goal.name, ...shape(layout.before) });
      expect({ sheet: goal.name, changed }).toEqual({ sheet: goal.name, changed: [] });

      const wrong: string[] = [];
      for (const row of goal.rows) {
        const r = after.shown.findIndex((cells, i) => i > header && (cells[idCol] ?? '').trim() === row.id);
        if (r < 0) {
          wrong.push(`goal ${row.id}: no row with this ID`);
          continue;
        }
        const status = after.shown[r][statusCol];
        if (!(before.formulas[r]?.[statusCol] ?? '').startsWith('=')) {
          if (status !== LABEL[row.status]) wrong.push(`goal ${row.id}: ${cellName(r, statusCol)} shows ${JSON.stringify(status)}, the report says ${row.status} (${LABEL[row.status]})`);
          const colours = coloursOf(after.styled[r]?.[statusCol] ?? '');
          if (JSON.stringify(colours) !== JSON.stringify(COLOUR[row.status])) wrong.push(`goal ${row.id}: ${cellName(r, statusCol)} is coloured ${JSON.stringify(colours)}, section 1 gives ${JSON.stringify(COLOUR[row.status])} for ${row.status}`);
        }
        // The sheet may add why a cell was not written (a formula in it) after the report's sentence.
        const explanation = after.shown[r][explanationCol] ?? '';
        if (!explanation.startsWith(row.explanation)) wrong.push(`goal ${row.id}: ${cellName(r, explanationCol)} shows ${JSON.stringify(explanation)}, the report says ${JSON.stringify(row.explanation)}`);
      }
      expect({ sheet: goal.name, wrong }).toEqual({ sheet: goal.name, wrong: [] });
    }
  });

  it.each(bookNames)('%s: the history sheet LibreOffice reads holds each goal row with its status', (name) => {
    const result = resultOf(name);
    const history = sheetsOf(result, 'after').find((s) => s.name === 'Trafiklys historik');
    expect(history).toBeDefined();
    const [head, ...rows] = history!.cells.shown;
    const col = (title: string): number => head.findIndex((text) => headerKey(text) === title);
    const [sheetCol, idCol, statusCol] = [col('ark'), col('nr.'), col('status')];
    expect(Math.min(sheetCol, idCol, statusCol)).toBeGreaterThanOrEqual(0);
    const missing: string[] = [];
    for (const goal of result.report?.books[0].sheets ?? []) {
      for (const row of goal.rows) {
        // Rows are ordered by as-of date: this recalculation's row is the last of its sheet and ID.
        const last = rows.filter((cells) => cells[sheetCol] === goal.name && cells[idCol] === row.id).at(-1);
        if (last?.[statusCol] !== LABEL[row.status]) missing.push(`${goal.name} ${row.id}: ${JSON.stringify(last?.[statusCol])}, not ${LABEL[row.status]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(bookNames)('%s: the same pivot tables, charts, images, shapes, controls, comments, hyperlinks, tables, names, conditional formats and validations', (name) => {
    const result = resultOf(name);
    if (!result.before.objects || !result.after.objects) throw new Error(`LibreOffice could not open ${name}`);
    expect(result.after.objects).toEqual(result.before.objects);
  });

  it('met every kind of object in some workbook, and a formula in an owned column, so that each comparison could fail', () => {
    const kinds = Object.keys([...results.values()][0]?.before.objects ?? {});
    expect(kinds.length).toBeGreaterThan(0);
    const absent = kinds.filter((kind) => ![...results.values()].some((r) => (r.before.objects?.[kind].length ?? 0) > 0));
    expect(absent).toEqual([]);
    const ownedFormulas = [...results.values()].flatMap((result) =>
      (result.report?.books[0].sheets ?? []).flatMap((goal) => {
        const { before, header, owned } = readGoalSheet(result, goal.name);
        return before.formulas.slice(header + 1).flatMap((cells) => cells.filter((text, c) => owned.has(c) && text.startsWith('=')));
      }),
    );
    expect(ownedFormulas.length).toBeGreaterThan(0);
  });
});
