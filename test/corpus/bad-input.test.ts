/**
 * The bad-input corpus: every workbook of `test/fixtures/bad-input/corpus.ts`
 * goes through the command line (`recalc --json`) and through the Office.js adapter on the
 * Excel double. Each must give its expected row outcomes, and every cell outside the owned
 * columns (SPEC §1 "Output columns") and the settings sheet's `Last recalculated` row must be
 * exactly as it was: value, formula, number format, fill, font colour, bold.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../../src/engine/index';
import type { Recalculation, StatusId } from '../../src/engine/types';
import { type ExcelRun, recalculateWith } from '../../src/excel/excel-operations';
import { runCli, FIXED_NOW } from '../cli/cli-harness';
import { createExcelDouble } from '../excel-double/excel-double';
import { loadWorkbookFromXlsx } from '../excel-double/load-workbook-from-xlsx';
import { InMemoryWorkbook, type ModelCell } from '../excel-double/workbook-model';
import { BAD_INPUT_CASES, buildCorpusWorkbook, GOAL_SHEET, type CorpusCase } from '../fixtures/bad-input/corpus';
import { makeFixtureDir } from '../fixtures/build-fixtures';

const AS_OF = '2021-10-13';

/** Headers of the columns Trafiklys owns, in both languages (SPEC §1). */
const OWNED_HEADER = /^(target \d{4}|måltal \d{4}|calculated actual|beregnet resultat|status|gap|afvigelse|trend|udvikling|explanation|forklaring)$/i;
const SETTINGS_SHEET = /^(trafiklys|settings|indstillinger)$/i;
/** Sheets Trafiklys owns whole (SPEC §8): the history and the status report. */
const OWNED_SHEET = /^(trafiklys historik|trafiklys history|statusrapport|status report)$/i;
const LAST_RECALCULATED = /^(last recalculated|sidst beregnet)$/i;

interface JsonRow {
  id: string;
  status: StatusId;
  explanation: string;
}
interface JsonBook {
  sheets: { name: string; rows: JsonRow[] }[];
}

/** One comparable form of a cell: everything a user could see or lose. */
function fingerprint(cell: ModelCell | null | undefined): string {
  if (!cell) return '';
  const parts: Record<string, unknown> = {};
  if (cell.value !== null && cell.value !== '') parts.value = cell.value;
  if (cell.formula) parts.formula = cell.formula;
  if (cell.numberFormat && cell.numberFormat !== 'General') parts.numberFormat = cell.numberFormat;
  if (cell.fill) parts.fill = cell.fill;
  if (cell.fontColor && cell.fontColor !== '#000000') parts.fontColor = cell.fontColor;
  if (cell.bold) parts.bold = true;
  return Object.keys(parts).length === 0 ? '' : JSON.stringify(parts);
}

function textOf(cell: ModelCell | null | undefined): string {
  return cell && typeof cell.value === 'string' ? cell.value.trim() : '';
}

/** True when the cell lies in a column Trafiklys owns, or in the settings sheet's `Last recalculated` row. */
function isOwnedCell(after: InMemoryWorkbook, sheetName: string, row: number, col: number, sheetIsNew: boolean): boolean {
  const sheet = after.findSheet(sheetName);
  if (!sheet) return false;
  if (OWNED_SHEET.test(sheetName)) return true;
  if (SETTINGS_SHEET.test(sheetName)) return sheetIsNew || LAST_RECALCULATED.test(textOf(sheet.rows[row]?.[0]));
  for (let r = 0; r <= row && r < 20; r += 1) if (OWNED_HEADER.test(textOf(sheet.rows[r]?.[col]))) return true;
  return false;
}

/** Cells that changed outside the owned columns and formulas that vanished anywhere (`foreign`), and how many owned cells changed. */
function compareWorkbooks(before: InMemoryWorkbook, after: InMemoryWorkbook): { foreign: string[]; owned: number } {
  const problems: string[] = [];
  let owned = 0;
  const names = new Set([...before.sheets, ...after.sheets].map((s) => s.name));
  for (const name of names) {
    const a = before.findSheet(name);
    const b = after.findSheet(name);
    if (!b) {
      problems.push(`${name}: sheet removed`);
      continue;
    }
    const rows = Math.max(a?.rows.length ?? 0, b.rows.length);
    for (let r = 0; r < rows; r += 1) {
      const cols = Math.max(a?.rows[r]?.length ?? 0, b.rows[r]?.length ?? 0);
      for (let c = 0; c < cols; c += 1) {
        const was = a?.rows[r]?.[c];
        const now = b.rows[r]?.[c];
        if (was?.formula && now?.formula !== was.formula) problems.push(`${name}!R${r + 1}C${c + 1}: formula ${was.formula} overwritten`);
        if (fingerprint(was) === fingerprint(now)) continue;
        if (isOwnedCell(after, name, r, c, !a)) owned += 1;
        else problems.push(`${name}!R${r + 1}C${c + 1}: ${fingerprint(was)} -> ${fingerprint(now)}`);
      }
    }
  }
  return { foreign: problems, owned };
}

function copyOf(workbook: InMemoryWorkbook): InMemoryWorkbook {
  return InMemoryWorkbook.fromJSON(JSON.parse(JSON.stringify(workbook.toJSON())));
}

