import Table from 'cli-table3';
import {
  COLUMN_WORDS,
  formatActualValue,
  formatGapValue,
  formatTargetValue,
  STATUS_IDS,
  statusLabel,
  statusPhrase,
  type Language,
  type Recalculation,
  type RowResult,
  type StatusSummary,
  type TargetValue,
  type Trend,
  type Unit,
} from '../engine';
import { toJsonChanges, type JsonContractChanges } from './format-changes';

/**
 * What the CLI prints: the JSON report of SPEC §6 and the human-readable table. Rendering only;
 * the numbers come from the engine unrounded, and the engine's display formatter
 * (display.ts) shows them as the sheet's Explanation does.
 */

/** One book's part of the JSON report (SPEC §6), in exactly that shape. */
export interface JsonBook {
  file: string;
  year: number;
  asOf: string;
  /** Each sheet's own evaluation year (SPEC §3, §6). */
  sheets: { name: string; year: number; rows: JsonRow[] }[];
  summary: StatusSummary;
  /** SPEC §9: each goal sheet beside the nearest earlier contract year's. */
  changes: JsonContractChanges[];
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
  /** The target rule in the canonical form of SPEC §2, for rows with a Target (SPEC §6). */
  rule?: string;
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
      year: sheet.year,
      rows: sheet.rows.map((row) => ({
        id: row.id,
        status: row.status,
        actual: row.actual,
        target: row.target,
        unit: row.unit,
        gap: row.gap,
        targets: row.targets,
        explanation: row.explanation,
        ...(row.rule !== undefined ? { rule: row.rule } : {}),
        ...(row.trend ? { trend: row.trend } : {}),
      })),
    })),
    summary: recalculation.summary,
    changes: toJsonChanges(recalculation),
  };
}

/** Titles longer than this are cut with an ellipsis so the table fits a terminal. */
const TITLE_WIDTH = 36;

function shorten(text: string | null, width: number): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

const TABLE_COLUMNS = ['id', 'title', 'status', 'actual', 'target', 'gap'] as const;

const HEADINGS: Record<Language, string[]> = {
  en: TABLE_COLUMNS.map((column) => COLUMN_WORDS[column].en),
  da: TABLE_COLUMNS.map((column) => COLUMN_WORDS[column].da),
};

/** The Trend column (SPEC §8), shown when some row of the sheet has an earlier snapshot. */
const TREND_HEADING: Record<Language, string> = COLUMN_WORDS.trend;

/**
 * One table per goal sheet (ID, shortened title, status label, actual, target, gap, and the trend
 * once there is one), then the targets read from prose and each error row's reason, its cell and message.
 *
 * @example formatTables('book.xlsx', recalculation) // "Mål 2021 (book.xlsx, 2021, opgjort pr. 2021-10-13)\n┌─────…"
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
        formatActualValue(row.actual, row.unit, language),
        formatTargetValue(row.target, row.unit, language),
        formatGapValue(row.gap, row.unit, language),
        ...trend,
      ]);
    }
    // Targets read from the contract's prose: what Trafiklys understood, under the table.
    const readings = sheet.rows.filter((row) => row.reading).map((row) => `${row.id}: ${row.reading}`);
    // An error's reason (its cell and message) under the table too: the table only says Fejl/Error.
    const reasons = sheet.rows.filter((row) => row.status === 'error').map((row) => `${row.id}: ${row.explanation}`);
    const asOf = language === 'da' ? 'opgjort pr.' : 'as of';
    parts.push([`${sheet.name} (${file}, ${sheet.year}, ${asOf} ${recalculation.asOf})`, table.toString(), ...readings, ...reasons].join('\n'));
  }
  const nearMisses = (recalculation.nearMisses ?? []).map((miss) => miss.message);
  if (recalculation.sheets.length === 0) parts.push([`${file}: ${NO_GOAL_SHEET[summaryLanguage(recalculation, undefined)]}`, ...nearMisses].join('\n'));
  else if (nearMisses.length > 0) parts.push(nearMisses.join('\n'));
  return parts.join('\n\n');
}

const NO_GOAL_SHEET: Record<Language, string> = {
  en: 'no goal sheet found (a header row with an ID and a Target column)',
  da: 'intet målark fundet (en overskriftsrække med kolonnerne Nr. og Måltal)',
};

/**
 * The language of a book's summary line: `--lang` when given, else its first goal sheet's, else
 * that of a header spelled almost right, else the command line's own English.
 */
export function summaryLanguage(recalculation: Recalculation, language: Language | undefined): Language {
  return language ?? recalculation.sheets[0]?.language ?? recalculation.nearMisses?.[0]?.language ?? 'en';
}

/**
 * What `recalc` wrote, after the summary line, in its language: the file, a copy with nothing new
 * in it (a book with no goal sheet, docs/spec.md §5), or nothing; empty for `check`.
 * @example formatWritten('out.xlsx', false, 'da') // '; skrev out.xlsx'
 * @example formatWritten(null, true, 'en') // '; nothing new to write: the workbook is left as it was'
 */
export function formatWritten(written: string | null | undefined, nothingNew: boolean, language: Language): string {
  if (written === undefined) return '';
  const da = language === 'da';
  if (written === null) return da ? '; intet nyt at skrive: projektmappen er som den var' : '; nothing new to write: the workbook is left as it was';
  if (nothingNew) return da ? `; skrev ${written}, en kopi uden noget nyt` : `; wrote ${written}, a copy with nothing new in it`;
  return da ? `; skrev ${written}` : `; wrote ${written}`;
}

/**
 * @example formatSummary(summary) // '5 met, 1 on track, 2 at risk, 0 off track, 2 no data, 1 not applicable, 0 no target, 0 error'
 * @example formatSummary(summary, 'da') // '5 opfyldt, 1 på vej, 2 i risiko, 0 ikke opfyldt, 2 afventer data, 1 udgået, 0 uden måltal, 0 fejl'
 */
export function formatSummary(summary: StatusSummary, language: Language = 'en'): string {
  return STATUS_IDS.map((id) => `${summary[id]} ${statusPhrase(id, language)}`).join(', ');
}
