import type { Recalculation, RecalculateOptions } from '../engine';
import { workbookStem } from '../xlsx/file-kind';
import type { LoadedBook } from '../xlsx/read-book';
import type { CliIo } from './cli-io';
import type { EvaluationOptions } from './command-options';

/**
 * What every command over books shares (docs/spec.md §6): where its output goes beside a book,
 * the progress bar over many books, reading and evaluating one book, and the message for a
 * failure nobody foresaw. The engine and the reader load with the first book, not at start-up.
 */

/**
 * The file Trafiklys writes beside a book: `BOOK.xlsx` → `BOOK.trafiklys.EXT`.
 * @example outputBeside('data/contract.xlsx', 'html') // 'data/contract.trafiklys.html'
 */
export function outputBeside(book: string, extension: string): string {
  return `${workbookStem(book)}.trafiklys.${extension}`;
}

/** The progress over many books, drawn on stderr only when it is a terminal. */
export interface BookProgress {
  /** The book now being read. */
  show(name: string): void;
  /** One more book done. */
  step(): void;
  /** Removes the bar: what is printed afterwards is not drawn over. */
  stop(): void;
}

/** A progress bar over two or more books on a terminal, else nothing. */
export async function startProgress(books: readonly string[], io: CliIo): Promise<BookProgress> {
  // The progress bar loads on demand: start-up (docs/decisions.md, "bench, start-up, real files").
  const cliProgress = books.length > 1 && io.stderr.isTTY ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar({ stream: io.stderr as NodeJS.WritableStream, format: '{bar} {value}/{total} {book}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(books.length, 0, { book: '' });
  return {
    show: (name) => bar?.update({ book: name }),
    step: () => bar?.increment(),
    stop: () => bar?.stop(),
  };
}

/** How the engine is asked about one book, beyond the options every command takes. */
export type BookEvaluation = EvaluationOptions & Pick<RecalculateOptions, 'write' | 'report'> & { now: Date };

/**
 * Reads a book (the streaming reader) and evaluates it.
 *
 * @throws {XlsxError} when the book cannot be read.
 * @example const { recalculation } = await readAndEvaluate('kontrakt.xlsx', { now, write: false }, io);
 */
export async function readAndEvaluate(book: string, evaluation: BookEvaluation, io: CliIo): Promise<{ recalculation: Recalculation; pkg: LoadedBook['pkg'] }> {
  const [{ recalculate }, { loadBook }] = await Promise.all([import('../engine'), import('../xlsx/read-book')]);
  const { snapshot, pkg } = await loadBook(book, { fs: io.fs });
  const recalculation = recalculate(snapshot, {
    year: evaluation.year,
    asOf: evaluation.asOf,
    language: evaluation.language,
    now: evaluation.now,
    write: evaluation.write,
    report: evaluation.report,
  });
  return { recalculation, pkg };
}

/**
 * What is said of a book that failed for a reason nobody foresaw (not a file Trafiklys refuses).
 * @example unexpectedFailure(new Error('boom')) // 'could not be processed (boom); please report this with the workbook'
 */
export function unexpectedFailure(error: unknown): string {
  return `could not be processed (${error instanceof Error ? error.message : String(error)}); please report this with the workbook`;
}