function checkRows(corpusCase: CorpusCase, sheets: { name: string; rows: { id: string; status: StatusId; explanation: string; errorCell?: string }[] }[], withCells: boolean): void {
  expect(sheets).toHaveLength(corpusCase.goalSheets ?? 1);
  if (corpusCase.rowCount !== undefined) expect(sheets.flatMap((s) => s.rows)).toHaveLength(corpusCase.rowCount);
  for (const expected of corpusCase.rows) {
    const sheet = sheets.find((s) => s.name === (expected.sheet ?? GOAL_SHEET));
    const found = sheet?.rows.filter((r) => r.id === expected.id) ?? [];
    expect({ id: expected.id, found: found.length > 0 }).toEqual({ id: expected.id, found: true });
    // Rows sharing an ID (the duplicate-ID cases) must all have the status; one of them the text and cell.
    for (const row of found) expect({ id: row.id, status: row.status }).toEqual({ id: expected.id, status: expected.status });
    const pattern = expected.explanation;
    if (typeof pattern === 'string') expect(found.map((r) => r.explanation)).toContain(pattern);
    else if (pattern) expect(found.some((r) => pattern.test(r.explanation)) ? 'matched' : found.map((r) => r.explanation)).toBe('matched');
    if (withCells && expected.errorCell !== undefined) expect(found.map((r) => r.errorCell)).toContain(expected.errorCell);
  }
}

let dir = '';
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-corpus-');
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('bad-input corpus: the command line and the Office.js adapter', () => {
  it('the comparison catches a changed user cell, a lost formula and an added user cell', () => {
    const before = InMemoryWorkbook.fromJSON({
      sheets: [{ name: GOAL_SHEET, rows: [[{ value: 'Nr.' }, { value: 'Status' }, { value: 'Note' }], [{ value: '1' }, { value: 'x' }, { value: 2, formula: '=1+1' }]] }],
    });
    const after = copyOf(before);
    after.sheets[0].rows[1][1] = { value: 'Opfyldt', fill: '#C6EFCE' };
    expect(compareWorkbooks(before, after)).toEqual({ foreign: [], owned: 1 });
    after.sheets[0].rows[1][2] = { value: 2 };
    after.sheets[0].rows[1][3] = { value: 'new' };
    expect(compareWorkbooks(before, after).foreign).toEqual([
      `${GOAL_SHEET}!R2C3: formula =1+1 overwritten`,
      `${GOAL_SHEET}!R2C3: {"value":2,"formula":"=1+1"} -> {"value":2}`,
      `${GOAL_SHEET}!R2C4:  -> {"value":"new"}`,
    ]);
  });

  it('holds at least 40 workbooks with distinct names', () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
  });

  const indexed = BAD_INPUT_CASES.map((corpusCase, index) => ({ ...corpusCase, index }));
  it.each(indexed.filter((c) => c.knownBug === undefined))('$name', (corpusCase) => runCase(corpusCase));
  // Cases that expose a reported bug in src/: they must fail until it is fixed (see `knownBug`).
  const known = indexed.filter((c) => c.knownBug !== undefined);
  if (known.length > 0) it.failing.each(known)('$name (known bug: $knownBug)', (corpusCase) => runCase(corpusCase));
});

async function runCase(corpusCase: CorpusCase & { index: number }): Promise<void> {
  {
    const file = await buildCorpusWorkbook(dir, corpusCase, corpusCase.index);
    const original = await loadWorkbookFromXlsx(file);

    // The command line: recalc --out, then compare the written file with the input.
    const out = path.join(dir, `out-${corpusCase.index}.xlsx`);
    const run = await runCli(['recalc', file, '--out', out, '--as-of', AS_OF, '--json']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const book = (JSON.parse(run.stdout) as { books: JsonBook[] }).books[0];
    checkRows(corpusCase, book.sheets, false);
    const cliChanges = compareWorkbooks(original, await loadWorkbookFromXlsx(out));
    expect(cliChanges.foreign).toEqual([]);
    // Something was written (each expected row's Status at least, and Last recalculated), except
    // in a workbook without a goal sheet, which is left exactly as it was.
    if ((corpusCase.goalSheets ?? 1) === 0) expect(cliChanges.owned).toBe(0);
    else expect(cliChanges.owned).toBeGreaterThan(corpusCase.rows.length);

    // The add-in: the same file loaded into the Excel double, recalculated through Office.js calls.
    const workbook = copyOf(original);
    const double = createExcelDouble(workbook);
    const outcome = await recalculateWith(
      double.Excel.run as unknown as ExcelRun,
      { recalculate, isGoalSheetHead, isSettingsSheetName },
      { asOf: AS_OF, now: FIXED_NOW },
    );
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    const result: Recalculation = outcome.value;
    checkRows(corpusCase, result.sheets, true);
    const excelChanges = compareWorkbooks(original, workbook);
    expect(excelChanges.foreign).toEqual([]);
    expect(excelChanges.owned).toBe(cliChanges.owned);
    // Both routes report the same rows.
    expect(result.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [r.id, r.status, r.explanation]) }))).toEqual(
      book.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [r.id, r.status, r.explanation]) })),
    );
  }
}
