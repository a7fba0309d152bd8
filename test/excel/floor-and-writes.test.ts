/**
 * The ExcelApi floor and the owned sheets on the Excel double: the declared ExcelApi floor,
 * the double as strict as an older Excel, nothing half-written, big reads that recover from
 * either payload error, and the owned-sheet set-up (print, gridlines, names, indent, wrap) with
 * its floor path.
 */
import { isGoalSheetHead, isSettingsSheetName, listSourceColumns, recalculate } from '../../src/engine/index';
import type { Recalculation, WorkbookSnapshot, WritePlan } from '../../src/engine/types';
import { type EngineFunctions, type ExcelRun, type RecalculationReport, recalculateWith } from '../../src/excel/excel-operations';
import { EXCEL_API_FLOOR } from '../../src/excel/requirements';
import { type DoubleHandle, DoubleError, createExcelDouble, isVersionAtMost } from '../excel-double/excel-double';
import { InMemoryWorkbook, type ModelCell } from '../excel-double/workbook-model';
import { goalWorkbook, text } from './workbooks';

const NOW = new Date(2021, 9, 13, 9, 30);
const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName, listSourceColumns };
const runOf = (double: DoubleHandle): ExcelRun => double.Excel.run as unknown as ExcelRun;
/** `isSetSupported` of an Excel whose newest set is `version`. */
const upTo = (version: string) => (asked: string) => isVersionAtMost(asked, version);

function statusColumn(workbook: InMemoryWorkbook, sheet: string): number {
  return workbook.findSheet(sheet)!.rows[0]!.findIndex((c) => c?.value === 'Status');
}

describe('the declared floor', () => {
  it('refuses an Excel below ExcelApi 1.2 before any round trip, in plain words', async () => {
    const double = createExcelDouble(goalWorkbook(3), { apiVersion: '1.1' });
    const before = JSON.stringify(double.workbook);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, supports: upTo('1.1') });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('ExcelTooOld');
    expect(outcome.error.message).toContain(`Excel JavaScript API ${EXCEL_API_FLOOR} or later`);
    expect(outcome.syncs).toBe(0);
    expect(double.syncCount).toBe(0);
    expect(JSON.stringify(double.workbook)).toBe(before);
  });

  it('recalculates whole at exactly the floor, in da-DK, in four round trips', async () => {
    const double = createExcelDouble(goalWorkbook(50), { apiVersion: EXCEL_API_FLOOR, culture: 'da-DK' });
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, supports: upTo(EXCEL_API_FLOOR) });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.syncs).toBe(4);
    const col = statusColumn(double.workbook, 'Mål 2021');
    const rows = double.workbook.findSheet('Mål 2021')!.rows.slice(1, 51);
    expect(rows.every((r) => typeof r[col]?.value === 'string' && r[col]?.fill !== undefined)).toBe(true);
  });

  it('is really needed: an Excel at 1.1 fails the first sync that reads protection (ApiNotFound)', async () => {
    const double = createExcelDouble(goalWorkbook(3), { apiVersion: '1.1' });
    // An add-in that skipped the check (claims 1.2) meets what Excel 2016 answers.
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, supports: upTo('1.2') });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('ApiNotFound');
    expect(outcome.syncs).toBe(1);
  });
});

