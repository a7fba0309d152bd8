import type { Language, Unit, YearTargetValue } from './types';
import { UNIT_WORDS } from './glossary';
import type { Words } from './rule-model';
import { dayFromYmd, yearOfDay } from './dates';
import { formatValue } from './display';
import { cleanFloat, type UnitSign } from './numbers';
import { roundHalfAwayFromZero } from './rounding';
import { RuleError, type Baseline, type Direction, type RuleEntry, type TargetRule } from './target-rule';
import { signConflicts, unitRange } from './units';

/**
 * Year targets from a parsed Target rule (SPEC §2 "Year targets").
 *
 * Decisions where docs/spec.md is silent (docs/decisions.md points here):
 * - A level or range alone applies to every year asked for; a drop alone drops every year.
 * - A milestone with a due date applies to the years up to and including its due year and to
 *   none after (the evaluator makes a milestone due before the evaluation year not-applicable);
 *   one without a date applies to every year, due 31 December of that year. In a schedule a
 *   milestone entry applies to its own year only, due 31 December of it unless dated.
 * - An increment alone without `/år` gives a target for the baseline year + 1 only; with
 *   `/år` every year after the baseline year, compounding.
 * - Compounding rounds year by year, as a row of `=ROUND(prev*1.1;0)` cells in Excel would:
 *   each year's rounded target is the next year's starting point.
 * - A per-year increment inside a schedule runs from the previous entry's year (or the dated
 *   baseline's) and fills the years between by compounding, not by interpolation.
 * - A negative increment (`-2 pp`) makes a lower-is-better target.
 * - Interpolation never crosses a drop, a range or a milestone: the years between such an
 *   entry and its neighbours get no target.
 * - An interpolated year is lower-is-better only when both neighbouring levels are; the years
 *   between a dated baseline and the first entry take that entry's direction.
 * - Additive increments are not rounded (45 + 2.25 stays 47.25); interpolated and relative
 *   values are rounded half away from zero to one decimal, whole numbers on count rows.
 * - `+10%` is relative on count, number and DKK rows; on a % row it is an error asking for pp,
 *   and on NPS and pp rows an error as well (a relative change of points means nothing there).
 * - A level, range or increment on a milestone row, and a milestone on any other row, is an
 *   error; a drop fits every row.
 * - The baseline is checked against the unit's range and sign even when the rule ignores it.
 * - A level with a stated increment (`2021: >= 69 % (+5 pp from 2020)`, SPEC §2 Prose) is the target;
 *   the increment is checked against the previous entry or the baseline, within 0.5 (contracts round
 *   levels), and a mismatch is an error. Without a baseline there is nothing to check.
 * - An increment that names the year it counts from (`+5 pp from 2020`) must start from an entry or
 *   baseline of that year; it gives an undated baseline its year.
 */

/** One year's target (defined with the engine's types, as SPEC §9's comparison hands it on). */
export type YearTarget = YearTargetValue;

export interface YearTargetsOptions {
  unit: Unit;
  baseline: Baseline | null;
  /** The years to give targets for: the target-year range. */
  years: number[];
}

type IncrementEntry = Extract<RuleEntry, { kind: 'increment' }>;

function decimalsFor(unit: Unit): number {
  return unit === 'count' ? 0 : 1;
}

function describeRange([lo, hi]: [number, number], unit: Unit): Words {
  const show = (n: number, language: Language): string => formatValue(n, 'number', language);
  const da = UNIT_WORDS[unit].da;
  return hi === Number.POSITIVE_INFINITY
    ? { en: `${unit} values are at least ${show(lo, 'en')}`, da: `${da} er mindst ${show(lo, 'da')}` }
    : { en: `${unit} runs from ${show(lo, 'en')} to ${show(hi, 'en')}`, da: `${da} går fra ${show(lo, 'da')} til ${show(hi, 'da')}` };
}

/** `what` with the year it concerns before it (`2021: the target`), in both languages. */
function inYear(where: string, what: Words): Words {
  return { en: `${where}${what.en}`, da: `${where}${what.da}` };
}

