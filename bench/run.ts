/**
 * `npm run bench` (docs/benchmarks.md): prints every figure as a table, or with `--json`
 * one `{"name","value","unit"}` object per line. Deterministic data; about 2–3 minutes on a
 * 2-core machine (more with LibreOffice installed; TRAFIKLYS_BENCH_MILLION=1 adds 1,000,000 rows).
 * `--quick` runs small sizes only (a smoke run of the harness).
 *
 * Usage: npx tsx [--expose-gc] bench/run.ts [--json] [--quick]
 */
import Table from 'cli-table3';
import { runCliBench } from './cli-bench';
import { runEngineBench } from './engine-bench';
import { runExcelBench } from './excel-bench';
import { runHistoryBench } from './history-bench';
import { runLibreOfficeBench } from './libreoffice-bench';
import { runReportBench } from './report-bench';
import type { BenchFigure } from './figures';
import { runSourcesBench } from './sources-bench';
import { runTaskpaneBench } from './taskpane-bench';

async function runBench(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  const notes: string[] = [];
  const figures: BenchFigure[] = [];
  // Each group prints as it finishes in JSON mode, so a long run shows progress.
  const emit = (group: BenchFigure[]): void => {
    figures.push(...group);
    if (json) for (const f of group) process.stdout.write(`${JSON.stringify({ name: f.name, value: f.value, unit: f.unit })}\n`);
  };
  const progress = (what: string): void => {
    if (!json) process.stderr.write(`bench: ${what}…\n`);
  };

  progress('engine');
  emit(runEngineBench(quick ? [{ goalRows: 12, surveyRows: 2_000 }, { goalRows: 60, surveyRows: 10_000, naiveSample: 6 }] : undefined));
  progress('history');
  emit(runHistoryBench(quick ? { goalRows: 12, surveyRows: 2_000, snapshots: 3 } : undefined));
  progress('sources');
  emit(runSourcesBench(quick ? { rows: 2_000, sources: 12 } : {}).map((f) => ({ ...f, name: `sources.${f.name}` })));
  progress('excel double');
  emit(await runExcelBench(quick ? [{ goalRows: 10, surveyRows: 1_000 }, { goalRows: 100, surveyRows: 1_000 }, { goalRows: 10, surveyRows: 50_000 }, { goalRows: 10, surveyRows: 50_000, metadataColumns: 23 }] : undefined));
  progress('cli');
  emit(await runCliBench(quick ? { surveyRows: 2_000 } : {}));
  progress('cli end to end beside LibreOffice');
  emit(await runLibreOfficeBench(quick ? { rows: [2_000], sources: [4], rounds: 1 } : {}));
  progress('report');
  emit(await runReportBench(quick ? { books: 2, goals: 50 } : {}));
  progress('task pane');
  // --quick: the build and one load in Chromium, no reloads.
  const pane = await runTaskpaneBench(quick ? { firstLoads: 1, reloads: 0 } : {});
  emit(pane.figures);
  notes.push(...pane.notes);
  emit([{ name: 'process.max-rss', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB' }]);

  if (json) {
    for (const note of notes) process.stderr.write(`${note}\n`);
    return;
  }
  const table = new Table({ head: ['figure', 'value', 'unit'], colAligns: ['left', 'right', 'left'], style: { compact: true, head: [] } });
  for (const f of figures) table.push([f.name, f.value.toLocaleString('en-US'), f.unit]);
  process.stdout.write(`${table.toString()}\n${notes.map((n) => `${n}\n`).join('')}`);
}

runBench(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
