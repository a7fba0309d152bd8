import { goalDepth, reportTitle, STATUS_IDS, statusLabel } from '../engine';
import type { HistoryEntry, Language, Recalculation, RowResult, StatusId, StatusSummary, Trend } from '../engine';
import { formatActualValue as formatActual, formatTargetValue as formatTarget } from '../engine';
import { buildChangesSections, type ChangesSection } from './changes-section';
import { shortDate, statusLine } from './format-values';

/**
 * The plain model of `trafiklys report` (SPEC §8): what each book's section and the overview of
 * many books show, already in display form. Both the HTML and the overview workbook are drawn
 * from it, so they cannot disagree.
 */

/** One evaluated book: its file name (no folder) and the engine's result. */
export interface ReportBook {
  file: string;
  recalculation: Recalculation;
}

/** A book that could not be read (encrypted, not a workbook): named in the report with the reason. */
export interface UnreadableBook {
  file: string;
  reason: string;
}

export interface ReportInput {
  books: ReportBook[];
  unreadable?: UnreadableBook[];
  /** Labels' language; default the first book's language (its first goal sheet), else Danish. */
  language?: Language;
}

export interface OverviewCell {
  status: StatusId;
  label: string;
  /** The actual in display form; blank for none. */
  actual: string;
}

export interface OverviewRow {
  id: string;
  /** From the first book that has the goal. */
  title: string;
  /** 0 for `3`, 1 for `3.1`. */
  depth: number;
  /** One per book, `null` where the book lacks the goal. */
  cells: (OverviewCell | null)[];
}

export interface Overview {
  /** The date the overview shows the statuses at: `Status pr. 13. oktober 2021`, naming any book of another date. */
  statusLine: string;
  /** One per book: its `Organisation` setting, else its file name. */
  columns: string[];
  rows: OverviewRow[];
  /** Per book, how many of its overview cells have each status; the column adds up to these. */
  counts: StatusSummary[];
}

/** One snapshot of a goal's history, for its chart. */
export interface HistoryPoint {
  asOf: string;
  /** `null` where the snapshot had no numeric actual (no data, a milestone). */
  actual: number | null;
  /** Year Y's target then; a range as `[lo, hi]`. */
  target: number | [number, number] | null;
  status: StatusId;
}

export interface ReportRow {
  id: string;
  depth: number;
  title: string;
  target: string;
  actual: string;
  status: StatusId;
  statusLabel: string;
  trend: Trend | null;
  comment: string;
  explanation: string;
  unit: RowResult['unit'];
  /** Two or more snapshots, oldest first; absent with fewer. */
  history?: HistoryPoint[];
}

export interface ReportSheet {
  name: string;
  year: number;
  /** The goal sheet has a Comment column: the report shows `Bemærkning`/`Comment`. */
  hasComment: boolean;
  rows: ReportRow[];
}

export interface BookSection {
  file: string;
  title: string;
  statusLine: string;
  sheets: ReportSheet[];
  /** docs/spec.md §9: each pair of contract years, after the sheets. */
  changes: ChangesSection[];
}

export interface ReportModel {
  language: Language;
  /** Present with two or more readable books. */
  overview: Overview | null;
  books: BookSection[];
  unreadable: UnreadableBook[];
}

/**
 * Compares goal IDs the way the contract numbers them: dotted parts one by one, numbers by value,
 * so `2` < `10`, `3.1` < `3.10`, and a parent before its sub-goals (`3` < `3.1`).
 *
 * @example ['10', '3.10', '2', '3.1', '3'].sort(compareGoalIds) // ['2', '3', '3.1', '3.10', '10']
 */
export function compareGoalIds(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const x = left[i] as string;
    const y = right[i] as string;
    const bothNumbers = /^\d+$/.test(x) && /^\d+$/.test(y);
    const order = bothNumbers ? Number(x) - Number(y) : x.localeCompare(y, 'da', { numeric: true });
    if (order !== 0) return order;
  }
  if (left.length !== right.length) return left.length - right.length;
  // Same parts by value (`3.01` and `3.1`): keep a stable, total order.
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptySummary(): StatusSummary {
  return Object.fromEntries(STATUS_IDS.map((id) => [id, 0])) as StatusSummary;
}

/**
 * The report's language (SPEC §8): `--lang`, else the first book's first goal sheet, else Danish.
 *
 * @example chooseLanguage([], 'en') // 'en'
 */
export function chooseLanguage(books: readonly ReportBook[], requested?: Language): Language {
  if (requested) return requested;
  for (const book of books) {
    const sheet = book.recalculation.sheets[0];
    if (sheet) return sheet.language;
  }
  return 'da';
}

/** The name a book's overview column shows: its `Organisation` setting, else the file name. */
export function bookColumnName(book: ReportBook): string {
  const organisation = book.recalculation.organisation?.trim();
  return organisation ? organisation : book.file;
}

/**
 * The goal sheets a book's overview column shows: those judged against the book's year (SPEC §3),
 * so a book holding next year's contract beside this year's is compared by this year's statuses;
 * every sheet when none is (docs/decisions.md, "The overview when contract years sit side by side").
 *
 * @example overviewSheets(book).map((sheet) => sheet.name) // ['Mål 2021'] for a book with 'Mål 2021' and 'Mål 2022' as of 2021
 */
export function overviewSheets(book: ReportBook): ReportBook['recalculation']['sheets'] {
  const { sheets, year } = book.recalculation;
  const current = sheets.filter((sheet) => sheet.year === year);
  return current.length > 0 ? current : sheets;
}

