/** @jest-environment jsdom */
/**
 * The pane at its floor, and its report and trend: below the ExcelApi floor Recalculate is off and the pane
 * says which Excel is needed; the Status report button asks for the report; each goal's trend
 * is an arrow with an accessible label; no-target shows its own label in grey, after
 * not-applicable in the summary.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { STATUS_IDS } from '../../src/engine/index';
import { checkApiFloor, checkReportSupport } from '../../src/excel/requirements';
import { STATUS_COLOURS } from '../../src/ui/i18n';
import { createFakeExcelApi, makeRecalculation, makeRow } from './fake-excel-api';
import { renderApp } from './render-app';

describe('the pane below the floor', () => {
  it('disables Recalculate and Status report and names the Excel needed', () => {
    const api = createFakeExcelApi();
    api.checkSupport = () => checkApiFloor(() => false);
    renderApp(api);
    expect((screen.getByRole('button', { name: 'Recalculate' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Status report' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('This Excel is too old for Trafiklys')).toBeTruthy();
    expect(screen.getByText(/Excel 2019 or later, Excel in Microsoft 365, Excel on the web/)).toBeTruthy();
    fireEvent.submit(screen.getByRole('button', { name: 'Recalculate' }).closest('form')!);
    expect(api.recalculateCalls).toHaveLength(0);
  });

  it('at the floor keeps them on', () => {
    const api = createFakeExcelApi();
    api.checkSupport = () => checkApiFloor(() => true);
    renderApp(api);
    expect((screen.getByRole('button', { name: 'Recalculate' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByText('This Excel is too old for Trafiklys')).toBeNull();
  });

  it('at ExcelApi 1.2 or 1.3 keeps Recalculate and turns Status report off, saying why (the report is marked by a defined name, 1.4)', () => {
    const api = createFakeExcelApi();
    const atFloor = (version: string): boolean => version === '1.1' || version === '1.2';
    api.checkSupport = () => checkApiFloor(atFloor);
    api.checkReportSupport = () => checkReportSupport(atFloor);
    renderApp(api);
    expect((screen.getByRole('button', { name: 'Recalculate' }) as HTMLButtonElement).disabled).toBe(false);
    const report = screen.getByRole('button', { name: 'Status report' }) as HTMLButtonElement;
    expect(report.disabled).toBe(true);
    expect(report.getAttribute('aria-describedby')).toBe('report-unsupported');
    expect(document.getElementById('report-unsupported')?.textContent).toMatch(/status report needs Excel JavaScript API 1\.4 or later/);
    fireEvent.click(report);
    expect(api.recalculateCalls).toHaveLength(0);
  });
});

describe('Status report', () => {
  it('runs the recalculation with report: true; Recalculate does not', async () => {
    const api = createFakeExcelApi();
    renderApp(api);
    fireEvent.click(screen.getByRole('button', { name: 'Status report' }));
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    await screen.findByRole('table');
    expect(api.recalculateCalls.map((c) => c.report === true)).toEqual([true, false]);
  });

  it('says what this Excel could not set, and that a stopped write can be run again', async () => {
    const api = createFakeExcelApi({ recalculation: { ok: true, value: makeRecalculation(), syncs: 4, notApplied: [{ feature: 'print', target: 'Statusrapport', requires: '1.9' }] } });
    renderApp(api, 'da');
    fireEvent.click(screen.getByRole('button', { name: 'Statusrapport' }));
    expect(await screen.findByText(/denne Excel kan ikke sætte én ting/)).toBeTruthy();
  });

  it('after a write Excel stopped, tells the user every sheet is whole or untouched and to run again', async () => {
    const api = createFakeExcelApi({
      recalculation: { ok: false, syncs: 4, error: { code: 'ItemNotFound', message: 'A sheet went away.', write: { written: ['Mål 2021'], wholeOrUntouched: ['Mål 2022'] } } },
    });
    renderApp(api);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    expect(await screen.findByText(/Press Recalculate again once the cause is gone/)).toBeTruthy();
  });
});

describe('a write Excel left incomplete', () => {
  it('shows the message naming the incomplete sheet, and does not claim every sheet is whole', async () => {
    const message = "Excel reported an internal error. Incomplete: 'Mål 2021' (Excel stopped part-way through, after trying again).";
    const api = createFakeExcelApi({
      recalculation: { ok: false, syncs: 6, error: { code: 'GeneralException', message, write: { written: [], wholeOrUntouched: ['Trafiklys'], incomplete: ['Mål 2021'] } } },
    });
    renderApp(api);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    expect(await screen.findByText(/Incomplete: 'Mål 2021'/)).toBeTruthy();
    expect(screen.queryByText(/either written whole or not at all/)).toBeNull();
  });
});

describe('trend and no-target in the goal list', () => {
  function withRows() {
    const recalculation = makeRecalculation();
    recalculation.sheets[0]!.rows = [
      makeRow('3.1', 7, 'met', { trend: { direction: 'up', previousStatus: 'at-risk', since: '2021-06-30', text: '▲ fra I risiko (30-06-2021)' } }),
      makeRow('4', 8, 'off-track', { trend: { direction: 'down', previousStatus: 'met', since: '2021-06-30', text: '' } }),
      makeRow('9', 9, 'no-target'),
    ];
    return createFakeExcelApi({ recalculation: { ok: true, value: recalculation, syncs: 4 } });
  }

  it('shows an arrow per trend with a label in words (Danish)', async () => {
    renderApp(withRows(), 'da');
    fireEvent.click(screen.getByRole('button', { name: 'Genberegn' }));
    expect((await screen.findByRole('img', { name: 'Bedre siden 30-06-2021: fra I risiko' })).textContent).toBe('▲');
    expect(screen.getByRole('img', { name: 'Dårligere siden 30-06-2021: fra Opfyldt' }).textContent).toBe('▼');
    // A goal without history has no arrow.
    expect(screen.getAllByRole('img', { name: /siden/ })).toHaveLength(2);
  });

  it('shows no-target as "No target" in neutral grey, after not-applicable in the summary', async () => {
    renderApp(withRows(), 'en');
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    const summary = await screen.findByRole('table');
    const labels = within(summary).getAllByRole('rowheader').map((h) => h.textContent);
    expect(labels.indexOf('No target')).toBe(labels.indexOf('Not applicable') + 1);
    expect(labels).toHaveLength(STATUS_IDS.length);
    const badge = screen.getAllByText('No target').find((el) => el.getAttribute('data-status') === 'no-target')!;
    expect(STATUS_COLOURS['no-target']).toEqual(STATUS_COLOURS['not-applicable']);
    expect(badge.style.color).toBe('rgb(102, 102, 102)');
  });
});
