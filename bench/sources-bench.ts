/**
 * Speed of source expressions (docs/benchmarks.md): 100,000 survey rows and 50 Source cells, evaluated
 * the way a recalculation does it (one evaluator, each sheet and column read once) and the naive
 * way (a fresh evaluator per Source cell, so each one rescans and renormalises the sheet).
 * A figure for the README, not a test: no assertion depends on the time. The survey and the
 * sources are test/support/survey-workbook.ts's.
 */
import { createSourceEvaluator } from '../src/engine/sources';
import { buildBenchSources, buildBenchWorkbook } from '../test/support/survey-workbook';
import type { BenchFigure } from './figures';

export interface SourcesBenchOptions {
  /** Survey rows. Default 100,000. */
  rows?: number;
  /** Source cells. Default 50. */
  sources?: number;
}

/**
 * Runs the benchmark and returns its figures.
 *
 * @example
 * for (const f of runSourcesBench()) console.log(`${f.name}: ${f.value} ${f.unit}`);
 */
export function runSourcesBench(options: SourcesBenchOptions = {}): BenchFigure[] {
  const rows = options.rows ?? 100_000;
  const workbook = buildBenchWorkbook(rows);
  const sources = buildBenchSources(options.sources ?? 50);

  const shared = measure(() => {
    const evaluator = createSourceEvaluator(workbook);
    for (const source of sources) check(evaluator.evaluate(source, 'J7', 'Source'));
  });
  const naive = measure(() => {
    for (const source of sources) check(createSourceEvaluator(workbook).evaluate(source, 'J7', 'Source'));
  });
  return [
    { name: 'survey rows', value: rows, unit: 'rows' },
    { name: 'source cells', value: sources.length, unit: 'cells' },
    { name: 'evaluate, one evaluator per recalculation', value: round(shared), unit: 'ms' },
    { name: 'evaluate, naive (a fresh evaluator per source)', value: round(naive), unit: 'ms' },
    { name: 'naive ÷ shared', value: round(naive / shared), unit: '×' },
  ];
}

function measure(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function check(outcome: ReturnType<ReturnType<typeof createSourceEvaluator>['evaluate']>): void {
  // A bench that measures error outcomes measures nothing.
  if (outcome.kind === 'error') throw new Error(outcome.message);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
