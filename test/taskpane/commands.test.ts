/** @jest-environment jsdom */
import type { Recalculation } from '../../src/engine/types';
import { decodeOutcome, describeOutcome, encodeOutcome, summariseOutcome, type Outcome } from '../../src/commands/outcome';
import { renderOutcome } from '../../src/commands/outcome-view';
import { isRecalculationRunning, runExclusive, STORAGE_KEY, STORAGE_LOCK_TTL_MS, type LockStorage } from '../../src/excel/recalculation-lock';
import type { HostResult } from '../../src/excel';
import { makeRecalculation } from './fake-excel-api';

const SUCCESS: Outcome = {
  ok: true,
  year: 2021,
  asOf: '2021-10-13',
  summary: { met: 5, 'on-track': 1, 'at-risk': 2, 'off-track': 0, 'no-data': 2, 'not-applicable': 1, 'no-target': 0, error: 0 },
  syncs: 3,
};

describe('runExclusive', () => {
  it('runs work and releases the lock afterwards, also when work throws', async () => {
    const holder = {};
    const result = await runExclusive(async () => ({ ok: true, value: 1, syncs: 2 }), holder);
    expect(result).toEqual({ ok: true, value: 1, syncs: 2 });
    await expect(runExclusive(() => Promise.reject(new Error('boom')), holder)).rejects.toThrow('boom');
    expect(isRecalculationRunning(holder)).toBe(false);
  });

  it('refuses a second run while the first holds the lock, without calling its work', async () => {
    const holder = {};
    let release: () => void = () => undefined;
    const first = runExclusive(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { ok: true, value: 'first', syncs: 3 } as const;
    }, holder);
    expect(isRecalculationRunning(holder)).toBe(true);
    const work = jest.fn();
    const second = await runExclusive(work, holder);
    expect(second).toEqual({ ok: false, error: { code: 'Busy', message: 'A recalculation is already running.' }, syncs: 0 });
    expect(work).not.toHaveBeenCalled();
    release();
    expect(await first).toEqual({ ok: true, value: 'first', syncs: 3 });
    expect(isRecalculationRunning(holder)).toBe(false);
  });
});

describe('runExclusive across pages (task pane and ribbon function file)', () => {
  function memoryStorage(): LockStorage & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
  }

  it('keeps a second page from running while the first page runs, through the shared storage', async () => {
    const storage = memoryStorage();
    const pane = {};
    const ribbon = {};
    let release: () => void = () => undefined;
    const first = runExclusive(
      async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, value: 'pane', syncs: 4 } as const;
      },
      pane,
      storage,
    );
    const work = jest.fn();
    expect((await runExclusive(work, ribbon, storage)).ok).toBe(false);
    expect(work).not.toHaveBeenCalled();
    release();
    await first;
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
    expect(await runExclusive(async () => ({ ok: true, value: 'ribbon', syncs: 4 }), ribbon, storage)).toEqual({ ok: true, value: 'ribbon', syncs: 4 });
  });

  it('ignores a claim left by a page that died, once it has expired', async () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, `dead:${Date.now() - 1}`);
    expect((await runExclusive(async () => ({ ok: true, value: 1, syncs: 1 }), {}, storage)).ok).toBe(true);
    storage.setItem(STORAGE_KEY, `alive:${Date.now() + STORAGE_LOCK_TTL_MS}`);
    expect((await runExclusive(async () => ({ ok: true, value: 1, syncs: 1 }), {}, storage)).ok).toBe(false);
  });
});

