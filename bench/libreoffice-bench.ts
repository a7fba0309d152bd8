/**
 * The real command line end to end (`node bin/trafiklys.js recalc`
 * and `check`, the compiled CLI a user runs) on generated survey workbooks, beside LibreOffice
 * headless loading, recalculating and saving the same survey data with one COUNTIFS-family
 * formula per Source. Each contender runs in its own process under `/usr/bin/time`, so wall time
 * and peak RSS are the whole process's; the contenders alternate (LibreOffice first in odd
 * rounds, Trafiklys first in even ones) so a noisy neighbour on the shared machine hits both, and
 * the figure kept per contender is its fastest round. The ratio `recalc ÷ LibreOffice` is the
 * figure to judge: absolute times on a shared 2-core machine are not.
 *
 * Sizes: 10,000 and 100,000 rows, 4 and 50 Sources. 1,000,000 rows is opt-in (a run of several
 * minutes): TRAFIKLYS_BENCH_MILLION=1 npx tsx bench/run.ts. Without `soffice` on the PATH (or at
 * TRAFIKLYS_SOFFICE) only Trafiklys's figures are printed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { CellValue } from '../src/engine/types';
import { locateData, readCentralDirectory } from '../src/xlsx/zip-archive';
import { type BenchFigure, round } from './figures';
import { BENCH_AS_OF, buildGoalSheet } from '../test/support/goal-workbook';
import { findSoffice, libreOfficeConvertArgs, writeLibreOfficeProfile } from '../test/support/libreoffice';
import { buildBenchSources, buildBenchWorkbook } from '../test/support/survey-workbook';
import { writeLargeSurveyWorkbook } from '../test/support/write-large-workbook';

const ROOT = path.resolve(__dirname, '..');

export interface LibreOfficeBenchOptions {
  /** Survey rows per case; default 10,000 and 100,000 (and 1,000,000 with TRAFIKLYS_BENCH_MILLION=1). */
  rows?: number[];
  /** Sources (goal rows, and formulas on LibreOffice's side) per case; default 4 and 50. */
  sources?: number[];
  /** Alternating rounds per case; the fastest round of each contender is kept. Default 2. */
  rounds?: number;
}

/** The targets (docs/benchmarks.md): recalc at most this share of LibreOffice's time at the given size. */
const TARGET_SHARE: [number, number][] = [
  [10_000, 1 / 3],
  [100_000, 1 / 5],
  [1_000_000, 1 / 10],
];

interface ProcessRun {
  ms: number;
  rssMb: number;
}

/** Runs a command under `/usr/bin/time -f '%e %M'`; throws with its stderr when it fails. */
function runTimed(command: string, args: readonly string[], dir: string): Promise<ProcessRun> {
  const timeFile = path.join(dir, `time-${process.hrtime.bigint()}.txt`);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-o', timeFile, '-f', '%M', command, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const ms = performance.now() - start;
      if (error) {
        reject(new Error(`${path.basename(command)} ${args.join(' ')} failed: ${stderr.trimEnd().split('\n').slice(-3).join(' / ')}`));
        return;
      }
      const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
      rmSync(timeFile, { force: true });
      resolve({ ms, rssMb: Math.round(kb / 1024) });
    });
  });
}

/** Excel's serial of a YYYY-MM-DD date (1900 system). */
function toSerial(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * The COUNTIFS-family formula that does a Source's work in a spreadsheet: the same column, the
 * same segment condition and the same date window over the same rows. `count_unique` and
 * `coverage` have no one-function equivalent; they get the COUNTIFS of their conditions, so
 * LibreOffice is if anything given the lighter job.
 */
export function toSpreadsheetFormula(source: string, lastRow: number): string {
  const col = (letter: string): string => `Tilfredshed!$${letter}$2:$${letter}$${lastRow}`;
  const segment = /Segment (?:=|in \() ?"([^"]+)"/.exec(source)?.[1] ?? 'Drift';
  const dates = [...source.matchAll(/Dato (>=|<=) (\d{4}-\d{2}-\d{2})/g)].map((m) => `,${col('D')},"${m[1]}${toSerial(m[2])}"`).join('');
  const where = `${col('A')},"${segment}"${dates}`;
  if (source.startsWith('share(')) return `COUNTIFS(${col('B')},"Meget tilfreds",${where})/COUNTIFS(${where})`;
  if (source.startsWith('nps(')) return `(COUNTIFS(${col('C')},">=9",${where})-COUNTIFS(${col('C')},"<=6",${where}))/COUNTIFS(${col('C')},">=0",${where})*100`;
  if (source.startsWith('mean(')) return `AVERAGEIFS(${col('G')},${where})`;
  if (source.startsWith('coverage(')) return `COUNTIFS(${col('F')},Kommuner!$A$2,${where})`;
  return `COUNTIFS(${col('E')},"<>",${where})`;
}

