/**
 * The Trafiklys functions Excel calls (docs/spec.md §10), thin on purpose: each hands its
 * arguments to ./arguments (pure) and turns an error into Excel's. The JSDoc tags below are the
 * source of functions.json (custom-functions-metadata-plugin, webpack.config.js), which also adds
 * the `CustomFunctions.associate` calls at build time; the Danish names are in ./functions-da.json.
 * The functions only compute: they never write to the workbook.
 */
import { computeColumnFunction, computeStatus, computeTarget, languageOf, type FunctionResult } from './arguments';

/** The members of the custom functions runtime used here (CustomFunctionsRuntime 1.2). */
declare const CustomFunctions: {
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { invalidValue: string; notAvailable: string };
};

/**
 * Office's display language where the runtime has one (a shared or web runtime with office.js),
 * else the runtime's own (docs/decisions.md, "Trafiklys functions").
 */
function readLanguage(): 'da' | 'en' {
  const office = typeof Office === 'undefined' ? undefined : Office.context?.displayLanguage;
  return languageOf(office ?? (typeof navigator === 'undefined' ? undefined : navigator.language));
}

/** The value, or Excel's `#VALUE!`/`#N/A` with the message shown in the cell's error indicator. */
function settle<T>(result: FunctionResult<T>): T {
  if (result.ok) return result.value;
  const code = result.error.code === 'na' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  throw new CustomFunctions.Error(code, result.error.message);
}

/**
 * Net Promoter Score (−100 to 100) of 0–10 answers; blanks, text and "Ved ikke"/"Don't know" are left out, as the nps Source does.
 * @customfunction NPS NPS
 * @param answers The answers, one column.
 * @param [filter_range] Keep only the rows where this column equals filter_value.
 * @param [filter_value] The value filter_range must hold.
 * @returns The Net Promoter Score.
 */
export function nps(answers: unknown[][], filter_range?: unknown[][], filter_value?: unknown): number {
  return settle(computeColumnFunction('nps', { answers, filterRange: filter_range, filterValue: filter_value }, readLanguage()));
}

/**
 * The share (a fraction 0 to 1) of the answers equal to answer, over the base the share Source forms.
 * @customfunction SHARE SHARE
 * @param answers The answers, one column.
 * @param answer The answer to count.
 * @param [filter_range] Keep only the rows where this column equals filter_value.
 * @param [filter_value] The value filter_range must hold.
 * @returns The share, for a % number format.
 */
export function share(answers: unknown[][], answer: unknown, filter_range?: unknown[][], filter_value?: unknown): number {
  return settle(computeColumnFunction('share', { answers, answer, filterRange: filter_range, filterValue: filter_value }, readLanguage()));
}

/**
 * The number of distinct non-blank values; CVR numbers are compared as the count_unique Source compares them.
 * @customfunction COUNTUNIQUE COUNTUNIQUE
 * @param values The values, one column.
 * @param [filter_range] Keep only the rows where this column equals filter_value.
 * @param [filter_value] The value filter_range must hold.
 * @returns The number of distinct values.
 */
export function countUnique(values: unknown[][], filter_range?: unknown[][], filter_value?: unknown): number {
  return settle(computeColumnFunction('count_unique', { answers: values, filterRange: filter_range, filterValue: filter_value }, readLanguage()));
}

/**
 * The year's target of a target rule (a % as a fraction); #N/A when the year has none.
 * @customfunction TARGET TARGET
 * @param rule The target rule, as a Target cell holds it.
 * @param year The year.
 * @param [baseline] The baseline, such as 40 % (2020).
 * @returns The year's target.
 */
export function target(rule: unknown, year: unknown, baseline?: unknown): unknown {
  return settle(computeTarget({ rule, year, baseline }, readLanguage(), new Date()));
}

/**
 * The status label of an actual against a target rule, in Office's display language.
 * @customfunction STATUS STATUS
 * @param rule The target rule, as a Target cell holds it.
 * @param actual The actual value.
 * @param [year] The year to judge; default the year of as_of.
 * @param [as_of] The date the actual refers to; default today.
 * @returns The status label.
 */
export function status(rule: unknown, actual: unknown, year?: unknown, as_of?: unknown): string {
  return settle(computeStatus({ rule, actual, year, asOf: as_of }, readLanguage(), new Date()));
}
