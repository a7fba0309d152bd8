import type { CellValue, SourceOutcome, Unit } from '../types';
import { isErrorKey, isValidCvr, normaliseCvr, textKeyOf, type DataColumn } from './data-sheet';
import type { AggregateSource, CompareOp, Condition, Literal, SourceFunction } from './parser';
import { findCodedVariable, quoteSheetName, SourceProblem, type LabelsInForce, type SourceWorkbook } from './source-workbook';
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
/** `excludeOfId` marks an Excel error value: an invalid answer, not an excluded one. */
const ERROR_VALUE = -2;


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
  const filterColumns = source.filters.map((f) => book.column(f.column, sheet.name).column);
  const verdicts = source.filters.map((f, i) => findVerdicts(f, filterColumns[i], labels));
  const coded = findCodedVariable(labels?.labels ?? null, measured);
  const text = measured.text;

  // Exclude values, and the codes labelled with them (SurveyXact), each counted under its own name.
  const excludeList = source.options.exclude ?? DEFAULT_EXCLUDES;
  const excludeOfId = measured.memo(`exclude|${labels?.name ?? ''}|${excludeList.join('\u0001')}`, () => {
    const ofId = new Int32Array(text.keys.length).fill(-1);
    const idOfKey = measured.memo('idOfKey', () => new Map(text.keys.map((key, id) => [key, id])));
    excludeList.forEach((value, i) => {
      for (const key of expandTextKeys(value, coded)) {
        const id = idOfKey.get(key);
        if (id !== undefined && id !== 0 && ofId[id] < 0) ofId[id] = i;
      }
    });
    text.keys.forEach((key, id) => {
      if (isErrorKey(key)) ofId[id] = ERROR_VALUE;
    });
    return ofId;
  });
  const cvr = measured.isCvr ? measured.cvr : null;
  const validCvr = cvr ? measured.memo('validCvr', () => Uint8Array.from(cvr.keys, (key) => (isValidCvr(key) ? 1 : 0))) : null;

  const excluded = excludeList.map(() => 0);
  const unreadable = source.filters.map(() => 0);
  const invalidRows: number[] = [];
  const invalidCvrRows: number[] = [];
  const base: number[] = [];
  const ids = text.ids;

  // The one pass over the sheet's rows for this source: filters, blanks, excludes, invalid values.
  for (let r = 0; r < ids.length; r++) {
    let passes = true;
    for (let f = 0; f < verdicts.length; f++) {
      const verdict = verdicts[f][r];
      if (verdict !== PASS) {
        passes = false;
        // Every filter is tried so the counts do not depend on the order the filters are written in.
        if (verdict === UNREADABLE) unreadable[f]++;
      }
    }
    if (!passes) continue;
    const id = ids[r];
    if (id === 0) continue;
    const excludedAs = excludeOfId[id];
    if (excludedAs >= 0) {
      excluded[excludedAs]++;
      continue;
    }
    if (excludedAs === ERROR_VALUE) {
      invalidRows.push(r);
      continue;
    }
    if (cvr && validCvr && !validCvr[cvr.ids[r]]) {
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
        const reason = filter.kind === 'in' ? filter.literals[0].type : filter.literal.type;
        parts.push(`${unreadable[i]} ${verb} the filter ${filter.column.name} (${reason === 'date' ? 'not a date' : 'not a number'})`);
      }
    });
    return parts.join('; ');
  };
  const unit = UNITS[source.fn];
  const value = (v: number, n: number, extras?: string[]): SourceOutcome => ({ kind: 'value', value: v, unit, base: describeBase(n, extras) });
  const noData = (n: number, extras?: string[]): SourceOutcome => ({ kind: 'no-data', base: describeBase(n, extras) });

  switch (source.fn) {
    case 'share': {
      const condition = findVerdicts(source.condition as Condition, measured, labels);
      let met = 0;
      let n = 0;
      for (const r of base) {
        const verdict = condition[r];
        if (verdict === UNREADABLE) invalidRows.push(r);
        else {
          n++;
          if (verdict === PASS) met++;
        }
      }
      return n === 0 ? noData(0) : value((met / n) * 100, n);
    }
    case 'nps': {
      const scores = measured.memo(`nps|${labels?.name ?? ''}`, () => text.samples.map((sample) => readNpsScore(sample, coded) ?? -1));
      let promoters = 0;
      let detractors = 0;
      let n = 0;
      for (const r of base) {
        const score = scores[ids[r]];
        if (score < 0) {
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
      const identity = measured.identity;
      const seen = new Uint8Array(identity.keys.length);
      let distinct = 0;
      for (const r of base) {
        const id = identity.ids[r];
        if (!seen[id]) {
          seen[id] = 1;
          distinct++;
        }
      }
      return value(distinct, base.length, [`${distinct} distinct`]);
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
      const current = asCvr ? measured.cvr : text;
      const currentIds = new Set(base.map((r) => current.keys[current.ids[r]]));
      if (currentIds.size === 0) return noData(0);
      const previousIds = new Set((asCvr ? previous.cvr : previous.text).keys);
      let fresh = 0;
      for (const id of currentIds) if (!previousIds.has(id)) fresh++;
      const where = `${quoteSheetName(previousSheet.name)}!${ref.name}`;
      return value((fresh / currentIds.size) * 100, currentIds.size, [`${fresh} of ${currentIds.size} distinct not in ${where}`]);
    }
    case 'coverage': {
      const ref = source.options.all!;
      const min = source.options.min ?? 1;
      const { sheet: allSheet, column: all } = book.column(ref, sheet.name);
      const asCvr = measured.isCvr || all.isCvr;
      const allDictionary = asCvr ? all.cvr : all.text;
      const entries = allDictionary.keys.slice(1);
      const where = `${quoteSheetName(allSheet.name)}!${ref.name}`;
      if (entries.length === 0) throw new SourceProblem(`the list all = ${where} has no entries`);
      if (base.length === 0) return noData(0);
      // A coded answer compares as its label, so the list can hold names while the data holds codes.
      const dictionary = asCvr ? measured.cvr : text;
      const keyOfId = dictionary.keys.map((key) => {
        const label = asCvr ? undefined : coded?.labelOfCode.get(key);
        return label !== undefined ? textKeyOf(label) : key;
      });
      const rowsPerId = new Int32Array(dictionary.keys.length);
      for (const r of base) rowsPerId[dictionary.ids[r]]++;
      const counts = new Map<string, number>();
      rowsPerId.forEach((rows, id) => {
        if (rows > 0) counts.set(keyOfId[id], (counts.get(keyOfId[id]) ?? 0) + rows);
      });
      const missing = entries
        .map((key, i) => ({ key, shown: String(allDictionary.samples[i + 1]).trim() }))
        .filter(({ key }) => (counts.get(key) ?? 0) < min)
        .map(({ shown }) => shown);
      const covered = entries.length - missing.length;
      const extras = [`${covered} of ${entries.length} in ${where} with at least ${plural(min, 'row')}`];
      if (missing.length > 0) extras.push(`not covered: ${listNames(missing)}`);
      return value((covered / entries.length) * 100, base.length, extras);
    }
  }
}

/** The text keys a text literal stands for: itself, plus the codes labelled with it. */
function expandTextKeys(text: string, coded: CodedVariable | null): string[] {
  const key = textKeyOf(text);
  const codes = coded?.codesOfLabel.get(key) ?? [];
  return [key, ...codes];
}

/**
 * Each row's verdict on a condition, worked out once per column and condition for the whole
 * recalculation: the 50 sources of a contract repeat `Segment = "Drift"` many times.
 */
function findVerdicts(condition: Condition, column: DataColumn, labels: LabelsInForce | null): Uint8Array {
  const literals: Literal[] = condition.kind === 'in' ? condition.literals : [condition.literal];
  const op = condition.kind === 'in' ? '=' : condition.op;
  const memoKey = `${labels?.name ?? ''}|${op}|${literals.map((l) => `${l.type}:${l.type === 'text' ? l.value : l.raw}`).join('\u0001')}`;
  return column.memo(memoKey, () => computeVerdicts(op, literals, column, findCodedVariable(labels?.labels ?? null, column)));
}

function computeVerdicts(op: CompareOp, literals: Literal[], column: DataColumn, coded: CodedVariable | null): Uint8Array {
  const type = literals[0].type;
  const text = column.text;
  const verdicts = new Uint8Array(text.ids.length);

  // Text, and any literal compared for equality with a CVR column, compares as normalised keys.
  if (type === 'text' || (column.isCvr && (op === '=' || op === '<>'))) {
    const wanted = new Set<string>();
    for (const literal of literals) {
      const value = literal.type === 'text' ? literal.value : literal.raw;
      if (column.isCvr) wanted.add(normaliseCvr(value));
      else for (const key of expandTextKeys(value, coded)) wanted.add(key);
    }
    const dictionary = column.identity;
    const equal = op === '=';
    const verdictOfId = Uint8Array.from(dictionary.keys, (key) => (wanted.has(key) === equal ? PASS : FAIL));
    for (let r = 0; r < verdicts.length; r++) {
      // A blank cell equals nothing, so it passes `<>` as it would in Excel's COUNTIFS.
      verdicts[r] = text.ids[r] === 0 ? (equal ? FAIL : PASS) : verdictOfId[dictionary.ids[r]];
    }
    return verdicts;
  }

  const values = type === 'date' ? column.days : column.numbers;
  const targets = literals.map((l) => l.value as number);
  const compare = makeComparison(op, targets);
  for (let r = 0; r < verdicts.length; r++) {
    const v = values[r];
    if (v === null) verdicts[r] = text.ids[r] === 0 ? FAIL : UNREADABLE;
    else verdicts[r] = compare(v) ? PASS : FAIL;
  }
  return verdicts;
}

function makeComparison(op: CompareOp, targets: number[]): (v: number) => boolean {
  const target = targets[0];
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

