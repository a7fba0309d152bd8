/**
 * Renders the README's pictures of the status reports (not run by `npm test`: it needs LibreOffice,
 * poppler and Chromium, and takes half a minute; with Debian's `fonts-crosextra-carlito`, which has
 * Calibri's metrics, LibreOffice lays the sheet out as Excel would):
 *
 * - docs/screenshots/status-report.png: the example's `Statusrapport` sheet as LibreOffice prints it
 *   (`recalc --report` → `soffice --headless --convert-to pdf` → `pdftoppm -png -r 80`, first page);
 * - docs/screenshots/html-report.png: the HTML report of the example and the second house's
 *   workbook in headless Chromium (the top of the page: the overview).
 *
 * Run: `npm run build:cli && npx tsx scripts/render-report-picture.ts`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the shared flags are a CommonJS file
const { CHROMIUM_ARGS } = require('./chromium-args') as { CHROMIUM_ARGS: readonly string[] };

const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[], options: { quiet?: boolean } = {}): string {
  return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', options.quiet ? 'ignore' : 'inherit'] });
}

/**
 * LibreOffice prints every visible sheet; hiding the others in `xl/workbook.xml` (and making the
 * report the active tab) leaves the report's own part, with its print set-up, exactly as written.
 */
async function keepOnlySheet(file: string, sheet: string): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  let index = -1;
  let position = 0;
  const edited = xml
    .replace(/<sheet\b([^>]*?)\/>/g, (_match, attrs: string) => {
      const name = /name="([^"]*)"/.exec(attrs)?.[1];
      const mine = name === sheet;
      if (mine) index = position;
      position += 1;
      const rest = attrs.replace(/\s+state="[^"]*"/, '');
      return mine ? `<sheet${rest}/>` : `<sheet${rest} state="hidden"/>`;
    })
    .replace(/\s(activeTab|firstSheet)="\d+"/g, '');
  if (index < 0) throw new Error(`${file} has no sheet "${sheet}"`);
  // A hidden active tab is shown again by LibreOffice (and printed), so the report becomes the active one.
  const tab = `activeTab="${index}" firstSheet="${index}"`;
  const withTab = /<workbookView\b/.test(edited)
    ? edited.replace(/<workbookView\b/, `<workbookView ${tab}`)
    : edited.replace(/<sheets>/, `<bookViews><workbookView ${tab}/></bookViews><sheets>`);
  zip.file('xl/workbook.xml', withTab);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function renderReportSheet(work: string): Promise<void> {
  const book = path.join(work, 'statusrapport.xlsx');
  run('node', ['bin/trafiklys.js', 'recalc', 'examples/resultatkontrakt-2021.xlsx', '--as-of', '2021-10-13', '--report', '--out', book]);
  await keepOnlySheet(book, 'Statusrapport');
  // A profile of its own, so a LibreOffice the user has open is neither used nor disturbed.
  run('soffice', [`-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, book], { quiet: true });
  const pdf = path.join(work, 'statusrapport.pdf');
  const pages = /Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1];
  const size = /Page size:\s+([^\n]+)/.exec(run('pdfinfo', [pdf]))?.[1];
  process.stdout.write(`status report: ${pages} page(s), ${size}\n`);
  run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SHOTS, 'status-report')]);
}

async function renderHtmlReport(work: string): Promise<void> {
  const html = path.join(work, 'status.html');
  run('node', ['bin/trafiklys.js', 'report', 'examples/resultatkontrakt-2021.xlsx', 'examples/erhvervshus-midtjylland-2021.xlsx', '--out', html]);
  run(CHROMIUM, [...CHROMIUM_ARGS, '--hide-scrollbars', '--window-size=1100,1300', `--screenshot=${path.join(SHOTS, 'html-report.png')}`, `file://${html}`], { quiet: true });
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-pictures-'));
  try {
    await fs.mkdir(SHOTS, { recursive: true });
    await renderReportSheet(work);
    await renderHtmlReport(work);
    for (const name of ['status-report.png', 'html-report.png']) {
      const { size } = await fs.stat(path.join(SHOTS, name));
      process.stdout.write(`docs/screenshots/${name}: ${Math.round(size / 1024)} KB\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
