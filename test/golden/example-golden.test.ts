/**
 * The golden test: the example workbook through the command line, compared with a
 * hand-checked report. Every figure in `resultatkontrakt-2021.json` was checked by hand against
 * the contract's status of 13 October 2021 (docs/spec.md, Appendix A) (see the notes in `README.md` beside this file);
 * regenerate it only after checking the difference by eye:
 *   node bin/trafiklys.js check examples/resultatkontrakt-2021.xlsx --as-of 2021-10-13 --json > test/golden/resultatkontrakt-2021.json
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/cli-harness';

const root = path.resolve(__dirname, '../..');
const example = path.join(root, 'examples/resultatkontrakt-2021.xlsx');

describe('golden: examples/resultatkontrakt-2021.xlsx as of 2021-10-13', () => {
  it('gives exactly the hand-checked JSON report', async () => {
    const run = await runCli(['check', path.relative(process.cwd(), example), '--as-of', '2021-10-13', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, 'resultatkontrakt-2021.json'), 'utf8'));
    const actual = JSON.parse(run.stdout);
    actual.books[0].file = golden.books[0].file;
    expect(actual).toEqual(golden);
  });
});
