/**
 * The contract between the two front ends (both adapters must give the same plan): the same .xlsx run
 * through the command line's path (the streaming reader `loadBook` → engine → the splicing writer
 * `applyPlanToBook`; the written bytes read back by exceljs) and through the add-in's
 * path (the Excel double loaded from that file → recalculateInExcel's code) must give the same
 * Recalculation and leave the same cells: values, formula cells, number formats, fills, font
 * colours and bold.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../../src/engine/index';
import type { Recalculation, RecalculateOptions } from '../../src/engine/types';
import { type ExcelRun, recalculateWith } from '../../src/excel/excel-operations';
import { loadBook } from '../../src/xlsx/index';
import { applyPlanToBook } from '../support/apply-plan-to-book';
import { createExcelDouble } from '../excel-double/excel-double';
import { loadWorkbookFromXlsx, workbookFromExcelJs } from '../excel-double/load-workbook-from-xlsx';
import type { InMemoryWorkbook, ModelCell } from '../excel-double/workbook-model';
import { makeFixtureDir, writeGoalSheetWorkbook, writeValueKindsWorkbook } from '../fixtures/build-fixtures';

const NOW = new Date(2021, 9, 13, 14, 5);
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'resultatkontrakt-2021.xlsx');

interface Case {
  name: string;
  file: () => Promise<string>;
  options: Omit<RecalculateOptions, 'now'>;
}

let dir = '';
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-contract-');
});

const cases: Case[] = [
  { name: 'goal sheet with settings', file: () => writeGoalSheetWorkbook(dir, 'goals.xlsx'), options: {} },
  { name: 'goal sheet with an error row', file: () => writeGoalSheetWorkbook(dir, 'goals-error.xlsx', { errorRow: true }), options: {} },
  { name: 'goal sheet in English, year 2022', file: () => writeGoalSheetWorkbook(dir, 'goals-en.xlsx'), options: { language: 'en', year: 2022, asOf: '2022-03-01' } },
  { name: 'value kinds, no goal sheet', file: () => writeValueKindsWorkbook(dir, 'kinds.xlsx'), options: {} },
  // The example workbook is built by the test setup (examples/); a missing one fails, never skips.
  { name: 'the example workbook', file: async () => EXAMPLE, options: { asOf: '2021-10-13' } },
];

/** A cell as both hosts can show it. Formula text is compared by presence (shared formulas print differently). */
function comparable(cell: ModelCell | null | undefined): Record<string, unknown> | null {
  if (!cell) return null;
  const out: Record<string, unknown> = {};
  if (cell.value !== null && cell.value !== '') out.value = cell.value;
  if (cell.formula) out.formula = true;
  if (cell.numberFormat && cell.numberFormat !== 'General') out.numberFormat = cell.numberFormat;
  if (cell.fill) out.fill = cell.fill;
  // Office.js cannot set "automatic"; the adapter writes black, which is what automatic shows.
  if (cell.fontColor && cell.fontColor !== '#000000') out.fontColor = cell.fontColor;
  if (cell.bold) out.bold = true;
  return Object.keys(out).length === 0 ? null : out;
}

function cellsOf(workbook: InMemoryWorkbook): Map<string, Record<string, unknown>> {
  const cells = new Map<string, Record<string, unknown>>();
  for (const sheet of workbook.sheets) {
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const value = comparable(cell);
        if (value) cells.set(`${sheet.name}!R${r + 1}C${c + 1}`, value);
      }),
    );
  }
  return cells;
}

async function viaXlsx(file: string, options: RecalculateOptions): Promise<{ result: Recalculation; workbook: InMemoryWorkbook }> {
  const book = await loadBook(file);
  const result = recalculate(book.snapshot, options);
  const { bytes } = await applyPlanToBook(book, result.plan, options.now);
  // exceljs as the independent reader of what the command line would write.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  return { result, workbook: workbookFromExcelJs(workbook) };
}

async function viaExcel(file: string, options: RecalculateOptions): Promise<{ result: Recalculation; workbook: InMemoryWorkbook; syncs: number }> {
  const workbook = await loadWorkbookFromXlsx(file);
  const double = createExcelDouble(workbook);
  const outcome = await recalculateWith(double.Excel.run as unknown as ExcelRun, { recalculate, isGoalSheetHead, isSettingsSheetName }, options);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { result: outcome.value, workbook, syncs: outcome.syncs };
}

describe('contract: the xlsx adapter and the Office.js adapter agree', () => {
  it.each(cases)('$name', async ({ file, options }) => {
    const source = await file();
    const all: RecalculateOptions = { now: NOW, ...options };
    const cli = await viaXlsx(source, all);
    const addIn = await viaExcel(source, all);

    expect(addIn.result).toEqual(cli.result);
    expect(addIn.syncs).toBe(cli.result.plan.writes.length > 0 ? 4 : 3);
    const a = cellsOf(cli.workbook);
    const b = cellsOf(addIn.workbook);
    expect(addIn.workbook.sheets.map((s) => s.name)).toEqual(cli.workbook.sheets.map((s) => s.name));
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    const differences = keys.filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).map((k) => ({ cell: k, xlsx: a.get(k), excel: b.get(k) }));
    expect(differences).toEqual([]);
  });
});
