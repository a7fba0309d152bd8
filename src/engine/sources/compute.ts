import type { CellValue, Language, SourceOutcome, Unit } from '../types';
import { findBaseWords, listFirstRows } from './base-text';
import { isValidCvr, normaliseCvr, textKeyOf, type DataColumn, type DataSheet } from './data-sheet';
import type { AggregateSource, CompareOp, Condition, Literal, SourceFunction } from './parser';
import { quoteSheetName } from '../cell-text';
import { findCodedVariable, SourceProblem, type LabelsInForce, type SourceWorkbook } from './source-workbook';
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

export interface ComputeOptions {
  /** The evaluator-wide `Labels` sheet override. */
  labelsSheet?: string;
  /** The goal sheet's language, for the words of the base. Default English. */
  language?: Language;
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
  const filters = source.filters.map((f, i) => findFilter(f, filterColumns[i], labels));
  const coded = findCodedVariable(labels?.labels ?? null, measured);
  const text = measured.text;
  const excludeList = source.options.exclude ?? DEFAULT_EXCLUDES;
  // Every filter is tried on every row, so these counts do not depend on the other filters.
  const unreadable = filters.map((f) => f.unreadable);
  const formed = formBase(sheet, measured, filters, excludeList, labels?.name ?? '', coded);
  const { base, excluded, invalidCvrRows } = formed;
  // Copied: the functions below add the rows their own reading finds invalid.
  const invalidRows = [...formed.invalidRows];
  const ids = text.ids;

