import { yearOfDay } from '../dates';
import { cleanFloat, parseDateValue, parseNumberText, type UnitSign } from '../numbers';
import type { Direction } from '../rule-model';
import { findWrittenDates } from '../written-dates';
import type { Mark, Segment, ValueItem } from './prose-marks';
import {
  APPROXIMATE_BEFORE,
  BASE_YEAR_BEFORE,
  CEILING_WORD,
  COMPARATORS_BEFORE,
  DEADLINE_WORDS,
  DECREASE_BEFORE,
  DROP_WORDS,
  FREQUENCY_AFTER,
  GOAL_REFERENCE_BEFORE,
  INCREASE_BEFORE,
  MILESTONE_WORDS,
  PER_YEAR_AFTER,
  POPULATION_BEFORE,
  STRICT_BEFORE,
  UNIT_AFTER,
  UNIT_BEFORE,
} from './prose-words';
import { Refusal } from './refusal';

/** Step 2 of reading prose: every number of a segment classified by the words around it. */

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
export function scanSegment(text: string, bracketed: boolean, nps: boolean, refuse: Refusal): Segment {
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
      throw new Refusal(refuse.language, `≥ ${token.digits.replace(',', '')}`).place(
        written,
        'kommaet kan være decimaltegn eller tusindtal',
        'the comma may be a decimal mark or a thousands mark',
      );
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
