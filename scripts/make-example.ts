/**
 * Writes the example workbooks from the pure example module (src/examples) through the xlsx
 * adapter: examples/resultatkontrakt-2021.xlsx as it stood on 13 October 2021 (with the history of
 * its 30 June recalculation) and examples/resultatkontrakt-2021-06-30.xlsx as it stood on 30 June.
 * The data are seeded, so the workbooks' cells are the same on every run.
 *
 * Usage: npx tsx scripts/make-example.ts [FOLDER]   (default examples)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exampleWorkbook } from '../src/examples/resultatkontrakt-2021';
import { writeNewWorkbook } from '../src/xlsx';

/** The contract's status date (docs/spec.md, Appendix A), also the file's created date so rebuilds differ less. */
const STATUS_DATE = new Date(Date.UTC(2021, 9, 13));
const JUNE_DATE = new Date(Date.UTC(2021, 5, 30));

async function makeExamples(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  const books = [
    { file: 'resultatkontrakt-2021.xlsx', book: exampleWorkbook('october'), created: STATUS_DATE },
    { file: 'resultatkontrakt-2021-06-30.xlsx', book: exampleWorkbook('june'), created: JUNE_DATE },
  ];
  for (const { file, book, created } of books) {
    const out = path.join(folder, file);
    await writeNewWorkbook(book, out, { created });
    process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
  }
}

makeExamples(path.resolve(process.argv[2] ?? 'examples')).catch((error: unknown) => {
  process.stderr.write(`make-example: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