describe('outcome', () => {
  it('summarises a recalculation and a failure', () => {
    const done: HostResult<Recalculation> = { ok: true, value: makeRecalculation(), syncs: 3 };
    expect(summariseOutcome(done)).toEqual({ ok: true, year: 2021, asOf: '2021-10-13', summary: makeRecalculation().summary, syncs: 3 });
    expect(summariseOutcome({ ok: false, error: { code: 'ItemNotFound', message: 'gone' }, syncs: 1 })).toEqual({
      ok: false,
      code: 'ItemNotFound',
      message: 'gone',
    });
  });

  it('round-trips through the query string', () => {
    expect(decodeOutcome(encodeOutcome(SUCCESS, 'da'))).toEqual({ outcome: SUCCESS, language: 'da' });
    const failure: Outcome = { ok: false, code: 'InvalidOperation', message: "Sheet 'Mål & <2021>' is protected" };
    expect(decodeOutcome(`?${encodeOutcome(failure, 'en')}`)).toEqual({ outcome: failure, language: 'en' });
    expect(decodeOutcome('lang=da')).toBeNull();
  });

  it('describes the outcome in Danish and English, leaving out empty statuses', () => {
    expect(describeOutcome(SUCCESS, 'da')).toEqual({
      title: 'Trafiklys: genberegnet',
      lines: ['År 2021, opgjort pr. 2021-10-13', 'Opfyldt: 5', 'På vej: 1', 'I risiko: 2', 'Afventer data: 2', 'Udgået: 1', '11 rækker beregnet (3 kald til Excel).'],
    });
    expect(describeOutcome({ ok: false, code: 'Busy', message: 'x' }, 'en')).toEqual({
      title: 'Trafiklys: the recalculation failed',
      lines: ['A recalculation is already running. Wait for it to finish.'],
    });
  });

  it('names every sheet a stopped write left incomplete, apart from the message, in both languages', () => {
    const failed: HostResult<Recalculation> = {
      ok: false,
      syncs: 6,
      error: { code: 'GeneralException', message: 'x'.repeat(600), write: { written: [], wholeOrUntouched: [], incomplete: ['Mål 2021', 'Mål 2022'] } },
    };
    const outcome = summariseOutcome(failed);
    expect(outcome).toMatchObject({ ok: false, incomplete: ['Mål 2021', 'Mål 2022'] });
    const decoded = decodeOutcome(encodeOutcome(outcome, 'da'));
    expect(decoded?.outcome).toMatchObject({ ok: false, incomplete: ['Mål 2021', 'Mål 2022'] });
    expect(describeOutcome(decoded!.outcome, 'da').lines[1]).toBe("Ufuldstændige ark: 'Mål 2021', 'Mål 2022'. Tryk Genberegn igen for at gøre dem færdige.");
    expect(describeOutcome({ ok: false, code: 'RowsMoved', message: 'm', incomplete: ['Mål 2021'] }, 'en').lines).toEqual(['m (RowsMoved)', "Incomplete: 'Mål 2021'. Press Recalculate again to complete it."]);
    expect(describeOutcome({ ok: false, code: 'ItemNotFound', message: 'gone' }, 'en').lines).toEqual(['gone (ItemNotFound)']);
  });

  it('renders the dialog as text and closes on the button', () => {
    const onClose = jest.fn();
    renderOutcome(document, `?${encodeOutcome({ ok: false, code: 'X', message: '<img src=x onerror=alert(1)>' }, 'en')}`, onClose);
    expect(document.querySelector('h1')?.textContent).toBe('Trafiklys: the recalculation failed');
    expect(document.querySelector('li')?.textContent).toBe('<img src=x onerror=alert(1)> (X)');
    expect(document.querySelector('img')).toBeNull();
    const button = document.querySelector('button') as HTMLButtonElement;
    expect(document.activeElement).toBe(button);
    button.click();
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('the ribbon command', () => {
  type Handler = (event: { completed: () => void }) => Promise<void>;
  let associated: Record<string, Handler>;
  let dialogUrl: string | null;
  let dialogHandlers: Record<string, (arg: unknown) => void>;
  const recalculateInExcel = jest.fn();

  beforeEach(() => {
    jest.resetModules();
    associated = {};
    dialogUrl = null;
    dialogHandlers = {};
    recalculateInExcel.mockReset();
    const office = {
      onReady: (callback: () => void) => {
        callback();
        return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' });
      },
      actions: { associate: (name: string, handler: Handler) => (associated[name] = handler) },
      context: {
        displayLanguage: 'da-DK',
        officeTheme: { bodyBackgroundColor: '#262626' },
        ui: {
          displayDialogAsync: (url: string, _options: unknown, callback: (result: unknown) => void) => {
            dialogUrl = url;
            callback({
              status: 'succeeded',
              value: { addEventHandler: (type: string, handler: (arg: unknown) => void) => (dialogHandlers[type] = handler), close: jest.fn() },
            });
          },
        },
      },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    };
    Object.assign(globalThis, { Office: office });
    jest.doMock('../../src/excel', () => ({ ...jest.requireActual<object>('../../src/excel/recalculation-lock'), recalculateInExcel }));
  });

  it('registers `recalculate`, runs it, shows the outcome and completes when the dialog closes', async () => {
    recalculateInExcel.mockResolvedValue({ ok: true, value: makeRecalculation(), syncs: 3 });
    await import('../../src/commands/commands');
    const completed = jest.fn();
    const running = associated.recalculate({ completed });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(recalculateInExcel).toHaveBeenCalledWith({});
    expect(completed).not.toHaveBeenCalled();
    const query = new URL(dialogUrl as string).search;
    expect(decodeOutcome(query)).toMatchObject({ language: 'da', outcome: { ok: true, year: 2021, syncs: 3 } });
    dialogHandlers.dialogMessageReceived({ message: 'close' });
    await running;
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it('registers at the top level (before onReady) and closes the dialog and completes at the safety timer', async () => {
    jest.useFakeTimers();
    try {
      (globalThis as unknown as { Office: { onReady: unknown } }).Office.onReady = () => new Promise(() => undefined); // never ready
      recalculateInExcel.mockResolvedValue({ ok: true, value: makeRecalculation(), syncs: 3 });
      const commands = await import('../../src/commands/commands');
      expect(Object.keys(associated)).toEqual(['recalculate']);
      expect(commands.DIALOG_SAFETY_MS).toBeLessThan(5 * 60 * 1000);
      const completed = jest.fn();
      const running = associated.recalculate({ completed });
      await jest.advanceTimersByTimeAsync(0);
      expect(new URL(dialogUrl as string).searchParams.get('theme')).toBe('dark');
      expect(completed).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(commands.DIALOG_SAFETY_MS);
      await running;
      expect(completed).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('completes even when the recalculation throws', async () => {
    recalculateInExcel.mockRejectedValue(new Error('host gone'));
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../src/commands/commands');
    const completed = jest.fn();
    await associated.recalculate({ completed });
    expect(completed).toHaveBeenCalledTimes(1);
    expect(consoleError).toHaveBeenCalledWith('Trafiklys: the ribbon recalculation failed', expect.any(Error));
    consoleError.mockRestore();
  });
});
