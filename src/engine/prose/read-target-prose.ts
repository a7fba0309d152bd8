import type { CalendarDay, Language } from '../types';
import { dayFromYmd, yearOfDay, ymdFromDay } from '../dates';
import { cleanFloat, parseDateValue, parseNumberText, type UnitSign } from '../numbers';
import { findWrittenDates } from '../written-dates';
import { RuleError, type Baseline, type Direction, type RuleEntry, type TargetRule } from '../rule-model';
import { formatRuleForDisplay } from '../rule-text';
import {
  ABBREVIATIONS,
  CEILING_WORD,
  APPROXIMATE_BEFORE,
  BASE_YEAR_BEFORE,
  COMPARATORS_BEFORE,
  DANISH_MARKERS,
  DEADLINE_WORDS,
  DECREASE_BEFORE,
  DROP_WORDS,
  ENGLISH_MARKERS,
  FREQUENCY_AFTER,
  GOAL_REFERENCE_BEFORE,
  GRAMMAR_WORDS,
  INCREASE_BEFORE,
  MILESTONE_WORDS,
  NPS_WORDS,
  PER_YEAR_AFTER,
  POPULATION_BEFORE,
  STRICT_BEFORE,
  UNIT_AFTER,
  UNIT_BEFORE,
} from './prose-words';

/**
 * Reads a Target copied from the contract's prose (issue 13, SPEC §2 "Prose") into the rule model
 * of the grammar. The one rule it never bends: **every number in the text gets a place** — a value,
 * a year, a date, the year an increment counts from, a goal number (`Mål 5`) or a population
 * (`de 11 kommuner`, `4 årlige møder`) — or the text is refused with the number it could not place
 * and a suggestion in the canonical form. Where a text could mean two things, it is refused too:
 * an analyst fixes a refusal in seconds, a wrong reading costs a wrong report.
 *
 * How a text is read:
 * 1. Quoted labels (`”Meget tilfredse”`) are set aside; the rest is cut into segments at sentence
 *    ends, `·`, `;`, line breaks and brackets.
 * 2. In each segment every number is classified by the words around it (see `prose-words.ts`).
 * 3. Each segment's values go to the segment's year; a segment without a year continues the one
 *    before it (`I Nordjylland er måltallet 45%` after `… i efteråret 2021 …`); a bracket holding
 *    only a year dates the text before it (`mindst 45 % (2021)`).
 * 4. Per year: one level, or one increment, or an increment with a stated level (the level wins,
 *    the increment is kept for the check against the baseline), or a range, or a drop.
 */

export interface ReadProseOptions {
  /** The language of refusals; by default the text's own (Danish unless it reads as English). */
  language?: Language;
}

type ValueItem = {
  kind: 'value';
  value: number;
  sign: UnitSign | null;
  /** `null` when no comparator word stands before it. */
  direction: Direction | null;
  increment: 'up' | 'down' | null;
  perYear: boolean;
  /** The high end when the value is a range's low end. */
  hi?: { value: number; sign: UnitSign | null };
  shown: string;
};

type Item = ValueItem | { kind: 'drop'; shown: string };

type Mark =
  | { kind: 'year'; year: number; base: boolean; shown: string; pos: number }
  | { kind: 'date'; year: number; due: CalendarDay | null; isDay: boolean; shown: string; pos: number; end: number }
  | { kind: 'item'; item: Item; pos: number }
  /** A number with a place that is not a target: a goal number or a population. */
  | { kind: 'counted'; shown: string; pos: number };

interface Segment {
  text: string;
  /** `true` for the text inside brackets. */
  bracketed: boolean;
  marks: Mark[];
  milestone: boolean;
  deadline: boolean;
}

interface Group {
  items: Item[];
  baseYears: Array<{ year: number; shown: string }>;
}

/** A refusal in the text's language: what could not be placed and the canonical form to write. */
class Refusal {
  constructor(
    readonly language: Language,
    public suggestion: string,
  ) {}

  place(shown: string, da: string, en: string): RuleError {
    return this.language === 'da'
      ? new RuleError(`kan ikke placere "${shown}": ${da}; skriv fx "${this.suggestion}"`)
      : new RuleError(`cannot place "${shown}": ${en}; write e.g. "${this.suggestion}"`);
  }

