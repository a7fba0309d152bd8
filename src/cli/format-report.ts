import Table from 'cli-table3';
import { statusLabel } from '../engine/labels';
import { STATUS_IDS, type Language, type Recalculation, type RowResult, type StatusSummary, type TargetValue, type Trend, type Unit } from '../engine/types';

/**
 * What the CLI prints: the JSON report of SPEC §6 and the human-readable table. Rendering only;
 * the numbers come from the engine unrounded, and are rounded here for display alone.
 */

/** One book's part of the JSON report (SPEC §6), in exactly that shape. */
export interface JsonBook {
  file: string;
  year: number;
  asOf: string;
  sheets: { name: string; rows: JsonRow[] }[];
  summary: StatusSummary;
}

export interface JsonRow {
  id: string;
  status: RowResult['status'];
  actual: RowResult['actual'];
  target: TargetValue;
  unit: Unit | null;
  gap: number | null;
  targets: Record<string, TargetValue>;
  explanation: string;
  /** The change since the latest earlier snapshot (SPEC §8), present when there is one. */
  trend?: Trend;
}

/**
 * Picks the SPEC §6 fields out of a recalculation; nothing else leaks into the report.
 *
 * @example JSON.stringify({ books: [toJsonBook('book.xlsx', recalculation)] })
 */
export function toJsonBook(file: string, recalculation: Recalculation): JsonBook {
  return {
    file,
    year: recalculation.year,
    asOf: recalculation.asOf,
    sheets: recalculation.sheets.map((sheet) => ({
      name: sheet.name,
      rows: sheet.rows.map((row) => ({
        id: row.id,
        status: row.status,
        actual: row.actual,
        target: row.target,
        unit: row.unit,
        gap: row.gap,
        targets: row.targets,
        explanation: row.explanation,
        ...(row.trend ? { trend: row.trend } : {}),
      })),
    })),
    summary: recalculation.summary,
  };
}

/** Rounds for display to at most one decimal, with a decimal comma in Danish. */
function formatNumber(value: number, language: Language): string {
  const rounded = Math.round(value * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return language === 'da' ? text.replace('.', ',') : text;
}

function unitSuffix(unit: Unit | null): string {
  if (unit === '%') return ' %';
  if (unit === 'pp') return ' pp';
  if (unit === 'DKK') return ' kr.';
  return '';
}

/** The engine reports a milestone's state in English (RowResult.actual); a Danish table says it in Danish. */
const MILESTONE_STATES_DA: Record<string, string> = { done: 'udført', 'in progress': 'i gang', 'not done': 'ikke udført' };

/** `75 %`, `365`, `in progress`; blank for none. @example formatActual(75, '%', 'en') // '75 %' */
export function formatActual(actual: RowResult['actual'], unit: Unit | null, language: Language): string {
  if (actual === null) return '';
  if (typeof actual === 'string') return language === 'da' ? (MILESTONE_STATES_DA[actual] ?? actual) : actual;
  return `${formatNumber(actual, language)}${unitSuffix(unit)}`;
}

/** `80 %`, `40–60 %`; blank for none. */
export function formatTarget(target: TargetValue, unit: Unit | null, language: Language): string {
  if (target === null) return '';
  if (Array.isArray(target)) return `${formatNumber(target[0], language)}–${formatNumber(target[1], language)}${unitSuffix(unit)}`;
  return `${formatNumber(target, language)}${unitSuffix(unit)}`;
}

/** Signed, in the row's unit (pp for %): `−5 pp`, `+15`. */
export function formatGap(gap: number | null, unit: Unit | null, language: Language): string {
  if (gap === null) return '';
  const magnitude = formatNumber(Math.abs(gap), language);
  const sign = magnitude === '0' ? '' : gap < 0 ? '−' : '+';
  const suffix = unit === '%' || unit === 'pp' ? ' pp' : unit === 'DKK' ? ' kr.' : '';
  return `${sign}${magnitude}${suffix}`;
}

/** Titles longer than this are cut with an ellipsis so the table fits a terminal. */
const TITLE_WIDTH = 36;

function shorten(text: string | null, width: number): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

const HEADINGS: Record<Language, string[]> = {
  en: ['ID', 'Title', 'Status', 'Actual', 'Target', 'Gap'],
  da: ['Nr.', 'Mål', 'Status', 'Resultat', 'Måltal', 'Afvigelse'],
};

/** The Trend column (SPEC §8), shown when some row of the sheet has an earlier snapshot. */
const TREND_HEADING: Record<Language, string> = { en: 'Trend', da: 'Udvikling' };

/**
 * One table per goal sheet: ID, shortened title, status label, actual, target, gap.
 *
 * @example formatTables('book.xlsx', recalculation) // "Mål 2021 (book.xlsx, 2021, as of 2021-10-13)\n┌─────…"
 */
export function formatTables(file: string, recalculation: Recalculation): string {
  const parts: string[] = [];
  for (const sheet of recalculation.sheets) {
    const language = sheet.language;
    // No colours in the table: the status label carries the meaning (SPEC §1) and tests stay plain.
    const withTrend = sheet.rows.some((row) => row.trend);
    const head = withTrend ? [...HEADINGS[language], TREND_HEADING[language]] : HEADINGS[language];
    const table = new Table({ head, style: { head: [], border: [] } });
    for (const row of sheet.rows) {
      const trend = withTrend ? [row.trend?.text ?? ''] : [];
      table.push([
        row.id,
        shorten(row.title, TITLE_WIDTH),
        statusLabel(row.status, language),
        formatActual(row.actual, row.unit, language),
        formatTarget(row.target, row.unit, language),
        formatGap(row.gap, row.unit, language),
        ...trend,
      ]);
    }
    parts.push(`${sheet.name} (${file}, ${recalculation.year}, as of ${recalculation.asOf})\n${table.toString()}`);
  }
  if (recalculation.sheets.length === 0) parts.push(`${file}: no goal sheet found (a header row with an ID and a Target column)`);
  return parts.join('\n\n');
}

const SUMMARY_WORDS: Record<RowResult['status'], string> = {
  met: 'met',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  'no-data': 'no data',
  'not-applicable': 'not applicable',
  'no-target': 'no target',
  error: 'error',
};

/** @example formatSummary(summary) // '5 met, 1 on track, 2 at risk, 0 off track, 2 no data, 1 not applicable, 0 no target, 0 error' */
export function formatSummary(summary: StatusSummary): string {
  return STATUS_IDS.map((id) => `${summary[id]} ${SUMMARY_WORDS[id]}`).join(', ');
}
