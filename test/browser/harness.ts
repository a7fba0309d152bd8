/**
 * The task pane in a real browser, shared by the browser test (taskpane.e2e.test.ts) and the
 * bench (bench/taskpane-bench.ts): build the production bundle and
 * the Office shim into a given folder, serve the bundle on 127.0.0.1, launch headless Debian
 * Chromium, answer the page's office.js request with the shim plus the Excel test double over
 * a workbook, and read the pane's `trafiklys:ready` performance mark.
 *
 * Node only (webpack, http, Playwright); the page side is office-shim.ts.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import webpack from 'webpack';
import { loadWorkbookFromXlsx } from '../excel-double/load-workbook-from-xlsx';
import type { ModelWorkbookData } from '../excel-double/workbook-model';
import type { OfficeShimSetup } from './office-shim';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** Debian's Chromium; `CHROMIUM_PATH` overrides it. Never `npx playwright install` (it downloads a browser; the build machines have no network for it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CHROMIUM_ARGS = (require('../../scripts/chromium-args') as { CHROMIUM_ARGS: readonly string[] }).CHROMIUM_ARGS;
/** The script tag every page of the add-in ships with (SPEC: office.js from Microsoft's CDN). */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const EXAMPLE_WORKBOOK_PATH = path.join(REPO_ROOT, 'examples/resultatkontrakt-2021.xlsx');
/** The pane's viewport: the width of Excel's task pane. */
const PANE_VIEWPORT = { width: 380, height: 900 };

export interface BuildTaskpaneOptions {
  /** Where the production add-in goes (webpack.config.js `outputPath`); never dist/. */
  outputDir: string;
  /** Where the shim bundle `office-shim.js` goes. */
  shimDir: string;
}

function runWebpack(configs: webpack.Configuration[]): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(configs, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
}

/**
 * Builds the production add-in with webpack.config.js (no source maps) and the Office shim,
 * in one webpack run.
 *
 * @example await buildTaskpaneBundles({ outputDir: 'test-output/dist', shimDir: 'test-output/office-shim' });
 */