  read(da: string, en: string): RuleError {
    return this.language === 'da'
      ? new RuleError(`kan ikke læse målet sikkert: ${da}; skriv fx "${this.suggestion}"`)
      : new RuleError(`cannot read the target safely: ${en}; write e.g. "${this.suggestion}"`);
  }
}

function countMatches(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

/** Danish unless the text has more English marker words than Danish ones (the users are Danish). */
export function detectProseLanguage(text: string): Language {
  return countMatches(text, ENGLISH_MARKERS) > countMatches(text, DANISH_MARKERS) ? 'en' : 'da';
}

/** Quoted survey labels are names, not part of the target: `”I høj grad”`, `"Meget tilfreds"`. */
function setAsideQuotes(text: string): string {
  return text.replace(/[”“"«»„][^”“"«»„]*[”“"«»„]/gu, ' ');
}

const NEXT_WORD = /\s+(\S)/uy;

/** Cuts the text at sentence ends, `·`, `;`, line breaks and brackets. */
function cutSegments(text: string): Array<{ text: string; bracketed: boolean }> {
  const segments: Array<{ text: string; bracketed: boolean }> = [];
  let current = '';
  let bracketed = false;
  const flush = (): void => {
    if (current.trim() !== '') segments.push({ text: current.trim(), bracketed });
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '(' || c === '[') {
      flush();
      bracketed = true;
      continue;
    }
    if (c === ')' || c === ']') {
      flush();
      bracketed = false;
      continue;
    }
    if (c === '·' || c === '•' || c === ';' || c === '\n' || c === '\r') {
      flush();
      continue;
    }
    current += c;
    if (c === '.' || c === '!' || c === '?' || c === '…') {
      NEXT_WORD.lastIndex = i + 1;
      const next = NEXT_WORD.exec(text);
      if (next === null) continue;
      const starts = next[1] as string;
      const tail = current.slice(-12);
      if (/\p{Lu}/u.test(starts) && !/\d[.]$/.test(tail)) flush();
      else if (/\d/.test(starts) && c !== '.') flush();
      else if (/\d/.test(starts) && !ABBREVIATIONS.test(tail) && !/\d[.]$/.test(tail)) flush();
    }
  }
  flush();
  return segments;
}

/** How far around a number the reader looks for the words that place it. */
const WINDOW = 80;

const NUMERIC_DATE = /(?<![\d.,/-])(?:\d{4}-\d{2}-\d{2}|\d{1,2}([-./])\d{1,2}\1\d{4})(?![\d.,/-]*\d)/gu;
const NUMBER = /(?<![\p{L}\d.,])([+\-\u2212](?=\d))?(\d+(?:[.,]\d+)*)/gu;

function signOfUnit(word: string | undefined, nps: boolean): UnitSign | null {
  if (word === undefined) return null;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === 'pp' || w === 'p.p.' || w.startsWith('procentpoint') || w.startsWith('percentage point')) return 'pp';
  if (w.startsWith('kr') || w === 'dkk') return 'kr';
  if (w === 'nps') return 'NPS';
  if (w.startsWith('point')) return nps ? 'NPS' : null;
  return '%';
}

function isYearLike(digits: string, value: number | null): boolean {
  return /^\d{4}$/.test(digits) && value !== null && value >= 2000 && value <= 2099;
}

/** Classifies every number of one segment; throws where a number has no place. */
function scanSegment(text: string, bracketed: boolean, nps: boolean, refuse: Refusal): Segment {
  const marks: Mark[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number): boolean => !taken.some(([s, e]) => start < e && s < end);

  for (const date of findWrittenDates(text)) {
    marks.push({ kind: 'date', year: date.year, due: date.due, isDay: date.isDay, shown: date.text, pos: date.start, end: date.end });
    taken.push([date.start, date.end]);
  }
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(text); m !== null; m = NUMERIC_DATE.exec(text)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const day = parseDateValue(m[0]);
    if (day === null) throw refuse.place(m[0], 'det er ikke en dato', 'it is not a date');
    marks.push({ kind: 'date', year: yearOfDay(day), due: day, isDay: true, shown: m[0], pos: m.index, end });
    taken.push([m.index, end]);
  }

  const numbers: Array<{ start: number; end: number; digits: string; sign: string | undefined }> = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    const end = m.index + m[0].length;
    if (free(m.index, end)) numbers.push({ start: m.index, end, digits: m[2] as string, sign: m[1] });
  }

  let previousEnd = 0;
  for (let n = 0; n < numbers.length; n++) {
    const token = numbers[n] as (typeof numbers)[number];
    const nextStart = numbers[n + 1]?.start ?? text.length;
    const before = text.slice(Math.max(previousEnd, token.start - WINDOW), token.start);
    // The words that decide a number's place stand right before it; a bounded window keeps a long
    // pasted cell (Excel allows 32,767 characters) linear instead of quadratic.
    const beforeAll = text.slice(Math.max(0, token.start - WINDOW), token.start);
    const after = text.slice(token.end, Math.min(nextStart, token.end + WINDOW));
    previousEnd = token.end;
    const magnitude = parseNumberText(token.digits);
    const written = text.slice(token.start, token.end);
    if (magnitude === null) throw refuse.place(written, 'det er ikke et tal', 'it is not a number');
    const value = token.sign !== undefined && token.sign !== '+' ? -magnitude : magnitude;

    const unit = UNIT_AFTER.exec(after) as RegExpExecArray;
    const unitWord = unit[2];
    const scale = unit[1];
    const shown = (written + after.slice(0, unit[0].length)).trim();
    if (STRICT_BEFORE.test(beforeAll)) {
      throw refuse.place(shown, 'brug ≥ (mindst) eller ≤ (højst), ikke < eller >', 'use ≥ (at least) or ≤ (at most), not a strict < or >');
    }
    if (APPROXIMATE_BEFORE.test(beforeAll)) {
      throw refuse.place(shown, 'et omtrentligt tal kan ikke måles imod', 'an approximate number cannot be judged against');
    }
    let comparator: Direction | null = null;
    for (const [pattern, direction] of COMPARATORS_BEFORE) {
      if (pattern.test(beforeAll)) {
        comparator = direction;
        break;
      }
    }
    const rise = INCREASE_BEFORE.exec(beforeAll);
    const fall = DECREASE_BEFORE.exec(beforeAll);
    const bound = (rise ?? fall)?.[1];
    if (bound !== undefined && CEILING_WORD.test(bound)) {
      // `faldet med højst 2 pp` bounds a change from above: no level or increment says that.
      throw refuse.place(shown, 'en grænse for en ændring kan ikke læses som et måltal; skriv det niveau, der skal nås', 'a limit on a change is no target; write the level to reach');
    }
    if (bound !== undefined) comparator = null;
    const increase = rise !== null || token.sign === '+';
    const decrease = fall !== null || (token.sign !== undefined && token.sign !== '+');
    const hasUnit = unitWord !== undefined || scale !== undefined;

    if (!hasUnit && comparator === null && !increase && !decrease && GOAL_REFERENCE_BEFORE.test(beforeAll)) {
      marks.push({ kind: 'counted', shown: written, pos: token.start });
      continue;
    }
    if (!hasUnit && comparator === null && !increase && !decrease && isYearLike(token.digits, magnitude)) {
      marks.push({ kind: 'year', year: magnitude, base: BASE_YEAR_BEFORE.test(before), shown: written, pos: token.start });
      continue;
    }
    if (comparator === null && !increase && !decrease && (POPULATION_BEFORE.test(beforeAll) || FREQUENCY_AFTER.test(after))) {
      marks.push({ kind: 'counted', shown: written, pos: token.start });
      continue;
    }
    if (/^\d{1,3},\d{3}$/.test(token.digits)) {
      // SPEC §2 reads a lone comma as the decimal mark, but in running text `1,000 firms` is a
      // thousand as often as `1,500 %` is one and a half: refuse rather than guess.
      refuse.suggestion = `≥ ${token.digits.replace(',', '')}`;
      throw refuse.place(written, 'kommaet kan være decimaltegn eller tusindtal', 'the comma may be a decimal mark or a thousands mark');
    }
    if (!hasUnit && /^\p{L}/u.test(after)) {
      throw refuse.place(`${written}${/^\p{L}+/u.exec(after)?.[0] ?? ''}`, 'tallet hænger sammen med et ord', 'the number runs into a word');
    }

    const prefixSign = UNIT_BEFORE.exec(beforeAll)?.[1];
    let sign = signOfUnit(unitWord ?? prefixSign, nps);
    if (sign === null && nps && unitWord === undefined) sign = 'NPS';
    let amount = scale === undefined ? value : cleanFloat(value * (/^(?:mia|milliard|billion|bn)/iu.test(scale) ? 1e9 : 1e6));
    if (increase || decrease) amount = decrease ? -Math.abs(amount) : Math.abs(amount);
    const perYear = (increase || decrease) && PER_YEAR_AFTER.test(after.slice(unit[0].length));

    const item: ValueItem = {
      kind: 'value',
      value: amount,
      sign,
      direction: comparator,
      increment: increase ? 'up' : decrease ? 'down' : null,
      perYear,
      shown,
    };

    // A range: `mellem 40 og 60 %`, `between 40 and 60`, `40–60 %`.
    const next = numbers[n + 1];
    const between = /(?:^|[^\p{L}])(?:mellem|between)\s*$/iu.test(before) && /^\s*(?:og|and)\s*$/iu.test(after.slice(unit[0].length));
    const rest = after.slice(unit[0].length);
    const dashSign = next !== undefined && next.sign === '-' && /^\s*$/u.test(rest);
    const dashed = (/^\s*[-–—]\s*$/u.test(rest) || dashSign) && !isYearLike(token.digits, magnitude);
    if (next !== undefined && (between || dashed) && !increase && !decrease) {
      const hiValue = parseNumberText(next.digits);
      const hiAfter = text.slice(next.end, numbers[n + 2]?.start ?? text.length);
      const hiUnit = UNIT_AFTER.exec(hiAfter) as RegExpExecArray;
      if (hiValue !== null && (between || hiUnit[2] !== undefined || !/\s/.test(rest))) {
        const hiSign = signOfUnit(hiUnit[2], nps) ?? (nps ? 'NPS' : sign);
        if (sign !== null && hiSign !== null && sign !== hiSign) {
          throw refuse.place(`${shown}`, 'intervallet blander to enheder', 'the range mixes two units');
        }
        const negative = !dashSign && (next.sign === '-' || next.sign === '\u2212');
        item.hi = { value: negative ? -hiValue : hiValue, sign: hiSign };
        item.shown = `${shown}–${text.slice(next.start, next.end)}`;
        n++;
        previousEnd = next.end;
      }
    }
    marks.push({ kind: 'item', item, pos: token.start });
  }

  // A date after `ift.`/`sammenlignet med` is the year an increment counts from, like a bare year.
  const ordered = [...marks].sort((a, b) => a.pos - b.pos);
  for (let i = 0; i < ordered.length; i++) {
    const mark = ordered[i] as Mark;
    if (mark.kind !== 'date') continue;
    const previous = ordered[i - 1];
    const from = previous === undefined ? 0 : previous.kind === 'date' ? previous.end : previous.pos + (previous.kind === 'item' ? previous.item.shown : previous.shown).length;
    if (BASE_YEAR_BEFORE.test(text.slice(from, mark.pos))) {
      marks[marks.indexOf(mark)] = { kind: 'year', year: mark.year, base: true, shown: mark.shown, pos: mark.pos };
    }
  }
  const drop = DROP_WORDS.exec(text);
  if (drop) marks.push({ kind: 'item', item: { kind: 'drop', shown: drop[0].trim() }, pos: drop.index });
  marks.sort((a, b) => a.pos - b.pos);
  return { text, bracketed, marks, milestone: MILESTONE_WORDS.test(text), deadline: DEADLINE_WORDS.test(text) };
}