describe('the double as strict as Excel', () => {
  const run = <T>(double: DoubleHandle, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    runOf(double)(batch);
  const workbook = (): InMemoryWorkbook => new InMemoryWorkbook({ sheets: [{ name: 'S', rows: [[text(1)], [text(2)]] }] });

  it('fails getRanges (ExcelApi 1.9) with ApiNotFound below 1.9, after running what came before it', async () => {
    const double = createExcelDouble(workbook(), { apiVersion: '1.8' });
    const error = await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('B1').values = [['before']];
      ws.getRanges('A1:A2').format.fill.color = '#FF0000';
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DoubleError);
    expect((error as DoubleError).code).toBe('ApiNotFound');
    expect(double.workbook.cell('S', 'B1')?.value).toBe('before');
    expect(double.workbook.cell('S', 'A1')?.fill).toBeUndefined();
  });

  it('sets and reads row heights as Excel does: the common height or null, ExcelApi 1.2, at most 409 points', async () => {
    const double = createExcelDouble(workbook());
    const heights = await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange().format.rowHeight = 15;
      ws.getRange('2:3').format.rowHeight = 30;
      const same = ws.getRange('B2:C3').format.load('rowHeight');
      const mixed = ws.getRange('A1:A2').format.load('rowHeight');
      const after = ws.getRange('4:9').format.load('rowHeight');
      await context.sync();
      return [same.rowHeight, mixed.rowHeight, after.rowHeight];
    });
    expect(heights).toEqual([30, null, 15]);
    const tooTall = await run(double, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('5:5').format.rowHeight = 410;
      await context.sync();
    }).catch((e: unknown) => e);
    expect((tooTall as DoubleError).code).toBe('InvalidArgument');
    const old = await run(createExcelDouble(workbook(), { apiVersion: '1.1' }), async (context) => {
      context.workbook.worksheets.getItem('S').getRange('1:1').format.rowHeight = 30;
      await context.sync();
    }).catch((e: unknown) => e);
    expect((old as DoubleError).code).toBe('ApiNotFound');
  });

  it('refuses a comma-joined area list in da-DK and takes the semicolon one', async () => {
    const double = createExcelDouble(workbook(), { culture: 'da-DK' });
    const error = await run(double, async (context) => {
      context.workbook.worksheets.getItem('S').getRanges('A1,A2').format.fill.color = '#FF0000';
      await context.sync();
    }).catch((e: unknown) => e);
    expect((error as DoubleError).code).toBe('InvalidArgument');
    expect(double.workbook.cell('S', 'A1')?.fill).toBeUndefined();
    await run(double, async (context) => {
      context.workbook.worksheets.getItem('S').getRanges('A1;A2').format.fill.color = '#FF0000';
      await context.sync();
    });
    expect([double.workbook.cell('S', 'A1')?.fill, double.workbook.cell('S', 'A2')?.fill]).toEqual(['#FF0000', '#FF0000']);
  });

  it('answers a too-large response with ResponsePayloadSizeLimitExceeded and a too-large request with the Request code', async () => {
    const double = createExcelDouble(new InMemoryWorkbook({ sheets: [{ name: 'S', rows: Array.from({ length: 300 }, () => [text('x'.repeat(40))]) }] }), { payloadLimitBytes: 4_000 });
    const response = await run(double, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:A300').load('values');
      await context.sync();
    }).catch((e: unknown) => e);
    expect((response as DoubleError).code).toBe('ResponsePayloadSizeLimitExceeded');
    const request = await run(double, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('B1:B300').values = Array.from({ length: 300 }, () => ['y'.repeat(40)]);
      await context.sync();
    }).catch((e: unknown) => e);
    expect((request as DoubleError).code).toBe('RequestPayloadSizeLimitExceeded');
    expect(double.workbook.cell('S', 'B1')).toBeUndefined();
  });
});

describe('big reads at a 1 MB limit', () => {
  it('recover from ResponsePayloadSizeLimitExceeded by halving, with the same result as an unlimited read', async () => {
    // Short text in the first 20 rows, long text below: the estimate from the head is far too low.
    const rows: (ModelCell | null)[][] = [[text('Id'), text('Fritekst')]];
    for (let i = 1; i < 6000; i++) rows.push([text(i), text(i < 20 ? 'kort' : `lang tekst ${'x'.repeat(200)} ${i}`)]);
    const build = (): InMemoryWorkbook => {
      const wb = goalWorkbook(5);
      wb.addSheet('Data', rows.map((r) => r.map((c) => (c ? { ...c } : null))));
      return wb;
    };
    const limited = createExcelDouble(build(), { payloadLimitBytes: 1_000_000 });
    const free = createExcelDouble(build());
    const a = await recalculateWith(runOf(limited), engine, { now: NOW, write: false });
    const b = await recalculateWith(runOf(free), engine, { now: NOW, write: false });
    if (!a.ok || !b.ok) throw new Error('a read failed');
    expect(a.value).toEqual(b.value);
    // The limit was really hit (a response was refused) and the run still got everything.
    expect(limited.responseBytes.some((n) => n > 1_000_000)).toBe(true);
    expect(a.syncs).toBeGreaterThan(b.syncs); // the retries cost syncs, only here
  });
});

