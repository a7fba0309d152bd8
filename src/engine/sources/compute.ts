import type { CellValue, SourceOutcome, Unit } from '../types';
import { isCellError, isValidCvr, normaliseCvr, textKeyOf, type DataColumn } from './data-sheet';
import type { AggregateSource, Condition, Literal, SourceFunction } from './parser';
import { findCodedVariable, quoteSheetName, SourceProblem, type SourceWorkbook } from './source-workbook';
import type { CodedVariable } from './survey-labels';

/**
 * The source functions of SPEC §4 over one data sheet: filter, form the base, aggregate, and
 * describe the base for the Explanation.
 */

/** SPEC §4's default exclude list; `exclude = (...)` replaces it. */
export const DEFAULT_EXCLUDES: readonly string[] = ['Ved ikke', "Don't know", 'Ønsker ikke at svare'];

const PASS = 0;
const FAIL = 1;
const UNREADABLE = 2;
type Verdict = typeof PASS | typeof FAIL | typeof UNREADABLE;

interface CompiledCondition {
  test(row: number): Verdict;
  /** Why a cell could not be read: `not a number`, `not a date`. */
  unreadableReason: string;
}

const UNITS: Record<SourceFunction, Unit> = {
  share: '%',
  share_new: '%',
  coverage: '%',
  nps: 'NPS',
  count: 'count',
  count_unique: 'count',
  sum: 'number',
  mean: 'number',
  median: 'number',
};

/** How many row numbers to list before `and N more`. */
const MAX_LISTED = 10;

export interface ComputeOptions {
  /** The evaluator-wide `Labels` sheet override. */
  labelsSheet?: string;
}

/**
 * Computes an aggregate source over the workbook.
 *
 * @example
 * computeSource(parseSource('count(Data!CVR)') as AggregateSource, new SourceWorkbook(snapshot))
 * // { kind: 'value', value: 3, unit: 'count', base: 'n = 3' }
 * @throws SourceProblem for an unknown sheet or column (the evaluator turns it into an error outcome).
 */