function showItem(item: Item): string {
  return item.shown;
}

/** One year's items as one rule entry. */
function entryOf(group: Group, year: number | null, refuse: Refusal): RuleEntry {
  const values = group.items.filter((i): i is ValueItem => i.kind === 'value');
  const drops = group.items.filter((i) => i.kind === 'drop');
  const levels = values.filter((v) => v.increment === null);
  const increments = values.filter((v) => v.increment !== null);
  const when = year === null ? '' : ` ${year}`;
  const whenEn = year === null ? '' : ` for ${year}`;

  if (drops.length > 0 && values.length > 0) {
    const value = values[0] as ValueItem;
    throw refuse.place(value.shown, `målet udgår${when}, men der står også et måltal`, `the goal is dropped${whenEn}, yet a target is given`);
  }
  if (drops.length > 0) return { kind: 'drop' };
  if (levels.length > 1) {
    const [first, second] = levels as [ValueItem, ValueItem];
    throw refuse.place(
      second.shown,
      `der er allerede måltallet ${first.shown}${year === null ? '' : ` for ${year}`}; ét måltal pr. år og række`,
      `the target${whenEn} is already ${first.shown}; one target per year and row`,
    );
  }
  if (increments.length > 1) {
    const [first, second] = increments as [ValueItem, ValueItem];
    throw refuse.place(second.shown, `der er allerede stigningen ${first.shown}${year === null ? '' : ` for ${year}`}`, `the increase${whenEn} is already ${first.shown}`);
  }
  if (group.baseYears.length > 1 || (group.baseYears.length === 1 && increments.length === 0)) {
    const base = group.baseYears[group.baseYears.length - 1] as { shown: string };
    throw refuse.place(
      base.shown,
      increments.length === 0 ? 'et sammenligningsår, men ingen stigning at regne fra det' : 'to sammenligningsår',
      increments.length === 0 ? 'a year to compare with, but no increase to count from it' : 'two years to compare with',
    );
  }
  const from = group.baseYears[0]?.year ?? null;
  const level = levels[0];
  const increment = increments[0];
  if (level?.hi !== undefined) {
    if (increment !== undefined) throw refuse.place(increment.shown, 'et interval og en stigning på én gang', 'a range and an increase at once');
    if (level.value > level.hi.value) throw refuse.place(level.shown, 'intervallet går baglæns', 'the range runs backwards');
    return { kind: 'range', lo: level.value, hi: level.hi.value, sign: level.hi.sign ?? level.sign };
  }
  if (level !== undefined && increment !== undefined) {
    const direction: Direction = level.direction ?? (increment.increment === 'down' ? 'lower' : 'higher');
    return {
      kind: 'level',
      value: level.value,
      direction,
      sign: level.sign,
      stated: {
        amount: increment.value,
        mode: increment.sign === '%' ? 'relative' : 'additive',
        sign: increment.sign === '%' ? null : increment.sign,
        from,
      },
    };
  }
  if (increment !== undefined) {
    const entry: RuleEntry = {
      kind: 'increment',
      amount: increment.value,
      mode: increment.sign === '%' ? 'relative' : 'additive',
      perYear: increment.perYear,
      sign: increment.sign,
    };
    if (from !== null) entry.from = from;
    return entry;
  }
  if (level !== undefined) return { kind: 'level', value: level.value, direction: level.direction ?? 'higher', sign: level.sign };
  throw refuse.read(`intet måltal${when}`, `no target${whenEn}`);
}

