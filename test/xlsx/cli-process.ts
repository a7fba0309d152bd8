/**
 * Runs the real command line (./cli-entry.ts) in a child process, for the memory-bound test and
 * the bench's peak-RSS figures: the only way to measure a heap cap and a peak resident set.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CliProcessOptions {
  /** `--max-old-space-size` of the child; Node's default when absent. */
  heapMb?: number;
  /** Where the child writes its peak RSS; the figure is read back and the file removed. */
  rssFile?: string;
}

export interface CliProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** The child's peak resident set; `null` without `rssFile`, or when the child was killed before exit. */
  maxRssMb: number | null;
}

/**
 * @example const run = await runCliProcess(['recalc', 'book.xlsx', '--out', 'out.xlsx'], { heapMb: 1024 });
 */
export function runCliProcess(args: readonly string[], options: CliProcessOptions = {}): Promise<CliProcessRun> {
  const node = [...(options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : []), '--import', 'tsx', path.join('test', 'xlsx', 'cli-entry.ts')];
  const env = { ...process.env, ...(options.rssFile ? { TRAFIKLYS_MAX_RSS_FILE: options.rssFile } : {}) };
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [...node, ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const ms = performance.now() - start;
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms, maxRssMb: options.rssFile ? readMaxRss(options.rssFile) : null });
    });
  });
}

function readMaxRss(file: string): number | null {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { maxRssMb: number }).maxRssMb;
  } catch {
    // A process killed by V8's out-of-memory abort writes no file.
    return null;
  } finally {
    rmSync(file, { force: true });
  }
}
