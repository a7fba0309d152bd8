/**
 * The README shows what `npm run demo` prints for the October workbook: every goal row with its
 * trend, and the summary line. The block must be the command line's own output (the lines between
 * rows left out, as the README says), so it cannot drift from what the analyst sees.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

const ROOT = path.join(__dirname, '../..');

it('the README’s demo table is what recalc prints for the example as of 13 October 2021', async () => {
  const dir = await makeFixtureDir();
  try {
    const out = path.join(dir, 'demo.xlsx');
    const run = await runCli(['recalc', 'examples/resultatkontrakt-2021.xlsx', '--as-of', '2021-10-13', '--report', '--out', out]);
    expect(run.code).toBe(0);
    const printed = run.stdout
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith('├'))
      .join('\n')
      .replace(out, 'examples/out/resultatkontrakt-2021.trafiklys.xlsx');
    const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
    const block = /the lines between rows left out here\):\n\n```\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block).toBe(printed);
    // Every goal row of the 2021 contract (its first table), with its trend.
    const first = printed.slice(0, printed.indexOf('└'));
    expect(first.split('\n').filter((line) => /^│ \d/.test(line))).toHaveLength(21);
    expect(printed).toContain('│ Udvikling');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
