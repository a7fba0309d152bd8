/**
 * Start-up: `trafiklys --help` is fast because it loads only what parsing the command
 * line needs. Counted, not timed: the modules the built CLI has loaded when it is done, read
 * from `require.cache` in its own process.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const MARK = '--- loaded modules ---';

/** Runs the built CLI's `main` with `args` and returns what it printed and the modules it loaded. */
function runLoaded(args: readonly string[]): { printed: string; loaded: string[] } {
  const script = `require('./lib/cli/main.js').main(${JSON.stringify(args)}).then((code) => { process.stdout.write('\\n${MARK}\\n' + JSON.stringify({ code, loaded: Object.keys(require.cache) })); })`;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  const [printed, tail] = output.split(`\n${MARK}\n`);
  const { code, loaded } = JSON.parse(tail as string) as { code: number; loaded: string[] };
  expect(code).toBe(0);
  return { printed: printed as string, loaded: loaded.map((file) => path.relative(ROOT, file)) };
}

const HEAVY = ['node_modules/exceljs/', 'node_modules/jszip/', 'node_modules/cli-table3/', 'node_modules/cli-progress/', 'lib/report/'];

describe('the command line loads only what a command needs', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  it('--help loads no reader, engine evaluator, exceljs, table printer, progress bar or report', () => {
    const { printed, loaded } = runLoaded(['--help']);
    expect(printed).toContain('Usage: trafiklys [options] [command]');
    expect(loaded.filter((file) => HEAVY.some((heavy) => file.startsWith(heavy)))).toEqual([]);
    expect(loaded).not.toContain('lib/xlsx/read-book.js');
    expect(loaded).not.toContain('lib/engine/index.js');
    expect(loaded).toContain('lib/cli/main.js');
  });

  it('check loads the streaming reader and the table printer, but not exceljs or the report', () => {
    const { printed, loaded } = runLoaded(['check', 'examples/resultatkontrakt-2021.xlsx', '--as-of', '2021-10-13']);
    expect(printed).toContain('examples/resultatkontrakt-2021.xlsx: ');
    expect(loaded).toContain('lib/xlsx/read-book.js');
    expect(loaded.some((file) => file.startsWith('node_modules/cli-table3/'))).toBe(true);
    expect(loaded.filter((file) => ['node_modules/exceljs/', 'node_modules/jszip/', 'lib/report/'].some((heavy) => file.startsWith(heavy)))).toEqual([]);
  });
});
