/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeExcelApi } from './fake-excel-api';
import { renderApp } from './render-app';

async function recalculate(name = 'Recalculate') {
  fireEvent.click(screen.getByRole('button', { name }));
  await screen.findByRole('table');
}

describe('App', () => {
  it('shows a prompt and no results before the first recalculation', () => {
    renderApp(createFakeExcelApi());
    expect(screen.getByText('Press Recalculate to work out the status of every goal sheet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the count of rows per status in the summary', async () => {
    renderApp(createFakeExcelApi());
    await recalculate();
    const table = screen.getByRole('table', { name: 'Summary' });
    const counts = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(counts).toEqual(['Met1', 'On track2', 'At risk1', 'Off track1', 'No data1', 'Not applicable1', 'No target0', 'Error1']);
  });

  it('passes the year and as-of date to the recalculation, and nothing when blank', async () => {
    const api = createFakeExcelApi();
    renderApp(api);
    await recalculate();
    expect(api.recalculateCalls[0]).toEqual({ onProgress: expect.any(Function) });
    fireEvent.change(screen.getByRole('spinbutton', { name: /Year/ }), { target: { value: '2022' } });
    fireEvent.change(screen.getByLabelText(/As of/), { target: { value: '2022-06-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    await waitFor(() => expect(api.recalculateCalls).toHaveLength(2));
    expect(api.recalculateCalls[1]).toMatchObject({ year: 2022, asOf: '2022-06-30' });
  });

  it('refuses a bad year with a message and does not recalculate', async () => {
    const api = createFakeExcelApi();
    renderApp(api);
    fireEvent.change(screen.getByRole('spinbutton', { name: /Year/ }), { target: { value: '21' } });
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    expect(await screen.findByText('The year must be a whole number from 1900 to 9999, not "21".')).toBeTruthy();
    expect(api.recalculateCalls).toHaveLength(0);
  });

  it('shows each goal with a status badge whose label carries the meaning', async () => {
    renderApp(createFakeExcelApi());
    await recalculate();
    const goal = screen.getByRole('button', { name: /^3\.1 Tilfredshed/ });
    expect(within(goal).getByText('At risk').getAttribute('data-status')).toBe('at-risk');
    expect(goal.textContent).toContain('Actual 75 % · Target 80 % · Gap −5 pp');
    const range = screen.getByRole('button', { name: /^13 Range/ });
    expect(range.textContent).toContain('Target 40–60 %');
    expect(screen.getByRole('heading', { name: 'Mål 2021' })).toBeTruthy();
  });

  it('leaves out the values line when a goal has no actual, target or gap', async () => {
    const api = createFakeExcelApi();
    const recalculation = api.recalculate;
    api.recalculate = async (request) => {
      const outcome = await recalculation(request);
      if (outcome.ok) Object.assign(outcome.value.sheets[0].rows[3], { actual: null, target: null, gap: null });
      return outcome;
    };
    renderApp(api);
    await recalculate();
    expect(screen.getByRole('button', { name: /^5 Krise/ }).textContent).not.toMatch(/Actual|Target|Gap/);
    expect(screen.getByRole('button', { name: /^4 Knudepunkt/ }).textContent).toContain('Actual 50 % · Target 45 %');
  });

  it('selects the goal row when a goal is clicked', async () => {
    const api = createFakeExcelApi();
    renderApp(api);
    await recalculate();
    fireEvent.click(screen.getByRole('button', { name: /^3\.1 Tilfredshed/ }));
    await waitFor(() => expect(api.selectCalls).toEqual([['Mål 2021', 'A7:Z7']]));
  });

  it('selects the goal row from the keyboard: a goal is a native button, Enter activates it', async () => {
    const api = createFakeExcelApi();
    renderApp(api);
    await recalculate();
    const goal = screen.getByRole('button', { name: /^12\.1 Courses/ });
    goal.focus();
    expect(document.activeElement).toBe(goal);
    expect(goal.tagName).toBe('BUTTON');
    expect(goal.getAttribute('type')).toBe('button');
    // jsdom does not turn Enter on a button into a click; a real browser does (see the e2e test).
    fireEvent.click(goal);
    await waitFor(() => expect(api.selectCalls).toEqual([['Data', 'A5:Z5']]));
  });

  it('lists errors with their cell address as a link that selects the cell', async () => {
    const api = createFakeExcelApi();
    renderApp(api);
    await recalculate();
    const link = screen.getByRole('link', { name: "'Mål 2021'!F12" });
    fireEvent.click(link);
    expect(screen.getByText("7: Unparseable target in 'Mål 2021'!F12")).toBeTruthy();
    const finding = screen.getByRole('link', { name: 'Trafiklys!B2' });
    fireEvent.click(finding);
    await waitFor(() =>
      expect(api.selectCalls).toEqual([
        ['Mål 2021', 'F12'],
        ['Trafiklys', 'B2'],
      ]),
    );
  });

  it('disables Recalculate while running, ignores further clicks and shows progress', async () => {
    const api = createFakeExcelApi({ hold: true });
    renderApp(api);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    const running = await screen.findByRole('button', { name: 'Recalculating …' });
    expect((running as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(running);
    fireEvent.submit(running.closest('form') as HTMLFormElement);
    expect(api.recalculateCalls).toHaveLength(1);
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(screen.getByText('Reading the workbook …')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Recalculating …');
    await act(async () => api.release());
    await screen.findByRole('table');
    expect((screen.getByRole('button', { name: 'Recalculate' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('8 rows recalculated (3 round trips to Excel).');
  });

  it('shows a host error in a message bar with its code', async () => {
    const api = createFakeExcelApi({
      recalculation: { ok: false, error: { code: 'InvalidOperation', message: "The sheet 'Mål 2021' is protected." }, syncs: 1 },
    });
    renderApp(api);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    expect(await screen.findByText('Excel reported an error')).toBeTruthy();
    expect(screen.getByText("The sheet 'Mål 2021' is protected. (InvalidOperation)")).toBeTruthy();
  });

  it('says a recalculation is already running when the shared lock is busy', async () => {
    const api = createFakeExcelApi({ recalculation: { ok: false, error: { code: 'Busy', message: 'busy' }, syncs: 0 } });
    renderApp(api, 'da');
    fireEvent.click(screen.getByRole('button', { name: 'Genberegn' }));
    expect(await screen.findByText('En genberegning kører allerede. Vent til den er færdig.')).toBeTruthy();
  });

  it('shows an error when selecting a cell fails', async () => {
    const api = createFakeExcelApi({ selectResult: { ok: false, error: { code: 'ItemNotFound', message: 'No sheet Data' }, syncs: 1 } });
    renderApp(api);
    await recalculate();
    fireEvent.click(screen.getByRole('button', { name: /^12 Short courses/ }));
    expect(await screen.findByText('No sheet Data (ItemNotFound)')).toBeTruthy();
  });

  it('inserts the template in the pane language and the example', async () => {
    const api = createFakeExcelApi();
    renderApp(api, 'da');
    fireEvent.click(screen.getByRole('button', { name: 'Indsæt skabelon' }));
    expect(await screen.findByText('Skabelonen er indsat.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Indsæt eksempel' }));
    expect(await screen.findByText('Eksemplets ark er indsat.')).toBeTruthy();
    expect(api.insertCalls).toEqual(['template:da', 'example']);
  });

  it('speaks Danish: labels, statuses and numbers', async () => {
    renderApp(createFakeExcelApi(), 'da');
    expect(screen.getByRole('spinbutton', { name: /År/ })).toBeTruthy();
    await recalculate('Genberegn');
    const table = screen.getByRole('table', { name: 'Overblik' });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'Opfyldt',
      'På vej',
      'I risiko',
      'Ikke opfyldt',
      'Afventer data',
      'Udgået',
      'Uden måltal',
      'Fejl',
    ]);
    expect(screen.getByRole('button', { name: /^3\.1 Tilfredshed/ }).textContent).toContain('Resultat 75 % · Måltal 80 % · Afvigelse −5 pp');
    expect(screen.getByRole('heading', { name: 'Fejl' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('8 rækker beregnet (3 kald til Excel).');
  });

  it('renders workbook text as text, never as markup', async () => {
    const recalculation = createFakeExcelApi().recalculate;
    const api = createFakeExcelApi();
    api.recalculate = async (request) => {
      const outcome = await recalculation(request);
      if (outcome.ok) outcome.value.sheets[0].rows[1].title = '<img src=x onerror=alert(1)>';
      return outcome;
    };
    renderApp(api);
    await recalculate();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});
