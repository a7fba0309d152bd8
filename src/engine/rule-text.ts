import type { Language } from './types';
import type { UnitSign } from './numbers';
import { formatValue } from './display';
import { danishFromDay, isoFromDay } from './dates';
import type { RuleEntry, StatedIncrement, TargetRule } from './rule-model';
import type { Unit, YearTargetValue } from './types';

/**
 * A target rule written back as text (SPEC §2 Prose): the canonical form of SPEC §2, which the grammar
 * reads back to the same rule, and the display form shown after `læst som:` / `read as:`.
 */

/**
 * A number as the grammar reads it back exactly: no thousands marks, a decimal comma (a lone comma
 * is always the decimal mark, SPEC §2, where `1.234` would be 1234), every digit kept.
 */
function writeExactNumber(value: number): string {
  let text = String(value);
  if (/e/i.test(text)) {
    // Beyond 1e21 or below 1e-6 String() turns exponential; spell the digits out instead.
    text = Math.abs(value) >= 1 ? BigInt(Math.round(value)).toString() : value.toFixed(20).replace(/0+$/, '');
  }
  return text.replace('.', ',');
}

function canonicalSign(sign: UnitSign | null): string {
  return sign === null ? '' : ` ${sign}`;
}

function canonicalStated(stated: StatedIncrement): string {
  const sign = stated.mode === 'relative' ? ' %' : canonicalSign(stated.sign);
  const from = stated.from === null ? '' : ` from ${stated.from}`;
  return ` (${stated.amount < 0 ? '' : '+'}${writeExactNumber(stated.amount)}${sign}${from})`;
}

function canonicalEntry(entry: RuleEntry): string {
  switch (entry.kind) {
    case 'level':
      return `${entry.direction === 'lower' ? '<=' : '>='} ${writeExactNumber(entry.value)}${canonicalSign(entry.sign)}${entry.stated ? canonicalStated(entry.stated) : ''}`;
    case 'increment': {
      const sign = entry.mode === 'relative' ? ' %' : canonicalSign(entry.sign);
      const from = entry.from === undefined ? '' : ` from ${entry.from}`;
      return `${entry.amount < 0 ? '' : '+'}${writeExactNumber(entry.amount)}${sign}${entry.perYear ? ' per year' : ''}${from}`;
    }
    case 'range':
      return `${writeExactNumber(entry.lo)} - ${writeExactNumber(entry.hi)}${canonicalSign(entry.sign)}`;
    case 'drop':
      return 'dropped';
    case 'milestone':
      return entry.due === null ? 'done' : `done by ${isoFromDay(entry.due)}`;
  }
}

/**
 * The canonical text of any rule (SPEC §2): `>=`/`<=`, plain digits with a decimal comma, English
 * words, ISO dates. {@link parseTargetRule} reads it back to the same rule (the `prose` mark aside).
 *
 * @example
 * formatCanonicalRule(readTargetProse('72% ultimo 2022 (75% ultimo 2023)')); // '2022: >= 72 %; 2023: >= 75 %'
 * formatCanonicalRule(parseTargetRule('udført senest 31-12-2021'));          // 'done by 2021-12-31'
 */
export function formatCanonicalRule(rule: TargetRule): string {
  if (rule.kind === 'single') return canonicalEntry(rule.entry);
  return rule.entries.map(({ year, entry }) => `${year}: ${canonicalEntry(entry)}`).join('; ');
}

const SHOWN_UNIT: Record<UnitSign, '%' | 'pp' | 'DKK' | 'NPS'> = { '%': '%', pp: 'pp', kr: 'DKK', NPS: 'NPS' };

function showQuantity(value: number, sign: UnitSign | null, language: Language): string {
  const shown = formatValue(value, sign === null ? 'number' : SHOWN_UNIT[sign], language);
  return sign === 'NPS' ? `${shown} NPS` : shown;
}

function showIncrement(amount: number, sign: UnitSign | null, mode: 'additive' | 'relative', language: Language): string {
  const body = mode === 'relative' ? formatValue(Math.abs(amount), '%', language) : showQuantity(Math.abs(amount), sign, language);
  return `${amount < 0 ? '−' : '+'}${body}`;
}