  const rowNumbers = sheet.rowNumbers;
  const words = findBaseWords(options.language ?? 'en');
  const describeBase = (n: number, extras: string[] = []): string => {
    const parts = [`n = ${n}`, ...extras];
    excludeList.forEach((value, i) => {
      if (excluded[i] > 0) parts.push(words.leftOut(excluded[i], value));
    });
    if (invalidCvrRows.length > 0) parts.push(words.invalidCvrNumbers(invalidCvrRows.length, listFirstRows(invalidCvrRows, rowNumbers)));
    if (invalidRows.length > 0) parts.push(words.invalidAnswers(invalidRows.length, listFirstRows(invalidRows, rowNumbers)));
    source.filters.forEach((filter, i) => {
      if (unreadable[i] > 0) {
        const type = filter.kind === 'in' ? filter.literals[0].type : filter.literal.type;
        parts.push(words.unreadableInFilter(unreadable[i], filter.column.name, type === 'date' ? 'date' : 'number'));
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
      return value(distinct, base.length, [words.distinct(distinct)]);
    }
    case 'sum':
    case 'mean':
    case 'median': {
      const numbers = measured.numbers;
      const values: number[] = [];
      for (const r of base) {
        const v = numbers[r];
        if (Number.isNaN(v)) invalidRows.push(r);
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
      const currentIds = new Set<string>();
      for (const r of base) currentIds.add(current.keys[current.ids[r]]);
      if (currentIds.size === 0) return noData(0);
      const previousIds = new Set((asCvr ? previous.cvr : previous.text).keys);
      let fresh = 0;
      for (const id of currentIds) if (!previousIds.has(id)) fresh++;
      const where = `${quoteSheetName(previousSheet.name)}!${ref.name}`;
      return value((fresh / currentIds.size) * 100, currentIds.size, [words.notIn(fresh, currentIds.size, where)]);
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
      const extras = [words.covered(covered, entries.length, where, min)];
      if (missing.length > 0) extras.push(words.notCovered(missing));
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

/** A filter worked out for the whole sheet: each row's verdict, and the rows that pass. */
interface Filter {
  /** Identifies the filter among those on the sheet (column and condition). */
  key: string;
  verdicts: Uint8Array;
  /** Ascending indices of the rows that pass. */
  passing: Int32Array;
  /** Rows whose cell could not be read as the literal's kind (text in a date column). */
  unreadable: number;
}

/**
 * A condition's verdicts, worked out once per column and condition for the whole recalculation:
 * the 50 sources of a contract repeat `Segment = "Drift"` many times.
 */
function findFilter(condition: Condition, column: DataColumn, labels: LabelsInForce | null): Filter {
  const { key: memoKey } = describeCondition(condition, labels);
  return column.memo(`filter|${memoKey}`, () => {
    const verdicts = findVerdicts(condition, column, labels);
    const rows = new Int32Array(verdicts.length);
    let passingCount = 0;
    let unreadable = 0;
    for (let r = 0; r < verdicts.length; r++) {
      const verdict = verdicts[r];
      if (verdict === PASS) rows[passingCount++] = r;
      else if (verdict === UNREADABLE) unreadable++;
    }
    return { key: `${column.index}|${memoKey}`, verdicts, passing: rows.slice(0, passingCount), unreadable };
  });
}

/**
 * The rows that pass every filter, ascending; shared by the sources with the same filters in
 * any order. Walks the filter that passes fewest rows and asks the others' verdicts.
 */
function findPassingRows(sheet: DataSheet, filters: Filter[]): Int32Array {
  const keys = filters.map((f) => f.key).sort();
  return sheet.memo(`passing|${keys.join('\u0002')}`, () => {
    if (filters.length === 0) return Int32Array.from({ length: sheet.rowCount }, (_, r) => r);
    const [narrowest, ...others] = [...filters].sort((a, b) => a.passing.length - b.passing.length);
    if (others.length === 0) return narrowest.passing;
    const rows = new Int32Array(narrowest.passing.length);
    let n = 0;
    for (const r of narrowest.passing) {
      let passes = true;
      for (let f = 0; f < others.length && passes; f++) passes = others[f].verdicts[r] === PASS;
      if (passes) rows[n++] = r;
    }
    return rows.slice(0, n);
  });
}

/** The rows a source aggregates, and what was left out of them on the way. */
interface Base {
  /** Ascending indices of the rows in the base. */
  base: Int32Array;
  /** Rows left out per entry of the exclude list, in its order. */
  excluded: number[];
  /** Rows holding an Excel error value. */
  invalidRows: number[];
  /** Rows of a CVR column whose number fails the modulus-11 check. */
  invalidCvrRows: number[];
}

/**
 * Forms the base of SPEC §4 for a measured column: the rows passing the filters whose cell is not
 * blank, not excluded, not an error value and (CVR column) a valid CVR number. Shared by the
 * sources that measure the same column with the same filters and exclude list.
 */
function formBase(sheet: DataSheet, measured: DataColumn, filters: Filter[], excludeList: readonly string[], labelsName: string, coded: CodedVariable | null): Base {
  const passing = findPassingRows(sheet, filters);
  const filterKey = filters.map((f) => f.key).sort().join('\u0002');
  const excludeKey = `${labelsName}|${excludeList.join('\u0001')}`;
  return measured.memo(`base|${excludeKey}|${filterKey}`, () => {
    const text = measured.text;
    // Exclude values, and the codes labelled with them (SurveyXact), each counted under its own name.
    const excludeOfId = measured.memo(`exclude|${excludeKey}`, () => {
      const ofId = new Int32Array(text.keys.length).fill(-1);
      excludeList.forEach((value, i) => {
        for (const key of expandTextKeys(value, coded)) {
          const id = text.idOfKey.get(key);
          if (id !== undefined && id !== 0 && ofId[id] < 0) ofId[id] = i;
        }
      });
      for (const id of text.errorIds) ofId[id] = ERROR_VALUE;
      return ofId;
    });
    const cvr = measured.isCvr ? measured.cvr : null;
    const validCvr = cvr ? measured.memo('validCvr', () => Uint8Array.from(cvr.keys, (key) => (isValidCvr(key) ? 1 : 0))) : null;
    const excluded = excludeList.map(() => 0);
    const invalidRows: number[] = [];
    const invalidCvrRows: number[] = [];
    const base = new Int32Array(passing.length);
    let n = 0;
    const ids = text.ids;
    for (const r of passing) {
      const id = ids[r];
      if (id === 0) continue;
      const excludedAs = excludeOfId[id];
      if (excludedAs >= 0) excluded[excludedAs]++;
      else if (excludedAs === ERROR_VALUE) invalidRows.push(r);
      else if (cvr && validCvr && !validCvr[cvr.ids[r]]) invalidCvrRows.push(r);
      else base[n++] = r;
    }
    return { base: base.slice(0, n), excluded, invalidRows, invalidCvrRows };
  });
}

/** Each row's verdict on a condition (PASS, FAIL or UNREADABLE). */
function findVerdicts(condition: Condition, column: DataColumn, labels: LabelsInForce | null): Uint8Array {
  const { op, literals, key } = describeCondition(condition, labels);
  return column.memo(key, () => computeVerdicts(op, literals, column, findCodedVariable(labels?.labels ?? null, column)));
}

/** A condition as one operator over its literals, and the key its work is cached under. */
function describeCondition(condition: Condition, labels: LabelsInForce | null): { op: CompareOp; literals: Literal[]; key: string } {
  const literals: Literal[] = condition.kind === 'in' ? condition.literals : [condition.literal];
  const op = condition.kind === 'in' ? '=' : condition.op;
  const key = `${labels?.name ?? ''}|${op}|${literals.map((l) => `${l.type}:${l.type === 'text' ? l.value : l.raw}`).join('\u0001')}`;
  return { op, literals, key };
}

function computeVerdicts(op: CompareOp, literals: Literal[], column: DataColumn, coded: CodedVariable | null): Uint8Array {
  const type = literals[0].type;
  const verdicts = new Uint8Array(column.rowCount);

  // Text, and any literal compared for equality with a CVR column, compares as normalised keys.
  if (type === 'text' || (column.isCvr && (op === '=' || op === '<>'))) {
    const text = column.text;
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
  const target = targets[0];
  // The operator is decided in the loop rather than by a comparison function per operator: one
  // loop whatever the operator, so it is compiled once for all the filters of a recalculation.
  const code = op === '=' && targets.length > 1 ? IN : COMPARE_CODES[op];
  for (let r = 0; r < verdicts.length; r++) {
    const v = values[r];
    if (Number.isNaN(v)) {
      verdicts[r] = column.isBlankAt(r) ? FAIL : UNREADABLE;
      continue;
    }
    let passes: boolean;
    switch (code) {
      case 0:
        passes = v === target;
        break;
      case 1:
        passes = v !== target;
        break;
      case 2:
        passes = v < target;
        break;
      case 3:
        passes = v <= target;
        break;
      case 4:
        passes = v > target;
        break;
      case 5:
        passes = v >= target;
        break;
      default:
        passes = targets.includes(v);
    }
    verdicts[r] = passes ? PASS : FAIL;
  }
  return verdicts;
}

const COMPARE_CODES: Record<CompareOp, number> = { '=': 0, '<>': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 };
/** `in (...)` with more than one number or date. */
const IN = 6;

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
