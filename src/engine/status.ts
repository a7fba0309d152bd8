import { danishFromDay, dayOfYear, daysInYear, isoFromDay, yearOfDay } from './dates';
import { statusPhrase } from './glossary';
import { phrase } from './labels';
import { roundHalfAwayFromZero } from './rounding';
import { formatSignedValue, formatTargetValue, formatValue, gapUnit } from './display';
import type { Tolerance } from './target-rule';
import type { CalendarDay, Language, StatusId, Unit } from './types';
import type { YearTarget } from './year-targets';

/** SPEC §3: all comparisons in the row's unit with this much slack. */
const EPSILON = 1e-9;

export interface Judgement {
  status: StatusId;
  /** Actual − year Y's full target (the nearer end for a range), in the unit; null when not numeric. */
  gap: number | null;
  /** The explanation sentence, without the source base. */
  explanation: string;
}

/** A numeric target of year Y: a level or a range. */
export type NumericTarget = Extract<YearTarget, { kind: 'level' } | { kind: 'range' }>;

/**
 * The tolerance band in the row's unit. SPEC §3 defaults: 5 pp for %, 5 points for NPS and pp,
 * 10 % of the target for count, number and DKK (of the nearer end for a range).
 * @example resolveTolerance(null, '%', { kind: 'level', value: 80, direction: 'higher' }, 75) // 5
 */
function resolveTolerance(tolerance: Tolerance | null, unit: Unit, target: NumericTarget, actual: number): number {
  const reference = target.kind === 'level' ? target.value : nearerEnd(target, actual);
  const band = tolerance ?? defaultTolerance(unit);
  return wholeForCount(band.kind === 'absolute' ? band.value : Math.abs(reference) * band.fraction, unit);
}

/**
 * A count is whole (firms, participants): a count's pace and tolerance are rounded half away from
 * zero, and the status is judged on the rounded number the Explanation shows (docs/decisions.md,
 * "What the analyst reads: errors in the sheet's language, near misses, whole counts").
 */
function wholeForCount(value: number, unit: Unit): number {
  return unit === 'count' ? roundHalfAwayFromZero(value, 0) : value;
}

function defaultTolerance(unit: Unit): Tolerance {
  return unit === '%' || unit === 'pp' || unit === 'NPS' ? { kind: 'absolute', value: 5 } : { kind: 'relative', fraction: 0.1 };
}

function nearerEnd(target: { lo: number; hi: number }, actual: number): number {
  return Math.abs(actual - target.lo) <= Math.abs(actual - target.hi) ? target.lo : target.hi;
}

function formatTarget(target: NumericTarget, unit: Unit, language: Language): string {
  return formatTargetValue(target.kind === 'level' ? target.value : [target.lo, target.hi], unit, language);
}

/** The gap of SPEC §1: actual − target; for a range the signed distance to the nearer end, 0 inside. */
function computeGap(actual: number, target: NumericTarget): number {
  if (target.kind === 'level') return actual - target.value;
  if (actual < target.lo) return actual - target.lo;
  if (actual > target.hi) return actual - target.hi;
  return 0;
}

export interface JudgeNumericOptions {
  actual: number;
  target: NumericTarget;
  unit: Unit;
  tolerance: Tolerance | null;
  cumulative: boolean;
  year: number;
  asOf: CalendarDay;
  language: Language;
}

/**
 * Status of a numeric row in year Y (SPEC §3): met, at-risk within the tolerance (edge included),
 * off-track beyond it; cumulative rows judged against the pace of the year while D is inside Y.
 * @example judgeNumeric({ actual: 75, target: { kind: 'level', value: 80, direction: 'higher' }, unit: '%',
 *   tolerance: null, cumulative: false, year: 2021, asOf: dayFromIso('2021-10-13')!, language: 'en' }).status // 'at-risk'
 */
