// The HTML report in headless Chromium: it renders with no outside request, axe finds
// no serious or critical issue, and the printed PDF of a two-book overview is A4 landscape with
// nothing wider than the printable width. The books are the two houses of examples/, with a
// history of three snapshots added to one of them so the page carries its charts.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { recalculate, type HistoryEntry, type Recalculation } from '../../src/engine';
import { renderHtmlReport } from '../../src/report';
import { readWorkbookSnapshot } from '../support/exceljs-reference';
import { FIXED_NOW } from '../cli/cli-harness';
import { makeFixtureDir } from '../fixtures/build-fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CHROMIUM_ARGS } = require('../../scripts/chromium-args') as { CHROMIUM_ARGS: readonly string[] };
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');

/** A4 landscape (297 mm) less the page margins of the print style (12 mm each side), in CSS px. */
const PRINTABLE_WIDTH_PX = Math.floor(((297 - 2 * 12) / 25.4) * 96);
/** A4 landscape in PDF points. */
const A4_LANDSCAPE_PT = { width: 841.89, height: 595.28 };

jest.setTimeout(90_000);

async function evaluate(file: string): Promise<Recalculation> {
  // Read by the independent exceljs reader, so the report is checked against a second reader.
  return recalculate(await readWorkbookSnapshot(file), { now: FIXED_NOW, write: false });
}

/** Three earlier snapshots of every numeric goal, so each has a chart with the target line. */
function withHistory(recalculation: Recalculation): Recalculation {
  const sheet = recalculation.sheets[0]!;
  const history: HistoryEntry[] = [];
  for (const [asOf, factor, status] of [['2021-03-31', 0.8, 'off-track'], ['2021-06-30', 0.95, 'at-risk']] as const) {
    for (const row of sheet.rows) {
      if (typeof row.actual !== 'number') continue;
      history.push({ asOf, year: recalculation.year, sheet: sheet.name, id: row.id, title: row.title, unit: row.unit, target: row.target, actual: row.actual * factor, status });
    }
  }
  for (const row of sheet.rows) {
    history.push({ asOf: recalculation.asOf, year: recalculation.year, sheet: sheet.name, id: row.id, title: row.title, unit: row.unit, target: row.target, actual: row.actual, status: row.status });
  }
  return { ...recalculation, history };
}

let dir: string;
let reportFile: string;
let browser: Browser;

beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-report-browser-');
  const [nord, midt] = await Promise.all([evaluate(path.join(ROOT, 'examples/resultatkontrakt-2021.xlsx')), evaluate(path.join(ROOT, 'examples/erhvervshus-midtjylland-2021.xlsx'))]);
  const html = renderHtmlReport({
    books: [
      { file: 'resultatkontrakt-2021.xlsx', recalculation: withHistory(nord) },
      { file: 'erhvervshus-midtjylland-2021.xlsx', recalculation: midt },
    ],
    unreadable: [{ file: 'hemmelig.xlsx', reason: 'hemmelig.xlsx is password-protected (encrypted); remove the password in Excel and save it as .xlsx' }],
  });
  reportFile = path.join(dir, 'report.html');
  await fs.writeFile(reportFile, html);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await browser?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Opens a file with every request routed: anything but file: and data: is recorded and aborted. */
async function openOffline(file: string): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) await route.continue();
    else {
      outside.push(url);
      await route.abort();
    }
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { context, page, outside };
}

describe('the HTML report in Chromium', () => {
  it('renders with no outside request (and the check does see one when a page makes it)', async () => {
    const { context, page, outside } = await openOffline(reportFile);
    expect(outside).toEqual([]);
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(5);
    // The 23 goal IDs of both houses' 2021 contracts (the overview compares the sheets judged against 2021).
    expect(await page.locator('section.overview tbody tr').count()).toBe(23);
    await context.close();

    const leaky = path.join(dir, 'leaky.html');
    await fs.writeFile(leaky, '<!DOCTYPE html><html lang="en"><title>x</title><img alt="" src="https://example.invalid/pixel.png">');
    const probe = await openOffline(leaky);
    expect(probe.outside).toEqual(['https://example.invalid/pixel.png']);
    await probe.context.close();
  });

  it('has no serious or critical accessibility issue (axe)', async () => {
    const { context, page } = await openOffline(reportFile);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'svg-img-alt', 'th-has-data-cells']));
    await context.close();
  });

  it('prints on A4 landscape pages with nothing wider than the printable width', async () => {
    const { context, page } = await openOffline(reportFile);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: PRINTABLE_WIDTH_PX, height: 800 });
    const widths = await page.evaluate(() => {
      const root = document.documentElement;
      const widest = Math.max(...[...document.querySelectorAll('table, svg, h1, h2, h3, p, li, figure')].map((el) => el.getBoundingClientRect().right));
      const overflowingCells = [...document.querySelectorAll('td, th')].filter((el) => el.scrollWidth > el.clientWidth + 1).length;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest, overflowingCells };
    });
    expect(widths.scrollWidth).toBeLessThanOrEqual(widths.clientWidth);
    expect(widths.widest).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX);
    expect(widths.overflowingCells).toBe(0);

    const pdf = (await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThanOrEqual(3); // the overview, then each book from a new page
    for (const [width, height] of boxes) {
      expect(width).toBeCloseTo(A4_LANDSCAPE_PT.width, 0);
      expect(height).toBeCloseTo(A4_LANDSCAPE_PT.height, 0);
    }
    await context.close();
  });
});