/** The canonical suggestion for a refusal, from the first value and year the text holds. */
function suggestionFor(text: string, language: Language, nps: boolean): string {
  const year = /(?<!\d)(20\d{2})(?!\d)/.exec(text)?.[1];
  const value = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(%|pct|procent)?/iu.exec(text.replace(/(?<!\d)20\d{2}(?!\d)/g, ' '));
  const number = value ? (parseNumberText(value[1] as string) ?? 50) : 50;
  const sign: UnitSign | null = value?.[2] !== undefined ? '%' : nps ? 'NPS' : null;
  const entry: RuleEntry = { kind: 'level', value: number, direction: 'higher', sign };
  const rule: TargetRule = year === undefined ? { kind: 'single', entry } : { kind: 'schedule', entries: [{ year: Number(year), entry }] };
  return formatRuleForDisplay(rule, language);
}

/** After the scan: the suggestion built from the first value and year the reader found. */
function refineSuggestion(refuse: Refusal, segments: Segment[], language: Language): void {
  const marks = segments.flatMap((s) => s.marks);
  const value = marks.find((m): m is Extract<Mark, { kind: 'item' }> => m.kind === 'item' && m.item.kind === 'value')?.item as ValueItem | undefined;
  const year = marks.find((m) => (m.kind === 'year' && !m.base) || m.kind === 'date') as { year: number } | undefined;
  if (value === undefined) {
    refuse.suggestion = milestoneSuggestion(language, null, year?.year ?? null);
    return;
  }
  const entry: RuleEntry =
    value.increment !== null
      ? { kind: 'increment', amount: value.value, mode: value.sign === '%' ? 'relative' : 'additive', perYear: value.perYear, sign: value.sign }
      : { kind: 'level', value: value.value, direction: value.direction ?? 'higher', sign: value.sign };
  const rule: TargetRule = year === undefined ? { kind: 'single', entry } : { kind: 'schedule', entries: [{ year: year.year, entry }] };
  refuse.suggestion = formatRuleForDisplay(rule, language);
}