const THE_TARGET: Words = { en: 'the target', da: 'måltallet' };

/** Throws when a value lies outside its unit's range (SPEC §2); `what` names the value. */
function checkInRange(value: number, unit: Unit, what: Words): void {
  const range = unitRange(unit);
  if (range && (value < range[0] || value > range[1])) {
    const described = describeRange(range, unit);
    throw new RuleError({
      en: `${what.en} ${formatValue(value, unit, 'en')} is outside the unit's range (${described.en})`,
      da: `${what.da} ${formatValue(value, unit, 'da')} ligger uden for enhedens interval (${described.da})`,
    });
  }
}

function checkSign(sign: UnitSign | null, unit: Unit, what: Words): void {
  if (sign !== null && signConflicts(sign, unit)) {
    throw new RuleError({ en: `${what.en} is in "${sign}" but the row's unit is ${unit}`, da: `${what.da} er i "${sign}", men rækkens enhed er ${UNIT_WORDS[unit].da}` });
  }
}

function prefix(year: number | null): string {
  return year === null ? '' : `${year}: `;
}

/** Sign and kind checks of one entry against the row's unit. */
function checkEntry(entry: RuleEntry, unit: Unit, year: number | null): void {
  const where = prefix(year);
  if (unit === 'milestone') {
    if (entry.kind !== 'milestone' && entry.kind !== 'drop') {
      throw new RuleError({ en: `${where}a milestone row needs a target such as "done by 2021-12-31"`, da: `${where}en milepælsrække skal have et måltal som "udført senest 31-12-2021"` });
    }
    return;
  }
  switch (entry.kind) {
    case 'milestone':
      throw new RuleError({ en: `${where}"done" is a milestone target but the row's unit is ${unit}`, da: `${where}"udført" er et milepælsmål, men rækkens enhed er ${UNIT_WORDS[unit].da}` });
    case 'level':
      checkSign(entry.sign, unit, inYear(where, THE_TARGET));
      checkInRange(entry.value, unit, inYear(where, THE_TARGET));
      return;
    case 'range':
      checkSign(entry.sign, unit, inYear(where, { en: 'the range', da: 'intervallet' }));
      checkInRange(entry.lo, unit, inYear(where, { en: "the range's low end", da: 'intervallets nedre grænse' }));
      checkInRange(entry.hi, unit, inYear(where, { en: "the range's high end", da: 'intervallets øvre grænse' }));
      return;
    case 'increment':
      if (entry.mode === 'relative') {
        const shown = `${entry.amount < 0 ? '−' : '+'}${formatValue(Math.abs(entry.amount), 'number', 'en')}%`;
        if (unit === '%') {
          throw new RuleError({
            en: `${where}on a % row write the increment in percentage points ("${shown.replace('%', ' pp')}"), not "${shown}"`,
            da: `${where}på en %-række skrives stigningen i procentpoint ("${shown.replace('%', ' pp')}"), ikke "${shown}"`,
          });
        }
        if (unit !== 'count' && unit !== 'number' && unit !== 'DKK') {
          throw new RuleError({
            en: `${where}a relative increment ("${shown}") needs a count, number or DKK row, not ${unit}`,
            da: `${where}en relativ stigning ("${shown}") kræver en række med antal, tal eller kr., ikke ${UNIT_WORDS[unit].da}`,
          });
        }
        return;
      }
      checkSign(entry.sign, unit, inYear(where, { en: 'the increment', da: 'stigningen' }));
      return;
    case 'drop':
      return;
  }
}

/** How far a stated level may sit from baseline + increment: contracts round levels to whole points. */
const STATED_SLACK = 0.5;

/**
 * Checks the increment a contract states beside a level (`+5 pp … (til 69%)`, SPEC §2 Prose) against
 * where it starts: the previous entry when the increment counts from its year (or names none), else
 * the baseline. The level stays the target; a mismatch is an error, so a wrong Baseline or a
 * mistyped Target is caught instead of reported.
 */
