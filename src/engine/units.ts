import type { CellValue, Unit } from './types';
import { isPercentFormat, parseQuantity, type UnitSign } from './numbers';
import { parseTargetRule, parseTargetText, RuleError, type RuleEntry, type TargetRule } from './target-rule';

/** The Unit column (SPEC §1): aliases, inference from the Target, ranges and sign checks. */

const UNIT_ALIASES: Record<string, Unit> = {
  '%': '%',
  pct: '%',
  'pct.': '%',
  procent: '%',
  percent: '%',
  pp: 'pp',
  'p.p.': 'pp',
  procentpoint: 'pp',
  procentpoints: 'pp',
  'percentage points': 'pp',
  nps: 'NPS',
  count: 'count',
  antal: 'count',
  stk: 'count',
  'stk.': 'count',
  '#': 'count',
  number: 'number',
  tal: 'number',
  dkk: 'DKK',
  kr: 'DKK',
  'kr.': 'DKK',
  milestone: 'milestone',
  milepæl: 'milestone',
};

/**
 * Reads a Unit cell's text with the aliases of SPEC §1, trimmed and case-insensitive.
 *
 * @returns the unit, or `null` for a blank cell (the unit is then inferred).
 * @throws RuleError `unknown unit "xyz"` for anything else.
 * @example parseUnit(' Procent ') // '%'; parseUnit('antal') // 'count'
 */
export function parseUnit(text: string): Unit | null {
  const trimmed = text.replace(/\s+/gu, ' ').trim();
  if (trimmed === '') return null;
  const unit = UNIT_ALIASES[trimmed.toLowerCase()];
  if (unit === undefined) {
    throw new RuleError({ en: `unknown unit "${trimmed}"`, da: `ukendt enhed "${trimmed}" (skriv fx %, antal, tal, kr., NPS eller milepæl)` });
  }
  return unit;
}

/** A word standing alone: not inside a longer word (letters include æ, ø, å). */
function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu').test(text);
}

function entryNumbers(entry: RuleEntry): number[] {
  switch (entry.kind) {
    case 'level':
      return [entry.value];
    case 'increment':
      // A decrease '-2' is still the whole number 2 for the count test.
      return [Math.abs(entry.amount)];
    case 'range':
      return [entry.lo, entry.hi];
    default:
      return [];
  }
}

/** The numbers of a rule, schedule years left out; a text the grammar rejects is scanned instead. */
function ruleNumbers(targetText: string): number[] {
  try {
    const rule = parseTargetRule(targetText);
    const entries = rule.kind === 'single' ? [rule.entry] : rule.entries.map((e) => e.entry);
    return entries.flatMap(entryNumbers);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return (targetText.match(/\d[\d.,]*/g) ?? []).map((token) => parseQuantity(token)?.value ?? Number.NaN);
  }
}

/** The prose reading of a text the grammar cannot read (SPEC §2 Prose), or `null`. */
function proseRule(targetText: string): TargetRule | null {
  try {
    const rule = parseTargetText(targetText);
    return rule.prose === true ? rule : null;
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return null;
  }
}

/**
 * SPEC §1 inference on what the prose reader understood rather than on every word of the sentence:
 * `Mindst 800 virksomheder vejledes i 2022` is a count although it holds the year 2022, and
 * `forventes lanceret december 2021` a milestone although no grammar word says so.
 */
function inferFromProse(rule: TargetRule): Unit {
  const entries = rule.kind === 'single' ? [rule.entry] : rule.entries.map((e) => e.entry);
  if (entries.some((e) => e.kind === 'milestone')) return 'milestone';
  // A relative increment's `%` is a rate of change, not the row's unit (`steget med 10 %` of a count).
  const signs = entries.flatMap((e) =>
    e.kind === 'level' ? [e.sign, e.stated?.sign ?? null] : e.kind === 'range' || (e.kind === 'increment' && e.mode === 'additive') ? [e.sign] : [],
  );
  if (signs.includes('%') || signs.includes('pp')) return '%';
  if (signs.includes('kr')) return 'DKK';
  if (signs.includes('NPS')) return 'NPS';
  const numbers = entries.flatMap(entryNumbers);
  return numbers.length > 0 && numbers.every((n) => Number.isInteger(n) && n >= 1) ? 'count' : 'number';
}

/**
 * SPEC §1 "Unit inference" for a blank Unit: a milestone word → milestone; `%`, `pct`,
 * `procent` or `pp` → %; `kr`/`DKK` → DKK; `NPS` → NPS; else count when every number in the
 * rule is a whole number ≥ 1, else number.
 *
 * @example inferUnit('≥ 80%') // '%'; inferUnit('min. 800') // 'count'; inferUnit('≥ 0,5') // 'number'
 */
export function inferUnit(targetText: string): Unit {
  const prose = proseRule(targetText);
  if (prose !== null) return inferFromProse(prose);
  if (['done', 'udført', 'gennemført'].some((word) => hasWord(targetText, word))) return 'milestone';
  if (targetText.includes('%') || ['pct', 'procent', 'procentpoint', 'percent', 'pp'].some((w) => hasWord(targetText, w))) return '%';
  if (hasWord(targetText, 'kr') || hasWord(targetText, 'dkk')) return 'DKK';
  if (hasWord(targetText, 'nps')) return 'NPS';
  const numbers = ruleNumbers(targetText);
  return numbers.length > 0 && numbers.every((n) => Number.isInteger(n) && n >= 1) ? 'count' : 'number';
}

/**
 * Unit inference for a Target cell of any kind: a number cell with a percent format is %, a
 * whole number ≥ 1 count, another number `number`; text goes through {@link inferUnit}.
 *
 * @example inferUnitFromCell(0.8, '0%') // '%'; inferUnitFromCell(350) // 'count'
 */
export function inferUnitFromCell(value: CellValue, numberFormat?: string | null): Unit {
  if (typeof value === 'number') {
    if (isPercentFormat(numberFormat)) return '%';
    return Number.isInteger(value) && value >= 1 ? 'count' : 'number';
  }
  return typeof value === 'string' ? inferUnit(value) : 'number';
}

/**
 * The values a unit allows (SPEC §2: % 0–100, NPS −100…100; counts cannot be negative).
 *
 * @returns `[min, max]`, or `null` when any number will do.
 * @example unitRange('NPS') // [-100, 100]
 */
export function unitRange(unit: Unit): [number, number] | null {
  switch (unit) {
    case '%':
      return [0, 100];
    case 'NPS':
      return [-100, 100];
    case 'count':
      return [0, Number.POSITIVE_INFINITY];
    default:
      return null;
  }
}

/**
 * `true` when a value's sign contradicts the row's unit (SPEC §1): `%` outside % rows, `kr`
 * outside DKK rows, `NPS` outside NPS rows; `pp` is allowed on % and pp rows.
 *
 * @example signConflicts('%', 'count') // true; signConflicts('pp', '%') // false
 */
export function signConflicts(sign: UnitSign, unit: Unit): boolean {
  switch (sign) {
    case '%':
      return unit !== '%';
    case 'pp':
      return unit !== '%' && unit !== 'pp';
    case 'kr':
      return unit !== 'DKK';
    case 'NPS':
      return unit !== 'NPS';
  }
}
