import { Option, type Command } from 'commander';
import type { Language } from '../engine';
// The one deep engine import of an adapter, on purpose: `--help` and the option parsers must start
// without loading the whole engine (docs/decisions.md, "bench, start-up, real files"); everything
// else goes through the engine's index, loaded with the command that needs it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { parseAsOfDate, parseEvaluationYear } from '../engine/evaluation-date';

/** The options every command that evaluates books takes (docs/spec.md §6). */
export interface EvaluationOptions {
  year?: number;
  asOf?: string;
  language?: Language;
}

/** The same options as commander hands them over. */
export interface EvaluationFlags {
  year?: string;
  asOf?: string;
  lang?: Language;
}

/** A bad command line found after commander parsed it (docs/spec.md §6: exit 2). */
export class UsageError extends Error {}

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

/**
 * The evaluation options from the flags.
 * @throws {UsageError} when `--year` or `--as-of` is not a year or a date.
 */
export function parseEvaluationFlags(flags: EvaluationFlags): EvaluationOptions {
  return { year: parseYear(flags.year), asOf: parseAsOf(flags.asOf), language: flags.lang };
}

/** `--lang`, the language of what is written. */
export const languageOption = (): Option => new Option('--lang <code>', 'language of labels and headers written').choices(['da', 'en']);

/**
 * Adds `--year` and `--as-of`, saying where the as-of date comes from without one.
 * @example addDateOptions(command, 'the settings sheet, else today')
 */
export function addDateOptions(command: Command, asOfDefault: string): Command {
  return command.option('--year <YYYY>', 'the evaluation year (default: the year of the as-of date)').option('--as-of <YYYY-MM-DD>', `the status date (default: ${asOfDefault})`);
}
