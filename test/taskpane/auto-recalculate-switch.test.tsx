/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AutoRecalculationApi, AutoRecalculationEvent, HostError } from '../../src/taskpane/excel-api';
import { createFakeExcelApi, makeRecalculation } from './fake-excel-api';
import { renderApp } from './render-app';

/** The switch's seam, recording what the pane asked of it; `emit` plays an automatic recalculation. */
function fakeAuto(options: { unsupported?: HostError; remembered?: boolean; rememberFails?: boolean } = {}) {
  let listener: ((event: AutoRecalculationEvent) => void) | null = null;
  const calls: string[] = [];
  const auto: AutoRecalculationApi & { calls: string[]; emit(event: AutoRecalculationEvent): void } = {
    calls,
    checkSupport: () => options.unsupported ?? null,
    isRemembered: () => options.remembered === true,
    async start(l) {
      calls.push('start');
      listener = l;
      return { ok: true, value: undefined, syncs: 1 };
    },
    async stop() {
      calls.push('stop');
      listener = null;
      return { ok: true, value: undefined, syncs: 1 };
    },
    async remember(on) {
      calls.push(`remember:${on}`);
      return options.rememberFails ? { ok: false, error: { code: 'SettingsNotSaved', message: 'Excel could not keep the choice in the workbook' }, syncs: 0 } : { ok: true, value: undefined, syncs: 0 };
    },
    emit(event) {
      listener?.(event);
    },
  };
  return auto;
}

describe('the Recalculate automatically switch', () => {
  it('is a labelled switch, off by default, and switching it on starts watching and remembers the choice', async () => {
    const auto = fakeAuto();
    renderApp({ ...createFakeExcelApi(), autoRecalculation: auto });
    const toggle = screen.getByRole('switch', { name: 'Recalculate automatically' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.disabled).toBe(false);
    expect(auto.calls).toEqual([]);
    fireEvent.click(toggle);
    await waitFor(() => expect(auto.calls).toEqual(['start', 'remember:true']));
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('switch'));
    await waitFor(() => expect(auto.calls).toEqual(['start', 'remember:true', 'stop', 'remember:false']));
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false);
  });

  it('in Danish is called Genberegn automatisk', () => {
    renderApp({ ...createFakeExcelApi(), autoRecalculation: fakeAuto() }, 'da');
    expect(screen.getByRole('switch', { name: 'Genberegn automatisk' })).toBeTruthy();
  });

  it('starts watching at once when the workbook remembers it as on, and stops when the pane closes', async () => {
    const auto = fakeAuto({ remembered: true });
    const view = renderApp({ ...createFakeExcelApi(), autoRecalculation: auto });
    await waitFor(() => expect(auto.calls).toEqual(['start']));
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(true);
    view.unmount();
    expect(auto.calls).toEqual(['start', 'stop']);
  });

  it('below ExcelApi 1.7 is off and disabled and says which Excel is needed, even when remembered as on', () => {
    const auto = fakeAuto({ remembered: true, unsupported: { code: 'ExcelTooOld', message: 'needs 1.7' } });
    renderApp({ ...createFakeExcelApi(), autoRecalculation: auto });
    const toggle = screen.getByRole('switch', { name: 'Recalculate automatically' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.disabled).toBe(true);
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Recalculate automatically needs Excel JavaScript API 1.7 (change events): Excel 2019 or later, Microsoft 365, Excel on the web, or Excel for Mac or iPad. Use Recalculate in this Excel.',
    );
    fireEvent.click(toggle);
    expect(auto.calls).toEqual([]);
  });

  it('shows when the last automatic recalculation ran and what it found, and its result below', async () => {
    const auto = fakeAuto();
    renderApp({ ...createFakeExcelApi(), autoRecalculation: auto }, 'da');
    fireEvent.click(screen.getByRole('switch'));
    await waitFor(() => expect(auto.calls).toContain('remember:true'));
    act(() => auto.emit({ kind: 'started', at: new Date(2021, 9, 13, 9, 31, 2) }));
    expect(screen.getByText('Genberegner automatisk …')).toBeTruthy();
    act(() => auto.emit({ kind: 'finished', at: new Date(2021, 9, 13, 9, 31, 4), outcome: { ok: true, value: makeRecalculation(), syncs: 4 } }));
    expect(screen.getByText('Sidst genberegnet automatisk kl. 09.31.04: 1 Opfyldt, 2 På vej, 1 I risiko, 1 Ikke opfyldt, 1 Afventer data, 1 Udgået, 1 Fejl.')).toBeTruthy();
    // The goals and the summary are the automatic run's, as after a press of Genberegn.
    expect(screen.getByRole('table', { name: 'Overblik' })).toBeTruthy();
    act(() => auto.emit({ kind: 'finished', at: new Date(2021, 9, 13, 9, 40, 0), outcome: { ok: false, error: { code: 'SheetProtected', message: 'Arket er beskyttet.' }, syncs: 2 } }));
    expect(screen.getByText('Den automatiske genberegning kl. 09.40.00 mislykkedes: Arket er beskyttet.')).toBeTruthy();
  });

  it('says so when the choice could not be kept in the workbook, and stays on for this session', async () => {
    const auto = fakeAuto({ rememberFails: true });
    renderApp({ ...createFakeExcelApi(), autoRecalculation: auto });
    fireEvent.click(screen.getByRole('switch'));
    expect((await screen.findByRole('alert')).textContent).toBe('Excel could not keep the choice in the workbook (SettingsNotSaved)');
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(true);
  });

  it('is not shown where the host gives no change events at all', () => {
    renderApp(createFakeExcelApi());
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('describeFound', () => {
  it('lists the non-zero counts in the order of the statuses, or says there were no goals', async () => {
    const { describeFound } = await import('../../src/taskpane/components/auto-recalculate-switch');
    const { STRINGS } = await import('../../src/ui/i18n');
    const none = { met: 0, 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0, 'not-applicable': 0, 'no-target': 0, error: 0 };
    expect(describeFound({ ...none, error: 2, met: 3 }, STRINGS.en)).toBe('3 Met, 2 Error');
    expect(describeFound(none, STRINGS.da)).toBe('ingen mål');
  });
});

describe('closing the pane', () => {
  it('stops watching when the switch was turned on in this session, and not when it is off', async () => {
    const auto = fakeAuto();
    const view = renderApp({ ...createFakeExcelApi(), autoRecalculation: auto });
    fireEvent.click(screen.getByRole('switch'));
    await waitFor(() => expect(auto.calls).toEqual(['start', 'remember:true']));
    view.unmount();
    expect(auto.calls).toEqual(['start', 'remember:true', 'stop']);
    const off = fakeAuto();
    renderApp({ ...createFakeExcelApi(), autoRecalculation: off }).unmount();
    expect(off.calls).toEqual([]);
  });
});
