/**
 * The real command line as a process, for the memory-bound test and the bench's peak-RSS figures
 * (large-survey.test.ts, bench/cli-bench.ts):
 *   node --max-old-space-size=1024 --import tsx test/xlsx/cli-entry.ts recalc BOOK.xlsx --out OUT.xlsx
 * Same as bin/trafiklys.js, but from the TypeScript sources instead of the compiled lib/. With
 * TRAFIKLYS_MAX_RSS_FILE set, it writes `{"maxRssMb": N}` there on exit: the process's peak
 * resident set (getrusage), which a parent cannot read for a child in Node.
 */
import { writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main';

const rssFile = process.env.TRAFIKLYS_MAX_RSS_FILE;
if (rssFile) {
  process.on('exit', () => {
    writeFileSync(rssFile, JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
