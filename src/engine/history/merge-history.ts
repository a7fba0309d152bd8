import type { HistoryEntry, RowResult } from '../types';
import type { CarriedCell, HistoryLine, StoredRow } from './history-sheet';

/** One goal sheet's snapshot of this recalculation. */
export interface SheetSnapshotRows {
  sheet: string;
  year: number;
  /** ISO `YYYY-MM-DD`: the sheet's own as-of date. */
  asOf: string;
  rows: readonly RowResult[];
}

export interface MergedHistory {
  /** Every readable entry, this recalculation's included, in the sheet's order. */
  entries: HistoryEntry[];
  /** The rows of the rewritten sheet: the entries with the user's cells of their rows, then the unreadable rows. */
  lines: HistoryLine[];
}

/**
 * A snapshot's key (SPEC §8): as-of date, year, sheet.
 * @example snapshotKey({ asOf: '2021-06-30', year: 2021, sheet: 'Mål 2021' }) // '2021-06-30|2021|Mål 2021'
 */
function snapshotKey(entry: Pick<HistoryEntry, 'asOf' | 'year' | 'sheet'>): string {
  return `${entry.asOf}|${entry.year}|${entry.sheet}`;
}

/** The history entry of one evaluated row. */
function entryOf(snapshot: SheetSnapshotRows, row: RowResult): HistoryEntry {
  return {
    asOf: snapshot.asOf,
    year: snapshot.year,
    sheet: snapshot.sheet,
    id: row.id,
    title: row.title,
    unit: row.unit,
    target: row.target,
    actual: row.actual,
    status: row.status,
  };
}

interface Ranked {
  entry: HistoryEntry;
  carried: CarriedCell[];
  sheetRank: number;
  rowRank: number;
  /** Position among stored rows (this recalculation's rows come after), the last tie-break. */
  position: number;
}

/**
 * Replaces the rows of each current snapshot's key and keeps every other row; orders the result by
 * as-of date, year, sheet order (sheets no longer in the workbook after, by name), then row order
 * (the ID's row on its goal sheet today, else where the row stood). Unreadable rows go last, in
 * their order: they have no key to sort by, and are never dropped.
 *
 * @example mergeHistory(stored, [{ sheet: 'Mål 2021', year: 2021, asOf: '2021-10-13', rows }], ['Mål 2021']).entries.length
 */
export function mergeHistory(stored: readonly StoredRow[], current: readonly SheetSnapshotRows[], sheetOrder: readonly string[]): MergedHistory {
  const replaced = new Set(current.map((snapshot) => snapshotKey(snapshot)));
  const sheetIndex = new Map(sheetOrder.map((name, index) => [name, index]));
  const rowIndex = new Map<string, Map<string, number>>();
  for (const snapshot of current) rowIndex.set(snapshot.sheet, new Map(snapshot.rows.map((row, index) => [row.id, index])));
  const rank = (entry: HistoryEntry): { sheetRank: number; rowRank: number } => ({
    sheetRank: sheetIndex.get(entry.sheet) ?? sheetOrder.length,
    rowRank: rowIndex.get(entry.sheet)?.get(entry.id) ?? Number.MAX_SAFE_INTEGER,
  });

  const ranked: Ranked[] = [];
  const unreadable: HistoryLine[] = [];
  stored.forEach((row, position) => {
    if (!row.entry) unreadable.push({ entry: null, carried: row.cells });
    else if (!replaced.has(snapshotKey(row.entry))) ranked.push({ entry: row.entry, carried: row.cells, ...rank(row.entry), position });
  });
  // A replaced row's own cells right of column I (the user's note) stay with its ID in the new snapshot.
  const userCells = new Map<string, CarriedCell[]>();
  for (const row of stored) {
    if (row.entry && replaced.has(snapshotKey(row.entry)) && row.cells.length > 0) userCells.set(`${snapshotKey(row.entry)}|${row.entry.id}`, row.cells);
  }
  for (const snapshot of current) {
    snapshot.rows.forEach((row, index) => {
      const entry = entryOf(snapshot, row);
      const carried = userCells.get(`${snapshotKey(entry)}|${entry.id}`) ?? [];
      ranked.push({ entry, carried, ...rank(entry), position: stored.length + index });
    });
  }
  ranked.sort(compareRanked);
  return {
    entries: ranked.map((item) => item.entry),
    lines: [...ranked.map((item): HistoryLine => ({ entry: item.entry, carried: item.carried })), ...unreadable],
  };
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.entry.asOf !== b.entry.asOf) return a.entry.asOf < b.entry.asOf ? -1 : 1;
  if (a.entry.year !== b.entry.year) return a.entry.year - b.entry.year;
  if (a.sheetRank !== b.sheetRank) return a.sheetRank - b.sheetRank;
  if (a.entry.sheet !== b.entry.sheet) return a.entry.sheet < b.entry.sheet ? -1 : 1;
  if (a.rowRank !== b.rowRank) return a.rowRank - b.rowRank;
  return a.position - b.position;
}
