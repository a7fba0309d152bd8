import { Command, CommanderError, Option } from 'commander';
import type { Language } from '../engine';
import { isXlsxError } from '../xlsx/errors';
import { processIo, type CliIo } from './cli-io';
import { addDateOptions, languageOption, parseEvaluationFlags, UsageError, type EvaluationFlags } from './command-options';
import { registerReportCommand } from './report-command';
import { EXIT_FILE_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes';
import type { RunBooksOptions } from './run-books';

/** `recalc` and `check` load the reader, the engine and the writer only when they run. */
async function runBooks(books: string[], options: RunBooksOptions, io: CliIo): Promise<number> {
  const { runBooks: run } = await import('./run-books');
  return run(books, options, io);
}

interface RecalcFlags extends EvaluationFlags {
  out?: string;
  inPlace?: boolean;
  json?: boolean;
  report?: boolean;
  force?: boolean;
}

interface CheckFlags extends EvaluationFlags {
  lang?: Language;
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

  const recalc = program
    .command('recalc')
    .description('evaluate every goal sheet and write year targets and statuses into a copy of each workbook (or in place)')
    .argument('<books...>', 'one or more .xlsx workbooks')
    .addOption(new Option('--out <file>', 'write the result here (one book only)').conflicts('inPlace'))
    .option('--in-place', 'overwrite each workbook (through a temporary file in the same folder; charts, pivot tables, macros and every other part are kept as they are)');
  addDateOptions(recalc, 'the settings sheet, else today')
    .addOption(languageOption())
    .option('--json', 'print the JSON report instead of tables')
    .option('--report', 'also write the status report sheet (Statusrapport / Status report)')
    .option('--force', 'write even when the file is read-only or open in Excel or LibreOffice (its owner file is beside it)')
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
            ...parseEvaluationFlags(flags),
            json: flags.json === true,
            strict: false,
            out: flags.out,
            inPlace: flags.inPlace === true,
            report: flags.report === true,
            force: flags.force === true,
          },
          io,
        ),
      );
    });

  const check = program
    .command('check')
    .description('evaluate every goal sheet and print the statuses; writes nothing')
    .argument('<books...>', 'one or more .xlsx workbooks');
  addDateOptions(check, 'the settings sheet, else today')
    .addOption(languageOption())
    .option('--json', 'print the JSON report instead of tables')
    .option('--strict', 'exit with code 3 when any row is an error or a book has no goal sheet')
    .addHelpText('after', '\nExample:\n  $ trafiklys check kontrakt.xlsx --as-of 2021-10-13 --json --strict')
    .action(async (books: string[], flags: CheckFlags) => {
      setExit(
        await runBooks(
          books,
          {
            mode: 'check',
            ...parseEvaluationFlags({ year: flags.year, asOf: flags.asOf, lang: flags.lang }),
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
      const { fileExists, nodeFileSystem } = await import('../xlsx/file-system');
      if (await fileExists(io.fs ?? nodeFileSystem, out)) throw new UsageError(`${out} already exists; choose another name`);
      // exceljs is loaded only for the command that needs it: recalc and check start without it.
      const { writeNewWorkbook } = await import('../xlsx/write-new-workbook');
      const { goalSheetTemplate } = await import('../engine');
      await writeNewWorkbook(goalSheetTemplate(flags.lang, { year: io.now().getFullYear() }), out, { fs: io.fs });
      io.stdout.write(`wrote ${out}\n`);
      setExit(EXIT_OK);
    });

  registerReportCommand(program, io, setExit);
  return program;
}

/**
 * Runs the `trafiklys` command line and resolves to its exit code (docs/spec.md §6): 0 done, 2 bad usage
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
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (isXlsxError(error)) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_FILE_ERROR;
    }
    throw error;
  }
  return exitCode;
}