function checkStated(
  entry: Extract<RuleEntry, { kind: 'level' }>,
  year: number | null,
  previous: { year: number; value: number | null } | undefined,
  baseline: Baseline | null,
  unit: Unit,
): void {
  const stated = entry.stated;
  if (stated === undefined) return;
  const where = prefix(year);
  let start: number;
  let startName: Words;
  if (previous !== undefined && previous.value !== null && (stated.from === null || stated.from === previous.year)) {
    start = previous.value;
    startName = { en: `the target of ${previous.year}`, da: `måltallet for ${previous.year}` };
  } else if (baseline !== null) {
    if (stated.from !== null && baseline.year !== null && baseline.year !== stated.from) {
      throw new RuleError(countsFrom(where, stated.from, { en: `the baseline is from ${baseline.year}`, da: `udgangspunktet er fra ${baseline.year}` }));
    }
    start = baseline.value;
    startName = { en: 'the baseline', da: 'udgangspunktet' };
  } else {
    return;
  }
  const expected =
    stated.mode === 'additive' ? cleanFloat(start + stated.amount) : roundHalfAwayFromZero(start * (1 + stated.amount / 100), decimalsFor(unit));
  if (Math.abs(expected - entry.value) > STATED_SLACK + 1e-9) {
    const step = (language: Language): string =>
      stated.mode === 'relative'
        ? `${stated.amount < 0 ? '−' : '+'}${formatValue(Math.abs(stated.amount), 'number', language)}%`
        : `${stated.amount < 0 ? '−' : '+'}${formatValue(Math.abs(stated.amount), unit === '%' ? 'pp' : unit, language)}`;
    const sum = (language: Language): string => `${formatValue(start, unit, language)} ${step(language)} = ${formatValue(expected, unit, language)}`;
    throw new RuleError({
      en: `${where}the target ${formatValue(entry.value, unit, 'en')} does not match ${startName.en} ${sum('en')}: correct the Baseline or the Target`,
      da: `${where}måltallet ${formatValue(entry.value, unit, 'da')} passer ikke med ${startName.da} ${sum('da')}: ret udgangspunktet eller måltallet`,
    });
  }
}

/** `2022: the increment counts from 2020, but …`, in both languages. */
function countsFrom(where: string, from: number, but: Words): Words {
  return { en: `${where}the increment counts from ${from}, but ${but.en}`, da: `${where}stigningen regnes fra ${from}, men ${but.da}` };
}

/** An increment that names the year it counts from must start there. */
function checkIncrementFrom(entry: IncrementEntry, year: number | null, previous: { year: number } | undefined, baseline: Baseline | null): void {
  if (entry.from === undefined) return;
  const where = prefix(year);
  if (previous !== undefined) {
    if (previous.year !== entry.from) throw new RuleError(countsFrom(where, entry.from, { en: `the entry before it is ${previous.year}`, da: `året før den er ${previous.year}` }));
    return;
  }
  if (baseline !== null && baseline.year !== null && baseline.year !== entry.from) {
    throw new RuleError(countsFrom(where, entry.from, { en: `the baseline is from ${baseline.year}`, da: `udgangspunktet er fra ${baseline.year}` }));
  }
}

function applyIncrement(start: number, increment: IncrementEntry, unit: Unit): number {
  if (increment.mode === 'additive') return cleanFloat(start + increment.amount);
  return roundHalfAwayFromZero(start * (1 + increment.amount / 100), decimalsFor(unit));
}

function directionOf(increment: IncrementEntry): Direction {
  return increment.amount < 0 ? 'lower' : 'higher';
}

function requireBaseline(baseline: Baseline | null, where: string): Baseline {
  if (baseline === null) {
    throw new RuleError({
      en: `${where}an increment needs a baseline to start from: fill in Baseline, e.g. "40 % (2020)"`,
      da: `${where}en stigning skal have et udgangspunkt at regne fra: udfyld Udgangspunkt, fx "40 % (2020)"`,
    });
  }
  return baseline;
}

