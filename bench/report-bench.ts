/**
 * `report.*` (docs/benchmarks.md): `trafiklys report` over 6 books of 1,000 goals each, in-process through
 * the CLI's own runReport (read, evaluate, render, write), then the HTML rendering alone and the
 * `--xlsx` overview, so the share of each is visible. Figures, not tests.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runReport } from '../src/cli/report-command';
import { recalculate, type CellValue, type NewWorkbook } from '../src/engine';
import { overviewWorkbook, renderHtmlReport, type ReportBook } from '../src/report';
import { loadBook, writeNewWorkbook } from '../src/xlsx';
import { type BenchFigure, round, timeAsync, timeSync } from './figures';
import { BENCH_AS_OF, BENCH_NOW } from '../test/support/goal-workbook';

export interface ReportBenchOptions {
  books?: number;
  goals?: number;
}

/** A house's goal sheet of `goals` rows: parents with four sub-goals, typed actuals of every kind. */
function houseWorkbook(house: number, goals: number): NewWorkbook {
  const values: CellValue[][] = [['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Bemærkning']];
  for (let i = 0; values.length <= goals; i += 1) {
    const parent = i + 1;
    values.push([String(parent), `Mål ${parent} & co`, null, null, null, null]);
    for (let s = 1; s <= 4 && values.length <= goals; s += 1) {
      const k = (house * 7 + i * 5 + s) % 10;
      if (s % 2 === 0) values.push([`${parent}.${s}`, `Andel ${parent}.${s}`, '%', '≥ 80 %', (70 + k * 2) / 100, k === 3 ? 'Ny måling' : null]);
      else values.push([`${parent}.${s}`, `Antal ${parent}.${s}`, 'antal', '2021: 600', k === 0 ? null : 300 + k * 40, null]);
    }
  }
  return { sheets: [{ name: 'Mål 2021', values }] };
}

/**
 * @example await runReportBench({ books: 2, goals: 50 })
 */
export async function runReportBench(options: ReportBenchOptions = {}): Promise<BenchFigure[]> {
  const bookCount = options.books ?? 6;
  const goals = options.goals ?? 1_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-bench-report-'));
  try {
    const files: string[] = [];
    for (let h = 0; h < bookCount; h += 1) {
      const file = path.join(dir, `hus-${h + 1}.xlsx`);
      await writeNewWorkbook(houseWorkbook(h, goals), file);
      files.push(file);
    }
    const tag = `${bookCount} books × ${goals.toLocaleString('en-US')} goals`;
    const out = path.join(dir, 'report.html');
    const quiet = { write: () => true };
    const whole = await timeAsync(() => runReport(files, { asOf: BENCH_AS_OF, out }, { stdout: quiet, stderr: quiet, now: () => BENCH_NOW }));
    if (whole.result !== 0) throw new Error(`report bench: runReport exited ${whole.result}`);

    const books: ReportBook[] = [];
    for (const file of files) {
      const { snapshot } = await loadBook(file);
      const recalculation = recalculate(snapshot, { now: BENCH_NOW, asOf: BENCH_AS_OF, write: false });
      books.push({ file: path.basename(file), recalculation });
    }
    const render = timeSync(() => renderHtmlReport({ books }));
    const xlsxFile = path.join(dir, 'overview.xlsx');
    const xlsx = await timeAsync(() => writeNewWorkbook(overviewWorkbook({ books }), xlsxFile));
    return [
      { name: `report.ms (${tag}, read + evaluate + render + write)`, value: round(whole.ms), unit: 'ms' },
      { name: `report.render.ms (${tag}, HTML only)`, value: round(render.ms), unit: 'ms' },
      { name: `report.render.share (${tag})`, value: round((render.ms / whole.ms) * 100), unit: '%' },
      { name: `report.html.bytes (${tag})`, value: statSync(out).size, unit: 'bytes' },
      { name: `report.xlsx.ms (${tag}, --xlsx overview)`, value: round(xlsx.ms), unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