describe('nothing half-written', () => {
  function twoSheets(): InMemoryWorkbook {
    const wb = goalWorkbook(4);
    const copy = wb.findSheet('Mål 2021')!.rows.map((r) => r.map((c) => (c ? { ...c } : null)));
    wb.sheets.splice(1, 0, { name: 'Mål 2022', rows: copy });
    return wb;
  }

  it('a sheet deleted during the run: its guard fails the write before anything is written, the retries too, and the pane is told', async () => {
    const double = createExcelDouble(twoSheets());
    // The user deletes 'Mål 2022' while the engine works.
    const deleting: EngineFunctions = {
      ...engine,
      recalculate: (snapshot: WorkbookSnapshot, options) => {
        const result = recalculate(snapshot, options);
        double.workbook.sheets = double.workbook.sheets.filter((s) => s.name !== 'Mål 2022');
        return result;
      },
    };
    const stampBefore = JSON.stringify(double.workbook.findSheet('Trafiklys'));
    const outcome = await recalculateWith(runOf(double), deleting, { now: NOW });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('ItemNotFound');
    expect(outcome.error.write).toEqual({ written: [], wholeOrUntouched: ['Mål 2021', 'Mål 2022', 'Trafiklys historik', 'Trafiklys'] });
    expect(outcome.error.message).toContain('Recalculate can be run again');
    // The guard of the deleted sheet leads the sync: 'Mål 2021' is as it was, not half-written.
    expect(statusColumn(double.workbook, 'Mål 2021')).toBe(-1);
    expect(JSON.stringify(double.workbook.findSheet('Trafiklys'))).toBe(stampBefore);
    expect(outcome.syncs).toBe(6); // 3 reads, the write and its two retries
  });

  it('splits the write at sheet boundaries under the request budget, and names the sheets written before a failure', async () => {
    const double = createExcelDouble(twoSheets());
    const deleting: EngineFunctions = {
      ...engine,
      recalculate: (snapshot, options) => {
        const result = recalculate(snapshot, options);
        double.workbook.sheets = double.workbook.sheets.filter((s) => s.name !== 'Mål 2022');
        return result;
      },
    };
    const outcome = await recalculateWith(runOf(double), deleting, { now: NOW, writeBudgetBytes: 1 });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error.write).toEqual({ written: ['Mål 2021'], wholeOrUntouched: ['Mål 2022', 'Trafiklys historik', 'Trafiklys'] });
    expect(outcome.syncs).toBe(7); // 3 reads, 'Mål 2021', the refused 'Mål 2022' and its two retries
  });

  it('a write Excel refuses as too large is sent again in halves; everything arrives', async () => {
    const build = (): InMemoryWorkbook => twoSheets();
    const whole = createExcelDouble(build());
    await recalculateWith(runOf(whole), engine, { now: NOW });
    const double = createExcelDouble(build(), { payloadLimitBytes: Math.max(...whole.requestBytes) - 1 });
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, readBudgetBytes: 1_000 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(JSON.stringify(double.workbook.findSheet('Mål 2022'))).toBe(JSON.stringify(whole.workbook.findSheet('Mål 2022')));
    expect(JSON.stringify(double.workbook.findSheet('Mål 2021'))).toBe(JSON.stringify(whole.workbook.findSheet('Mål 2021')));
  });
});