function levelTarget(value: number, direction: Direction, unit: Unit, what: Words): YearTarget {
  checkInRange(value, unit, what);
  return { kind: 'level', value, direction };
}

function computeSingle(entry: RuleEntry, unit: Unit, baseline: Baseline | null, years: number[]): Map<number, YearTarget> {
  const targets = new Map<number, YearTarget>();
  switch (entry.kind) {
    case 'level':
      checkStated(entry, null, undefined, baseline, unit);
      for (const year of years) targets.set(year, { kind: 'level', value: entry.value, direction: entry.direction });
      break;
    case 'range':
      for (const year of years) targets.set(year, { kind: 'range', lo: entry.lo, hi: entry.hi });
      break;
    case 'drop':
      for (const year of years) targets.set(year, { kind: 'dropped' });
      break;
    case 'milestone':
      for (const year of years) {
        if (entry.due === null) targets.set(year, { kind: 'milestone', due: dayFromYmd(year, 12, 31) });
        else if (year <= yearOfDay(entry.due)) targets.set(year, { kind: 'milestone', due: entry.due });
      }
      break;
    case 'increment': {
      checkIncrementFrom(entry, null, undefined, baseline);
      const given = requireBaseline(baseline, '');
      // `+5 pp from 2020` dates an undated baseline.
      const start = given.year === null && entry.from !== undefined ? { ...given, year: entry.from } : given;
      if (start.year === null) {
        throw new RuleError({
          en: 'an increment alone needs a dated baseline to know its year, e.g. "40 % (2020)"',
          da: 'en stigning alene kræver et udgangspunkt med årstal, fx "40 % (2020)"',
        });
      }
      const baseYear = start.year;
      const direction = directionOf(entry);
      if (!entry.perYear) {
        const year = baseYear + 1;
        const value = applyIncrement(start.value, entry, unit);
        if (years.includes(year)) targets.set(year, levelTarget(value, direction, unit, inYear(`${year}: `, THE_TARGET)));
        break;
      }
      const last = Math.max(...years);
      let value = start.value;
      for (let year = baseYear + 1; year <= last; year++) {
        value = applyIncrement(value, entry, unit);
        if (years.includes(year)) targets.set(year, levelTarget(value, direction, unit, inYear(`${year}: `, THE_TARGET)));
      }
      break;
    }
  }
  return targets;
}

interface Anchor {
  year: number;
  /** The entry's numeric target, or `null` for a range, drop or milestone (no interpolation). */
  value: number | null;
  direction: Direction;
}

function interpolate(from: Anchor, to: Anchor, unit: Unit, targets: Map<number, YearTarget>): void {
  if (from.value === null || to.value === null) return;
  const direction: Direction = from.direction === 'lower' && to.direction === 'lower' ? 'lower' : 'higher';
  for (let year = from.year + 1; year < to.year; year++) {
    if (targets.has(year)) continue;
    const exact = from.value + ((to.value - from.value) * (year - from.year)) / (to.year - from.year);
    targets.set(year, { kind: 'level', value: roundHalfAwayFromZero(exact, decimalsFor(unit)), direction });
  }
}

