/**
 * The ribbon command's report: what one recalculation did, carried to the outcome dialog in
 * its URL's query string (a dialog page gets no other input before it loads) and put into
 * words there.
 */
import { STATUS_IDS, type Language, type Recalculation, type StatusId, type StatusSummary } from '../engine/index';
import type { HostResult } from '../excel';
import { STRINGS } from '../ui/i18n';

export type Outcome =
  | { ok: true; year: number; asOf: string; summary: StatusSummary; syncs: number }
  | { ok: false; code: string; message: string; incomplete?: string[] };

/** Reduces a recalculation's result to the small outcome the dialog shows. */
export function summariseOutcome(result: HostResult<Recalculation>): Outcome {
  if (!result.ok) {
    const incomplete = result.error.write?.incomplete ?? [];
    return { ok: false, code: result.error.code, message: result.error.message, ...(incomplete.length > 0 ? { incomplete } : {}) };
  }
  return { ok: true, year: result.value.year, asOf: result.value.asOf, summary: { ...result.value.summary }, syncs: result.syncs };
}

/**
 * Writes an outcome and the language into a query string.
 *
 * @example
 * encodeOutcome({ ok: false, code: 'Busy', message: 'Wait' }, 'en'); // 'lang=en&ok=0&code=Busy&message=Wait'
 */
export function encodeOutcome(outcome: Outcome, language: Language): string {
  const params = new URLSearchParams({ lang: language });
  if (outcome.ok) {
    params.set('ok', '1');
    params.set('year', String(outcome.year));
    params.set('asOf', outcome.asOf);
    params.set('syncs', String(outcome.syncs));
    for (const status of STATUS_IDS) params.set(status, String(outcome.summary[status] ?? 0));
  } else {
    params.set('ok', '0');
    params.set('code', outcome.code);
    // The message may name sheets; the query string is never shown as HTML (textContent only).
    params.set('message', outcome.message.slice(0, 500));
    // Apart from the message, which may be cut: the dialog names every incomplete sheet (docs/spec.md §7).
    for (const sheet of outcome.incomplete ?? []) params.append('incomplete', sheet);
  }
  return params.toString();
}

/** Reads what {@link encodeOutcome} wrote; `null` when the query is not an outcome. */
export function decodeOutcome(query: string): { outcome: Outcome; language: Language } | null {
  const params = new URLSearchParams(query);
  const language: Language = params.get('lang') === 'da' ? 'da' : 'en';
  if (params.get('ok') === '0') {
    const incomplete = params.getAll('incomplete');
    return { language, outcome: { ok: false, code: params.get('code') ?? 'Unexpected', message: params.get('message') ?? '', ...(incomplete.length > 0 ? { incomplete } : {}) } };
  }
  if (params.get('ok') !== '1') return null;
  const summary = {} as StatusSummary;
  for (const status of STATUS_IDS) {
    const count = Number(params.get(status) ?? '0');
    summary[status] = Number.isInteger(count) && count >= 0 ? count : 0;
  }
  return {
    language,
    outcome: { ok: true, year: Number(params.get('year')), asOf: params.get('asOf') ?? '', summary, syncs: Number(params.get('syncs') ?? 0) },
  };
}

/**
 * The dialog's title and lines in `language`; statuses with no rows are left out.
 *
 * @example
 * describeOutcome({ ok: true, year: 2021, asOf: '2021-10-13', summary, syncs: 3 }, 'en').lines[0];
 * // 'Year 2021, as of 2021-10-13'
 */
export function describeOutcome(outcome: Outcome, language: Language): { title: string; lines: string[] } {
  const strings = STRINGS[language];
  if (!outcome.ok) {
    const message = outcome.code === 'Busy' ? strings.busy : `${outcome.message} (${outcome.code})`;
    return { title: strings.outcomeFailed, lines: [message, ...(outcome.incomplete ? [describeIncomplete(outcome.incomplete, language)] : [])] };
  }
  const rows = STATUS_IDS.reduce((total, status) => total + outcome.summary[status], 0);
  const counts = STATUS_IDS.filter((status: StatusId) => outcome.summary[status] > 0).map(
    (status) => `${strings.status[status]}: ${outcome.summary[status]}`,
  );
  const period = language === 'da' ? `År ${outcome.year}, opgjort pr. ${outcome.asOf}` : `Year ${outcome.year}, as of ${outcome.asOf}`;
  return { title: strings.outcomeTitle, lines: [period, ...counts, strings.done(rows, outcome.syncs)] };
}

/**
 * The dialog's line naming the sheets a stopped write left incomplete (docs/spec.md §7).
 *
 * @example describeIncomplete(['Mål 2021'], 'en') // "Incomplete: 'Mål 2021'. Press Recalculate again to complete it."
 */
export function describeIncomplete(sheets: readonly string[], language: Language): string {
  const list = sheets.map((n) => `'${n}'`).join(', ');
  if (language === 'da') return `Ufuldstændig${sheets.length > 1 ? 'e' : 't'} ark: ${list}. Tryk Genberegn igen for at gøre ${sheets.length > 1 ? 'dem' : 'det'} færdig${sheets.length > 1 ? 'e' : 't'}.`;
  return `Incomplete: ${list}. Press Recalculate again to complete ${sheets.length > 1 ? 'them' : 'it'}.`;
}
