import { dayFromIso, dayFromYmd, yearOfDay } from './dates';
import { formatTargetValue } from './display';
import { evaluateGoalSheet } from './evaluate-sheet';
import { statusLabel } from './glossary';
import { createSourceEvaluator } from './sources';
import { computeSource } from './sources/compute';
import type { AggregateSource, ColumnRef, Condition, Literal } from './sources/parser';
import { SourceProblem, SourceWorkbook } from './sources/source-workbook';
import type { CellValue, Language, RowResult, SheetSnapshot, StatusId, Unit } from './types';

/**
 * The contract's measures as spreadsheet functions (docs/spec.md §10): each one builds the
 * engine's own input from the function's arguments (a data sheet for the Source functions, a
 * one-row goal sheet for the target rule and the status) and runs the engine's own computation,
 * so a function and a Source or Target cell on the same values cannot disagree.
 */

/** The measures a function can take over a column, by the Source function that computes them (§4). */
export type ColumnMeasure = 'nps' | 'share' | 'count_unique';

/** A filter pair: keep the rows whose `values` cell matches `value` as a Source filter `=` does (§4). */
export interface ColumnFilter {
  values: readonly CellValue[];
  value: CellValue;
}

export interface ColumnMeasureInput {
  measure: ColumnMeasure;
  /** The measured column, one cell per row; `null` is a blank cell. */
  answers: readonly CellValue[];
  /** `share`'s answer: the rows whose answer matches it count, as `share(X = answer)` does. */
  answer?: CellValue;
  filter?: ColumnFilter;
  /** For the base's words in a no-data outcome. */
  language?: Language;
}

/** What a function gives back: a value, nothing (with the reason, Excel's `#N/A`) or an error (`#VALUE!`). */
export type LiveFunctionOutcome<T> = { kind: 'value'; value: T } | { kind: 'none'; message: string } | { kind: 'error'; message: string };

const DATA_SHEET = 'Data';
const MEASURED_HEADER = 'Answers';
const CVR_HEADER = 'CVR';
const FILTER_HEADER = 'Filter';
const GOAL_SHEET = 'Goals';
/** The goal sheet's columns, in this order: A ID, B Target, C Baseline, D Actual. */
const GOAL_HEADERS = ['ID', 'Target', 'Baseline', 'Actual'];

/**
 * A column of CVR numbers: every non-blank value is 8 digits once a `DK` prefix and spaces are
 * dropped. Such a column is measured as a Source measures a column whose header names CVR (§4):
 * normalised, and invalid numbers left out (docs/decisions.md, "Trafiklys functions").
 */
function isCvrColumn(values: readonly CellValue[]): boolean {
  let seen = false;
  for (const value of values) {
    if (value === null || value === '') continue;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
    if (!/^\s*(DK)?[\d\s]+$/i.test(text) || text.replace(/^\s*DK/i, '').replace(/\s/g, '').length !== 8) return false;
    seen = true;
  }
  return seen;
}

function literalOf(value: CellValue): Literal {
  if (typeof value === 'number') return { type: 'number', value, raw: String(value) };
  const text = value === null ? '' : typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value.error;
  return { type: 'text', value: text, raw: JSON.stringify(text) };
}

function columnRef(name: string, position: number): ColumnRef {
  return { sheet: null, name, bracketed: true, position };
}

/** An empty text is a blank cell, as Excel hands a blank cell of a range to a function. */
function cellOf(value: CellValue): CellValue {
  return value === '' ? null : value;
}

/**
 * Computes NPS, a share or a count of distinct values over a column exactly as the matching Source
 * does (§4): the same base (blanks and `Ved ikke`/`Don't know`/`Ønsker ikke at svare` left out),
 * the same reading of answers, the same CVR rules. A share is a fraction 0…1 (for a % format).
 *
 * @example
 * measureColumn({ measure: 'nps', answers: [10, 9, 3, 'Ved ikke'] }) // { kind: 'value', value: 33.33… }
 * measureColumn({ measure: 'share', answers: ['Ja', 'Nej'], answer: 'ja' }) // { kind: 'value', value: 0.5 }
 */
export function measureColumn(input: ColumnMeasureInput): LiveFunctionOutcome<number> {
  const { answers, filter } = input;
  if (filter && filter.values.length !== answers.length) {
    return { kind: 'error', message: `the filter range has ${filter.values.length} cells and the answers ${answers.length}; give ranges of the same size` };
  }
  const measuredHeader = input.measure === 'count_unique' && isCvrColumn(answers) ? CVR_HEADER : MEASURED_HEADER;
  const values: CellValue[][] = [filter ? [measuredHeader, FILTER_HEADER] : [measuredHeader]];
  answers.forEach((answer, i) => values.push(filter ? [cellOf(answer), cellOf(filter.values[i])] : [cellOf(answer)]));
  const sheet: SheetSnapshot = { name: DATA_SHEET, values };
  const measured = { ...columnRef(measuredHeader, 0), sheet: DATA_SHEET };
  const condition: Condition | null =
    input.measure === 'share' ? { kind: 'compare', column: { ...measured, sheet: null }, op: '=', literal: literalOf(cellOf(input.answer ?? null)) } : null;
  const filters: Condition[] = filter ? [{ kind: 'compare', column: columnRef(FILTER_HEADER, 0), op: '=', literal: literalOf(cellOf(filter.value)) }] : [];
  const source: AggregateSource = { kind: 'aggregate', fn: input.measure, measured, condition, filters, options: {} };
  let outcome;
  try {
    outcome = computeSource(source, new SourceWorkbook({ sheets: [sheet] }), { language: input.language ?? 'en' });
  } catch (error) {
    if (error instanceof SourceProblem) return { kind: 'error', message: error.message };
    throw error;
  }
  switch (outcome.kind) {
    case 'value':
      return { kind: 'value', value: outcome.unit === '%' ? outcome.value / 100 : outcome.value };
    case 'no-data':
      return { kind: 'none', message: input.language === 'da' ? `ingen svar at regne på (${outcome.base})` : `no answers to count (${outcome.base})` };
    case 'error':
      return { kind: 'error', message: outcome.message };
    default:
      return { kind: 'error', message: 'a goal() source has no column to measure' };
  }
}