function computeSchedule(
  entries: Array<{ year: number; entry: RuleEntry }>,
  unit: Unit,
  baseline: Baseline | null,
): Map<number, YearTarget> {
  const targets = new Map<number, YearTarget>();
  const anchors: Anchor[] = [];
  for (const { year, entry } of entries) {
    const where = prefix(year);
    const previous = anchors[anchors.length - 1];
    switch (entry.kind) {
      case 'level':
        checkStated(entry, year, previous, baseline, unit);
        targets.set(year, { kind: 'level', value: entry.value, direction: entry.direction });
        anchors.push({ year, value: entry.value, direction: entry.direction });
        break;
      case 'range':
        targets.set(year, { kind: 'range', lo: entry.lo, hi: entry.hi });
        anchors.push({ year, value: null, direction: 'higher' });
        break;
      case 'drop':
        targets.set(year, { kind: 'dropped' });
        anchors.push({ year, value: null, direction: 'higher' });
        break;
      case 'milestone':
        targets.set(year, { kind: 'milestone', due: entry.due ?? dayFromYmd(year, 12, 31) });
        anchors.push({ year, value: null, direction: 'higher' });
        break;
      case 'increment': {
        checkIncrementFrom(entry, year, previous, baseline);
        let startYear: number | null;
        let startValue: number;
        if (previous === undefined) {
          const given = requireBaseline(baseline, where);
          const start = given.year === null && entry.from !== undefined ? { ...given, year: entry.from } : given;
          if (start.year !== null && start.year >= year) {
            throw new RuleError({ en: `${where}the baseline's year ${start.year} is not before ${year}`, da: `${where}udgangspunktets år ${start.year} ligger ikke før ${year}` });
          }
          startYear = start.year;
          startValue = start.value;
        } else if (previous.value === null) {
          throw new RuleError({ en: `${where}an increment needs a number in ${previous.year} to start from`, da: `${where}en stigning skal have et tal i ${previous.year} at regne fra` });
        } else {
          startYear = previous.year;
          startValue = previous.value;
        }
        const direction = directionOf(entry);
        let value = startValue;
        if (entry.perYear) {
          if (startYear === null) {
            throw new RuleError({ en: `${where}a per-year increment needs a dated baseline, e.g. "40 % (2020)"`, da: `${where}en årlig stigning kræver et udgangspunkt med årstal, fx "40 % (2020)"` });
          }
          for (let y = startYear + 1; y <= year; y++) {
            value = applyIncrement(value, entry, unit);
            targets.set(y, levelTarget(value, direction, unit, inYear(`${y}: `, THE_TARGET)));
          }
        } else {
          value = applyIncrement(value, entry, unit);
          targets.set(year, levelTarget(value, direction, unit, inYear(`${year}: `, THE_TARGET)));
        }
        anchors.push({ year, value, direction });
        break;
      }
    }
  }
  // Between a dated baseline and the first entry (the baseline year itself gets no target).
  const first = anchors[0];
  if (baseline !== null && baseline.year !== null && first !== undefined && baseline.year < first.year) {
    interpolate({ year: baseline.year, value: baseline.value, direction: first.direction }, first, unit, targets);
  }
  for (let i = 0; i + 1 < anchors.length; i++) {
    interpolate(anchors[i] as Anchor, anchors[i + 1] as Anchor, unit, targets);
  }
  return targets;
}

/**
 * The target of every year of `options.years` that has one (SPEC §2 "Year targets"); years
 * with none are absent from the map. See the decisions at the top of this module.
 *
 * @throws RuleError with the reason: an increment without a (dated) baseline, `+5%` on a %
 *   row, a sign that contradicts the unit, a target or baseline outside the unit's range.
 * @example
 * const rule = parseTargetRule('2023: 50%');
 * computeYearTargets(rule, { unit: '%', baseline: { value: 40, year: 2020, sign: '%' }, years: [2021, 2022, 2023] });
 * // 2021 → 43.3, 2022 → 46.7, 2023 → 50 (all higher-is-better levels)
 */
export function computeYearTargets(rule: TargetRule, options: YearTargetsOptions): Map<number, YearTarget> {
  const { unit, baseline } = options;
  if (baseline !== null) {
    checkSign(baseline.sign, unit, { en: 'the baseline', da: 'udgangspunktet' });
    checkInRange(baseline.value, unit, { en: 'the baseline', da: 'udgangspunktet' });
  }
  const entries = rule.kind === 'single' ? [{ year: null, entry: rule.entry }] : rule.entries;
  for (const { year, entry } of entries) checkEntry(entry, unit, year);

  const years = [...new Set(options.years)].sort((a, b) => a - b);
  const all =
    rule.kind === 'single' ? computeSingle(rule.entry, unit, baseline, years) : computeSchedule(rule.entries, unit, baseline);
  const result = new Map<number, YearTarget>();
  for (const year of years) {
    const target = all.get(year);
    if (target !== undefined) result.set(year, target);
  }
  return result;
}