export function computeSource(source: AggregateSource, book: SourceWorkbook, options: ComputeOptions = {}): SourceOutcome {
  const sheetName = source.measured.sheet;
  const { sheet, column: measured } = book.column(source.measured, sheetName);
  const labels = book.labels(source.options.labels, options.labelsSheet);
  const filters = source.filters.map((f) => {
    const { column } = book.column(f.column, sheet.name);
    return compileCondition(f, column, findCodedVariable(labels, column));
  });
  const coded = findCodedVariable(labels, measured);

  // Exclude values, and the codes labelled with them (SurveyXact), each counted under its own name.
  const excludeList = source.options.exclude ?? DEFAULT_EXCLUDES;
  const excludeIndex = new Map<string, number>();
  excludeList.forEach((value, i) => {
    for (const key of expandTextKeys(value, coded)) if (!excludeIndex.has(key)) excludeIndex.set(key, i);
  });

  const excluded = excludeList.map(() => 0);
  const unreadable = filters.map(() => 0);
  const invalidRows: number[] = [];
  const invalidCvrRows: number[] = [];
  const base: number[] = [];
  const keys = measured.keys;
  const raw = measured.raw;
  const cvrKeys = measured.isCvr ? measured.cvrKeys : null;

  // The one pass over the sheet's rows for this source: filters, blanks, excludes, invalid values.
  for (let r = 0; r < sheet.rowCount; r++) {
    let passes = true;
    for (let f = 0; f < filters.length; f++) {
      const verdict = filters[f].test(r);
      if (verdict !== PASS) {
        passes = false;
        // Every filter is tried so the counts do not depend on the order the filters are written in.
        if (verdict === UNREADABLE) unreadable[f]++;
      }
    }
    if (!passes) continue;
    const key = keys[r];
    if (key === '') continue;
    const excludedAs = excludeIndex.get(key);
    if (excludedAs !== undefined) {
      excluded[excludedAs]++;
      continue;
    }
    if (isCellError(raw[r])) {
      invalidRows.push(r);
      continue;
    }
    if (cvrKeys && !isValidCvr(cvrKeys[r])) {
      invalidCvrRows.push(r);
      continue;
    }
    base.push(r);
  }

  const rowNumbers = sheet.rowNumbers;
  const describeBase = (n: number, extras: string[] = []): string => {
    const parts = [`n = ${n}`, ...extras];
    excludeList.forEach((value, i) => {
      if (excluded[i] > 0) parts.push(`${excluded[i]} "${value}" left out`);
    });
    if (invalidCvrRows.length > 0) {
      parts.push(`${plural(invalidCvrRows.length, 'invalid CVR number')} in ${listRows(invalidCvrRows, rowNumbers)}`);
    }
    if (invalidRows.length > 0) {
      parts.push(`${plural(invalidRows.length, 'invalid answer')} in ${listRows(invalidRows, rowNumbers)}`);
    }
    source.filters.forEach((filter, i) => {
      if (unreadable[i] > 0) {
        const verb = unreadable[i] === 1 ? 'row failed' : 'rows failed';
        parts.push(`${unreadable[i]} ${verb} the filter ${filter.column.name} (${filters[i].unreadableReason})`);
      }
    });
    return parts.join('; ');
  };
  const unit = UNITS[source.fn];
  const value = (v: number, n: number, extras?: string[]): SourceOutcome => ({ kind: 'value', value: v, unit, base: describeBase(n, extras) });
  const noData = (n: number, extras?: string[]): SourceOutcome => ({ kind: 'no-data', base: describeBase(n, extras) });

  switch (source.fn) {
    case 'share': {
      const condition = compileCondition(source.condition as Condition, measured, coded);
      let met = 0;
      let n = 0;
      for (const r of base) {
        const verdict = condition.test(r);
        if (verdict === UNREADABLE) invalidRows.push(r);
        else {
          n++;
          if (verdict === PASS) met++;
        }
      }
      return n === 0 ? noData(0) : value((met / n) * 100, n);
    }
    case 'nps': {
      let promoters = 0;
      let detractors = 0;
      let n = 0;
      for (const r of base) {
        const score = readNpsScore(raw[r], coded);
        if (score === null) {
          invalidRows.push(r);
          continue;
        }
        n++;
        if (score >= 9) promoters++;
        else if (score <= 6) detractors++;
      }
      return n === 0 ? noData(0) : value(((promoters - detractors) / n) * 100, n);
    }
    case 'count':
      return value(base.length, base.length);
    case 'count_unique': {
      const ids = cvrKeys ?? keys;
      const distinct = new Set(base.map((r) => ids[r]));
      return value(distinct.size, base.length, [`${distinct.size} distinct`]);
    }
    case 'sum':
    case 'mean':
    case 'median': {
      const numbers = measured.numbers;
      const values: number[] = [];
      for (const r of base) {
        const v = numbers[r];
        if (v === null) invalidRows.push(r);
        else values.push(v);
      }
      if (source.fn === 'sum') return value(values.reduce((a, b) => a + b, 0), values.length);
      if (values.length === 0) return noData(0);
      if (source.fn === 'mean') return value(values.reduce((a, b) => a + b, 0) / values.length, values.length);
      return value(findMedian(values), values.length);
    }
    case 'share_new': {
      const ref = source.options.previous!;
      const { sheet: previousSheet, column: previous } = book.column(ref, sheet.name);
      const asCvr = measured.isCvr || previous.isCvr;
      const ids = asCvr ? measured.cvrKeys : keys;
      const current = new Set(base.map((r) => ids[r]));
      if (current.size === 0) return noData(0);
      const previousIds = new Set(asCvr ? previous.cvrKeys : previous.keys);
      let fresh = 0;
      for (const id of current) if (!previousIds.has(id)) fresh++;
      const where = `${quoteSheetName(previousSheet.name)}!${ref.name}`;
      return value((fresh / current.size) * 100, current.size, [`${fresh} of ${current.size} distinct not in ${where}`]);
    }
    case 'coverage': {
      const ref = source.options.all!;
      const min = source.options.min ?? 1;
      const { sheet: allSheet, column: all } = book.column(ref, sheet.name);
      const asCvr = measured.isCvr || all.isCvr;
      const entries = new Map<string, string>();
      const allKeys = asCvr ? all.cvrKeys : all.keys;
      allKeys.forEach((key, i) => {
        if (key !== '' && !entries.has(key)) entries.set(key, String(all.raw[i]).trim());
      });
      const where = `${quoteSheetName(allSheet.name)}!${ref.name}`;
      if (entries.size === 0) throw new SourceProblem(`the list all = ${where} has no entries`);
      if (base.length === 0) return noData(0);
      const counts = new Map<string, number>();
      for (const r of base) {
        const key = asCvr ? measured.cvrKeys[r] : labelKeyOf(keys[r], coded);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const missing = [...entries].filter(([key]) => (counts.get(key) ?? 0) < min).map(([, shown]) => shown);
      const covered = entries.size - missing.length;
      const extras = [`${covered} of ${entries.size} in ${where} with at least ${plural(min, 'row')}`];
      if (missing.length > 0) extras.push(`not covered: ${listNames(missing)}`);
      return value((covered / entries.size) * 100, base.length, extras);
    }
  }
}

/** The text keys a text literal stands for: itself, plus the codes labelled with it. */
function expandTextKeys(text: string, coded: CodedVariable | null): string[] {
  const key = textKeyOf(text);
  const codes = coded?.codesOfLabel.get(key) ?? [];
  return [key, ...codes];
}

/** A coded answer compares as its label, so coverage lists can hold names while the data holds codes. */
function labelKeyOf(key: string, coded: CodedVariable | null): string {
  const label = coded?.labelOfCode.get(key);
  return label !== undefined ? textKeyOf(label) : key;
}

function compileCondition(condition: Condition, column: DataColumn, coded: CodedVariable | null): CompiledCondition {
  const literals: Literal[] = condition.kind === 'in' ? condition.literals : [condition.literal];
  const op = condition.kind === 'in' ? '=' : condition.op;
  const type = literals[0].type;
  const keys = column.keys;

  // Text, and any literal compared for equality with a CVR column, compares as normalised keys.
  if (type === 'text' || (column.isCvr && (op === '=' || op === '<>'))) {
    const wanted = new Set<string>();
    const columnKeys = column.isCvr ? column.cvrKeys : keys;
    for (const literal of literals) {
      const text = literal.type === 'text' ? literal.value : literal.raw;
      if (column.isCvr) wanted.add(normaliseCvr(text));
      else for (const key of expandTextKeys(text, coded)) wanted.add(key);
    }
    const equal = op === '=';
    return {
      unreadableReason: 'not text',
      test: (r) => {
        // A blank cell equals nothing, so it passes `<>` as it would in Excel's COUNTIFS.
        if (keys[r] === '') return equal ? FAIL : PASS;
        return wanted.has(columnKeys[r]) === equal ? PASS : FAIL;
      },
    };
  }

  const values = type === 'date' ? column.days : column.numbers;
  const targets = literals.map((l) => l.value as number);
  const target = targets[0];
  const compare = makeComparison(op, target, targets);
  return {
    unreadableReason: type === 'date' ? 'not a date' : 'not a number',
    test: (r) => {
      const v = values[r];
      if (v === null) return keys[r] === '' ? FAIL : UNREADABLE;
      return compare(v) ? PASS : FAIL;
    },
  };
}

function makeComparison(op: string, target: number, targets: number[]): (v: number) => boolean {
  switch (op) {
    case '<>':
      return (v) => v !== target;
    case '<':
      return (v) => v < target;
    case '<=':
      return (v) => v <= target;
    case '>':
      return (v) => v > target;
    case '>=':
      return (v) => v >= target;
    default:
      return targets.length === 1 ? (v) => v === target : (v) => targets.includes(v);
  }
}

/**
 * An NPS answer: a whole number 0–10, or a label starting with one (`10 - Meget sandsynligt`).
 * A coded SurveyXact answer is read through its label, since codes often run 1–11 for 0–10.
 */
export function readNpsScore(value: CellValue, coded: CodedVariable | null): number | null {
  let answer = value;
  if (coded) {
    const label = coded.labelOfCode.get(textKeyOf(value));
    if (label !== undefined) answer = label;
  }
  if (typeof answer === 'number') return Number.isInteger(answer) && answer >= 0 && answer <= 10 ? answer : null;
  if (typeof answer !== 'string') return null;
  const match = /^\s*(\d{1,2})(?![\d]|[.,]\d)/u.exec(answer);
  if (!match) return null;
  const score = Number(match[1]);
  return score <= 10 ? score : null;
}

function findMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `rows 17, 40` or `row 17`; long lists end `and 12 more`. */
function listRows(indices: number[], rowNumbers: number[]): string {
  const rows = indices.map((i) => rowNumbers[i]).sort((a, b) => a - b);
  const shown = rows.slice(0, MAX_LISTED).join(', ');
  const more = rows.length > MAX_LISTED ? ` and ${rows.length - MAX_LISTED} more` : '';
  return `${rows.length === 1 ? 'row' : 'rows'} ${shown}${more}`;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

