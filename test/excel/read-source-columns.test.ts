/**
 * A workbook too large for one read response is read in two steps,
 * the goal sheets first and then only the columns of the big data sheets its Source cells name.
 * Proven here on the Excel double: the recalculation (statuses, values, explanations with their
 * row numbers, the write plan) and the written workbook are exactly those of a whole read, while
 * the syncs and the largest response drop.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../../src/engine/index';
import { listSourceColumns, type SourceColumns } from '../../src/engine/sources/source-columns';
import type { Recalculation, WorkbookSnapshot } from '../../src/engine/types';
import { type EngineFunctions, type ExcelRun, recalculateWith } from '../../src/excel/excel-operations';
import { groupColumnRuns, planReadChunks, READ_BUDGET_BYTES } from '../../src/excel/read-plan';
import { type DoubleHandle, PAYLOAD_LIMIT_BYTES, createExcelDouble } from '../excel-double/excel-double';
import { loadWorkbookFromXlsx, workbookFromExcelJs } from '../excel-double/load-workbook-from-xlsx';
import { type ModelCell, InMemoryWorkbook } from '../excel-double/workbook-model';
import { BAD_INPUT_CASES } from '../fixtures/bad-input/corpus';
import { goalWorkbook, sourceGoalRows, surveyExportsWorkbook, surveyRows, text, WIDE_HEADERS, wideSurveyWorkbook } from './workbooks';

const NOW = new Date(2021, 9, 13, 9, 30);
const AS_OF = '2021-10-13';
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'resultatkontrakt-2021.xlsx');

/** The engine as the add-in binds it, with `listSourceColumns` counted and its answers kept. */
function listingEngine(): { engine: EngineFunctions; listings: SourceColumns[]; snapshots: WorkbookSnapshot[] } {
  const listings: SourceColumns[] = [];
  const snapshots: WorkbookSnapshot[] = [];
  const engine: EngineFunctions = {
    isGoalSheetHead,
    isSettingsSheetName,
    listSourceColumns: (snapshot) => {
      const listing = listSourceColumns(snapshot);
      listings.push(listing);
      return listing;
    },
    recalculate: (snapshot, options) => {
      snapshots.push(snapshot);
      return recalculate(snapshot, options);
    },
  };
  return { engine, listings, snapshots };
}

/** The engine without `listSourceColumns`: every sheet is read whole. */
const wholeEngine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName };

interface Run {
  result: Recalculation;
  double: DoubleHandle;
  workbook: InMemoryWorkbook;
}

async function runOn(model: InMemoryWorkbook, engine: EngineFunctions, budget?: number): Promise<Run> {
  const workbook = InMemoryWorkbook.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  const double = createExcelDouble(workbook);
  const outcome = await recalculateWith(double.Excel.run as unknown as ExcelRun, engine, {
    now: NOW,
    asOf: AS_OF,
    ...(budget !== undefined ? { readBudgetBytes: budget } : {}),
  });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  expect(outcome.syncs).toBe(double.syncCount);
  return { result: outcome.value, double, workbook };
}

/** The same recalculation and the same cells afterwards. */
function expectSameOutcome(partial: Run, whole: Run): void {
  expect(partial.result).toEqual(whole.result);
  expect(JSON.stringify(partial.workbook.toJSON())).toBe(JSON.stringify(whole.workbook.toJSON()));
}

const maxResponse = (double: DoubleHandle): number => Math.max(0, ...double.responseBytes);

/** True when some sheet was read in part: a column list shorter than the sheet's columns. */
function readInPart(listing: SourceColumns, model: InMemoryWorkbook): boolean {
  return [...listing].some(([name, need]) => need !== 'all' && need.length < Math.max(0, ...(model.findSheet(name)?.rows ?? []).map((r) => r.length)));
}