/** `true` when the text holds a word the grammar of SPEC §2 does not know: it may be prose. */
export function looksLikeProse(text: string): boolean {
  const rest = text.replace(GRAMMAR_WORDS, ' ');
  return /\p{L}/u.test(rest);
}

function milestoneSuggestion(language: Language, day: CalendarDay | null, year: number | null): string {
  const due = day ?? dayFromYmd(year ?? 2022, 12, 31);
  const { year: y, month, day: d } = ymdFromDay(due);
  const two = (n: number): string => String(n).padStart(2, '0');
  return language === 'da' ? `udført senest ${two(d)}-${two(month)}-${y}` : `done by ${y}-${two(month)}-${two(d)}`;
}

/** A milestone text: `udført senest 31. december 2022`, `forventes lanceret december 2021`. */
function readMilestone(segments: Segment[], language: Language): TargetRule {
  const dates = segments.flatMap((s) => s.marks.filter((m): m is Extract<Mark, { kind: 'date' }> => m.kind === 'date'));
  const years = segments.flatMap((s) => s.marks.filter((m): m is Extract<Mark, { kind: 'year' }> => m.kind === 'year'));
  const refuse = new Refusal(language, milestoneSuggestion(language, dates[0]?.due ?? null, dates[0]?.year ?? years[0]?.year ?? null));
  if (dates.length + years.length > 1) {
    const second = [...dates, ...years].sort((a, b) => a.pos - b.pos)[1] as { shown: string };
    throw refuse.place(second.shown, 'en milepæl har én frist', 'a milestone has one due date');
  }
  const date = dates[0];
  if (date !== undefined) {
    if (date.due === null) throw refuse.place(date.shown, 'det er ingen dato at have en frist på', 'that is no day to be due on');
    return { kind: 'single', entry: { kind: 'milestone', due: date.due }, prose: true };
  }
  const year = years[0];
  if (year !== undefined) return { kind: 'single', entry: { kind: 'milestone', due: dayFromYmd(year.year, 12, 31) }, prose: true };
  return { kind: 'single', entry: { kind: 'milestone', due: null }, prose: true };
}

