/**
 * Turns the pane's year and as-of inputs into a recalculation request, or into messages that
 * say what is wrong with them. Blank inputs mean "use the settings sheet or the default"
 * (SPEC 5: task-pane choices override the sheet only when given).
 */
import { parseAsOfDate, parseEvaluationYear } from '../engine';
import type { RecalculateRequest } from './excel-api';
import type { Strings } from '../ui/i18n';

export interface SettingsInput {
  year: string;
  asOf: string;
}

export type SettingsOutcome =
  | { ok: true; request: Pick<RecalculateRequest, 'year' | 'asOf'> }
  | { ok: false; yearError?: string; asOfError?: string };

/**
 * Validates the two inputs with the engine's one year and date validator, as the command line does.
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
    const year = parseEvaluationYear(yearText);
    if (year !== null) request.year = year;
    else yearError = strings.invalidYear(yearText);
  }
  if (asOfText !== '') {
    const asOf = parseAsOfDate(asOfText);
    if (asOf !== null) request.asOf = asOf;
    else asOfError = strings.invalidAsOf(asOfText);
  }
  if (yearError || asOfError) return { ok: false, yearError, asOfError };
  return { ok: true, request };
}
