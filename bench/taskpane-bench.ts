/**
 * The task pane's figures (docs/benchmarks.md), from a production build made here:
 *
 * - `taskpane.bundle.bytes (raw|gzip)`: the scripts taskpane.html loads (bundle-bench.ts).
 * - `taskpane.ready.ms (first load…)`: navigation start to the pane's `trafiklys:ready` mark in
 *   headless Chromium, each in a fresh browser context (empty HTTP cache); the median when more
 *   than one.
 * - `taskpane.ready.ms (reload, median of N)`: the same page reloaded, its own files now in the
 *   HTTP cache as the server's `Cache-Control: max-age=600` (GitHub Pages' header) allows.
 * - `taskpane.recalc.ms (example, median of N)`: click on Recalculate to the outcome line shown,
 *   on the example workbook in the Excel test double, once after every load above.
 *
 * office.js is answered by the Office shim plus the double (test/browser/harness.ts), on every
 * load, reloads included: the real office.js would come from Microsoft's CDN and its cache, so
 * these times leave out Office's own start-up and the host's round trips.
 *
 * The build runs in a child process (test/browser/build-bundles.ts) so webpack's memory stays
 * out of `process.max-rss`. Output: test-output/bench-taskpane/, never dist/.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, REPO_ROOT, loadExampleWorkbook, measureReady, startTaskpaneHarness } from '../test/browser/harness';
import { measureTaskpaneBundle } from './bundle-bench';
import { type BenchFigure, round } from './figures';

export interface TaskpaneBenchOptions {
  /** Loads in fresh browser contexts; default 3. */
  firstLoads?: number;
  /** Reloads of the last of them; default 5, 0 for none. */
  reloads?: number;
  /** Where the build goes; default test-output/bench-taskpane. */
  outputDir?: string;
  /** Default CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
}

export interface TaskpaneBench {
  figures: BenchFigure[];
  /** Why a figure is missing, e.g. no Chromium on this machine. */
  notes: string[];
}

/** How long a Recalculate click may take before the bench gives up on it. */
const RECALC_TIMEOUT_MS = 60_000;
/** GitHub Pages' header (the production host, webpack.config.js DEFAULT_PUBLIC_URL). */
const CACHE_CONTROL = 'max-age=600';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function describeSamples(what: string, count: number): string {
  return count === 1 ? what : `${what}, median of ${count}`;
}

/** `node --import tsx test/browser/build-bundles.ts DIST SHIM` in a child process. */
function buildInChild(distDir: string, shimDir: string): Promise<void> {
  const args = ['--import', 'tsx', path.join('test', 'browser', 'build-bundles.ts'), distDir, shimDir];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`building the task pane failed: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}

/**
 * Clicks Recalculate (English pane) and returns the milliseconds until the outcome line
 * ("… round trips to Excel).") is in the page and one frame has been drawn, timed in the page
 * so Playwright's own round trips are not counted.
 */
async function measureRecalculation(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Recalculate' }).waitFor();
  // No named inner functions: tsx would wrap them in a `__name` helper the page does not have.
  return page.evaluate(
    (timeoutMs) =>
      new Promise<number>((resolve, reject) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Recalculate');
        if (!button) {
          reject(new Error('no Recalculate button'));
          return;
        }
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!/round trips to Excel\)\.$/.test(document.querySelector('[role=status]')?.textContent ?? '')) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no outcome ${timeoutMs} ms after Recalculate; status: ${document.querySelector('[role=status]')?.textContent ?? ''}`));
        }, timeoutMs);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        button.click();
      }),
    RECALC_TIMEOUT_MS,
  );
}

/**
 * Builds the add-in, measures the pane's JavaScript, and times the pane in headless Chromium.
 * Without Chromium it returns the bundle figures and a note instead of the timings. The browser
 * and the server are closed before it returns, also when a step fails.
 *
 * @example
 * const { figures, notes } = await runTaskpaneBench({ firstLoads: 1, reloads: 0 });
 */
export async function runTaskpaneBench(options: TaskpaneBenchOptions = {}): Promise<TaskpaneBench> {
  const firstLoads = Math.max(1, options.firstLoads ?? 3);
  const reloads = Math.max(0, options.reloads ?? 5);
  const outputDir = path.resolve(options.outputDir ?? path.join(REPO_ROOT, 'test-output', 'bench-taskpane'));
  const distDir = path.join(outputDir, 'dist');
  const shimDir = path.join(outputDir, 'office-shim');
  const chromiumPath = options.chromiumPath ?? CHROMIUM_PATH;

  const [, workbook] = await Promise.all([buildInChild(distDir, shimDir), loadExampleWorkbook()]);
  const figures = measureTaskpaneBundle(distDir);
  if (!existsSync(chromiumPath)) {
    return { figures, notes: [`taskpane.ready.ms: no Chromium at ${chromiumPath} (set CHROMIUM_PATH) — the bundle was measured, the pane not opened`] };
  }

  const harness = await startTaskpaneHarness({ distDir, shimDir, workbook, cacheControl: CACHE_CONTROL, executablePath: chromiumPath });
  const firstReady: number[] = [];
  const reloadReady: number[] = [];
  const recalc: number[] = [];
  try {
    for (let load = 0; load < firstLoads; load += 1) {
      const { context, page, problems } = await harness.openPage('taskpane.html', {}, { interception: 'keep-cache' });
      try {
        firstReady.push(await measureReady(page));
        recalc.push(await measureRecalculation(page));
        if (load === firstLoads - 1) {
          for (let again = 0; again < reloads; again += 1) {
            await page.reload();
            reloadReady.push(await measureReady(page));
            recalc.push(await measureRecalculation(page));
          }
        }
        if (problems.length > 0) throw new Error(`the task pane reported errors: ${problems.join(' | ')}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await harness.close();
  }

  figures.push({ name: `taskpane.ready.ms (${describeSamples('first load', firstReady.length)})`, value: round(median(firstReady)), unit: 'ms' });
  if (reloadReady.length > 0) {
    figures.push({ name: `taskpane.ready.ms (${describeSamples('reload', reloadReady.length)})`, value: round(median(reloadReady)), unit: 'ms' });
  }
  figures.push({ name: `taskpane.recalc.ms (${describeSamples('example', recalc.length)})`, value: round(median(recalc)), unit: 'ms' });
  return { figures, notes: [] };
}
