/** Recalculation objects made by hand for the report's tests: the engine's shape, our values. */
import { STATUS_IDS, type HistoryEntry, type Language, type Recalculation, type RowResult, type StatusSummary } from '../../src/engine';

export function makeRow(id: string, fields: Partial<RowResult> = {}): RowResult {
  return {
    id,
    row: 4,
    title: `Goal ${id}`,
    status: 'met',
    actual: null,
    target: null,
    unit: null,
    gap: null,
    targets: {},
    explanation: '',
    ...fields,
  };
}

export interface MakeRecalculationOptions {
  sheet?: string;
  language?: Language;
  asOf?: string;
  year?: number;
  history?: HistoryEntry[];
  title?: string | null;
  organisation?: string | null;
  /** More goal sheets after the first. */
  moreSheets?: { name: string; rows: RowResult[]; year?: number }[];
}

export function makeRecalculation(rows: RowResult[], options: MakeRecalculationOptions = {}): Recalculation {
  const language = options.language ?? 'da';
  const year = options.year ?? 2021;
  const sheets = [{ name: options.sheet ?? 'Mål 2021', language, year, rows }, ...(options.moreSheets ?? []).map((s) => ({ ...s, language, year: s.year ?? year }))];
  const summary = Object.fromEntries(STATUS_IDS.map((id) => [id, 0])) as StatusSummary;
  for (const sheet of sheets) for (const row of sheet.rows) summary[row.status] += 1;
  return {
    year,
    asOf: options.asOf ?? '2021-10-13',
    sheets,
    summary,
    findings: [],
    plan: { addSheets: [], writes: [] },
    ...(options.history ? { history: options.history } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
  };
}

export function makeEntry(id: string, asOf: string, fields: Partial<HistoryEntry> = {}): HistoryEntry {
  return { asOf, year: 2021, sheet: 'Mål 2021', id, title: `Goal ${id}`, unit: '%', target: 80, actual: 70, status: 'at-risk', ...fields };
}
