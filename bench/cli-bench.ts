/**
 * `cli.recalc.ms` (issue 5): what `trafiklys recalc` spends on the example workbook and on a
 * generated 100,000-row workbook, split into read, evaluate and write by timing the xlsx
 * adapter's functions directly (the same calls src/cli/run-books.ts makes).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recalculate } from '../src/engine';
import { applyWritePlan, loadWorkbookFile, readWorkbookSnapshot, saveWorkbookFile, writeNewWorkbook } from '../src/xlsx';
import { type BenchFigure, round, timeAsync, timeSync, toMb } from './figures';
import { BENCH_AS_OF, BENCH_NOW, buildGoalWorkbook } from './goal-sheet';

export interface CliBenchOptions {
  /** The example workbook; default examples/resultatkontrakt-2021.xlsx. */
  example?: string;
  /** Survey rows of the generated workbook; default 100,000. */
  surveyRows?: number;
  /** Goal rows of the generated workbook; default 50. */
  goalRows?: number;
}

async function measureBook(file: string, out: string, tag: string): Promise<BenchFigure[]> {
  const read = await timeAsync(async () => {
    const loaded = await loadWorkbookFile(file);
    return { ...loaded, snapshot: await readWorkbookSnapshot(loaded.workbook) };
  });
  const { workbook, inspection, snapshot } = read.result;
  const evaluate = timeSync(() => recalculate(snapshot, { now: BENCH_NOW, asOf: BENCH_AS_OF }));
  const write = await timeAsync(async () => {
    applyWritePlan(workbook, evaluate.result.plan);
    await saveWorkbookFile(workbook, out);
  });
  const { compressed, uncompressed } = inspection.declaredBytes;
  return [
    { name: `cli.recalc.read.ms (${tag})`, value: round(read.ms), unit: 'ms' },
    { name: `cli.recalc.evaluate.ms (${tag})`, value: round(evaluate.ms), unit: 'ms' },
    { name: `cli.recalc.write.ms (${tag})`, value: round(write.ms), unit: 'ms' },
    { name: `cli.recalc.ms (${tag})`, value: round(read.ms + evaluate.ms + write.ms), unit: 'ms' },
    { name: `cli.file.bytes (${tag})`, value: statSync(file).size, unit: 'bytes' },
    { name: `cli.file.unpacked (${tag})`, value: toMb(uncompressed), unit: 'MB' },
    { name: `cli.file.compression-ratio (${tag})`, value: round(uncompressed / compressed), unit: '×' },
  ];
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
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