export function judgeNumeric(options: JudgeNumericOptions): Judgement {
  const { actual, target, unit, cumulative, year, asOf, language } = options;
  const tolerance = resolveTolerance(options.tolerance, unit, target, actual);
  const gap = computeGap(actual, target);
  const shownUnit = gapUnit(unit);
  const head = `${formatValue(actual, unit, language)} ${phrase('vsTarget', language)} ${formatTarget(target, unit, language)} (${formatSignedValue(gap, shownUnit, language)})`;
  const toleranceText = formatValue(tolerance, shownUnit, language);
  const asOfYear = yearOfDay(asOf);

  if (cumulative && asOfYear < year) {
    return { status: 'no-data', gap: null, explanation: `${phrase('beforeYear', language)} ${year} (${isoFromDay(asOf)})` };
  }
  const lowerIsBetter = target.kind === 'level' && target.direction === 'lower';
  const duringYear = cumulative && asOfYear === year;

  if (target.kind === 'level' && !lowerIsBetter && duringYear && actual < target.value - EPSILON) {
    // Pace: counts build up through the year; 555 of 600 on 13 October is ahead of pace.
    const fraction = dayOfYear(asOf) / daysInYear(year);
    const expected = wholeForCount(target.value * fraction, unit);
    const paceText = `${formatValue(actual, unit, language)} ${phrase('versus', language)} ${formatValue(
      expected,
      unit,
      language,
    )} ${phrase('expectedBy', language)} ${danishOrIso(asOf, language)} (${phrase('fullTarget', language)} ${formatValue(
      target.value,
      unit,
      language,
    )})`;
    if (actual >= expected - EPSILON) return { status: 'on-track', gap, explanation: paceText };
    const paceTolerance = wholeForCount(tolerance * fraction, unit);
    const band = `${formatValue(paceTolerance, shownUnit, language)}`;
    if (expected - actual <= paceTolerance + EPSILON) {
      return { status: 'at-risk', gap, explanation: `${paceText}; ${phrase('withinTolerance', language)} ${band}` };
    }
    return { status: 'off-track', gap, explanation: `${paceText}; ${phrase('beyondTolerance', language)} ${band}` };
  }

  const miss = lowerIsBetter ? Math.max(0, gap) : Math.abs(target.kind === 'range' ? gap : Math.min(0, gap));
  if (miss <= EPSILON) {
    if (lowerIsBetter && duringYear) {
      return { status: 'on-track', gap, explanation: `${head}; ${phrase('notYetJudged', language)}` };
    }
    return { status: 'met', gap, explanation: head };
  }
  if (miss <= tolerance + EPSILON) {
    return { status: 'at-risk', gap, explanation: `${head}; ${phrase('withinTolerance', language)} ${toleranceText}` };
  }
  return { status: 'off-track', gap, explanation: `${head}; ${phrase('beyondTolerance', language)} ${toleranceText}` };
}

function danishOrIso(day: CalendarDay, language: Language): string {
  return language === 'da' ? danishFromDay(day) : isoFromDay(day);
}

export type MilestoneState = 'done' | 'in-progress' | 'not-done' | 'blank';

const MILESTONE_WORDS: Map<string, MilestoneState> = new Map([
  ['done', 'done'],
  ['udført', 'done'],
  ['gennemført', 'done'],
  ['ja', 'done'],
  ['yes', 'done'],
  ['1', 'done'],
  ['x', 'done'],
  ['true', 'done'],
  ['in progress', 'in-progress'],
  ['i gang', 'in-progress'],
  ['no', 'not-done'],
  ['nej', 'not-done'],
  ['0', 'not-done'],
  ['false', 'not-done'],
  ['not done', 'not-done'],
  ['ikke udført', 'not-done'],
]);

/** SPEC §3 milestone words; null when the text is none of them. */
export function parseMilestoneState(text: string): MilestoneState | null {
  const key = text.replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('da');
  if (key === '') return 'blank';
  return MILESTONE_WORDS.get(key) ?? null;
}

export function milestoneStateText(state: MilestoneState, language: Language): string | null {
  if (state === 'blank') return null;
  return phrase(state === 'done' ? 'done' : state === 'in-progress' ? 'inProgress' : 'notDone', language);
}

/**
 * A milestone (SPEC §3): done is met; in progress is on-track until its due date; past due and not
 * done (blank included) is off-track; blank on or before the due date is no-data. An explicit "not
 * done" before the due date is no-data too: nothing is late yet (a decision, see docs/decisions.md).
 */
export function judgeMilestone(state: MilestoneState, due: CalendarDay, asOf: CalendarDay, language: Language): Judgement {
  const dueText = `${phrase('due', language)} ${danishOrIso(due, language)}`;
  const stateText = milestoneStateText(state, language) ?? phrase('noActual', language);
  const explanation = `${stateText}; ${dueText}`;
  if (state === 'done') return { status: 'met', gap: null, explanation };
  const pastDue = asOf > due;
  if (pastDue) return { status: 'off-track', gap: null, explanation };
  if (state === 'in-progress') return { status: 'on-track', gap: null, explanation };
  return { status: 'no-data', gap: null, explanation };
}

/** SPEC §3 rollup order, worst first. */
const ROLLUP_ORDER: StatusId[] = ['error', 'off-track', 'at-risk', 'on-track', 'met'];

export interface ChildStatus {
  id: string;
  status: StatusId;
}

/**
 * A parent's status: the worst of its children, no-data, not-applicable and no-target children left out;
 * nothing left → no-data. @example rollUp([{id:'3.1',status:'at-risk'},{id:'3.2',status:'met'}], 'en').explanation // '1 of 2 met; 3.1 at risk'
 */
export function rollUp(children: ChildStatus[], language: Language): Judgement {
  const counted = children.filter((child) => ROLLUP_ORDER.includes(child.status));
  if (counted.length === 0) return { status: 'no-data', gap: null, explanation: phrase('noGoals', language) };
  const worst = ROLLUP_ORDER.find((status) => counted.some((child) => child.status === status)) ?? 'met';
  const met = counted.filter((child) => child.status === 'met').length;
  const parts = [`${met} ${phrase('of', language)} ${counted.length} ${statusPhrase('met', language)}`];
  for (const child of counted) {
    if (child.status !== 'met') parts.push(`${child.id} ${statusPhrase(child.status, language)}`);
  }
  return { status: worst, gap: null, explanation: parts.join('; ') };
}