describe('owned sheets: set-up, defined names, indent and wrap', () => {
  const REPORT = 'Statusrapport';
  const plan: WritePlan = {
    addSheets: [REPORT],
    sheetSetups: [
      { sheet: REPORT, clear: true, columnWidths: [8, null, 40], rowHeights: [{ row: 2, height: 30 }], showGridlines: false, print: { orientation: 'landscape', paper: 'A4', fitToPagesWide: 1, repeatRows: { first: 0, last: 2 } } },
    ],
    definedNames: [{ name: 'Trafiklys_Rapport', refersTo: `'${REPORT}'!$A$1:$C$3` }],
    writes: [
      { sheet: REPORT, row: 0, col: 0, value: 'Status pr. 13-10-2021', bold: true },
      { sheet: REPORT, row: 2, col: 0, value: '3.1', indent: 1 },
      { sheet: REPORT, row: 2, col: 2, value: 'En lang kommentar, der skal ombrydes', wrap: true },
    ],
  };
  const fixed = (p: WritePlan): EngineFunctions => ({
    ...engine,
    recalculate: (snapshot, options) => ({ ...recalculate(snapshot, { ...options, write: false }), plan: p }) as Recalculation,
  });
  const workbook = (): InMemoryWorkbook => {
    const wb = goalWorkbook(2);
    wb.names = { Trafiklys_Rapport: '=Old!$A$1' };
    return wb;
  };

  it('applies every part when Excel has the sets, in the same four round trips', async () => {
    const double = createExcelDouble(workbook());
    const report: RecalculationReport = { skipped: [], requests: 0, notApplied: [] };
    const outcome = await recalculateWith(runOf(double), fixed(plan), { now: NOW }, report);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.syncs).toBe(4);
    expect(outcome.notApplied).toBeUndefined();
    const sheet = double.workbook.findSheet(REPORT)!;
    expect(sheet.pageLayout).toEqual({ orientation: 'Landscape', paperSize: 'A4', fitToPagesWide: 1, printTitleRows: '$1:$3' });
    expect(sheet.showGridlines).toBe(false);
    expect(sheet.columnWidths).toEqual({ 0: 56, 2: 280 });
    // Every row back to the default first (Range.clear() keeps heights), then the wrapped row's height.
    expect(sheet.rowHeights).toEqual([
      { top: 0, bottom: 1_048_575, height: 15 },
      { top: 2, bottom: 2, height: 30 },
    ]);
    expect(double.workbook.names).toEqual({ Trafiklys_Rapport: `='${REPORT}'!$A$1:$C$3` });
    expect(double.workbook.cell(REPORT, 'A3')).toEqual({ value: '3.1', indent: 1 });
    expect(double.workbook.cell(REPORT, 'C3')).toEqual({ value: 'En lang kommentar, der skal ombrydes', wrap: true });
    expect(double.workbook.cell(REPORT, 'A1')).toEqual({ value: 'Status pr. 13-10-2021', bold: true });
  });

  it('clears an owned sheet that exists, so the plan is its whole content', async () => {
    const wb = workbook();
    wb.addSheet(REPORT, [[text('old')], [], [], [], [text('stale row')]]);
    const double = createExcelDouble(wb);
    const outcome = await recalculateWith(runOf(double), fixed({ ...plan, addSheets: [] }), { now: NOW });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(double.workbook.cell(REPORT, 'A5')).toBeUndefined();
    expect(double.workbook.cell(REPORT, 'A1')?.value).toBe('Status pr. 13-10-2021');
  });

  it('at the floor writes the content and says what it could not set', async () => {
    const double = createExcelDouble(workbook(), { apiVersion: EXCEL_API_FLOOR });
    const outcome = await recalculateWith(runOf(double), fixed(plan), { now: NOW, supports: upTo(EXCEL_API_FLOOR) });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.syncs).toBe(4);
    expect(outcome.notApplied).toEqual([
      { feature: 'print', target: REPORT, requires: '1.9' },
      { feature: 'gridlines', target: REPORT, requires: '1.8' },
      { feature: 'indent', target: REPORT, requires: '1.9' },
      { feature: 'definedName', target: 'Trafiklys_Rapport', requires: '1.4' },
    ]);
    const sheet = double.workbook.findSheet(REPORT)!;
    expect(sheet.pageLayout).toBeUndefined();
    expect(sheet.showGridlines).toBeUndefined();
    expect(double.workbook.names).toEqual({ Trafiklys_Rapport: '=Old!$A$1' });
    expect(double.workbook.cell(REPORT, 'A3')).toEqual({ value: '3.1' });
    expect(double.workbook.cell(REPORT, 'C3')?.wrap).toBe(true);
  });
});