/** A sentinel cached value: if it survives in LibreOffice's output, it did not recalculate. */
const STALE_RESULT = -12345;

async function writeLibreOfficeBook(file: string, survey: readonly (readonly CellValue[])[], kommuner: readonly (readonly CellValue[])[], sources: readonly string[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const formulas = workbook.addWorksheet('Formler');
  sources.forEach((source) => formulas.addRow([{ formula: toSpreadsheetFormula(source, survey.length), result: STALE_RESULT }]).commit());
  formulas.commit();
  for (const [name, rows] of [['Tilfredshed', survey], ['Kommuner', kommuner]] as const) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row.map((v) => (v !== null && typeof v === 'object' ? null : v))).commit();
    sheet.commit();
  }
  await workbook.commit();
}

/** The cached values of LibreOffice's `Formler` sheet (the first sheet part), read from its output. */
function readFormulaResults(file: string): number[] {
  const buffer = new Uint8Array(readFileSync(file));
  const entry = readCentralDirectory(buffer, file).find((e) => e.name === 'xl/worksheets/sheet1.xml');
  if (!entry) throw new Error(`${file}: no xl/worksheets/sheet1.xml`);
  // The formula sheet is a few KB: read whole, unlike the survey parts.
  const xml = inflateRawSync(locateData(buffer, file, entry)).toString('utf8');
  return [...xml.matchAll(/<c [^>]*>(?:<f[^>]*>[^<]*<\/f>)?<v>([^<]*)<\/v>/g)].map((m) => Number(m[1]));
}

/** Rebuilds lib/ when any source under src/ is newer than the compiled CLI. */
function ensureCompiledCli(): void {
  const compiled = path.join(ROOT, 'lib', 'cli', 'main.js');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? newest(path.join(dir, d.name)) : statSync(path.join(dir, d.name)).mtimeMs)));
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  process.stderr.write('bench: building lib/ (npm run build:cli)…\n');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

function defaultRows(): number[] {
  return process.env.TRAFIKLYS_BENCH_MILLION === '1' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
}

/**
 * Runs every case and returns its figures.
 *
 * @example await runLibreOfficeBench({ rows: [2_000], sources: [4], rounds: 1 })
 */
