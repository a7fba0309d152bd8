import type { Language } from '../types';

/**
 * The words of a source's base in the Explanation (SPEC §4: "every computed actual reports its
 * base"), in the goal sheet's language: `n = 212; 14 "Ved ikke" left out` on an English sheet,
 * `n = 212; 14 "Ved ikke" udeladt` on a Danish one.
 */

/** How many row numbers or names to list before `and N more`. */
export const MAX_LISTED = 10;

export interface BaseWords {
  leftOut(count: number, value: string): string;
  invalidCvrNumbers(count: number, rows: RowList): string;
  invalidAnswers(count: number, rows: RowList): string;
  unreadableInFilter(count: number, column: string, expected: 'date' | 'number'): string;
  distinct(count: number): string;
  notIn(fresh: number, total: number, where: string): string;
  covered(covered: number, total: number, where: string, min: number): string;
  notCovered(names: readonly string[]): string;
}

/** The first row numbers of a list, ascending, and how many rows it holds in all. */
export interface RowList {
  first: number[];
  total: number;
}

const ENGLISH: BaseWords = {
  leftOut: (count, value) => `${count} "${value}" left out`,
  invalidCvrNumbers: (count, rows) => `${count} invalid CVR number${count === 1 ? '' : 's'} in ${englishRows(rows)}`,
  invalidAnswers: (count, rows) => `${count} invalid answer${count === 1 ? '' : 's'} in ${englishRows(rows)}`,
  unreadableInFilter: (count, column, expected) =>
    `${count} ${count === 1 ? 'row' : 'rows'} failed the filter ${column} (${expected === 'date' ? 'not a date' : 'not a number'})`,
  distinct: (count) => `${count} distinct`,
  notIn: (fresh, total, where) => `${fresh} of ${total} distinct not in ${where}`,
  covered: (covered, total, where, min) => `${covered} of ${total} in ${where} with at least ${min} ${min === 1 ? 'row' : 'rows'}`,
  notCovered: (names) => `not covered: ${listNames(names, 'and', 'more')}`,
};

const DANISH: BaseWords = {
  leftOut: (count, value) => `${count} "${value}" udeladt`,
  invalidCvrNumbers: (count, rows) => `${count} ${count === 1 ? 'ugyldigt CVR-nummer' : 'ugyldige CVR-numre'} i ${danishRows(rows)}`,
  invalidAnswers: (count, rows) => `${count} ${count === 1 ? 'ugyldigt' : 'ugyldige'} svar i ${danishRows(rows)}`,
  unreadableInFilter: (count, column, expected) =>
    `${count} ${count === 1 ? 'række' : 'rækker'} kunne ikke læses i filteret ${column} (${expected === 'date' ? 'ikke en dato' : 'ikke et tal'})`,
  distinct: (count) => `${count} forskellige`,
  notIn: (fresh, total, where) => `${fresh} af ${total} forskellige findes ikke i ${where}`,
  covered: (covered, total, where, min) => `${covered} af ${total} i ${where} med mindst ${min} ${min === 1 ? 'række' : 'rækker'}`,
  notCovered: (names) => `ikke dækket: ${listNames(names, 'og', 'flere')}`,
};

/**
 * The base's words in a language.
 *
 * @example
 * findBaseWords('da').leftOut(14, 'Ved ikke') // '14 "Ved ikke" udeladt'
 */
export function findBaseWords(language: Language): BaseWords {
  return language === 'da' ? DANISH : ENGLISH;
}

/**
 * The first {@link MAX_LISTED} row numbers of the rows at `indices` (any order), ascending.
 * Row numbers rise with the index, so the first rows are the smallest indices: they are kept in
 * a short sorted list rather than sorting what can be 100,000 rows.
 */
export function listFirstRows(indices: readonly number[], rowNumberOf: (index: number) => number): RowList {
  const first: number[] = [];
  for (const i of indices) {
    if (first.length === MAX_LISTED && i >= first[MAX_LISTED - 1]) continue;
    let at = first.length;
    while (at > 0 && first[at - 1] > i) at--;
    first.splice(at, 0, i);
    if (first.length > MAX_LISTED) first.pop();
  }
  return { first: first.map(rowNumberOf), total: indices.length };
}

/** `rows 17, 40` or `row 17`; long lists end `and 12 more`. */
function englishRows(rows: RowList): string {
  return `${rows.total === 1 ? 'row' : 'rows'} ${rows.first.join(', ')}${more(rows.total, 'and', 'more')}`;
}

/** `række 17` or `rækkerne 17, 40`; long lists end `og 12 flere`. */
function danishRows(rows: RowList): string {
  return `${rows.total === 1 ? 'række' : 'rækkerne'} ${rows.first.join(', ')}${more(rows.total, 'og', 'flere')}`;
}

function more(total: number, and: string, word: string): string {
  return total > MAX_LISTED ? ` ${and} ${total - MAX_LISTED} ${word}` : '';
}

function listNames(names: readonly string[], and: string, word: string): string {
  return `${names.slice(0, MAX_LISTED).join(', ')}${more(names.length, and, word)}`;
}
