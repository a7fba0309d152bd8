import path from 'node:path';
import type { Recalculation } from '../engine';
import { isXlsxError } from '../xlsx/errors';
import { writeFileSafely } from '../xlsx/safe-write';
import { checkTargetIsFree } from '../xlsx/workbook-owner';
import { applyPlanToPackage } from '../xlsx/write-book';
import { outputBeside, readAndEvaluate, startProgress, unexpectedFailure } from './book-command';
import type { CliIo } from './cli-io';
import type { EvaluationOptions } from './command-options';
import { EXIT_FILE_ERROR, EXIT_OK, EXIT_STRICT } from './exit-codes';
import type { JsonBook } from './format-report';

/** `trafiklys recalc` and `trafiklys check` (docs/spec.md §6). */

export interface RunBooksOptions extends EvaluationOptions {
  mode: 'recalc' | 'check';
  json: boolean;
  strict: boolean;
  /** recalc only: the single output file (`--out`). */
  out?: string;
  /** recalc only: overwrite the input (`--in-place`). */
  inPlace: boolean;
  /** recalc only: also write the status report sheet (`--report`, docs/spec.md §8). */
  report?: boolean;
  /** recalc only: overwrite a file that is read-only or open in Excel or LibreOffice (`--force`). */
  force?: boolean;
}

/** A recalculation the engine refused as a whole (docs/spec.md §8): nothing is written, the book counts as failed. */
class RefusedError extends Error {}

/**
 * `BOOK.xlsx` → `BOOK.trafiklys.xlsx` beside it (docs/spec.md §6).
 *
 * @example defaultOutputPath('data/contract.xlsx') // 'data/contract.trafiklys.xlsx'
 */
export function defaultOutputPath(book: string): string {
  return outputBeside(book, 'xlsx');
}

function outputPathFor(book: string, options: RunBooksOptions): string {
  if (options.inPlace) return book;
  return options.out ?? defaultOutputPath(book);
}

interface BookOutcome {
  recalculation: Recalculation;
  /** The file written; `null` when `recalc` had nothing to write into the workbook in place. */
  written?: string | null;
  /** What `--force` overrode to write it, in words for a warning. */
  overridden?: string[];
}

async function runBook(book: string, options: RunBooksOptions, io: CliIo): Promise<BookOutcome> {
  const now = io.now();
  // Read and evaluated apart, so that the snapshot (a million rows of a data sheet's columns) can
  // be collected before the write: only the package is kept.
  const { recalculation, pkg } = await readAndEvaluate(book, { ...options, now, write: options.mode === 'recalc', report: options.report === true }, io);
  if (options.mode === 'check') return { recalculation };
  if (recalculation.refused) throw new RefusedError(`${book}: ${recalculation.refused.message}`);
  const { pieces, skipped, unchanged } = await applyPlanToPackage({ pkg }, recalculation.plan, now);
  for (const s of skipped) {
    io.stderr.write(`warning: ${book}: ${s.cell} was not written (${s.reason === 'formula' ? 'it holds a formula' : s.reason})\n`);
  }
  const target = outputPathFor(book, options);
  // Nothing to write into the workbook itself (docs/spec.md §5: no goal sheet): it is left untouched. A copy asked for is still made.
  if (unchanged && path.resolve(target) === path.resolve(book)) return { recalculation, written: null };
  // A read-only file, or one open in Excel or LibreOffice, is refused unless --force (docs/decisions.md, "In-place writes and the workbook's owner").
  const overridden = await checkTargetIsFree(target, { force: options.force === true, fs: io.fs });
  await writeFileSafely(target, pieces, { fs: io.fs, createFolder: options.out !== undefined });
  return { recalculation, written: target, overridden };
}

/**
 * Runs `recalc` or `check` over the books, printing tables (or the JSON report) and returning
 * the exit code: 2 when any book could not be read or written (the others still run), 3 with
 * `strict` when any row is an error, else 0.
 *
 * @example await runBooks(['contract.xlsx'], { mode: 'check', json: true, strict: true, inPlace: false }, io)
 */
export async function runBooks(books: string[], options: RunBooksOptions, io: CliIo): Promise<number> {
  const jsonBooks: JsonBook[] = [];
  // Read errors are printed after the progress bar is gone, so they are not drawn over.
  const failures: string[] = [];
  // The workbook's own findings (settings, history rows, docs/spec.md §5/§8) would otherwise be seen only by
  // the add-in; on the command line they go to stderr so stdout stays the table or the JSON.
  const warnings: string[] = [];
  let errorRows = 0;
  let booksWithoutGoals = 0;
  // The table printer (cli-table3) loads on demand: start-up (docs/decisions.md, "bench, start-up, real files").
  const { formatSummary, formatTables, formatWritten, summaryLanguage, toJsonBook } = await import('./format-report');
  const { formatChanges } = await import('./format-changes');
  const progress = await startProgress(books, io);
  const tables: string[] = [];
  for (const book of books) {
    progress.show(path.basename(book));
    try {
      const { recalculation, written, overridden = [] } = await runBook(book, options, io);
      errorRows += recalculation.summary.error;
      // A book with no goal sheet has nothing checked: --strict says so (a header spelled almost right, docs/spec.md §6).
      if (recalculation.sheets.length === 0) booksWithoutGoals += 1;
      for (const note of overridden) warnings.push(`warning: ${note}\n`);
      for (const finding of recalculation.findings) warnings.push(`warning: ${book}: ${finding.cell}: ${finding.message}\n`);
      if (options.json) jsonBooks.push(toJsonBook(book, recalculation));
      else {
        const language = summaryLanguage(recalculation, options.language);
        const tail = formatWritten(written, recalculation.sheets.length === 0, language);
        const changes = formatChanges(recalculation, options.language);
        tables.push(`${formatTables(book, recalculation)}${changes === '' ? '' : `\n\n${changes}`}\n${book}: ${formatSummary(recalculation.summary, language)}${tail}`);
      }
    } catch (error) {
      // One book that cannot be processed never stops the others (docs/spec.md §3 "one bad row never stops the others", by extension).
      if (isXlsxError(error) || error instanceof RefusedError) failures.push(`error: ${error.message}\n`);
      else failures.push(`error: ${book}: ${unexpectedFailure(error)}\n`);
    }
    progress.step();
  }
  progress.stop();
  for (const warning of warnings) io.stderr.write(warning);
  for (const failure of failures) io.stderr.write(failure);
  if (options.json) io.stdout.write(`${JSON.stringify({ books: jsonBooks }, null, 2)}\n`);
  else if (tables.length > 0) io.stdout.write(`${tables.join('\n\n')}\n`);
  if (failures.length > 0) return EXIT_FILE_ERROR;
  if (options.strict && (errorRows > 0 || booksWithoutGoals > 0)) return EXIT_STRICT;
  return EXIT_OK;
}