export async function runLibreOfficeBench(options: LibreOfficeBenchOptions = {}): Promise<BenchFigure[]> {
  ensureCompiledCli();
  const soffice = findSoffice();
  const rounds = options.rounds ?? 2;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-bench-lo-'));
  const figures: BenchFigure[] = [];
  const cli = path.join(ROOT, 'bin', 'trafiklys.js');
  try {
    const profile = soffice ? writeLibreOfficeProfile(path.join(dir, 'profile')) : '';
    const convert = (book: string, outDir: string): string[] => libreOfficeConvertArgs(profile, 'xlsx', outDir, [book]);
    for (const rows of options.rows ?? defaultRows()) {
      const data = buildBenchWorkbook(rows);
      const [survey, kommuner] = data.sheets;
      for (const count of options.sources ?? [4, 50]) {
        const tag = `${rows.toLocaleString('en-US')} rows, ${count} Sources`;
        process.stderr.write(`bench: cli vs LibreOffice, ${tag}…\n`);
        const book = path.join(dir, `survey-${rows}-${count}.xlsx`);
        const out = path.join(dir, `survey-${rows}-${count}.trafiklys.xlsx`);
        await writeLargeSurveyWorkbook(book, [buildGoalSheet(count), survey, kommuner].map((s) => ({ name: s.name, rows: s.values })));
        const loBook = path.join(dir, `lo-${rows}-${count}.xlsx`);
        const loOut = path.join(dir, `lo-out-${rows}-${count}`);
        if (soffice) {
          await writeLibreOfficeBook(loBook, survey.values, kommuner.values, buildBenchSources(count));
          // The first start of a fresh profile initialises it: not part of any figure.
          if (figures.length === 0) await runTimed(soffice, convert(loBook, loOut), dir);
        }
        const best = { recalc: Infinity, recalcRss: 0, check: Infinity, checkRss: 0, lo: Infinity, loRss: 0 };
        for (let r = 0; r < rounds; r++) {
          const runLo = async (): Promise<void> => {
            if (!soffice) return;
            rmSync(loOut, { recursive: true, force: true });
            const run = await runTimed(soffice, convert(loBook, loOut), dir);
            if (run.ms < best.lo) Object.assign(best, { lo: run.ms, loRss: run.rssMb });
          };
          const runOurs = async (): Promise<void> => {
            const recalc = await runTimed(process.execPath, [cli, 'recalc', book, '--as-of', BENCH_AS_OF, '--out', out], dir);
            if (recalc.ms < best.recalc) Object.assign(best, { recalc: recalc.ms, recalcRss: recalc.rssMb });
            const check = await runTimed(process.execPath, [cli, 'check', book], dir);
            if (check.ms < best.check) Object.assign(best, { check: check.ms, checkRss: check.rssMb });
          };
          if (r % 2 === 0) {
            await runLo();
            await runOurs();
          } else {
            await runOurs();
            await runLo();
          }
        }
        figures.push(
          { name: `cli.e2e.recalc.ms (${tag})`, value: round(best.recalc), unit: 'ms' },
          { name: `cli.e2e.recalc.peak-rss (${tag})`, value: best.recalcRss, unit: 'MB' },
          { name: `cli.e2e.check.ms (${tag})`, value: round(best.check), unit: 'ms' },
          { name: `cli.e2e.check.peak-rss (${tag})`, value: best.checkRss, unit: 'MB' },
          { name: `cli.e2e.file.bytes (${tag})`, value: statSync(book).size, unit: 'bytes' },
        );
        if (soffice) {
          const results = readFormulaResults(path.join(loOut, path.basename(loBook)));
          // A LibreOffice that kept the cached values measured a load and a save, not a recalculation.
          if (results.length !== count || results.some((v) => v === STALE_RESULT)) throw new Error(`LibreOffice did not recalculate ${loBook}: ${results.slice(0, 4).join(', ')}`);
          const target = TARGET_SHARE.find(([size]) => size === rows)?.[1];
          figures.push(
            { name: `libreoffice.recalc.ms (${tag})`, value: round(best.lo), unit: 'ms' },
            { name: `libreoffice.recalc.peak-rss (${tag})`, value: best.loRss, unit: 'MB' },
            { name: `cli.e2e.recalc ÷ libreoffice (${tag})`, value: Math.round((best.recalc / best.lo) * 100) / 100, unit: '×' },
          );
          if (target !== undefined) figures.push({ name: `cli.e2e.recalc target met: ≤ ${round(target * 100)} % of LibreOffice (${tag})`, value: best.recalc <= best.lo * target ? 1 : 0, unit: 'yes=1' });
        }
        rmSync(book, { force: true });
        rmSync(out, { force: true });
        rmSync(loBook, { force: true });
        rmSync(loOut, { recursive: true, force: true });
      }
    }
    const startUp = { ms: Infinity };
    for (let r = 0; r < 5; r++) startUp.ms = Math.min(startUp.ms, (await runTimed(process.execPath, [cli, '--help'], dir)).ms);
    figures.push({ name: 'cli.e2e.start-up.ms (trafiklys --help, fastest of 5)', value: round(startUp.ms), unit: 'ms' });
    if (!soffice) process.stderr.write('bench: soffice not found; LibreOffice figures left out\n');
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
