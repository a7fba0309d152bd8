/**
 * The add-in's choices kept in the workbook itself, through Office's document settings
 * (`Office.context.document.settings`, https://learn.microsoft.com/javascript/api/office/office.settings):
 * name/value pairs stored per add-in and per document, loaded when the add-in starts; `set` changes
 * the in-memory copy and only `saveAsync` writes it into the document (docs/spec.md §10:
 * *Recalculate automatically* is off by default and remembered in the workbook).
 */
import type { HostResult } from './host-error';

/** The part of `Office.Settings` used here. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback: (result: { status: string; error?: { message: string } }) => void): void;
}

/** The setting's name; its value is `true` or `false`. */
export const AUTO_RECALCULATE_SETTING = 'trafiklys.recalculateAutomatically';

/** Whether the workbook remembers *Recalculate automatically* as on; anything but `true` is off (the default). */
export function readAutoRecalculate(settings: DocumentSettings | null): boolean {
  return settings?.get(AUTO_RECALCULATE_SETTING) === true;
}

/**
 * Sets the choice and saves it into the document. A failed save leaves the workbook as it was and
 * says so; the switch still works for this session.
 *
 * @example await saveAutoRecalculate(Office.context.document.settings, true)
 */
export function saveAutoRecalculate(settings: DocumentSettings | null, on: boolean): Promise<HostResult<void>> {
  if (!settings) return Promise.resolve({ ok: false, error: { code: 'NoExcel', message: 'Excel is not available: the choice cannot be kept in the workbook.' }, syncs: 0 });
  settings.set(AUTO_RECALCULATE_SETTING, on);
  return new Promise((resolve) => {
    settings.saveAsync((result) => {
      if (result.status === 'succeeded') resolve({ ok: true, value: undefined, syncs: 0 });
      else
        resolve({
          ok: false,
          error: { code: 'SettingsNotSaved', message: `Excel could not keep the choice in the workbook (${result.error?.message ?? 'no reason given'}); it holds until the workbook is closed.` },
          syncs: 0,
        });
    });
  });
}

/** `Office.context.document.settings` of the page, or `null` outside Office. */
export function officeDocumentSettings(): DocumentSettings | null {
  const office = (globalThis as { Office?: { context?: { document?: { settings?: DocumentSettings } } } }).Office;
  return office?.context?.document?.settings ?? null;
}
