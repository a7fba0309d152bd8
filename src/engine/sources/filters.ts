import { encodeCacheKey, type LiteralKey } from './cache-keys';
import { normalizeCvr, textKeyOf, type DataColumn, type DataSheet } from './data-sheet';
import type { CompareOp, Condition, Literal } from './parser';
import { findCodedVariable, type LabelsInForce } from './source-workbook';
import type { CodedVariable } from './survey-labels';

/**
 * The filters of a source (SPEC §4: `Segment = "Drift"`, `Dato >= 2021-01-01`, `x in (...)`),
 * worked out once per column and condition for the whole recalculation: the 50 sources of a
 * contract repeat `Segment = "Drift"` many times.
 */

/** A row's verdict on a condition. */
export const PASS = 0;
export const FAIL = 1;
/** The cell could not be read as the literal's kind (text in a date column). */
export const UNREADABLE = 2;

/** A filter worked out for the whole sheet: each row's verdict, and the rows that pass. */
export interface Filter {
  /** Identifies the filter among those on the sheet (column and condition). */
  key: string;
  verdicts: Uint8Array;
  /** Ascending indices of the rows that pass. */
  passing: Int32Array;
  /** Rows whose cell could not be read as the literal's kind (text in a date column). */
  unreadable: number;
}

/** The filter of `condition` on `column`, from the recalculation's cache when another source had it. */
export function findFilter(condition: Condition, column: DataColumn, labels: LabelsInForce | null): Filter {
  const { op, literals } = describeCondition(condition);
  const key = encodeCacheKey({ kind: 'filter', column: column.index, labels: labels?.name ?? '', op, literals: literalKeys(literals) });
  return column.memo(key, () => {
    const verdicts = findVerdicts(condition, column, labels);
    // Counted first, so the passing rows are allocated once at their size (no row-sized scratch).
    let passingCount = 0;
    let unreadable = 0;
    for (let r = 0; r < verdicts.length; r++) {
      const verdict = verdicts[r];
      if (verdict === PASS) passingCount++;
      else if (verdict === UNREADABLE) unreadable++;
    }
    const passing = new Int32Array(passingCount);
    for (let r = 0, n = 0; n < passingCount; r++) if (verdicts[r] === PASS) passing[n++] = r;
    return { key, verdicts, passing, unreadable };
  });
}

/** The keys of a set of filters, in an order that does not depend on how the source wrote them. */
export function sortFilterKeys(filters: readonly Filter[]): string[] {
  return filters.map((f) => f.key).sort();
}

/**
 * The rows that pass every filter, ascending; shared by the sources with the same filters in
 * any order. Walks the filter that passes fewest rows and asks the others' verdicts.
 */
export function findPassingRows(sheet: DataSheet, filters: readonly Filter[]): Int32Array {
  return sheet.memo(encodeCacheKey({ kind: 'passing', filters: sortFilterKeys(filters) }), () => {
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

/** Each row's verdict on a condition (PASS, FAIL or UNREADABLE). */
export function findVerdicts(condition: Condition, column: DataColumn, labels: LabelsInForce | null): Uint8Array {
  const { op, literals } = describeCondition(condition);
  const key = encodeCacheKey({ kind: 'verdicts', labels: labels?.name ?? '', op, literals: literalKeys(literals) });
  return column.memo(key, () => computeVerdicts(op, literals, column, findCodedVariable(labels?.labels ?? null, column)));
}

/** The text keys a text literal stands for: itself, plus the codes labelled with it. */
export function expandTextKeys(text: string, coded: CodedVariable | null): string[] {
  const key = textKeyOf(text);
  const codes = coded?.codesOfLabel.get(key) ?? [];
  return [key, ...codes];
}

/** A condition as one operator over its literals. */
function describeCondition(condition: Condition): { op: CompareOp; literals: Literal[] } {
  const literals: Literal[] = condition.kind === 'in' ? condition.literals : [condition.literal];
  const op = condition.kind === 'in' ? '=' : condition.op;
  return { op, literals };
}

/** Text literals key by their value, numbers and dates by what was written (`2021-01-01`, `1,5`). */
function literalKeys(literals: readonly Literal[]): LiteralKey[] {
  return literals.map((l) => ({ type: l.type, text: l.type === 'text' ? l.value : l.raw }));
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
      if (column.isCvr) wanted.add(normalizeCvr(value));
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