export async function buildTaskpaneBundles(options: BuildTaskpaneOptions): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: object, argv: object) => webpack.Configuration;
  // A production build is for the address where dist/ is hosted (webpack.config.js assumes none).
  const app = makeConfig({ outputPath: path.resolve(options.outputDir), sourceMaps: 'false', url: 'https://addins.example.dk/trafiklys/' }, { mode: 'production' });
  const shim: webpack.Configuration = {
    mode: 'development',
    devtool: false,
    context: REPO_ROOT,
    entry: { 'office-shim': './test/browser/office-shim.ts' },
    output: { path: path.resolve(options.shimDir), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', moduleResolution: 'node' } } },
        },
      ],
    },
  };
  await runWebpack([app, shim]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

export interface ServeDirectoryOptions {
  /**
   * A `Cache-Control` header for every response, e.g. `max-age=600` as GitHub Pages (the
   * production host) sends. Without it nothing is cacheable, as the browser test wants.
   */
  cacheControl?: string;
}

/**
 * A static server for `dir` on 127.0.0.1 and a free port; anything outside `dir` is a 404.
 *
 * @example const server = await serveDirectory('test-output/dist'); // … server.close()
 */
export function serveDirectory(dir: string, options: ServeDirectoryOptions = {}): Promise<http.Server> {
  const root = path.resolve(dir);
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(root, path.normalize(pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
    if (options.cacheControl) headers['Cache-Control'] = options.cacheControl;
    response.writeHead(200, headers);
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** `http://127.0.0.1:<port>` of a listening server. */
export function readBaseUrl(server: http.Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Headless Chromium with the project's flags.
 *
 * @example const browser = await launchChromium(); // … await browser.close()
 */
export function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}

/**
 * The example workbook as the double's plain data.
 *
 * @example const workbook = await loadExampleWorkbook();
 */
export async function loadExampleWorkbook(file: string = EXAMPLE_WORKBOOK_PATH): Promise<ModelWorkbookData> {
  return (await loadWorkbookFromXlsx(file)).toJSON();
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions (a CSP violation shows up here). */
  problems: string[];
}

export interface OpenPageOptions {
  /**
   * `route` (default): Playwright routing answers office.js and refuses every other off-site
   * request; Playwright turns the HTTP cache off while routing is on.
   * `keep-cache`: only requests to Microsoft's CDN are intercepted (over the DevTools Fetch
   * domain), so the page's own files are cached as the server's headers allow, which a reload
   * measurement needs. The page's CSP already refuses every other host.
   */
  interception?: 'route' | 'keep-cache';
}

export interface TaskpaneHarness {
  browser: Browser;
  server: http.Server;
  baseUrl: string;
  /** The shim bundle's source, which answers office.js after the setup line. */
  shimSource: string;
  /**
   * Opens a page of the served folder in a fresh browser context (empty cache) with office.js
   * answered by the shim over `setup` (workbook, language, theme; defaults: the harness's
   * workbook, en-US, light).
   */
  openPage(file: string, setup?: Partial<OfficeShimSetup>, options?: OpenPageOptions): Promise<OpenedPage>;
  /** Closes the browser and the server; safe to call twice. */
  close(): Promise<void>;
}

export interface StartTaskpaneHarnessOptions {
  /** The built add-in to serve. */
  distDir: string;
  /** The folder holding the built `office-shim.js`. */
  shimDir: string;
  /** The double's workbook unless a page's setup names another. */
  workbook: ModelWorkbookData;
  /** See {@link ServeDirectoryOptions.cacheControl}. */
  cacheControl?: string;
  executablePath?: string;
}

/** The office.js answer: the setup, then the shim bundle that reads it. */
function composeOfficeJs(setup: OfficeShimSetup, shimSource: string): string {
  return `window.__TRAFIKLYS_SETUP__ = ${JSON.stringify(setup)};\n${shimSource}`;
}

async function interceptOfficeCdn(context: BrowserContext, page: Page, body: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  cdp.on('Fetch.requestPaused', (event) => {
    const reply =
      event.request.url === OFFICE_JS_URL
        ? cdp.send('Fetch.fulfillRequest', {
            requestId: event.requestId,
            responseCode: 200,
            responseHeaders: [{ name: 'Content-Type', value: 'text/javascript; charset=utf-8' }],
            body: Buffer.from(body, 'utf8').toString('base64'),
          })
        : cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
    // A reply can fail only when the page went away meanwhile; nothing is left to answer then.
    reply.catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://appsforoffice.microsoft.com/*', requestStage: 'Request' }] });
}

/**
 * Serves `distDir`, launches Chromium and returns a way to open pages of the add-in with the
 * Office shim in place of office.js. Close it in a `finally` (or `afterAll`): it owns a browser
 * process and a listening socket.
 *
 * @example
 * const harness = await startTaskpaneHarness({ distDir, shimDir, workbook });
 * try {
 *   const { page, context } = await harness.openPage('taskpane.html');
 *   await measureReady(page);
 *   await context.close();
 * } finally {
 *   await harness.close();
 * }
 */
export async function startTaskpaneHarness(options: StartTaskpaneHarnessOptions): Promise<TaskpaneHarness> {
  const shimSource = fs.readFileSync(path.join(options.shimDir, 'office-shim.js'), 'utf8');
  const server = await serveDirectory(options.distDir, { cacheControl: options.cacheControl });
  const baseUrl = readBaseUrl(server);
  let browser: Browser;
  try {
    browser = await launchChromium(options.executablePath);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  let closed = false;

  const openPage = async (file: string, setup: Partial<OfficeShimSetup> = {}, pageOptions: OpenPageOptions = {}): Promise<OpenedPage> => {
    const fullSetup: OfficeShimSetup = { workbook: options.workbook, displayLanguage: 'en-US', bodyBackgroundColor: '#FFFFFF', ...setup };
    const officeJs = composeOfficeJs(fullSetup, shimSource);
    const context = await browser.newContext({ viewport: PANE_VIEWPORT });
    let page: Page;
    if (pageOptions.interception === 'keep-cache') {
      page = await context.newPage();
      await interceptOfficeCdn(context, page, officeJs);
    } else {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url === OFFICE_JS_URL) return route.fulfill({ contentType: 'text/javascript', body: officeJs });
        return url.startsWith(baseUrl) ? route.continue() : route.abort();
      });
      page = await context.newPage();
    }
    const problems: string[] = [];
    page.on('console', (message) => {
      // Chromium asks for /favicon.ico by itself (the add-in has none; Office shows no favicon).
      // Playwright routing hides that request; without routing its 404 is not the page's problem.
      if (message.type() === 'error' && message.location().url !== `${baseUrl}/favicon.ico`) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${baseUrl}/${file}`);
    return { context, page, problems };
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };

  return { browser, server, baseUrl, shimSource, openPage, close };
}

/**
 * Milliseconds from navigation start to the pane's `trafiklys:ready` mark (set one frame after
 * the first render, src/taskpane/index.tsx).
 *
 * @example const ms = await measureReady(page);
 */
export async function measureReady(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('trafiklys:ready').length > 0);
  return page.evaluate(() => performance.getEntriesByName('trafiklys:ready')[0]!.startTime);
}

/**
 * The page's own scripts, in document order: the `src` of every `<script>` tag that is not
 * off-site (office.js from Microsoft's CDN is not part of the add-in's bundle). Reads the
 * minified HTML html-webpack-plugin writes, where attribute quotes may be dropped.
 *
 * @example listPageScripts('<script defer src=taskpane.1a2b3c4d.js></script>'); // ['taskpane.1a2b3c4d.js']
 */
export function listPageScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i.exec(tag);
    const url = src ? (src[1] ?? src[2] ?? src[3] ?? '') : '';
    if (url !== '' && !/^([a-z][a-z0-9+.-]*:)?\/\//i.test(url)) scripts.push(url);
  }
  return scripts;
}
