/**
 * Recalculate automatically (docs/spec.md §10) on the Excel double: change events as Excel raises
 * them, the quiet time after a burst, the add-in's own writes, a change during a recalculation,
 * sheets that do not matter, Excel below ExcelApi 1.7 and removing the handlers.
 */
import { findGoalSheetHeader, isGoalSheetHead, isSettingsSheetName, listSourceColumns, recalculate } from '../../src/engine/index';
import type { Recalculation } from '../../src/engine/index';
import { AUTO_RECALCULATE_DELAY_MS, AutoRecalculation, type AutoRecalculationEvent, type ExcelEventHost, type LearnFromRead } from '../../src/excel/auto-recalculation';
import { type EngineFunctions, type ExcelRun, recalculateWith } from '../../src/excel/excel-operations';
import type { HostResult } from '../../src/excel/host-error';
import { runExclusive } from '../../src/excel/recalculation-lock';
import { memoryUnfinishedStore } from '../../src/excel/unfinished-writes';
import { createExcelDouble, isVersionAtMost, LATEST_API_VERSION, type DoubleHandle } from '../excel-double/excel-double';
import { InMemoryWorkbook } from '../excel-double/workbook-model';
import { sourceGoalRows, surveyRows, text } from './workbooks';

const NOW = new Date(2021, 9, 13, 9, 30);
const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName, listSourceColumns };

/** A goal sheet whose actuals come from the survey sheet `Tilfredshed`, a sheet no Source names, and the settings sheet. */
function contractWorkbook(respondents = 200): InMemoryWorkbook {
  return new InMemoryWorkbook({
    sheets: [
      {
        name: 'Mål 2021',
        rows: sourceGoalRows([
          ['NPS', '≥ 10', 'nps(Tilfredshed!Anbefaling)'],
          ['%', '≥ 40 %', 'share(Tilfredshed!Kompetencer = "Meget tilfreds")'],
        ]),
      },
      { name: 'Tilfredshed', rows: surveyRows(respondents) },
      { name: 'Noter', rows: [[text('Mødet 4. oktober')]] },
      { name: 'Trafiklys', rows: [[text('År'), text(2021)]] },
    ],
  });
}

interface Harness {
  double: DoubleHandle;
  auto: AutoRecalculation;
  /** Automatic (and manual, through `manual`) recalculations that reached Excel. */
  recalculations: HostResult<Recalculation>[];
  events: AutoRecalculationEvent[];
  /** A recalculation from the button: the same lock, the same watch map. */
  manual(): Promise<HostResult<Recalculation>>;
  /** While set, an automatic recalculation waits for it before it reads. */
  gate: Promise<void> | null;
}

function harness(model: InMemoryWorkbook, apiVersion = LATEST_API_VERSION): Harness {
  const double = createExcelDouble(model, { apiVersion });
  const supports = (version: string) => isVersionAtMost(version, apiVersion);
  const lock = {};
  const unfinished = memoryUnfinishedStore({ writes: [] });
  const run = double.Excel.run as unknown as ExcelRun;
  const recalculations: HostResult<Recalculation>[] = [];
  const events: AutoRecalculationEvent[] = [];
  const once = (learn: LearnFromRead, write: boolean) =>
    runExclusive(() => recalculateWith(run, engine, { now: NOW, write, supports, unfinished, onEvaluated: learn }), lock, null);
  const h: Harness = {
    double,
    recalculations,
    events,
    gate: null,
    auto: new AutoRecalculation({
      excel: double.Excel as unknown as ExcelEventHost,
      supports,
      engine: { findGoalSheetHeader, listSourceColumns, isSettingsSheetName },
      recalculate: async (learn) => {
        if (h.gate) await h.gate;
        const outcome = await once(learn, true);
        recalculations.push(outcome);
        return outcome;
      },
      survey: (learn) => once(learn, false),
      onEvent: (event) => events.push(event),
      now: () => new Date(Date.now()),
    }),
    manual: () => once(h.auto.learn, true),
  };
  return h;
}