export interface GoalRowInput {
  rule: CellValue;
  baseline?: CellValue;
  actual?: CellValue;
  /** The evaluation year (§3); default the as-of date's year. */
  year?: number;
  /** ISO `YYYY-MM-DD`; default the day of `now`. */
  asOf?: string;
  language: Language;
  /** The clock, passed in so the engine stays pure. */
  now: Date;
}

function goalSheet(input: GoalRowInput): SheetSnapshot {
  const row: CellValue[] = ['1', cellOf(input.rule), cellOf(input.baseline ?? null), cellOf(input.actual ?? null)];
  return { name: GOAL_SHEET, values: [GOAL_HEADERS, row] };
}

/** The explanation without the cell of the one-row sheet the engine was given: the function's caller has no such sheet. */
function withoutSheetCell(text: string): string {
  return text.replace(new RegExp(` \\('?${GOAL_SHEET}'?![A-Z]+\\d+\\)`, 'g'), '');
}

/**
 * Evaluates the one goal row the arguments describe. A function never sees its cell's number
 * format (Excel hands 45 % over as 0.45); the goal row reads a plain number 0…1 in a % row as a
 * fraction (§2), so the function and the goal sheet read such a cell alike.
 */
function evaluateGoalRow(input: GoalRowInput): RowResult {
  // As recalculate() dates a sheet without settings (§3): as-of today by default, the year the as-of date's.
  const given = input.asOf === undefined ? null : dayFromIso(input.asOf);
  if (input.asOf !== undefined && given === null) throw new RangeError(`as-of date "${input.asOf}" is not a date (YYYY-MM-DD)`);
  const asOf = given ?? dayFromYmd(input.now.getFullYear(), input.now.getMonth() + 1, input.now.getDate());
  const year = input.year ?? yearOfDay(asOf);
  const sheet = goalSheet(input);
  const evaluated = evaluateGoalSheet(sheet, { year, asOf, language: input.language, sources: createSourceEvaluator({ sheets: [sheet] }) });
  if (!evaluated) throw new Error('the one-row goal sheet has no header');
  return evaluated.rows[0].result;
}

/**
 * A year's target from a target rule (§2, grammar or contract prose), as the `Target Y` column
 * holds it: a number in the rule's unit with a % as a fraction, a range as its text; none when
 * the year has no target; an error with the rule's refusal.
 *
 * @example readYearTarget({ rule: '2021: 45%; 2023: 50%', year: 2022, language: 'en', now: new Date() }) // { kind: 'value', value: 0.475 }
 */
export function readYearTarget(input: GoalRowInput & { year: number }): LiveFunctionOutcome<number | string> {
  if (input.rule === null || input.rule === '') return { kind: 'error', message: input.language === 'da' ? 'måltallet er tomt' : 'the target rule is blank' };
  const row = evaluateGoalRow({ ...input, actual: null });
  if (row.status === 'error') return { kind: 'error', message: withoutSheetCell(row.explanation) };
  const target = row.targets[String(input.year)] ?? null;
  if (target === null || row.unit === 'milestone') {
    const none = input.language === 'da' ? `intet måltal for ${input.year}` : `no target for ${input.year}`;
    const milestone = input.language === 'da' ? 'en milepæl har intet tal som måltal' : 'a milestone has no number for a target';
    return { kind: 'none', message: row.unit === 'milestone' ? milestone : none };
  }
  if (Array.isArray(target)) return { kind: 'value', value: formatTargetValue(target, row.unit, input.language) };
  return { kind: 'value', value: row.unit === '%' ? target / 100 : target };
}

export interface JudgedStatus {
  status: StatusId;
  /** The status label in the given language (§3). */
  label: string;
  explanation: string;
  unit: Unit | null;
}

/**
 * The status of §3 for an actual against a target rule in a year on an as-of date, as a goal row
 * with that Target and Actual gets it.
 *
 * @example judgeStatus({ rule: '>= 80%', actual: 0.75, year: 2021, asOf: '2021-10-13', language: 'da', now }) // label 'I risiko'
 */
export function judgeStatus(input: GoalRowInput): JudgedStatus {
  const row = evaluateGoalRow({ ...input, baseline: input.baseline ?? null });
  return { status: row.status, label: statusLabel(row.status, input.language), explanation: withoutSheetCell(row.explanation), unit: row.unit };
}
