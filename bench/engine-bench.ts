/**
 * `engine.recalc.*` (docs/benchmarks.md): the engine's `recalculate` against the same
 * goal sheet evaluated the naive way, a fresh source evaluator per Source cell so that every
 * source rescans and renormalises its sheet (what `createSourceEvaluator`'s sharing avoids).
 */
import { recalculate } from '../src/engine';
import { evaluateGoalSheet } from '../src/engine/evaluate-sheet';
import { layOutOutputColumns, planSheetWrites } from '../src/engine/plan';
import { dayFromIso } from '../src/engine/dates';
import { createSourceEvaluator } from '../src/engine/sources';
import type { SheetSnapshot, SourceEvaluator, WorkbookSnapshot } from '../src/engine/types';
import { type BenchFigure, measureMemory, round, timeSync } from './figures';
import { BENCH_AS_OF, BENCH_NOW, buildGoalSheet, buildGoalWorkbook } from '../test/support/goal-workbook';

export interface EngineCase {
  goalRows: number;
  surveyRows: number;
  /** Measure the naive way on this many goal rows and scale up; all rows when absent. */
  naiveSample?: number;
}

/** The two cases docs/benchmarks.md reports. The naive 1,000 × 1,000,000 would take about ten minutes. */
export const ENGINE_CASES: EngineCase[] = [
  { goalRows: 50, surveyRows: 100_000 },
  { goalRows: 1_000, surveyRows: 1_000_000, naiveSample: 12 },
];

function naiveSources(snapshot: WorkbookSnapshot): SourceEvaluator {
  return { evaluate: (expression, cell, label, language) => createSourceEvaluator(snapshot).evaluate(expression, cell, label, language) };
}

/** What `recalculate` does for one goal sheet, with the naive evaluator in place of the shared one. */
function recalculateNaively(snapshot: WorkbookSnapshot, goal: SheetSnapshot): number {
  const asOf = dayFromIso(BENCH_AS_OF);
  if (asOf === null) throw new Error('bad bench date');
  const sheet = evaluateGoalSheet(goal, { year: 2021, asOf, sources: naiveSources(snapshot) });
  if (!sheet) throw new Error('the bench goal sheet was not recognised');
  return planSheetWrites(goal, sheet, layOutOutputColumns(sheet)).length;
}

function label(c: EngineCase): string {
  return `${c.goalRows.toLocaleString('en-US')} goals × ${c.surveyRows.toLocaleString('en-US')} rows`;
}

/**
 * Runs the engine cases and returns their figures.
 *
 * @example
 * for (const f of runEngineBench([{ goalRows: 6, surveyRows: 1000 }])) console.log(f.name, f.value);
 */
export function runEngineBench(cases: EngineCase[] = ENGINE_CASES): BenchFigure[] {
  const figures: BenchFigure[] = [];
  for (const c of cases) {
    const snapshot = buildGoalWorkbook(c.goalRows, c.surveyRows);
    const tag = label(c);
    const shared = measureMemory(() => recalculate(snapshot, { now: BENCH_NOW, asOf: BENCH_AS_OF }));
    const errors = shared.result.summary.error;
    // A bench whose rows fail measures error paths, not the work.
    if (errors > 0) throw new Error(`${tag}: ${errors} rows are errors: ${shared.result.sheets[0]?.rows.find((r) => r.status === 'error')?.explanation}`);
    // The first call is cold (V8 has not yet optimised the per-row loops, as in a fresh CLI
    // process); a task pane recalculating again runs warm. Both are figures: the warm one is the
    // median of the next 7 calls (V8 takes 3–4 calls to settle), or of 1 for the million-row case.
    const warmRuns = Array.from({ length: c.surveyRows <= 100_000 ? 7 : 1 }, () => timeSync(() => recalculate(snapshot, { now: BENCH_NOW, asOf: BENCH_AS_OF })).ms);
    const warm = warmRuns.sort((a, b) => a - b)[warmRuns.length >> 1];
    const warmName = warmRuns.length > 1 ? `median of ${warmRuns.length}` : 'second call';
    figures.push(
      { name: `engine.recalc.ms (${tag})`, value: round(shared.ms), unit: 'ms' },
      { name: `engine.recalc.warm.ms (${tag}, ${warmName})`, value: round(warm), unit: 'ms' },
      { name: `engine.recalc.heap-delta (${tag})`, value: shared.heapMb, unit: 'MB' },
      { name: `engine.recalc.rss-delta (${tag})`, value: shared.rssMb, unit: 'MB' },
    );
    let naiveMs: number;
    let naiveName: string;
    if (c.naiveSample !== undefined && c.naiveSample < c.goalRows) {
      const goal = buildGoalSheet(c.naiveSample);
      naiveMs = (timeSync(() => recalculateNaively(snapshot, goal)).ms * c.goalRows) / c.naiveSample;
      naiveName = `engine.recalc.naive.ms (${tag}, extrapolated from ${c.naiveSample} sources)`;
    } else {
      naiveMs = timeSync(() => recalculateNaively(snapshot, snapshot.sheets[0])).ms;
      naiveName = `engine.recalc.naive.ms (${tag})`;
    }
    figures.push(
      { name: naiveName, value: round(naiveMs), unit: 'ms' },
      { name: `engine.recalc.naive-ratio (${tag})`, value: round(naiveMs / shared.ms), unit: '×' },
    );
  }
  return figures;
}