type Prepared = { segments: Segment[]; language: Language; nps: boolean; refuse: Refusal };

function prepare(text: string, options: ReadProseOptions, suggestion?: string): Prepared | null {
  const normal = setAsideQuotes(text.replace(/[\u00a0\u2007\u202f\t]/gu, ' '));
  const language = options.language ?? detectProseLanguage(normal);
  const nps = NPS_WORDS.test(normal);
  const refuse = new Refusal(language, suggestion ?? suggestionFor(normal, language, nps));
  const segments = cutSegments(normal).map((s) => scanSegment(s.text.replace(/ +/g, ' '), s.bracketed, nps, refuse));
  if (suggestion === undefined) refineSuggestion(refuse, segments, language);
  const anything = segments.some((s) => s.marks.length > 0 || s.milestone);
  return anything ? { segments, language, nps, refuse } : null;
}

/** Assigns every segment's items to a year (or to none), following the order of the text. */
function groupByYear(segments: Segment[], refuse: Refusal): { byYear: Map<number, Group>; yearless: Group; yearShown: Map<number, string> } {
  const byYear = new Map<number, Group>();
  const yearShown = new Map<number, string>();
  const yearless: Group = { items: [], baseYears: [] };
  let current: number | null = null;
  let pending: Group | null = null;
  const groupFor = (year: number): Group => {
    let group = byYear.get(year);
    if (!group) {
      group = { items: [], baseYears: [] };
      byYear.set(year, group);
    }
    return group;
  };

  for (const segment of segments) {
    const years: Array<{ year: number; shown: string; pos: number }> = [];
    const baseYears: Array<{ year: number; shown: string }> = [];
    for (const mark of segment.marks) {
      if (mark.kind === 'year' && mark.base) baseYears.push({ year: mark.year, shown: mark.shown });
      else if (mark.kind === 'year') years.push(mark);
      else if (mark.kind === 'date') {
        if (mark.isDay && ymdFromDay(mark.due as number).month !== 12) {
          throw refuse.place(mark.shown, 'et måltal gælder et helt år, ikke en dag midt i det', 'a target is for a whole year, not a day within it');
        }
        if (mark.isDay && ymdFromDay(mark.due as number).day !== 31) {
          throw refuse.place(mark.shown, 'et måltal gælder et helt år, ikke en dag midt i det', 'a target is for a whole year, not a day within it');
        }
        years.push(mark);
      }
    }
    // Clusters of items between years, in text order.
    const clusters: Item[][] = [];
    const order: Array<'year' | 'cluster'> = [];
    for (const mark of segment.marks) {
      if (mark.kind === 'item') {
        if (order[order.length - 1] === 'cluster') (clusters[clusters.length - 1] as Item[]).push(mark.item);
        else {
          clusters.push([mark.item]);
          order.push('cluster');
        }
      } else if ((mark.kind === 'year' && !mark.base) || mark.kind === 'date') {
        order.push('year');
      }
    }
    for (const year of years) if (!yearShown.has(year.year)) yearShown.set(year.year, year.shown);

    if (years.length === 0) {
      if (clusters.length === 0) {
        if (baseYears.length > 0) (current === null ? (pending ?? yearless) : groupFor(current)).baseYears.push(...baseYears);
        continue;
      }
      const target: Group = current === null ? yearless : groupFor(current);
      target.items.push(...clusters.flat());
      target.baseYears.push(...baseYears);
      if (current === null) pending = target;
      continue;
    }
    if (years.length === 1) {
      const year = (years[0] as { year: number }).year;
      if (segment.bracketed && current !== null && year < current && clusters.length > 0) {
        // `mindst 50 pct. (36 % i 2020)`: an earlier year in brackets is the baseline, not a target.
        throw refuse.place(
          showItem((clusters[0] as Item[])[0] as Item),
          `det ligner udgangspunktet (${year}); skriv det i Udgangspunkt`,
          `it looks like the baseline (${year}); put it in Baseline`,
        );
      }
      const group = groupFor(year);
      if (clusters.length === 0 && pending !== null && pending.items.length > 0 && current === null) {
        // A bracket or sentence that only names a year dates the text before it: `mindst 45 % (2021)`.
        group.items.push(...pending.items);
        group.baseYears.push(...pending.baseYears);
        pending.items = [];
        pending.baseYears = [];
      }
      group.items.push(...clusters.flat());
      group.baseYears.push(...baseYears);
      current = year;
      pending = null;
      continue;
    }
    // Several years in one segment: only `72 % ultimo 2022, 75 % ultimo 2023` (or the years first)
    // pairs up, each year with the values beside it.
    const alternates = order.every((kind, i) => kind !== order[i + 1]);
    if (!alternates || clusters.length !== years.length) {
      const second = years[1] as { shown: string };
      throw refuse.place(second.shown, 'flere år i samme sætning, og det er ikke klart, hvilket måltal der hører til hvilket', 'several years in one sentence, and which target goes with which is not clear');
    }
    if (baseYears.length > 0) {
      throw refuse.place((baseYears[0] as { shown: string }).shown, 'et sammenligningsår blandt flere måltalsår', 'a year to compare with among several target years');
    }
    years.forEach((year, i) => groupFor(year.year).items.push(...(clusters[i] as Item[])));
    current = (years[years.length - 1] as { year: number }).year;
    pending = null;
  }
  return { byYear, yearless, yearShown };
}