/**
 * The overview of many books (SPEC §8): one row per goal ID found in any book, in natural ID
 * order, titled by the first book that has it; one column per book. Within a book, a goal ID on
 * several goal sheets is shown from the first sheet that has it (docs/decisions.md, "The HTML report, `trafiklys report`").
 *
 * @example buildOverview([{ file: 'a.xlsx', recalculation }], 'da').rows[0].cells[0]?.label // 'Opfyldt'
 */
export function buildOverview(books: readonly ReportBook[], language: Language): Overview {
  const perBook = books.map((book) => {
    const byId = new Map<string, RowResult>();
    for (const sheet of overviewSheets(book)) for (const row of sheet.rows) if (!byId.has(row.id)) byId.set(row.id, row);
    return byId;
  });
  // "Titled by the first book that has it" (SPEC §8).
  const firstTitles = new Map<string, string>();
  for (const byId of perBook) for (const [id, row] of byId) if (!firstTitles.has(id)) firstTitles.set(id, row.title ?? '');
  const ids = [...firstTitles.keys()].sort(compareGoalIds);
  const counts = books.map(() => emptySummary());
  const rows = ids.map((id): OverviewRow => ({
    id,
    title: firstTitles.get(id) ?? '',
    depth: goalDepth(id),
    cells: perBook.map((byId, b) => {
      const row = byId.get(id);
      if (!row) return null;
      (counts[b] as StatusSummary)[row.status] += 1;
      return { status: row.status, label: statusLabel(row.status, language), actual: formatActual(row.actual, row.unit, language) };
    }),
  }));
  return { statusLine: overviewStatusLine(books, language), columns: books.map(bookColumnName), rows, counts };
}

/**
 * The overview's date: the books' common as-of date, else the latest, with each book of another
 * date named beside it (docs/decisions.md, "The HTML report for a board").
 * @example overviewStatusLine(books, 'da') // 'Status pr. 13. oktober 2021 (Erhvervshus Midtjylland: 30-06-2021)'
 */
function overviewStatusLine(books: readonly ReportBook[], language: Language): string {
  const latest = books.map((book) => book.recalculation.asOf).reduce((a, b) => (b > a ? b : a));
  const others = books.filter((book) => book.recalculation.asOf !== latest).map((book) => `${bookColumnName(book)}: ${shortDate(book.recalculation.asOf)}`);
  return others.length === 0 ? statusLine(latest, language) : `${statusLine(latest, language)} (${others.join('; ')})`;
}

/**
 * A goal's snapshots for its chart, oldest first: the entries of the same sheet and ID, of the
 * year being reported (else of the latest snapshot's year). `undefined` unless two or more of them
 * have an actual to draw (a milestone or a parent goal has none).
 */
export function historyFor(history: readonly HistoryEntry[], sheet: string, id: string, year: number): HistoryPoint[] | undefined {
  const mine = history.filter((entry) => entry.sheet === sheet && entry.id === id);
  if (mine.length === 0) return undefined;
  const years = new Set(mine.map((entry) => entry.year));
  const latest = mine.reduce((a, b) => (b.asOf > a.asOf ? b : a));
  const chosenYear = years.has(year) ? year : latest.year;
  const points = mine
    .filter((entry) => entry.year === chosenYear)
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0))
    .map((entry) => ({ asOf: entry.asOf, actual: typeof entry.actual === 'number' ? entry.actual : null, target: entry.target, status: entry.status }));
  return points.filter((point) => point.actual !== null).length >= 2 ? points : undefined;
}

/** One book's section: title, status line, and per goal sheet its rows in sheet order. */
export function buildBookSection(book: ReportBook, language: Language): BookSection {
  const { recalculation } = book;
  // The report sheet's title: the Titel setting, else the goal sheets and the organisation (SPEC §8).
  const title = reportTitle(recalculation.title ?? null, recalculation.sheets.map((sheet) => sheet.name), recalculation.organisation ?? null) || book.file;
  const history = recalculation.history ?? [];
  return {
    file: book.file,
    title,
    statusLine: statusLine(recalculation.asOf, language),
    sheets: recalculation.sheets.map((sheet) => ({
      name: sheet.name,
      year: sheet.year,
      hasComment: sheet.rows.some((row) => row.comment !== undefined),
      rows: sheet.rows.map((row) => {
        const points = historyFor(history, sheet.name, row.id, sheet.year);
        return {
          id: row.id,
          depth: goalDepth(row.id),
          title: row.title ?? '',
          target: formatTarget(row.target, row.unit, language),
          actual: formatActual(row.actual, row.unit, language),
          status: row.status,
          statusLabel: statusLabel(row.status, language),
          trend: row.trend ?? null,
          comment: row.comment ?? '',
          explanation: row.explanation,
          unit: row.unit,
          ...(points ? { history: points } : {}),
        };
      }),
    })),
    changes: buildChangesSections(recalculation.changes, language),
  };
}

/**
 * The whole report's model: the overview (two or more readable books), each book's section, and
 * the books that could not be read. Pure; the input is not mutated.
 *
 * @example buildReportModel({ books: [{ file: 'a.xlsx', recalculation }] }).overview // null
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const language = chooseLanguage(input.books, input.language);
  return {
    language,
    overview: input.books.length >= 2 ? buildOverview(input.books, language) : null,
    books: input.books.map((book) => buildBookSection(book, language)),
    unreadable: [...(input.unreadable ?? [])],
  };
}
