/**
 * The built Trafiklys functions in a real browser (docs/spec.md §10): webpack builds the add-in,
 * the functions page is served on 127.0.0.1 and opened in headless Debian Chromium with the
 * custom functions runtime answered by the project's double (test/functions/custom-functions-double.ts),
 * and every function is entered by its English and its Danish name as Excel would, from the built
 * functions.json and functions-da.json. A Web Worker (no DOM, as Excel's JavaScript-only runtime
 * on Windows has none) loads the same built functions.js.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import webpack from 'webpack';
import { installCustomFunctionsDouble, type CellOutcome, type CustomFunctionsDouble, type CustomFunctionsDoubleSetup } from '../functions/custom-functions-double';
import { REPO_ROOT, launchChromium, readBaseUrl, serveDirectory } from './harness';
import type http from 'http';

jest.setTimeout(180_000);

const RUNTIME_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js';
const distDir = path.join(REPO_ROOT, 'test-output/functions-dist');

let server: http.Server;
let browser: Browser;
let baseUrl: string;

function build(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({ outputPath: distDir, sourceMaps: 'false' }, { mode: 'production' });
  return new Promise((resolve, reject) =>
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
}

beforeAll(async () => {
  await build();
  server = await serveDirectory(distDir);
  baseUrl = readBaseUrl(server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
});

const runtimeScript = (setup: CustomFunctionsDoubleSetup): string => `(${installCustomFunctionsDouble.toString()})(${JSON.stringify(setup)});`;

/** The functions page in a fresh context, the runtime script answered by the double; every other off-site request refused. */
async function openFunctionsPage(setup: CustomFunctionsDoubleSetup): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === RUNTIME_URL) return route.fulfill({ contentType: 'text/javascript', body: runtimeScript(setup) });
    return url.startsWith(baseUrl) ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${baseUrl}/functions.html`);
  await page.waitForFunction(() => ((globalThis as unknown as { __customFunctionsDouble?: CustomFunctionsDouble }).__customFunctionsDouble?.associated.length ?? 0) >= 5);
  return { page, problems, close: () => context.close() };
}

/** Enters `=formula(args)` with the names of `metadataFile`, as Excel in that language would. */
function enter(page: Page, metadataFile: string, formula: string, args: unknown[]): Promise<CellOutcome> {
  return page.evaluate(
    async ({ metadataFile, formula, args }) => {
      const metadata = await (await fetch(metadataFile)).json();
      const double = (globalThis as unknown as { __customFunctionsDouble: CustomFunctionsDouble }).__customFunctionsDouble;
      return double.enter(metadata, 'TRAFIKLYS', formula, args);
    },
    { metadataFile, formula, args },
  );
}

const answers = [[10], [9], [''], [3], ['Ved ikke'], [10]];
const segments = [['Drift'], ['Vækst'], ['Drift'], ['Drift'], ['Drift'], ['Vækst']];

describe('the built functions runtime', () => {
  it('associates every function of functions.json, once, and loads without an error', async () => {
    const { page, problems, close } = await openFunctionsPage({ displayLanguage: 'en-US' });
    const associated = await page.evaluate(() => (globalThis as unknown as { __customFunctionsDouble: CustomFunctionsDouble }).__customFunctionsDouble.associated);
    const metadata = JSON.parse(fs.readFileSync(path.join(distDir, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    expect(associated).toEqual(metadata.functions.map((fn) => fn.id));
    expect(associated).toEqual(['NPS', 'SHARE', 'COUNTUNIQUE', 'TARGET', 'STATUS']);
    expect(problems).toEqual([]);
    await close();
  });

  it('answers every function by its English name in English Excel', async () => {
    const { page, problems, close } = await openFunctionsPage({ displayLanguage: 'en-US' });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.NPS', [answers])).toEqual({ value: 50 });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.NPS', [answers, segments, 'Drift'])).toEqual({ value: 0 });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.SHARE', [[['Ja'], ['Nej'], ['Ved ikke'], ['']], 'ja'])).toEqual({ value: 0.5 });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.COUNTUNIQUE', [[['DK12345674'], [12345674], ['10000009'], ['']]])).toEqual({ value: 2 });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.TARGET', ['2021: 45%; 2023: 50%', 2022])).toEqual({ value: 0.475 });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.TARGET', ['2021: 45%; 2023: 50%', 2025])).toEqual({ error: '#N/A', message: 'no target for 2025' });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.TARGET', ['omkring halvdelen', 2022])).toEqual({ error: '#VALUE!', message: expect.stringContaining('"omkring halvdelen"') });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.STATUS', ['≥ 80%', 0.75, 2021, '2021-10-13'])).toEqual({ value: 'At risk' });
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.NPS', [[[1, 2]]])).toEqual({ error: '#VALUE!', message: 'answers must be one column (got 2 columns)' });
    // A Danish name is not an English Excel's.
    expect(await enter(page, 'functions.json', 'TRAFIKLYS.ANDEL', [answers, 'Ja'])).toEqual({ error: '#NAME?', message: undefined });
    expect(problems).toEqual([]);
    await close();
  });

  it('answers every function by its Danish name in Danish Excel, with Danish labels and messages', async () => {
    const { page, problems, close } = await openFunctionsPage({ displayLanguage: 'da-DK' });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.NPS', [answers, segments, 'Vækst'])).toEqual({ value: 100 });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.ANDEL', [[['Ja'], ['Nej']], 'nej', [['a'], ['b']], 'b'])).toEqual({ value: 1 });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.ANTAL.UNIKKE', [[['A'], ['a'], ['B']]])).toEqual({ value: 2 });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.MÅLTAL', ['+5 pp', 2021, '40 % (2020)'])).toEqual({ value: 0.45 });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.MÅLTAL', ['40-60 %', 2021])).toEqual({ value: '40–60 %' });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.STATUS', ['2021: 600', 555, 2021, '13-10-2021'])).toEqual({ value: 'På vej' });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.STATUS', ['≥ 80%', 0.8, 2021, 44482])).toEqual({ value: 'Opfyldt' });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.NPS', [[['Ved ikke']]])).toEqual({ error: '#N/A', message: 'ingen svar at regne på (n = 0; 1 "Ved ikke" udeladt)' });
    expect(await enter(page, 'functions-da.json', 'TRAFIKLYS.SHARE', [answers, 10])).toEqual({ error: '#NAME?', message: undefined });
    expect(problems).toEqual([]);
    await close();
  });

  it('runs without a DOM and without an Office object, as in the JavaScript-only runtime: English by default', async () => {
    const { page, close } = await openFunctionsPage({ displayLanguage: 'en-US' });
    // The worker's script, served from the add-in's origin (the page's CSP admits no other).
    const workerSource = `let loadError = null;
      try { ${runtimeScript({ displayLanguage: null })}
        importScripts('functions.js'); } catch (error) { loadError = String((error && error.stack) || error); }
      onmessage = async (event) => {
        if (loadError) { postMessage({ loadError }); return; }
        const metadata = await (await fetch('functions.json')).json();
        postMessage({ hasDocument: typeof document !== 'undefined', outcome: await __customFunctionsDouble.enter(metadata, 'TRAFIKLYS', event.data.formula, event.data.args) });
      };`;
    await page.context().route(`${baseUrl}/functions-worker.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: workerSource }));
    const outcome = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('functions-worker.js');
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message || 'the worker failed to start'));
          worker.postMessage({ formula: 'TRAFIKLYS.STATUS', args: ['≥ 80%', 0.9, 2021, '2021-10-13'] });
        }),
    );
    expect(outcome).toEqual({ hasDocument: false, outcome: { value: 'Met' } });
    await close();
  });
});