describe('reading only the columns the sources use', () => {
  it('reads a wide Qualtrics export (30 columns, 4 used) in fewer syncs and smaller responses, with the same result', async () => {
    const model = wideSurveyWorkbook(40_000);
    const whole = await runOn(model, wholeEngine);
    const { engine, listings, snapshots } = listingEngine();
    const partial = await runOn(model, engine);
    expectSameOutcome(partial, whole);
    // Asked twice: on the first 20 rows of every sheet (could Qualtrics be read in part?), then
    // with the goal sheet whole.
    expect(listings).toHaveLength(2);
    expect(listings[0]!.get('Qualtrics')).toEqual([17, 24, 25, 29]);
    expect(listings[1]!.get('Qualtrics')).toEqual([17, 24, 25, 29]);
    // Whole: 2 + 6 read syncs (11.6 MB estimated, in 2.3 MB chunks) + 1 write. In part: 2 + the
    // goal sheet + 1 read of the four columns (1.7 MB) + 1 write.
    expect({ whole: whole.double.syncCount, partial: partial.double.syncCount }).toEqual({ whole: 9, partial: 5 });
    expect(maxResponse(whole.double)).toBeGreaterThan(2_000_000);
    expect(maxResponse(whole.double)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(maxResponse(partial.double)).toBeLessThan(maxResponse(whole.double) * 0.8);
    const total = (double: DoubleHandle): number => double.responseBytes.reduce((a, b) => a + b, 0);
    expect(total(partial.double) * 5).toBeLessThan(total(whole.double));
    // The snapshot the engine saw: the head rows whole, the other rows only in the four columns.
    const sheet = snapshots[0]!.sheets.find((s) => s.name === 'Qualtrics')!;
    expect(sheet.values).toHaveLength(40_003);
    expect(sheet.values[0]).toEqual(WIDE_HEADERS);
    expect(sheet.values[19]![0]).toBe('2021-10-01 09:12:00');
    // Row 21 is respondent 17: Drift, "Hverken eller", 17 mod 11 = 6, CVR 10150817 + 17 × 11.
    expect(sheet.values[20]).toEqual([...Array<null>(17).fill(null), 'Drift', ...Array<null>(6).fill(null), 'Hverken eller', 6, null, null, null, 'DK10151004']);
    expect(sheet.values[20]).toHaveLength(30);
  });

  it('asks listSourceColumns nothing and reads whole when the workbook fits one response', async () => {
    const { engine, listings } = listingEngine();
    const run = await runOn(wideSurveyWorkbook(200), engine);
    expect(listings).toHaveLength(0);
    expect(run.double.syncCount).toBe(4);
  });

  it('reads a sheet no source names only as far as its head, keeping its row count', async () => {
    const model = goalWorkbook(5);
    model.addSheet('Tilfredshed', surveyRows(20_000));
    const whole = await runOn(model, wholeEngine, 1_000_000);
    const { engine, listings, snapshots } = listingEngine();
    const partial = await runOn(model, engine, 1_000_000);
    expectSameOutcome(partial, whole);
    expect(listings[1]!.get('Tilfredshed')).toEqual([]);
    // Whole: 2 + 4 read syncs (3.4 MB estimated, in 1 MB chunks) + 1 write; in part: 2 + the goal and settings sheets + 1 write.
    expect({ whole: whole.double.syncCount, partial: partial.double.syncCount }).toEqual({ whole: 7, partial: 4 });
    const sheet = snapshots[0]!.sheets.find((s) => s.name === 'Tilfredshed')!;
    expect(sheet.values).toHaveLength(20_001);
    expect(sheet.values[19]).toHaveLength(8);
    expect(sheet.values[20]).toEqual([]);
  });

  it('reads a big sheet whole with the goal sheets when the first goal rows already need all its columns', async () => {
    const model = new InMemoryWorkbook({
      sheets: [
        {
          name: 'Mål 2021',
          rows: sourceGoalRows([
            ['antal', '≥ 5', 'count(Tilfredshed!Respondent; Kommune = "Frederikshavn"; CVR <> "x"; Dato >= 2021-01-01)'],
            ['%', '≥ 40 %', 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift"; Fritekst <> "")'],
            ['NPS', '≥ 10', 'nps(Tilfredshed!Anbefaling)'],
          ]),
        },
        { name: 'Tilfredshed', rows: surveyRows(20_000) },
      ],
    });
    const whole = await runOn(model, wholeEngine, 1_000_000);
    const { engine, listings } = listingEngine();
    const partial = await runOn(model, engine, 1_000_000);
    expectSameOutcome(partial, whole);
    expect(listings.map((l) => l.get('Tilfredshed'))).toEqual([[0, 1, 2, 3, 4, 5, 6, 7]]);
    expect(partial.double.syncCount).toBe(whole.double.syncCount);
  });

  it('finds the columns of Source cells below the first 20 goal rows', async () => {
    const sources: [string, string, string][] = Array.from({ length: 24 }, () => ['NPS', '≥ 10', 'nps(Tilfredshed!Anbefaling)']);
    sources.push(['%', '≥ 40 %', 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift")']);
    const model = new InMemoryWorkbook({ sheets: [{ name: 'Mål 2021', rows: sourceGoalRows(sources) }, { name: 'Tilfredshed', rows: surveyRows(20_000) }] });
    const whole = await runOn(model, wholeEngine, 1_000_000);
    const { engine, listings } = listingEngine();
    const partial = await runOn(model, engine, 1_000_000);
    expectSameOutcome(partial, whole);
    expect(listings.map((l) => l.get('Tilfredshed'))).toEqual([[3], [1, 2, 3]]);
    expect(partial.result.sheets[0]!.rows[24]!.status).not.toBe('error');
  });

  it('reads a column Excel refuses as too large again in smaller parts, with the same result', async () => {
    // Short answers in the first rows, long ones further down: the estimate from the head is too low.
    const rows: ModelCell[][] = [[text('Id'), text('Svar'), text('Fritekst')]];
    for (let i = 0; i < 2_000; i++) rows.push([text(i), text(i < 30 ? 'ok' : `${'x'.repeat(40)} ${i % 3}`), text('y'.repeat(30))]);
    const model = new InMemoryWorkbook({ sheets: [{ name: 'Mål 2021', rows: sourceGoalRows([['antal', '≥ 5', 'count_unique(Data!Svar)']]) }, { name: 'Data', rows }] });
    const whole = await runOn(model, wholeEngine);
    const { engine } = listingEngine();
    const workbook = InMemoryWorkbook.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const double = createExcelDouble(workbook, { payloadLimitBytes: 60_000 });
    const outcome = await recalculateWith(double.Excel.run as unknown as ExcelRun, engine, { now: NOW, asOf: AS_OF, readBudgetBytes: 50_000 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value).toEqual(whole.result);
    expect(outcome.value.sheets[0]!.rows[0]!.actual).toBe(4);
    // Exactly one response was refused (measured, then rejected); every other one fit.
    expect(double.responseBytes.filter((b) => b >= 60_000)).toHaveLength(1);
  });

  it('gives SurveyXact labels and Qualtrics header rows the same meaning as a whole read', async () => {
    const model = surveyExportsWorkbook(5_000);
    const whole = await runOn(model, wholeEngine, 20_000);
    const { engine, listings } = listingEngine();
    const partial = await runOn(model, engine, 20_000);
    expectSameOutcome(partial, whole);
    expect(Object.fromEntries(listings[1]!)).toEqual({ Goals: 'all', Dataset: [1, 2], Labels: 'all', Qualtrics: [1, 2] });
    expect(partial.double.syncCount).toBeLessThan(whole.double.syncCount);
    expect(partial.result.sheets[0]!.rows.map((r) => r.status)).not.toContain('error');
  });

  const corpus = BAD_INPUT_CASES.filter((c) => c.knownBug === undefined);
  it(`gives the same result on every workbook of the bad-input corpus (${corpus.length}) read with a small budget`, async () => {
    let partialReads = 0;
    for (const corpusCase of corpus) {
      const book = new ExcelJS.Workbook();
      corpusCase.build(book);
      const model = workbookFromExcelJs(book);
      const whole = await runOn(model, wholeEngine);
      // A budget a third of the one read: the goal sheets are chunked and every data sheet is big.
      const budget = Math.max(200, Math.floor(maxResponse(whole.double) / 3));
      const { engine, listings } = listingEngine();
      const partial = await runOn(model, engine, budget);
      expect({ name: corpusCase.name, result: partial.result }).toEqual({ name: corpusCase.name, result: whole.result });
      expect(JSON.stringify(partial.workbook.toJSON())).toBe(JSON.stringify(whole.workbook.toJSON()));
      if (listings.length === 2 && readInPart(listings[1]!, model)) partialReads++;
    }
    expect(partialReads).toBeGreaterThanOrEqual(CORPUS_PARTIAL_READS);
  });

  it('gives the same result on the example workbook read with a small budget', async () => {
    const model = await loadWorkbookFromXlsx(EXAMPLE);
    const whole = await runOn(model, wholeEngine);
    const { engine, listings } = listingEngine();
    const partial = await runOn(model, engine, Math.floor(maxResponse(whole.double) / 3));
    expectSameOutcome(partial, whole);
    expect(listings).toHaveLength(2);
    expect(readInPart(listings[1]!, model)).toBe(true);
  });

  it('keeps the existing whole-read workbooks of test/excel unchanged at the default budget', async () => {
    for (const n of [10, 100, 1000]) {
      const { engine, listings } = listingEngine();
      const run = await runOn(goalWorkbook(n), engine);
      expect(run.double.syncCount).toBe(4);
      expect(listings).toHaveLength(0);
    }
    const model = goalWorkbook(5);
    model.addSheet('Tilfredshed', surveyRows(60_000));
    const whole = await runOn(model, wholeEngine);
    const partial = await runOn(model, listingEngine().engine);
    expectSameOutcome(partial, whole);
    // No source reads the survey: 2 + the goal and settings sheets + 1 write, and no 4 MB response.
    expect({ whole: whole.double.syncCount, partial: partial.double.syncCount }).toEqual({ whole: 6, partial: 4 });
    expect(maxResponse(partial.double)).toBeLessThan(100_000);
    expect(READ_BUDGET_BYTES).toBe(4_000_000);
  });
});

describe('read planning helpers', () => {
  it('groups needed columns into runs of adjacent columns', () => {
    expect(groupColumnRuns([7, 1, 2, 3, 3])).toEqual([{ left: 1, count: 3 }, { left: 7, count: 1 }]);
    expect(groupColumnRuns([])).toEqual([]);
  });

  it('starts chunks at a block\'s first row and packs them under the budget', () => {
    const plan = planReadChunks([{ rowCount: 30, columnCount: 2, bytesPerCell: 10, top: 20 }, { rowCount: 5, columnCount: 1, bytesPerCell: 10 }], 250);
    // 20 bytes a row: 12 rows per chunk → rows 20–31, 32–43, 44–49; the 50-byte block rides with the 60-byte chunk.
    expect(plan.map((sync) => sync.map((c) => [c.block, c.top, c.rows]))).toEqual([[[0, 20, 12]], [[0, 32, 12]], [[0, 44, 6], [1, 0, 5]]]);
  });
});

/**
 * Corpus workbooks whose survey sheet is read in part: 3 in the columns their sources name, 3 not
 * below its head (an unknown sheet, a syntax error, an unknown function: nothing to read).
 */
const CORPUS_PARTIAL_READS = 6;
