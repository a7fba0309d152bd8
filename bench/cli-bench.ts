/**
 * `cli.recalc.ms` (docs/benchmarks.md): what `trafiklys recalc` spends on the example workbook and
 * on a generated 100,000-row workbook, split into read, evaluate and write by timing the xlsx
 * adapter's streaming functions directly (the same calls src/cli/run-books.ts makes). The whole
 * command line beside LibreOffice is ./libreoffice-bench.ts.
 *
 * `cli.recalc.peak-rss` (the memory bound, docs/benchmarks.md): the real command line run in
 * a child process on generated survey workbooks (100,000 and 300,000 rows × 7 columns by
 * default), its peak resident set read from getrusage in the child (test/xlsx/cli-entry.ts).
 * Other sizes: TRAFIKLYS_BENCH_CLI_ROWS=1000000 npx tsx bench/run.ts
 * (rows: a comma-separated list; heap: passed to the child as --max-old-space-size).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recalculate } from '../src/engine';
import { loadBook, writeFileSafely, writeNewWorkbook } from '../src/xlsx';
import { applyPlanToBook } from '../test/support/apply-plan-to-book';
import { writeLargeSurveyWorkbook } from '../test/support/write-large-workbook';
import { runCliProcess } from '../test/xlsx/cli-process';
import { type BenchFigure, round, timeAsync, timeSync } from './figures';
import { BENCH_AS_OF, BENCH_NOW, buildGoalWorkbook } from '../test/support/goal-workbook';

export interface CliBenchOptions {
  /** The example workbook; default examples/resultatkontrakt-2021.xlsx. */
  example?: string;
  /** Survey rows of the generated workbook; default 100,000. */
  surveyRows?: number;
  /** Goal rows of the generated workbook; default 50. */
  goalRows?: number;
  /**
   * Survey rows of the workbooks the CLI process recalculates for `cli.recalc.peak-rss`.
   * Default: TRAFIKLYS_BENCH_CLI_ROWS, else `[surveyRows]` when that is given, else 100,000 and 300,000.
   */
  processRows?: number[];
  /** `--max-old-space-size` of the CLI process; default TRAFIKLYS_BENCH_CLI_HEAP_MB, else Node's default. */
  processHeapMb?: number;
}

async function measureBook(file: string, out: string, tag: string): Promise<BenchFigure[]> {
  // The calls src/cli/run-books.ts makes: the streaming reader, the engine, the splicing writer.
  const read = await timeAsync(() => loadBook(file));
  const book = read.result;
  const evaluate = timeSync(() => recalculate(book.snapshot, { now: BENCH_NOW, asOf: BENCH_AS_OF }));
  const write = await timeAsync(async () => {
    const { bytes } = await applyPlanToBook(book, evaluate.result.plan, BENCH_NOW);
    await writeFileSafely(out, bytes);
  });
  return [
    { name: `cli.recalc.read.ms (${tag})`, value: round(read.ms), unit: 'ms' },
    { name: `cli.recalc.evaluate.ms (${tag})`, value: round(evaluate.ms), unit: 'ms' },
    { name: `cli.recalc.write.ms (${tag})`, value: round(write.ms), unit: 'ms' },
    { name: `cli.recalc.ms (${tag})`, value: round(read.ms + evaluate.ms + write.ms), unit: 'ms' },
    { name: `cli.file.bytes (${tag})`, value: statSync(file).size, unit: 'bytes' },
    { name: `cli.file.written.bytes (${tag})`, value: statSync(out).size, unit: 'bytes' },
  ];
}

function readProcessRows(options: CliBenchOptions): number[] {
  if (options.processRows) return options.processRows;
  const fromEnv = process.env.TRAFIKLYS_BENCH_CLI_ROWS;
  if (fromEnv) return fromEnv.split(',').map((n) => Number(n.trim()));
  return options.surveyRows !== undefined ? [options.surveyRows] : [100_000, 300_000];
}

/**
 * Peak RSS and wall time of the CLI process per survey size (the memory bound). A run that
 * fails (out of memory) is reported with its exit code and no RSS figure.
 *
 * @example await measureCliProcess({ processRows: [100_000] })
 */
export async function measureCliProcess(options: CliBenchOptions = {}): Promise<BenchFigure[]> {
  const heapMb = options.processHeapMb ?? (process.env.TRAFIKLYS_BENCH_CLI_HEAP_MB ? Number(process.env.TRAFIKLYS_BENCH_CLI_HEAP_MB) : undefined);
  const heapTag = heapMb ? `, heap ${heapMb.toLocaleString('en-US')} MB` : '';
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-bench-cli-'));
  try {
    for (const rows of readProcessRows(options)) {
      const book = path.join(dir, `survey-${rows}.xlsx`);
      // Generated in this process and streamed to the file; the arrays go before the child starts.
      await writeLargeSurveyWorkbook(book, buildGoalWorkbook(options.goalRows ?? 50, rows).sheets.map((s) => ({ name: s.name, rows: s.values })));
      const out = path.join(dir, `survey-${rows}.trafiklys.xlsx`);
      const run = await runCliProcess(['recalc', book, '--as-of', BENCH_AS_OF, '--out', out], { heapMb, rssFile: `${out}.max-rss.json` });
      const tag = `${rows.toLocaleString('en-US')} rows × 7 columns, child process${heapTag}`;
      figures.push({ name: `cli.recalc.exit-code (${tag})`, value: run.code, unit: '' });
      if (run.maxRssMb !== null) figures.push({ name: `cli.recalc.peak-rss (${tag})`, value: run.maxRssMb, unit: 'MB' });
      figures.push({ name: `cli.recalc.wall-ms (${tag})`, value: round(run.ms), unit: 'ms' });
      figures.push({ name: `cli.file.bytes (${rows.toLocaleString('en-US')}-row survey)`, value: statSync(book).size, unit: 'bytes' });
      if (run.code !== 0) process.stderr.write(`bench: the CLI failed on ${rows} rows (exit ${run.code}): ${run.stderr.trimEnd().split('\n').at(-1) ?? ''}\n`);
      rmSync(book, { force: true });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Generates the large workbook into a temporary folder, measures both books, removes the folder.
 *
 * @example await runCliBench({ surveyRows: 1000 })
 */
export async function runCliBench(options: CliBenchOptions = {}): Promise<BenchFigure[]> {
  const example = options.example ?? path.resolve(__dirname, '..', 'examples', 'resultatkontrakt-2021.xlsx');
  const surveyRows = options.surveyRows ?? 100_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-bench-'));
  try {
    const figures = await measureBook(example, path.join(dir, 'example.trafiklys.xlsx'), 'example workbook');
    const large = path.join(dir, 'large.xlsx');
    const generated = buildGoalWorkbook(options.goalRows ?? 50, surveyRows);
    await writeNewWorkbook({ sheets: generated.sheets.map((s) => ({ name: s.name, values: s.values })) }, large);
    figures.push(...(await measureBook(large, path.join(dir, 'large.trafiklys.xlsx'), `${surveyRows.toLocaleString('en-US')}-row workbook`)));
    figures.push(...(await measureCliProcess(options)));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