/** Advances the fake clock, letting every sync and event delivery in between run. */
async function wait(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('automatic recalculation on the Excel double', () => {
  it('recalculates once for a paste of 100,000 rows, about 1.5 s after it, and not again for its own writes', async () => {
    const h = harness(contractWorkbook());
    expect(await h.auto.start()).toMatchObject({ ok: true });
    // A new export pasted over the old one: 100,000 respondents, all eight columns.
    const pasted = surveyRows(100_000).slice(1).map((row) => row.map((cell) => cell.value));
    h.double.userEdit('Tilfredshed', 'A2:H100001', pasted);
    expect(h.double.raisedEvents).toEqual([
      { address: 'A2:H100001', changeType: 'RangeEdited', source: 'Local', worksheetId: '{Tilfredshed}', type: 'WorksheetChanged', triggerSource: 'Unknown' },
    ]);
    await wait(AUTO_RECALCULATE_DELAY_MS - 1);
    expect(h.recalculations).toHaveLength(0);
    await wait(1);
    await wait(0);
    expect(h.recalculations).toHaveLength(1);
    const first = h.recalculations[0]!;
    if (!first.ok) throw new Error(first.error.message);
    // The Source now counts the pasted rows: answers 0–10 in turn (i % 11), 2 in 11 promoters, 7 in 11 detractors.
    expect(first.value.sheets[0]!.rows[0]!.actual).toBeCloseTo(((2 - 7) / 11) * 100, 0);
    expect(first.value.sheets[0]!.rows[0]!.explanation).toContain('n = 100');
    // Its own write raised events (Excel does that), and none of them started another.
    const own = h.double.raisedEvents.filter((e) => e.triggerSource === 'ThisLocalAddin');
    expect(own.length).toBeGreaterThan(0);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(1);
    expect(h.events.map((e) => e.kind)).toEqual(['started', 'finished']);
    await h.auto.stop();
  }, 60_000);

  it('recalculates once for a burst of edits, counting the quiet time from the last one', async () => {
    const h = harness(contractWorkbook());
    await h.auto.start();
    for (let i = 0; i < 5; i++) {
      h.double.userEdit('Tilfredshed', `D${i + 2}`, [[10]]);
      await wait(1000);
    }
    // 5 s since the first edit, 1 s since the last: still waiting.
    expect(h.recalculations).toHaveLength(0);
    await wait(AUTO_RECALCULATE_DELAY_MS - 1000);
    expect(h.recalculations).toHaveLength(1);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(1);
    await h.auto.stop();
  });

  it.each(['1.7', '1.9', LATEST_API_VERSION])('never starts one for its own writes (ExcelApi %s)', async (version) => {
    const h = harness(contractWorkbook(), version);
    expect(await h.auto.start()).toMatchObject({ ok: true });
    // The button's recalculation writes the output columns and statuses for the first time.
    const manual = await h.manual();
    expect(manual.ok).toBe(true);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    const own = h.double.raisedEvents.filter((e) => e.worksheetId === '{Mål 2021}');
    expect(own.length).toBeGreaterThan(0);
    // Below 1.14 Excel does not say who changed the cells: the owned columns decide.
    expect(own.every((e) => e.triggerSource === (isVersionAtMost('1.14', version) ? 'ThisLocalAddin' : undefined))).toBe(true);
    expect(h.recalculations).toHaveLength(0);
    // An automatic one, started by an input edit, is not followed by another either.
    h.double.userEdit('Mål 2021', 'D2', [['≥ 20']]);
    await wait(AUTO_RECALCULATE_DELAY_MS);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(1);
    expect(h.double.workbook.cell('Mål 2021', 'D2')?.value).toBe('≥ 20');
    await h.auto.stop();
  });

  it('starts exactly one more after a recalculation when the data changed while it ran', async () => {
    const h = harness(contractWorkbook());
    await h.auto.start();
    let release!: () => void;
    h.gate = new Promise((resolve) => (release = resolve));
    h.double.userEdit('Tilfredshed', 'D2', [[0]]);
    await wait(AUTO_RECALCULATE_DELAY_MS);
    expect(h.events.map((e) => e.kind)).toEqual(['started']);
    // Two edits while it runs.
    h.double.userEdit('Tilfredshed', 'D3', [[0]]);
    h.double.userEdit('Tilfredshed', 'D4:D5', [[0], [0]]);
    await wait(5 * AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(0);
    h.gate = null;
    release();
    await wait(0);
    expect(h.recalculations).toHaveLength(1);
    await wait(AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(2);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(2);
    await h.auto.stop();
  });

  it('ignores a sheet no Source names, the settings sheet, and edits to the owned columns only', async () => {
    const h = harness(contractWorkbook());
    await h.auto.start();
    await h.manual();
    h.double.userEdit('Noter', 'A1', [['Mødet 5. oktober']]);
    h.double.userEdit('Noter', 'A2:C40', Array.from({ length: 39 }, () => ['x', 'y', 'z']));
    h.double.userEdit('Trafiklys', 'A5', [['Kommentar']]);
    const status = h.double.workbook.findSheet('Mål 2021')!.rows[0]!.findIndex((c) => c?.value === 'Status');
    expect(status).toBeGreaterThan(4);
    const letter = String.fromCharCode(65 + status);
    h.double.userEdit('Mål 2021', `${letter}2:${letter}3`, [['Opfyldt'], ['Opfyldt']]);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(0);
    // The same sheet's input column does count.
    h.double.userEdit('Mål 2021', 'E2', [['nps(Tilfredshed!Anbefaling; Segment = "Drift")']]);
    await wait(AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(1);
    await h.auto.stop();
  });

  it('below ExcelApi 1.7 stays off and says which Excel is needed, with nothing registered', async () => {
    const h = harness(contractWorkbook(), '1.6');
    expect(h.auto.checkSupport()?.code).toBe('ExcelTooOld');
    const started = await h.auto.start();
    expect(started).toEqual({ ok: false, error: { code: 'ExcelTooOld', message: expect.stringContaining('Excel JavaScript API 1.7') }, syncs: 0 });
    expect(started.ok ? '' : started.error.message).toContain('Excel 2019 or later');
    expect(h.double.syncCount).toBe(0);
    expect(h.double.changeHandlers).toHaveLength(0);
    expect(h.auto.isActive).toBe(false);
  });

  it('at ExcelApi 1.7 and 1.8 watches sheet by sheet, a sheet added later included', async () => {
    const h = harness(contractWorkbook(), '1.8');
    await h.auto.start();
    expect(h.double.changeHandlers.map((r) => r.sheet?.name)).toEqual(['Mål 2021', 'Tilfredshed', 'Noter', 'Trafiklys']);
    // A Source naming a new sheet; the sheet pasted in afterwards.
    h.double.workbook.addSheet('Svar2022', surveyRows(50));
    h.double.userEdit('Mål 2021', 'E3', [['nps(Svar2022!Anbefaling)']]);
    await wait(AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(1);
    expect(h.double.changeHandlers.map((r) => r.sheet?.name)).toContain('Svar2022');
    h.double.userEdit('Svar2022', 'D2:D51', Array.from({ length: 50 }, () => [10]));
    await wait(AUTO_RECALCULATE_DELAY_MS);
    expect(h.recalculations).toHaveLength(2);
    await h.auto.stop();
  });

  it('removes its handlers when switched off: no events, no recalculation', async () => {
    const h = harness(contractWorkbook());
    await h.auto.start();
    expect(h.double.changeHandlers).toHaveLength(1);
    h.double.userEdit('Tilfredshed', 'D2', [[3]]);
    const stopped = await h.auto.stop();
    expect(stopped).toEqual({ ok: true, value: undefined, syncs: 1 });
    expect(h.double.changeHandlers).toHaveLength(0);
    const raised = h.double.raisedEvents.length;
    h.double.userEdit('Tilfredshed', 'D3', [[3]]);
    expect(h.double.raisedEvents).toHaveLength(raised);
    await wait(10 * AUTO_RECALCULATE_DELAY_MS);
    // The edit made just before switching off was waiting: it is dropped with the switch.
    expect(h.recalculations).toHaveLength(0);
  });
});
