import path from 'node:path';
import type { Command } from 'commander';
import type { ReportBook, UnreadableBook } from '../report';
import { isXlsxError } from '../xlsx/errors';
import { outputBeside, readAndEvaluate, startProgress, unexpectedFailure } from './book-command';
import type { CliIo } from './cli-io';
import { addDateOptions, languageOption, parseEvaluationFlags, type EvaluationFlags, type EvaluationOptions } from './command-options';
import { EXIT_FILE_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes';

/** `trafiklys report` (docs/spec.md §6, §8): evaluate many books, write nothing into them, write one HTML report. */

export interface RunReportOptions extends EvaluationOptions {
  /** The HTML file; default {@link defaultReportPath}. */
  out?: string;
  /** The overview workbook, when asked for. */
  xlsx?: string;
}

/** The folder-free name of the default report when many books are given (docs/decisions.md). */
export const DEFAULT_REPORT_FILE = 'trafiklys-report.html';

/**
 * Where the report goes without `--out`: beside a single book as `BOOK.trafiklys.html` (like
 * `recalc`'s `BOOK.trafiklys.xlsx`), else `trafiklys-report.html` in the current folder.
 *
 * @example defaultReportPath(['data/kontrakt.xlsx']) // 'data/kontrakt.trafiklys.html'
 */
export function defaultReportPath(books: readonly string[]): string {
  if (books.length !== 1) return DEFAULT_REPORT_FILE;
  return outputBeside(books[0] as string, 'html');
}

/** A report's own name for each book: the file name, or the path as given where two share a name. */
function displayNames(books: readonly string[]): string[] {
  const names = books.map((book) => path.basename(book));
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? (books[i] as string) : name));
}

/** Writes text through a temporary file and a rename (like `recalc --out`, creating a missing folder). */
async function writeTextFile(file: string, text: string, io: CliIo): Promise<void> {
  const { writeFileSafely } = await import('../xlsx/safe-write');
  await writeFileSafely(file, Buffer.from(text, 'utf8'), { fs: io.fs, createFolder: true });
}

/**
 * Reads and evaluates every book (as `check` does: nothing is written into them), then writes the
 * HTML report and, with `xlsx`, the overview workbook. A book that cannot be read is named in
 * both with the reason and the others still appear; the exit code is then 2 (docs/spec.md §6: an
 * unreadable file), else 0.
 *
 * @example await runReport(['nord.xlsx', 'midt.xlsx'], { out: 'status.html', asOf: '2021-10-13' }, io)
 */
export async function runReport(books: string[], options: RunReportOptions, io: CliIo): Promise<number> {
  const out = options.out ?? defaultReportPath(books);
  for (const [flag, target] of [['--out', out], ['--xlsx', options.xlsx]] as const) {
    if (target !== undefined && books.some((book) => path.resolve(book) === path.resolve(target))) {
      io.stderr.write(`error: ${flag} ${target} is one of the books; the report never writes into a book\n`);
      return EXIT_USAGE;
    }
  }
  // Loaded here, not at start-up: `trafiklys --help` and `check` need none of it (docs/decisions.md, "bench, start-up, real files").
  const { overviewWorkbook, renderHtmlReport } = await import('../report');
  const names = displayNames(books);
  const read: ReportBook[] = [];
  const unreadable: UnreadableBook[] = [];
  const progress = await startProgress(books, io);
  for (const [i, book] of books.entries()) {
    const file = names[i] as string;
    progress.show(file);
    try {
      // The same read and evaluation as `check`.
      const { recalculation } = await readAndEvaluate(book, { ...options, now: io.now(), write: false }, io);
      read.push({ file, recalculation });
    } catch (error) {
      unreadable.push({ file, reason: isXlsxError(error) ? error.message : unexpectedFailure(error) });
    }
    progress.step();
  }
  progress.stop();
  for (const book of unreadable) io.stderr.write(`error: ${book.file}: ${book.reason}\n`);

  const input = { books: read, unreadable, language: options.language };
  try {
    await writeTextFile(out, renderHtmlReport(input), io);
    io.stdout.write(`wrote ${out} (${read.length} of ${books.length} book${books.length === 1 ? '' : 's'})\n`);
    if (options.xlsx !== undefined) {
      // exceljs only for the overview workbook, only when it is asked for.
      const { writeNewWorkbook } = await import('../xlsx/write-new-workbook');
      await writeNewWorkbook(overviewWorkbook(input), options.xlsx, { fs: io.fs, createFolder: true });
      io.stdout.write(`wrote ${options.xlsx}\n`);
    }
  } catch (error) {
    io.stderr.write(`error: the report could not be written (${error instanceof Error ? error.message : String(error)})\n`);
    return EXIT_FILE_ERROR;
  }
  return unreadable.length > 0 ? EXIT_FILE_ERROR : EXIT_OK;
}

interface ReportFlags extends EvaluationFlags {
  out?: string;
  xlsx?: string;
}

/**
 * Adds `trafiklys report` to the program.
 *
 * @example registerReportCommand(program, io, setExit);
 */
export function registerReportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('report')
    .description('evaluate the books (writing nothing into them) and write one self-contained HTML status report; with two or more books it begins with an overview')
    .argument('<books...>', 'one or more .xlsx workbooks')
    .option('--out <file.html>', `the HTML report (default: BOOK.trafiklys.html beside a single book, else ${DEFAULT_REPORT_FILE})`)
    .option('--xlsx <file.xlsx>', 'also write the overview of the books as a workbook');
  addDateOptions(command, 'each settings sheet, else today')
    .addOption(languageOption())
    .addHelpText('after', '\nExample:\n  $ trafiklys report nord.xlsx midt.xlsx --as-of 2021-10-13 --out status.html --xlsx oversigt.xlsx')
    .action(async (books: string[], flags: ReportFlags) => {
      setExit(await runReport(books, { ...parseEvaluationFlags(flags), out: flags.out, xlsx: flags.xlsx }, io));
    });
}
