/**
 * Turns the pane's year and as-of inputs into a recalculation request, or into messages that
 * say what is wrong with them. Blank inputs mean "use the settings sheet or the default"
 * (SPEC 5: task-pane choices override the sheet only when given).
 */
import type { RecalculateRequest } from './excel-api';
import type { Strings } from '../ui/i18n';

export interface SettingsInput {
  year: string;
  asOf: string;
}

export type SettingsOutcome =
  | { ok: true; request: Pick<RecalculateRequest, 'year' | 'asOf'> }
  | { ok: false; yearError?: string; asOfError?: string };

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates the two inputs.
 *
 * @example
 * readSettings({ year: '2021', asOf: '2021-10-13' }, STRINGS.en);
 * // { ok: true, request: { year: 2021, asOf: '2021-10-13' } }
 * readSettings({ year: '', asOf: '' }, STRINGS.en);
 * // { ok: true, request: {} }
 */
export function readSettings(input: SettingsInput, strings: Strings): SettingsOutcome {
  const yearText = input.year.trim();
  const asOfText = input.asOf.trim();
  const request: Pick<RecalculateRequest, 'year' | 'asOf'> = {};
  let yearError: string | undefined;
  let asOfError: string | undefined;
  if (yearText !== '') {
    if (/^\d{4}$/.test(yearText) && Number(yearText) >= 1900) request.year = Number(yearText);
    else yearError = strings.invalidYear(yearText);
  }
  if (asOfText !== '') {
    if (isIsoDate(asOfText)) request.asOf = asOfText;
    else asOfError = strings.invalidAsOf(asOfText);
  }
  if (yearError || asOfError) return { ok: false, yearError, asOfError };
  return { ok: true, request };
}
