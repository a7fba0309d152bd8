/**
 * Writes examples/resultatkontrakt-2021.xlsx from the pure example module (src/examples) through
 * the xlsx adapter. The data are seeded, so the workbook's cells are the same on every run.
 *
 * Usage: npx tsx scripts/make-example.ts [OUT.xlsx]   (default examples/resultatkontrakt-2021.xlsx)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exampleWorkbook } from '../src/examples/resultatkontrakt-2021';
import { writeNewWorkbook } from '../src/xlsx';

/** The contract's status date (DOMAIN.md), also the file's created date so rebuilds differ less. */
const STATUS_DATE = new Date(Date.UTC(2021, 9, 13));

async function makeExample(out: string): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  await writeNewWorkbook(exampleWorkbook(), out, { created: STATUS_DATE });
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

makeExample(path.resolve(process.argv[2] ?? 'examples/resultatkontrakt-2021.xlsx')).catch((error: unknown) => {
  process.stderr.write(`make-example: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
