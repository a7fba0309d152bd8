import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../../src/engine/index';
import type { Recalculation, WorkbookSnapshot } from '../../src/engine/types';
import { packAreas } from '../../src/excel/addresses';
import { textForExcel } from '../../src/excel/apply-plan';
import {
  type EngineFunctions,
  type ExcelRun,
  type RecalculationReport,
  insertNewSheetsWith,
  recalculateWith,
  selectCellWith,
  uniqueSheetName,
} from '../../src/excel/excel-operations';
import { recalculateInExcel } from '../../src/excel/index';
import { type DoubleHandle, PAYLOAD_LIMIT_BYTES, createExcelDouble, installExcelDouble } from '../excel-double/excel-double';
import type { ModelCell } from '../excel-double/workbook-model';
import { goalWorkbook, surveyRows, text } from './workbooks';

const NOW = new Date(2021, 9, 13, 9, 30);
const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName };

function runOf(double: DoubleHandle): ExcelRun {
  return double.Excel.run as unknown as ExcelRun;
}

function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet}!${row},${col}`;
}

describe('recalculateWith on the Excel double', () => {
  it.each([10, 100, 1000])('makes the same four round trips for %i goal rows', async (n) => {
    const workbook = goalWorkbook(n);
    const double = createExcelDouble(workbook);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.syncs).toBe(4);
    expect(double.syncCount).toBe(4);
    expect(double.emptySyncs).toBe(0);
    expect(outcome.value.sheets[0]!.rows).toHaveLength(n);
    // The output columns were appended right of the user's; Status is filled for every row.
    expect(workbook.cell('Mål 2021', 'G1')?.value).toBe('Måltal 2021');
    const header = workbook.findSheet('Mål 2021')!.rows[0]!.map((c) => c?.value);
    const status = header.indexOf('Status');
    expect(status).toBeGreaterThan(5);
    const first = workbook.cellAt('Mål 2021', 1, status)!;
    expect(first.value).toBe('I risiko');
    expect(first.fill).toBe('#FFEB9C');
    expect(first.fontColor).toBe('#9C5700');
    expect(workbook.cellAt('Mål 2021', 3, status)).toMatchObject({ value: 'Opfyldt', fill: '#C6EFCE', fontColor: '#006100' });
  });

  it('leaves every cell the plan does not name exactly as it was, and writes the plan\'s cells', async () => {
    const workbook = goalWorkbook(30);
    const before = workbook.toJSON();
    const double = createExcelDouble(workbook);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const planned = new Set(outcome.value.plan.writes.map((w) => cellKey(w.sheet, w.row, w.col)));
    for (const sheet of before.sheets) {
      sheet.rows.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (!planned.has(cellKey(sheet.name, r, c))) expect([cellKey(sheet.name, r, c), workbook.cellAt(sheet.name, r, c) ?? null]).toEqual([cellKey(sheet.name, r, c), cell]);
        }),
      );
    }
    for (const w of outcome.value.plan.writes) {
      const cell = workbook.cellAt(w.sheet, w.row, w.col);
      expect([w.row, w.col, cell?.value ?? null]).toEqual([w.row, w.col, w.value]);
      if (w.numberFormat) expect(cell?.numberFormat).toBe(w.numberFormat);
      if (w.fill) expect(cell?.fill).toBe(w.fill);
      if (w.fill === null) expect(cell?.fill).toBeUndefined();
      if (w.bold) expect(cell?.bold).toBe(true);
    }
  });

  it('never overwrites a formula, even when a plan names its cell', async () => {
    const workbook = goalWorkbook(3);
    workbook.findSheet('Mål 2021')!.rows[2]![4] = { value: 0.5, formula: '=0.5', numberFormat: '0%' };
    const double = createExcelDouble(workbook);
    const planIntoFormula: EngineFunctions = {
      ...engine,
      recalculate: (snapshot, options) => {
        const result = recalculate(snapshot, options);
        result.plan.writes.push({ sheet: 'Mål 2021', row: 2, col: 4, value: 'overwritten', fill: '#FFC7CE' });
        return result;
      },
    };
    const report: RecalculationReport = { skipped: [], requests: 0, notApplied: [] };
    const outcome = await recalculateWith(runOf(double), planIntoFormula, { now: NOW }, report);
    expect(outcome.ok).toBe(true);
    expect(workbook.cellAt('Mål 2021', 2, 4)).toEqual({ value: 0.5, formula: '=0.5', numberFormat: '0%' });
    expect(report.skipped.map((s) => [s.cell, s.reason])).toEqual([["'Mål 2021'!E3", 'formula']]);
  });

  it('groups the writes: one values block per column run, one getRange per area of a format, one sync', async () => {
    const workbook = goalWorkbook(200);
    const double = createExcelDouble(workbook);
    const report: RecalculationReport = { skipped: [], requests: 0, notApplied: [] };
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW }, report);
    if (!outcome.ok) throw new Error(outcome.error.message);
    // 200 rows, a handful of output columns and the history sheet's nine (SPEC §8): requests stay well below the number of cell writes
    // (one getRange per area at ExcelApi 1.2 costs requests, not round trips).
    expect(outcome.value.plan.writes.length).toBeGreaterThanOrEqual(800);
    expect(report.requests).toBeLessThan(outcome.value.plan.writes.length / 2);
    expect(outcome.syncs).toBe(4);
  });

  it('refuses a protected goal sheet after reading its header, writing nothing', async () => {
    const workbook = goalWorkbook(5);
    workbook.findSheet('Mål 2021')!.protected = true;
    const before = JSON.stringify(workbook);
    const double = createExcelDouble(workbook);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW });
    expect(outcome).toEqual({
      ok: false,
      syncs: 2,
      error: {
        code: 'SheetProtected',
        sheet: 'Mål 2021',
        message: "The sheet 'Mål 2021' is protected, so Trafiklys cannot write its results. Unprotect it (Review › Unprotect Sheet) and recalculate. Nothing was written.",
      },
    });
    expect(JSON.stringify(workbook)).toBe(before);
  });

  it('evaluates a protected goal sheet in check mode (write: false) in three round trips', async () => {
    const workbook = goalWorkbook(5);
    workbook.findSheet('Mål 2021')!.protected = true;
    const before = JSON.stringify(workbook);
    const double = createExcelDouble(workbook);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, write: false });
    expect(outcome.ok && outcome.value.summary['at-risk']).toBe(4);
    expect(outcome.syncs).toBe(3);
    expect(JSON.stringify(workbook)).toBe(before);
  });

  it('refuses a protected settings sheet the plan writes to, before writing anything', async () => {
    const workbook = goalWorkbook(5);
    workbook.findSheet('Trafiklys')!.protected = true;
    const before = JSON.stringify(workbook);
    const outcome = await recalculateWith(runOf(createExcelDouble(workbook)), engine, { now: NOW });
    expect(!outcome.ok && outcome.error.code).toBe('SheetProtected');
    expect(!outcome.ok && outcome.error.sheet).toBe('Trafiklys');
    expect(JSON.stringify(workbook)).toBe(before);
  });

  it('turns a cell in edit mode into a readable HostError', async () => {
    const workbook = goalWorkbook(5);
    workbook.cellEditMode = true;
    const outcome = await recalculateWith(runOf(createExcelDouble(workbook)), engine, { now: NOW });
    expect(outcome).toEqual({
      ok: false,
      syncs: 1,
      error: { code: 'InvalidOperationInCellEditMode', message: 'Excel is busy: a cell is being edited. Press Enter or Esc to leave the cell, then try again.' },
    });
  });

  it('turns a bad as-of option into an InvalidOptions error without writing', async () => {
    const workbook = goalWorkbook(2);
    const before = JSON.stringify(workbook);
    const outcome = await recalculateWith(runOf(createExcelDouble(workbook)), engine, { now: NOW, asOf: '13-10-2021' });
    expect(outcome).toEqual({ ok: false, syncs: 3, error: { code: 'InvalidOptions', message: 'as-of date "13-10-2021" is not a date (YYYY-MM-DD)' } });
    expect(JSON.stringify(workbook)).toBe(before);
  });

  it('reports progress through the phases in order', async () => {
    const phases: string[] = [];
    await recalculateWith(runOf(createExcelDouble(goalWorkbook(3))), engine, { now: NOW, onProgress: (phase) => phases.push(phase) });
    const order = phases.filter((p, i) => p !== phases[i - 1]);
    expect(order).toEqual(['reading', 'evaluating', 'writing', 'done']);
  });

  it('reads a large data sheet in chunks that keep every response under 5 MB, and reads it whole when the engine lists no source columns', async () => {
    const workbook = goalWorkbook(5);
    const answers = ['Meget tilfreds', 'Tilfreds', 'Hverken eller', 'Utilfreds', 'Ved ikke'];
    const n = 60_000;
    workbook.addSheet('Tilfredshed', surveyRows(n));
    const double = createExcelDouble(workbook);
    let seen: WorkbookSnapshot | undefined;
    const spy: EngineFunctions = {
      ...engine,
      recalculate: (snapshot, options) => {
        seen = snapshot;
        return recalculate(snapshot, options);
      },
    };
    const outcome = await recalculateWith(runOf(double), spy, { now: NOW });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const total = double.responseBytes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(PAYLOAD_LIMIT_BYTES); // one read would have failed
    expect(Math.max(...double.responseBytes)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(outcome.syncs).toBeGreaterThan(4);
    // No needless round trips: every read sync but the last carries over a megabyte.
    const readSyncs = double.responseBytes.slice(2, -2);
    expect(readSyncs.every((b) => b > 1_000_000)).toBe(true);
    const data = seen!.sheets.find((s) => s.name === 'Tilfredshed')!;
    expect(data.values).toHaveLength(n + 1);
    expect(data.values[1]![1]).toBe('Vækst');
    expect(data.values.slice(1).every((row, i) => row[0] === i + 1)).toBe(true); // every row, in order
    expect(data.values[n]).toEqual([n, 'Drift', answers[(n - 1) % 5], (n - 1) % 11, 'Frederikshavn', `DK${10000000 + n - 1}`, 44200 + ((n - 1) % 300), 'Rådgiveren var god og hurtig til at svare']);
    expect(data.numberFormats).toBeUndefined(); // data sheets: values only
  });

  it('halves its read budget and retries when Excel still finds a response too large', async () => {
    const workbook = goalWorkbook(2);
    // Short text in the first rows, long text further down: the estimate from the head is too low.
    const rows: ModelCell[][] = [[text('Svar')]];
    for (let i = 0; i < 400; i++) rows.push([text(i < 30 ? 'ok' : 'x'.repeat(200))]);
    workbook.addSheet('Data', rows);
    const double = createExcelDouble(workbook, { payloadLimitBytes: 60_000 });
    let seen: WorkbookSnapshot | undefined;
    const spy: EngineFunctions = { ...engine, recalculate: (snapshot, options) => recalculate((seen = snapshot), options) };
    const outcome = await recalculateWith(runOf(double), spy, { now: NOW, readBudgetBytes: 50_000 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    // Exactly one response was refused (measured, then rejected); the retry read in smaller parts.
    expect(double.responseBytes.filter((b) => b >= 60_000)).toHaveLength(1);
    expect(outcome.syncs).toBe(double.syncCount);
    expect(outcome.syncs).toBeGreaterThan(5);
    expect(seen!.sheets.find((s) => s.name === 'Data')!.values).toHaveLength(401);
  });
});

describe('selectCellWith and insertNewSheetsWith', () => {
  it('activates the sheet and selects a row in one round trip', async () => {
    const workbook = goalWorkbook(3);
    const double = createExcelDouble(workbook);
    const outcome = await selectCellWith(runOf(double), 'Mål 2021', 'A3:F3');
    expect(outcome).toEqual({ ok: true, value: undefined, syncs: 1 });
    expect(workbook.selection).toEqual({ sheet: 'Mål 2021', address: 'A3:F3' });
    expect(workbook.activeSheet).toBe('Mål 2021');
  });

  it('reports a missing sheet as ItemNotFound', async () => {
    const outcome = await selectCellWith(runOf(createExcelDouble(goalWorkbook(1))), 'Gone', 'A1');
    expect(!outcome.ok && outcome.error.code).toBe('ItemNotFound');
  });

  it('adds sheets with a suffix on clashes, text kept as text, bold headers, in two round trips', async () => {
    const workbook = goalWorkbook(1);
    const double = createExcelDouble(workbook);
    const outcome = await insertNewSheetsWith(runOf(double), {
      sheets: [
        { name: 'Mål 2021', values: [['Nr.', 'Måltal'], ['1', '40–60 %'], [2, '=not a formula']], numberFormats: [[], [null, null], ['0', null]], boldRows: [0], columnWidths: [6, 20] },
        { name: 'Data', values: [['a', 2, 3]], formulas: [{ row: 0, col: 3, formula: 'B1+C1', result: 5 }] },
      ],
    });
    expect(outcome).toEqual({ ok: true, value: ['Mål 2021 (2)', 'Data'], syncs: 2 });
    expect(workbook.cell('Mål 2021 (2)', 'A1')).toEqual({ value: 'Nr.', bold: true });
    expect(workbook.cell('Mål 2021 (2)', 'A2')?.value).toBe('1');
    expect(workbook.cell('Mål 2021 (2)', 'B2')?.value).toBe('40–60 %');
    expect(workbook.cell('Mål 2021 (2)', 'B3')).toEqual({ value: '=not a formula' });
    expect(workbook.cell('Mål 2021 (2)', 'A3')).toEqual({ value: 2, numberFormat: '0' });
    expect(workbook.activeSheet).toBe('Mål 2021 (2)');
    // The example's user formula arrives as a formula, not as text.
    expect(workbook.cell('Data', 'D1')?.formula).toBe('=B1+C1');
  });

  it('makes unique sheet names within 31 characters', () => {
    expect(uniqueSheetName('Mål 2021', ['MÅL 2021', 'Mål 2021 (2)'])).toBe('Mål 2021 (3)');
    expect(uniqueSheetName('x'.repeat(40), ['x'.repeat(31)])).toBe(`${'x'.repeat(27)} (2)`);
    expect(uniqueSheetName('a/b', [])).toBe('a b');
  });
});

describe('the public API on the global Excel', () => {
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });

  it('reports NoExcel when office.js is not there', async () => {
    const outcome = await recalculateInExcel({ now: NOW });
    expect(outcome).toEqual({ ok: false, syncs: 0, error: { code: 'NoExcel', message: 'Excel is not available: open Trafiklys from the ribbon inside Excel.' } });
  });

  it('runs recalculateInExcel through the installed double', async () => {
    const workbook = goalWorkbook(4);
    const double = installExcelDouble(globalThis, workbook);
    const outcome: { ok: boolean; value?: Recalculation } = await recalculateInExcel({ now: NOW, asOf: '2021-10-13' });
    expect(outcome.ok).toBe(true);
    expect(outcome.value?.asOf).toBe('2021-10-13');
    expect(double.syncCount).toBe(4);
  });
});

describe('write helpers', () => {
  it('protects text Excel would otherwise parse as a number, date, formula or boolean', () => {
    expect(textForExcel('Met')).toBe('Met');
    expect(textForExcel('40–60 %')).toBe("'40–60 %");
    expect(textForExcel('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(textForExcel('-5 pp')).toBe("'-5 pp");
    expect(textForExcel('TRUE')).toBe("'TRUE");
    expect(textForExcel('')).toBe('');
  });

  it('packs cells into vertical areas, one address each (no comma lists: ExcelApi 1.9, refused in da-DK)', () => {
    expect(packAreas([{ row: 1, col: 5 }, { row: 2, col: 5 }, { row: 8, col: 5 }, { row: 1, col: 0 }, { row: 2, col: 5 }])).toEqual(['A2', 'F2:F3', 'F9']);
    const many = Array.from({ length: 100 }, (_, i) => ({ row: i * 2, col: 0 }));
    const areas = packAreas(many);
    expect(areas).toHaveLength(100);
    expect(areas.some((a) => a.includes(','))).toBe(false);
  });
});

describe('a text that starts with = is not a formula', () => {
  it('reads a Trend cell written as "= siden …" back as text, so the next recalculation writes it again', async () => {
    const workbook = goalWorkbook(5);
    const double = createExcelDouble(workbook);
    for (const asOf of ['2021-06-30', '2021-10-13', '2021-10-13']) {
      const outcome = await recalculateWith(runOf(double), engine, { now: NOW, asOf });
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.value.sheets[0]!.rows.filter((row) => /formel|formula/.test(row.explanation))).toEqual([]);
    }
    const header = workbook.findSheet('Mål 2021')!.rows[0]!.map((c) => c?.value);
    const trend = header.indexOf('Udvikling');
    expect(trend).toBeGreaterThan(0);
    const texts = workbook.findSheet('Mål 2021')!.rows.slice(1, 6).map((r) => r[trend]?.value);
    // The goals whose status is as on 30 June read "= siden 30-06-2021".
    expect(texts.filter((t) => typeof t === 'string' && t.startsWith('= ')).length).toBeGreaterThan(0);
    for (const r of workbook.findSheet('Mål 2021')!.rows.slice(1, 6)) expect(r[trend]?.formula).toBeUndefined();
  });
});

describe('the status report below ExcelApi 1.4', () => {
  it('is refused before anything is read: its mark (a defined name) could not be made, so a later report would be refused as the user\'s sheet', async () => {
    const workbook = goalWorkbook(3);
    const before = JSON.stringify(workbook.toJSON());
    const double = createExcelDouble(workbook);
    const supports = (version: string): boolean => ['1.1', '1.2', '1.3'].includes(version);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, report: true, supports });
    expect(outcome).toMatchObject({ ok: false, syncs: 0, error: { code: 'ExcelTooOld' } });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain('status report needs Excel JavaScript API 1.4');
    expect(double.syncCount).toBe(0);
    expect(JSON.stringify(workbook.toJSON())).toBe(before);
    // A plain recalculation still runs at the same Excel.
    const plain = await recalculateWith(runOf(double), engine, { now: NOW, supports });
    expect(plain.ok).toBe(true);
  });
});