/**
 * {@link readTargetProse}, or `null` when the text holds nothing the reader knows (no number, date,
 * drop or milestone word): then the grammar's own error says more.
 */
export function attemptTargetProse(text: string, options: ReadProseOptions = {}): TargetRule | null {
  return prepare(text, options) === null ? null : readTargetProse(text, options);
}

/**
 * Reads a Target written as contract prose.
 *
 * @throws RuleError quoting the number it cannot place (or what is ambiguous) and suggesting the
 *   canonical form, in Danish (`skriv fx "2023: ≥ 50 %"`) or English (`write e.g. …`).
 * @example
 * formatCanonicalRule(readTargetProse('I 2023 skal kendskabsgraden være mindst 50 pct.')); // '2023: >= 50 %'
 * formatCanonicalRule(readTargetProse('72% ultimo 2022 (75% ultimo 2023)'));              // '2022: >= 72 %; 2023: >= 75 %'
 */
export function readTargetProse(text: string, options: ReadProseOptions = {}): TargetRule {
  const prepared = prepare(text, options);
  const language = options.language ?? detectProseLanguage(text);
  if (prepared === null) {
    throw new Refusal(language, suggestionFor(text, language, false)).read('ingen tal eller måltalsord i teksten', 'no number or target word in the text');
  }
  const { segments, refuse } = prepared;
  const hasValues = segments.some((s) => s.marks.some((m) => m.kind === 'item'));
  if (!hasValues) {
    if (segments.some((s) => s.milestone || s.deadline || s.marks.some((m) => m.kind === 'date' && m.isDay))) {
      return readMilestone(segments, prepared.language);
    }
    const marks = segments.flatMap((s) => s.marks);
    const year = marks.find((m) => m.kind === 'year' || m.kind === 'date');
    if (year !== undefined && (year.kind === 'year' || year.kind === 'date')) {
      throw refuse.place(year.shown, 'året har intet måltal', 'the year has no target');
    }
    const counted = marks.filter((m) => m.kind === 'counted').map((m) => `"${(m as { shown: string }).shown}"`);
    if (counted.length > 0) {
      const list = counted.join(language === 'da' ? ' og ' : ' and ');
      throw refuse.read(`intet måltal: ${list} tæller en gruppe, en hyppighed eller et mål`, `no target: ${list} count a group, a frequency or a goal`);
    }
    throw refuse.read('intet måltal i teksten', 'no target in the text');
  }

  const { byYear, yearless, yearShown } = groupByYear(segments, refuse);
  if (byYear.size === 0) return { kind: 'single', entry: entryOf(yearless, null, refuse), prose: true };
  if (yearless.items.length > 0) {
    const first = yearless.items[0] as Item;
    throw refuse.place(showItem(first), 'andre dele af teksten nævner år, men dette tal har intet', 'other parts of the text name years, this number none');
  }
  const entries: Array<{ year: number; entry: RuleEntry }> = [];
  for (const [year, group] of byYear) {
    if (group.items.length === 0 && group.baseYears.length === 0) {
      throw refuse.place(yearShown.get(year) ?? String(year), 'året har intet måltal', 'the year has no target');
    }
    entries.push({ year, entry: entryOf(group, year, refuse) });
  }
  entries.sort((a, b) => a.year - b.year);
  return { kind: 'schedule', entries, prose: true };
}