function showFrom(from: number | null | undefined, language: Language): string {
  return from === null || from === undefined ? '' : ` ${language === 'da' ? 'fra' : 'from'} ${from}`;
}

function showEntry(entry: RuleEntry, language: Language): string {
  switch (entry.kind) {
    case 'level': {
      const stated = entry.stated
        ? ` (${showIncrement(entry.stated.amount, entry.stated.sign, entry.stated.mode, language)}${showFrom(entry.stated.from, language)})`
        : '';
      return `${entry.direction === 'lower' ? '≤' : '≥'} ${showQuantity(entry.value, entry.sign, language)}${stated}`;
    }
    case 'increment': {
      const perYear = entry.perYear ? (language === 'da' ? ' pr. år' : ' per year') : '';
      return `${showIncrement(entry.amount, entry.sign, entry.mode, language)}${perYear}${showFrom(entry.from, language)}`;
    }
    case 'range': {
      const hi = showQuantity(entry.hi, entry.sign, language);
      return `${showQuantity(entry.lo, null, language)}–${hi}`;
    }
    case 'drop':
      return language === 'da' ? 'udgår' : 'dropped';
    case 'milestone':
      if (entry.due === null) return language === 'da' ? 'udført' : 'done';
      return language === 'da' ? `udført senest ${danishFromDay(entry.due)}` : `done by ${isoFromDay(entry.due)}`;
  }
}

/**
 * The rule as the Explanation shows it: `≥`/`≤`, numbers in the language's form, Danish or English
 * words (`2022: ≥ 72 %; 2023: ≥ 75 %`, `udført senest 31-12-2022`).
 *
 * @example formatRuleForDisplay(parseTargetRule('2022: >= 72 %; 2023: >= 75,5 %'), 'da') // '2022: ≥ 72 %; 2023: ≥ 75,5 %'
 */
export function formatRuleForDisplay(rule: TargetRule, language: Language): string {
  if (rule.kind === 'single') return showEntry(rule.entry, language);
  return rule.entries.map(({ year, entry }) => `${year}: ${showEntry(entry, language)}`).join('; ');
}

/**
 * The start of a row's Explanation when its Target was read from prose (SPEC §2 Prose):
 * `læst som: 2022: ≥ 72 %; 2023: ≥ 75 %` / `read as: …`; `null` for a rule written in the grammar.
 *
 * @example describeProseReading(parseTargetCell('Mindst 800 unikke virksomheder vejledes i 2022'), 'da') // 'læst som: 2022: ≥ 800'
 */
export function describeProseReading(rule: TargetRule, language: Language): string | null {
  if (rule.prose !== true) return null;
  return `${language === 'da' ? 'læst som' : 'read as'}: ${formatRuleForDisplay(rule, language)}`;
}

/** The unit sign a rule entry carries for a row of `unit` (none for counts, numbers and milestones). */
function signOfUnit(unit: Unit | null): UnitSign | null {
  switch (unit) {
    case '%':
      return '%';
    case 'pp':
      return 'pp';
    case 'DKK':
      return 'kr';
    default:
      return null;
  }
}

/**
 * One year's target as the rule entry that states it alone: what the contract-change comparison
 * (SPEC §9) writes per year, and what a no-target Explanation names (SPEC §3).
 */
export function entryOfYearTarget(target: YearTargetValue, unit: Unit | null): RuleEntry {
  switch (target.kind) {
    case 'level':
      return { kind: 'level', value: target.value, direction: target.direction, sign: signOfUnit(unit) };
    case 'range':
      return { kind: 'range', lo: target.lo, hi: target.hi, sign: signOfUnit(unit) };
    case 'milestone':
      return { kind: 'milestone', due: target.due };
    case 'dropped':
      return { kind: 'drop' };
  }
}

/** One year's target in the display form: `≥ 50 %`, `40–60 %`, `udført senest 31-12-2022`. */
export function formatYearTarget(target: YearTargetValue, unit: Unit | null, language: Language): string {
  return showEntry(entryOfYearTarget(target, unit), language);
}

/** One year's target in the canonical form of SPEC §2: `>= 50 %`, `done by 2022-12-31`. */
export function formatCanonicalYearTarget(target: YearTargetValue, unit: Unit | null): string {
  return canonicalEntry(entryOfYearTarget(target, unit));
}
