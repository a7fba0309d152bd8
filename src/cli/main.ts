import { promises as nodeFs } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
// The two date parsers only, not the engine's index: `--help` must not load the evaluator (start-up, issue 9).
import type { Language } from '../engine';
// The one deep engine import of an adapter, on purpose: `--help` and the option parsers must start
// without loading the whole engine (start-up under 0.2 s, issue 9); everything else goes through
// the engine's index, loaded with the command that needs it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { parseAsOfDate, parseEvaluationYear } from '../engine/evaluation-date';
import { isXlsxError } from '../xlsx/errors';
import { processIo, type CliIo } from './cli-io';
import { registerReportCommand } from './report-command';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import type { RunBooksOptions } from './run-books';

/** `recalc` and `check` load the reader, the engine and the writer only when they run. */
async function runBooks(books: string[], options: RunBooksOptions, io: CliIo): Promise<number> {
  const { runBooks: run } = await import('./run-books');
  return run(books, options, io);
}

export type { CliIo, CliWritable } from './cli-io';

/** A bad command line found after commander parsed it (SPEC §6: exit 2). */
class UsageError extends Error {}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = parseEvaluationYear(text);
  if (year === null) throw new UsageError(`--year must be a four-digit year such as 2021, not '${text}'`);
  return year;
}

function parseAsOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const asOf = parseAsOfDate(text);
  if (asOf === null) throw new UsageError(`--as-of must be a date written YYYY-MM-DD such as 2021-10-13, not '${text}'`);
  return asOf;
}

const languageOption = (): Option => new Option('--lang <code>', 'language of labels and headers written').choices(['da', 'en']);

interface RecalcFlags {
  out?: string;
  inPlace?: boolean;
  year?: string;
  asOf?: string;
  lang?: Language;
  json?: boolean;
  report?: boolean;
}

interface CheckFlags {
  year?: string;
  asOf?: string;
  json?: boolean;
  strict?: boolean;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('trafiklys')
    .description('Traffic-light status for goal sheets in Excel workbooks: year targets and a status for every goal.')
    .addHelpText('after', '\nExamples:\n  $ trafiklys recalc kontrakt.xlsx --as-of 2021-10-13\n  $ trafiklys check *.xlsx --json --strict\n  $ trafiklys template mål.xlsx --lang da')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('recalc')
    .description('evaluate every goal sheet and write year targets and statuses into a copy of each workbook (or in place)')
    .argument('<books...>', 'one or more .xlsx workbooks')
    .addOption(new Option('--out <file>', 'write the result here (one book only)').conflicts('inPlace'))
    .option('--in-place', 'overwrite each workbook (through a temporary file in the same folder; charts, pivot tables, macros and every other part are kept as they are)')
    .option('--year <YYYY>', 'the evaluation year (default: the year of the as-of date)')
    .option('--as-of <YYYY-MM-DD>', 'the status date (default: the settings sheet, else today)')
    .addOption(languageOption())
    .option('--json', 'print the JSON report instead of tables')
    .option('--report', 'also write the status report sheet (Statusrapport / Status report)')
    .addHelpText('after', '\nExample:\n  $ trafiklys recalc kontrakt.xlsx --as-of 2021-10-13   # writes kontrakt.trafiklys.xlsx')
    .action(async (books: string[], flags: RecalcFlags) => {
      if (flags.out !== undefined && books.length > 1) {
        throw new UsageError(`--out takes a single book, but ${books.length} were given; leave it out to write BOOK.trafiklys.xlsx beside each`);
      }
      setExit(
        await runBooks(
          books,
          {
            mode: 'recalc',
            year: parseYear(flags.year),
            asOf: parseAsOf(flags.asOf),
            language: flags.lang,
            json: flags.json === true,
            strict: false,
            out: flags.out,
            inPlace: flags.inPlace === true,
            report: flags.report === true,
          },
          io,
        ),
      );
    });

  program
    .command('check')
    .description('evaluate every goal sheet and print the statuses; writes nothing')
    .argument('<books...>', 'one or more .xlsx workbooks')
    .option('--year <YYYY>', 'the evaluation year (default: the year of the as-of date)')
    .option('--as-of <YYYY-MM-DD>', 'the status date (default: the settings sheet, else today)')
    .option('--json', 'print the JSON report instead of tables')
    .option('--strict', 'exit with code 3 when any row is an error')
    .addHelpText('after', '\nExample:\n  $ trafiklys check kontrakt.xlsx --as-of 2021-10-13 --json --strict')
    .action(async (books: string[], flags: CheckFlags) => {
      setExit(
        await runBooks(
          books,
          {
            mode: 'check',
            year: parseYear(flags.year),
            asOf: parseAsOf(flags.asOf),
            json: flags.json === true,
            strict: flags.strict === true,
            inPlace: false,
          },
          io,
        ),
      );
    });

  program
    .command('template')
    .description('write a ready goal sheet with example rows and a settings sheet')
    .argument('<out>', 'the .xlsx file to create (an existing file is not overwritten)')
    .addOption(languageOption().default('da'))
    .addHelpText('after', '\nExample:\n  $ trafiklys template mål.xlsx --lang da')
    .action(async (out: string, flags: { lang: Language }) => {
      const exists = await nodeFs.stat(out).then(
        () => true,
        () => false,
      );
      if (exists) throw new UsageError(`${out} already exists; choose another name`);
      // exceljs is loaded only for the command that needs it: recalc and check start without it.
      const { writeNewWorkbook } = await import('../xlsx/write-new-workbook');
      const { goalSheetTemplate } = await import('../engine');
      await writeNewWorkbook(goalSheetTemplate(flags.lang, { year: io.now().getFullYear() }), out, { fs: io.fs });
      io.stdout.write(`wrote ${out}\n`);
      setExit(EXIT_OK);
    });

  registerReportCommand(program, io, setExit, { parseYear, parseAsOf, languageOption });
  return program;
}

/**
 * Runs the `trafiklys` command line and resolves to its exit code (SPEC §6): 0 done, 2 bad usage
 * or an unreadable file (message on stderr), 3 with `check --strict` when any row is an error.
 * `bin/trafiklys.js` calls it with the real process; tests pass their own `io`.
 *
 * @example
 * const code = await main(['check', 'kontrakt.xlsx', '--json'], { stdout, stderr, now: () => new Date('2021-10-13') });
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with commander's own exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError || isXlsxError(error)) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}