/**
 * Reads a Baseline or value cell written in words: `40 % i efteråret 2020`, `kendskab på 40 %
 * (september 2020)`. Any date or period names the baseline's year.
 *
 * @throws RuleError when the text holds anything but one value and at most one year.
 * @example readBaselineProse('40 % i efteråret 2020') // { value: 40, year: 2020, sign: '%' }
 */
export function readBaselineProse(text: string, options: ReadProseOptions = {}): Baseline {
  const example = '40 % (2020)';
  const prepared = prepare(text, options, example);
  const language = options.language ?? detectProseLanguage(text);
  const refuse = new Refusal(language, example);
  if (prepared === null) throw refuse.read('intet tal i teksten', 'no number in the text');
  const marks = prepared.segments.flatMap((s) => s.marks);
  const values = marks.filter((m): m is Extract<Mark, { kind: 'item' }> => m.kind === 'item');
  const years = marks.filter((m): m is Extract<Mark, { kind: 'year' | 'date' }> => m.kind === 'year' || m.kind === 'date');
  const value = values[0]?.item;
  if (value === undefined || value.kind !== 'value') throw refuse.read('intet udgangspunkt i teksten', 'no baseline value in the text');
  if (values.length > 1) throw refuse.place((values[1] as { item: Item }).item.shown, 'et udgangspunkt har ét tal', 'a baseline has one value');
  if (value.increment !== null || value.hi !== undefined) throw refuse.place(value.shown, 'et udgangspunkt er ét tal', 'a baseline is one value');
  if (years.length > 1) throw refuse.place((years[1] as { shown: string }).shown, 'et udgangspunkt har ét år', 'a baseline has one year');
  return { value: value.value, year: years[0]?.year ?? null, sign: value.sign };
}
