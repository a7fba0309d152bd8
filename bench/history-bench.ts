/**
 * `engine.history.*` (docs/benchmarks.md): what the history of docs/spec.md §8 costs a recalculation. The
 * same 1,000-goal workbook is recalculated without a history (setting History = nej, no history
 * sheet) and with a history sheet of 20 earlier snapshots (20,000 rows to read back, merge,
 * compare for trends and write whole). Target: at most 10 % slower.
 */
import { recalculate } from '../src/engine';
import { planHistorySheet, readHistorySheet } from '../src/engine/history/history-sheet';
import { mergeHistory } from '../src/engine/history/merge-history';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/engine/types';
import { type BenchFigure, round, timeSync } from './figures';
import { BENCH_AS_OF, BENCH_NOW, buildGoalWorkbook } from '../test/support/goal-workbook';

export interface HistoryCase {
  goalRows: number;
  surveyRows: number;
  snapshots: number;
}

export const HISTORY_CASE: HistoryCase = { goalRows: 1_000, surveyRows: 100_000, snapshots: 20 };

/** A history sheet of `snapshots` earlier as-of dates (weekly, ending before the bench date), each with every goal row. */
function buildHistorySheet(snapshot: WorkbookSnapshot, snapshots: number): SheetSnapshot {
  const rows = recalculate(snapshot, { now: BENCH_NOW, asOf: BENCH_AS_OF, write: false }).sheets[0]!.rows;
  const end = Date.parse(`${BENCH_AS_OF}T00:00:00Z`);
  const dated = Array.from({ length: snapshots }, (_, k) => ({
    sheet: 'Mål 2021',
    year: 2021,
    asOf: new Date(end - (snapshots - k) * 7 * 86_400_000).toISOString().slice(0, 10),
    rows,
  }));
  const empty = readHistorySheet({ sheets: [] }, 'da');
  const { writes } = planHistorySheet(empty, mergeHistory([], dated, ['Mål 2021']).lines);
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (const write of writes) {
    (values[write.row] ??= [])[write.col] = write.value;
    (numberFormats[write.row] ??= [])[write.col] = write.numberFormat ?? null;
  }
  return { name: empty.name, values, numberFormats };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/**
 * Runs the case and returns its figures (warm medians of 5 interleaved calls each, after one cold call).
 *
 * @example runHistoryBench({ goalRows: 12, surveyRows: 2_000, snapshots: 3 }).map((f) => f.name)
 */
export function runHistoryBench(c: HistoryCase = HISTORY_CASE): BenchFigure[] {
  const base = buildGoalWorkbook(c.goalRows, c.surveyRows);
  const without: WorkbookSnapshot = { sheets: [...base.sheets, { name: 'Trafiklys', values: [['Historik', 'nej']] }] };
  const history = buildHistorySheet(base, c.snapshots);
  const withHistory: WorkbookSnapshot = { sheets: [...base.sheets, history] };
  const run = (book: WorkbookSnapshot) => recalculate(book, { now: BENCH_NOW, asOf: BENCH_AS_OF });
  const check = run(withHistory);
  if (check.history?.length !== (c.snapshots + 1) * c.goalRows || check.findings.length > 0) {
    throw new Error(`history bench: expected ${(c.snapshots + 1) * c.goalRows} entries, got ${check.history?.length} (${check.findings[0]?.message ?? 'no finding'})`);
  }
  run(without);
  const plain: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < 5; i++) {
    plain.push(timeSync(() => run(without)).ms);
    kept.push(timeSync(() => run(withHistory)).ms);
  }
  const tag = `${c.goalRows.toLocaleString('en-US')} goals × ${c.surveyRows.toLocaleString('en-US')} rows, ${c.snapshots} snapshots`;
  const a = median(plain);
  const b = median(kept);
  return [
    { name: `engine.history.without.ms (${tag}, median of 5)`, value: round(a), unit: 'ms' },
    { name: `engine.history.with.ms (${tag}, median of 5)`, value: round(b), unit: 'ms' },
    { name: `engine.history.ratio (${tag}; target ≤ 1.10)`, value: round(b / a), unit: '×' },
  ];
}
