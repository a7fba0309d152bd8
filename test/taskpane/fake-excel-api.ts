/**
 * A fake ExcelApi for the pane's component tests: records calls, answers with a canned
 * recalculation, and can hold a run open to test the running state.
 */
import type { Recalculation, RowResult, StatusId } from '../../src/engine/types';
import type { ExcelApi, HostResult, RecalculateRequest } from '../../src/taskpane/excel-api';

export function makeRow(id: string, row: number, status: StatusId, extra: Partial<RowResult> = {}): RowResult {
  return {
    id,
    row,
    title: `Goal ${id}`,
    status,
    actual: 75,
    target: 80,
    unit: '%',
    gap: -5,
    targets: { '2021': 80 },
    explanation: `Explanation of ${id}`,
    ...extra,
  };
}

/** Two sheets, one of every status but on-track twice, one error with a cell, one finding. */
export function makeRecalculation(): Recalculation {
  return {
    year: 2021,
    asOf: '2021-10-13',
    sheets: [
      {
        name: 'Mål 2021',
        language: 'da',
        year: 2021,
        rows: [
          makeRow('1', 5, 'no-data', { title: 'Kendskab', actual: null, target: 45 }),
          makeRow('3.1', 7, 'at-risk', { title: 'Tilfredshed' }),
          makeRow('4', 9, 'met', { title: 'Knudepunkt', actual: 50, target: 45 }),
          makeRow('5', 10, 'not-applicable', { title: 'Krise', target: null }),
          makeRow('7', 12, 'error', { title: 'Effekt', explanation: "Unparseable target in 'Mål 2021'!F12", errorCell: "'Mål 2021'!F12" }),
        ],
      },
      {
        name: 'Data',
        language: 'en',
        year: 2021,
        rows: [
          makeRow('12', 4, 'on-track', { title: 'Short courses', unit: 'count', actual: 555, target: 600 }),
          makeRow('12.1', 5, 'on-track', { title: 'Courses', unit: 'count', actual: 365, target: 350 }),
          makeRow('13', 6, 'off-track', { title: 'Range', target: [40, 60], actual: 20 }),
        ],
      },
    ],
    summary: { met: 1, 'on-track': 2, 'at-risk': 1, 'off-track': 1, 'no-data': 1, 'not-applicable': 1, 'no-target': 0, error: 1 },
    findings: [{ cell: 'Trafiklys!B2', message: 'Year is not a number' }],
    plan: { addSheets: [], writes: [] },
  };
}

export interface FakeExcelApi extends ExcelApi {
  recalculateCalls: RecalculateRequest[];
  selectCalls: [string, string][];
  insertCalls: string[];
  /** Resolves the pending recalculation (when created with `hold: true`). */
  release(): void;
}

export interface FakeExcelApiOptions {
  /** Keep recalculate pending until release(). */
  hold?: boolean;
  recalculation?: HostResult<Recalculation>;
  selectResult?: HostResult<unknown>;
}

export function createFakeExcelApi(options: FakeExcelApiOptions = {}): FakeExcelApi {
  const outcome: HostResult<Recalculation> = options.recalculation ?? { ok: true, value: makeRecalculation(), syncs: 3 };
  let release: () => void = () => undefined;
  const api: FakeExcelApi = {
    recalculateCalls: [],
    selectCalls: [],
    insertCalls: [],
    release: () => release(),
    async recalculate(request) {
      api.recalculateCalls.push(request);
      request.onProgress?.('reading', 0.4);
      if (options.hold) await new Promise<void>((resolve) => (release = resolve));
      return outcome;
    },
    async selectCell(sheet, address) {
      api.selectCalls.push([sheet, address]);
      return options.selectResult ?? { ok: true, value: undefined, syncs: 1 };
    },
    async insertTemplate(language) {
      api.insertCalls.push(`template:${language}`);
      return { ok: true, value: undefined, syncs: 1 };
    },
    async insertExample() {
      api.insertCalls.push('example');
      return { ok: true, value: undefined, syncs: 1 };
    },
  };
  return api;
}
