/**
 * Writes examples/erhvervshus-midtjylland-2021.xlsx, the second house's workbook that the many-book
 * report (`trafiklys report`) is shown and tested with, from src/examples.
 *
 * Usage: npx tsx scripts/make-second-house.ts [OUT.xlsx]
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { midtjyllandWorkbook } from '../src/examples/erhvervshus-midtjylland-2021';
import { writeNewWorkbook } from '../src/xlsx';

async function makeSecondHouse(out: string): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  // The status date as the created date, so a rebuild changes as little as possible.
  await writeNewWorkbook(midtjyllandWorkbook(), out, { created: new Date(Date.UTC(2021, 9, 13)) });
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

makeSecondHouse(path.resolve(process.argv[2] ?? 'examples/erhvervshus-midtjylland-2021.xlsx')).catch((error: unknown) => {
  process.stderr.write(`make-second-house: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
