import type { Language, SourceOutcome, Unit } from '../types';
import { findBaseWords, listFirstRows, type BaseWords } from './base-text';
import { encodeCacheKey } from './cache-keys';
import { isValidCvr, type DataColumn, type DataSheet } from './data-sheet';
import { expandTextKeys, findFilter, findPassingRows, type Filter } from './filters';
import type { AggregateSource } from './parser';
import { findCodedVariable, type LabelsInForce, type SourceWorkbook } from './source-workbook';
import type { CodedVariable } from './survey-labels';

/**
 * The computation every source function shares (SPEC §4): resolve the measured column, apply the
 * filters, form the base (minus blanks, excluded answers, error values and invalid CVR numbers),
 * and describe the base for the Explanation. Each function in `functions/` aggregates over it.
 */

/** SPEC §4's default exclude list; `exclude = (...)` replaces it. */
export const DEFAULT_EXCLUDES: readonly string[] = ['Ved ikke', "Don't know", 'Ønsker ikke at svare'];

/** `excludeOfId` marks an Excel error value: an invalid answer, not an excluded one. */
const ERROR_VALUE = -2;

export interface ComputeOptions {
  /** The evaluator-wide `Labels` sheet override. */
  labelsSheet?: string;
  /** The goal sheet's language, for the words of the base. Default English. */
  language?: Language;
}

/** What a source function gets: the base formed, and how to report its value with the base. */
export interface SourceBase {
  source: AggregateSource;
  book: SourceWorkbook;
  sheet: DataSheet;
  measured: DataColumn;
  labels: LabelsInForce | null;
  /** The SurveyXact coding of the measured column, when the labels know it. */
  coded: CodedVariable | null;
  /** Ascending indices of the rows in the base. */
  base: Int32Array;
  /** Rows found invalid so far; a function adds those its own reading refuses (before it reports). */
  invalidRows: number[];
  words: BaseWords;
  /** A value in the function's unit over `n` rows, with the base described. */
  value(value: number, n: number, extras?: string[]): SourceOutcome;
  /** No value: the base is empty. */
  noData(n: number, extras?: string[]): SourceOutcome;
}

/** A source function: its natural unit and its aggregate over the base. */
export interface SourceFunctionDefinition {
  unit: Unit;
  aggregate(base: SourceBase): SourceOutcome;
}

/**
 * Forms the base of an aggregate source over the workbook.
 * @throws SourceProblem for an unknown sheet or column.
 */
export function prepareSourceBase(source: AggregateSource, book: SourceWorkbook, unit: Unit, options: ComputeOptions): SourceBase {
  const { sheet, column: measured } = book.column(source.measured, source.measured.sheet);
  const labels = book.labels(source.options.labels, options.labelsSheet);
  const filters = source.filters.map((f) => findFilter(f, book.column(f.column, sheet.name).column, labels));
  const coded = findCodedVariable(labels?.labels ?? null, measured);
  const excludeList = source.options.exclude ?? DEFAULT_EXCLUDES;
  // Every filter is tried on every row, so these counts do not depend on the other filters.
  const unreadable = filters.map((f) => f.unreadable);
  const formed = formBase(sheet, measured, filters, excludeList, labels?.name ?? '', coded);
  const { excluded, invalidCvrRows } = formed;
  // The functions add the rows their own reading finds invalid.
  const invalidRows = formed.invalidRows;
  const rowNumberOf = (r: number): number => sheet.rowNumberOf(r);
  const words = findBaseWords(options.language ?? 'en');
  const describeBase = (n: number, extras: string[] = []): string => {
    const parts = [`n = ${n}`, ...extras];
    excludeList.forEach((value, i) => {
      if (excluded[i] > 0) parts.push(words.leftOut(excluded[i], value));
    });
    if (invalidCvrRows.length > 0) parts.push(words.invalidCvrNumbers(invalidCvrRows.length, listFirstRows(invalidCvrRows, rowNumberOf)));
    if (invalidRows.length > 0) parts.push(words.invalidAnswers(invalidRows.length, listFirstRows(invalidRows, rowNumberOf)));
    source.filters.forEach((filter, i) => {
      if (unreadable[i] > 0) {
        const type = filter.kind === 'in' ? filter.literals[0].type : filter.literal.type;
        parts.push(words.unreadableInFilter(unreadable[i], filter.column.name, type === 'date' ? 'date' : 'number'));
      }
    });
    return parts.join('; ');
  };
  return {
    source,
    book,
    sheet,
    measured,
    labels,
    coded,
    base: formed.base,
    invalidRows,
    words,
    value: (value, n, extras) => ({ kind: 'value', value, unit, base: describeBase(n, extras) }),
    noData: (n, extras) => ({ kind: 'no-data', base: describeBase(n, extras) }),
  };
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
 * blank, not excluded, not an error value and (CVR column) a valid CVR number.
 *
 * Formed afresh for each source, not cached: it is one pass over the passing rows (which are
 * cached), and a contract's sources rarely share a base, so caching kept a row array per source
 * alive for the whole recalculation (56 MB of 50 sources over a million rows) for nothing.
 */
function formBase(sheet: DataSheet, measured: DataColumn, filters: Filter[], excludeList: readonly string[], labelsName: string, coded: CodedVariable | null): Base {
  const passing = findPassingRows(sheet, filters);
  const excludes = [...excludeList];
  const text = measured.text;
  // Exclude values, and the codes labelled with them (SurveyXact), each counted under its own name.
  const excludeOfId = measured.memo(encodeCacheKey({ kind: 'exclude', labels: labelsName, excludes }), () => {
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
  const validCvr = cvr ? measured.memo(encodeCacheKey({ kind: 'valid-cvr' }), () => Uint8Array.from(cvr.keys, (key) => (isValidCvr(key) ? 1 : 0))) : null;
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
  // A view, not a copy: the base lives only as long as its source's computation.
  return { base: base.subarray(0, n), excluded, invalidRows, invalidCvrRows };
}
