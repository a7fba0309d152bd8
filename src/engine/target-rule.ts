import type { CalendarDay, CellError, CellValue, Language, Unit } from './types';
import { dayFromYmd, yearOfDay } from './dates';
import { cleanFloat, isPercentFormat, parseDateValue, parseQuantity, type Quantity } from './numbers';
import { UNIT_WORDS } from './glossary';
import { RuleError, type Words, type Baseline, type Direction, type RuleEntry, type StatedIncrement, type TargetRule, type Tolerance } from './rule-model';
import { attemptTargetProse, looksLikeProse, readBaselineProse } from './prose/read-target-prose';
import { findWrittenDates } from './written-dates';

export { RuleError } from './rule-model';
export type { Baseline, Direction, RuleEntry, StatedIncrement, TargetRule, Tolerance } from './rule-model';

/**
 * The Target, Baseline and Tolerance columns (SPEC §1 and §2): text in, a typed rule out, or a
 * {@link RuleError} whose message is the human reason, in English and Danish.
 */

/** Non-breaking and other odd spaces become plain ones, runs collapse (analysts paste from Word). */
function normalizeSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const BLANK_TARGET: Words = { en: 'the target is blank', da: 'måltallet er tomt' };

function quote(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

const DROP_WORDS = /^(?:udgår|udgaar|udgået|dropped|n\/a|-|–|—)$/iu;
const MILESTONE = /^(?:done|udført|udfoert|gennemført|gennemfoert)(?:\s+(?:(?:by|senest|inden)\s+)?(.+))?$/iu;
// Words must end at a non-letter so that 'min' does not eat the start of 'mindst'.
const HIGHER_WORDS = /^(?:≥|>=|=>|min\.|(?:minimum|mindst|min|at\s+least)(?!\p{L}))\s*(.*)$/iu;
const LOWER_WORDS = /^(?:≤|<=|=<|max\.|(?:maksimalt|maksimum|maximum|max|højst|hoejst|at\s+most)(?!\p{L}))\s*(.*)$/iu;
const PER_YEAR = /\s*(?:\/\s*(?:år|year|yr)|(?:per|pr\.?|om|a|each|every)\s+(?:år|året|year))$/iu;
const BETWEEN = /^(?:between|mellem)\s+(.+?)\s+(?:and|og)\s+(.+)$/iu;

/** Reads `by`-dates: ISO, day-first, or a bare year meaning its 31 December. */
function parseDueDate(text: string): CalendarDay {
  const bare = /^(\d{4})$/.exec(text.trim());
  if (bare) return dayFromYmd(Number(bare[1]), 12, 31);
  const day = parseDateValue(text);
  if (day === null) throw new RuleError({ en: `${quote(text)} is not a date (write 2021-12-31 or 31-12-2021)`, da: `${quote(text)} er ikke en dato (skriv 31-12-2021 eller 2021-12-31)` });
  return day;
}

function requireQuantity(text: string, what: Words): Quantity {
  const quantity = parseQuantity(text);
  if (quantity === null) throw new RuleError({ en: `cannot read ${quote(text)} as ${what.en}`, da: `kan ikke læse ${quote(text)} som ${what.da}` });
  return quantity;
}

function parseRange(text: string): RuleEntry | null {
  let sides: [string, string] | null = null;
  const between = BETWEEN.exec(text);
  if (between) {
    sides = [between[1] as string, between[2] as string];
  } else {
    // Split at a dash after the first character ('-2 pp' is an increment, '-' a drop) where both
    // sides read as quantities: '40-60 %', '40 % – 60 %', '1.000-2.000 kr'.
    // A few dashes at most: a range has one or two (a negative low end), and this keeps long
    // pasted text from costing quadratic time.
    let tries = 0;
    for (let i = 1; i < text.length - 1 && tries < 4; i++) {
      const c = text[i] as string;
      if (c !== '-' && c !== '–' && c !== '—') continue;
      tries++;
      const left = text.slice(0, i);
      const right = text.slice(i + 1);
      if (parseQuantity(left) !== null && parseQuantity(right) !== null) {
        sides = [left, right];
        break;
      }
    }
  }
  if (!sides) return null;
  const lo = requireQuantity(sides[0], { en: 'the low end of a range', da: 'et intervals nedre grænse' });
  const hi = requireQuantity(sides[1], { en: 'the high end of a range', da: 'et intervals øvre grænse' });
  if (lo.sign !== null && hi.sign !== null && lo.sign !== hi.sign) {
    throw new RuleError({ en: `the range ${quote(text)} mixes "${lo.sign}" and "${hi.sign}"`, da: `intervallet ${quote(text)} blander "${lo.sign}" og "${hi.sign}"` });
  }
  if (lo.value > hi.value) throw new RuleError({ en: `the range ${quote(text)} runs backwards: write the low end first`, da: `intervallet ${quote(text)} går baglæns: skriv den laveste værdi først` });
  return { kind: 'range', lo: lo.value, hi: hi.value, sign: hi.sign ?? lo.sign };
}

/** `from 2020` / `fra 2020` after an increment: the year it counts from (SPEC §2 Prose). */
const FROM_YEAR = /\s+(?:from|fra)\s+(\d{4})$/iu;

function parseIncrement(text: string): RuleEntry {
  const from = FROM_YEAR.exec(text);
  const withoutFrom = from ? text.slice(0, from.index) : text;
  const perYear = PER_YEAR.test(withoutFrom);
  const body = withoutFrom.replace(PER_YEAR, '');
  const quantity = requireQuantity(body, { en: 'an increment', da: 'en stigning' });
  const entry: RuleEntry = {
    kind: 'increment',
    amount: quantity.value,
    mode: quantity.sign === '%' ? 'relative' : 'additive',
    perYear,
    sign: quantity.sign,
  };
  if (from) entry.from = Number(from[1]);
  return entry;
}

/**
 * `>= 69 % (+5 pp from 2020)`: a level with the increment the contract states beside it. The
 * level is the target; the increment is checked against the baseline (SPEC §2 Prose).
 */
const STATED = /^(.*\S)\s*\(\s*([+\-\u2212]\s*[\d.,][^()]*)\)$/u;

function parseStated(text: string): StatedIncrement {
  const increment = parseIncrement(normalizeSpaces(text));
  if (increment.kind !== 'increment' || increment.perYear) {
    throw new RuleError({ en: `${quote(text)}: a stated increment is one step, e.g. "(+5 pp from 2020)"`, da: `${quote(text)}: en angivet stigning er ét skridt, fx "(+5 pp fra 2020)"` });
  }
  return {
    amount: increment.amount,
    mode: increment.mode,
    sign: increment.mode === 'relative' ? null : increment.sign,
    from: increment.from ?? null,
  };
}

/** One rule or schedule entry: drop, milestone, increment, range or level, tried in that order. */
function parseEntry(raw: string): RuleEntry {
  const text = normalizeSpaces(raw);
  if (text === '') throw new RuleError(BLANK_TARGET);
  if (DROP_WORDS.test(text)) return { kind: 'drop' };

  const milestone = MILESTONE.exec(text);
  if (milestone) return { kind: 'milestone', due: milestone[1] === undefined ? null : parseDueDate(milestone[1]) };

  if (/^[+\-\u2212]\s*[\d.,]/u.test(text)) {
    // '40-60' is a range but '-2 pp' an increment: a leading sign decides (a negative level is
    // written '≥ -10'), unless a second dash makes it a range such as '-10 – 10'.
    return parseRange(text) ?? parseIncrement(text);
  }

  const stated = STATED.exec(text);
  if (stated) {
    const level = parseEntry(stated[1] as string);
    if (level.kind !== 'level' || level.stated) throw new RuleError({ en: `${quote(text)}: only a level can state an increment beside it`, da: `${quote(text)}: kun et niveau kan have en stigning ved siden af` });
    return { ...level, stated: parseStated(stated[2] as string) };
  }

  const range = parseRange(text);
  if (range) return range;

  let direction: Direction = 'higher';
  let body = text;
  const higher = HIGHER_WORDS.exec(text);
  const lower = higher ? null : LOWER_WORDS.exec(text);
  if (higher) body = higher[1] as string;
  else if (lower) {
    body = lower[1] as string;
    direction = 'lower';
  } else if (/^[<>]/.test(text)) {
    // A strict comparator cannot be honoured: "exactly on the target" is met (SPEC §3).
    throw new RuleError({ en: `${quote(text)}: use ≥ (at least) or ≤ (at most), not a strict < or >`, da: `${quote(text)}: brug ≥ (mindst) eller ≤ (højst), ikke et skarpt < eller >` });
  }
  const quantity = parseQuantity(body);
  if (quantity === null) throw new RuleError({ en: `cannot read ${quote(text)} as a target`, da: `kan ikke læse ${quote(text)} som et måltal` });
  return { kind: 'level', value: quantity.value, direction, sign: quantity.sign };
}

/**
 * Parses a Target text with the grammar of SPEC §2: a level (with comparator), an increment, a
 * range, a drop, a milestone, or a schedule of `year: entry` pairs separated by `;` or line
 * breaks.
 *
 * @throws RuleError for anything it cannot read, or a year named twice.
 * @example
 * parseTargetRule('≥ 80%');
 * // { kind: 'single', entry: { kind: 'level', value: 80, direction: 'higher', sign: '%' } }
 * parseTargetRule('2021: 45%; 2022: 47%').kind; // 'schedule'
 */
export function parseTargetRule(text: string): TargetRule {
  const pieces = text
    // A comma followed by `YYYY:` also separates entries; elsewhere a comma is a decimal mark.
    .split(/;|\r?\n|\r|,(?=\s*\d{4}\s*:)/)
    .map((piece) => normalizeSpaces(piece))
    .filter((piece) => piece !== '');
  if (pieces.length === 0) throw new RuleError(BLANK_TARGET);
  const isSchedule = pieces.length > 1 || /^\d{4}\s*:/.test(pieces[0] as string);
  if (!isSchedule) return { kind: 'single', entry: parseEntry(pieces[0] as string) };

  const entries: Array<{ year: number; entry: RuleEntry }> = [];
  for (const piece of pieces) {
    const match = /^(\d{4})\s*:\s*(.*)$/.exec(piece);
    if (!match) throw new RuleError({ en: `expected "year: target" in a schedule, got ${quote(piece)}`, da: `forventede "år: måltal" i en årsplan, men fandt ${quote(piece)}` });
    const year = Number(match[1]);
    if (entries.some((e) => e.year === year)) throw new RuleError({ en: `year ${year} is named twice`, da: `året ${year} står to gange` });
    const body = match[2] as string;
    if (body === '') throw new RuleError({ en: `year ${year} has no target`, da: `året ${year} har intet måltal` });
    entries.push({ year, entry: parseEntry(body) });
  }
  entries.sort((a, b) => a.year - b.year);
  return { kind: 'schedule', entries };
}

function isCellError(value: CellValue): value is CellError {
  return typeof value === 'object' && value !== null;
}

function excelError(value: CellError): RuleError {
  return new RuleError({ en: `the cell holds the Excel error ${value.error}`, da: `cellen indeholder Excel-fejlen ${value.error}` });
}

/**
 * Parses a Target cell: text through {@link parseTargetText} (grammar, then prose); a number cell is a
 * higher-is-better level, percent-format aware (0.8 shown as 80 % is level 80 with sign `%`).
 *
 * @throws RuleError for a blank, boolean or error cell and for unreadable text.
 * @example parseTargetCell(0.8, '0%') // single level 80, sign '%'
 */
export interface ParseCellOptions {
  /** The language of a refusal of prose; by default the text's own. */
  language?: Language;
}

/**
 * Parses a Target text: the grammar of SPEC §2 first, then, when the grammar cannot read it and
 * the text holds words the grammar does not know, the contract prose reader (SPEC §2 Prose). A prose
 * reading is marked `prose: true`.
 *
 * @throws RuleError the prose reader's refusal for prose, else the grammar's.
 * @example parseTargetText('Mindst 800 unikke virksomheder vejledes i 2022') // 2022: ≥ 800, prose
 */
export function parseTargetText(text: string, options: ParseCellOptions = {}): TargetRule {
  let rule: TargetRule;
  try {
    rule = parseTargetRule(text);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    let prose: TargetRule | null;
    try {
      prose = attemptTargetProse(text, options);
    } catch (refusal) {
      // A text in the grammar's own words gets the grammar's error; prose gets the prose refusal.
      if (refusal instanceof RuleError && !looksLikeProse(text)) throw error;
      throw refusal;
    }
    if (prose === null) throw error;
    return prose;
  }
  // The grammar reads written-out days and `mio. kr.` too; the analyst should still see the reading.
  return WRITTEN_FORMS.test(text) || findWrittenDates(text).length > 0 ? { ...rule, prose: true } : rule;
}

const WRITTEN_FORMS = /\d\s*(?:mio|mia|millioner|millions?|milliarder|milliard|billions?|bn)(?!\p{L})/iu;

export function parseTargetCell(value: CellValue, numberFormat?: string | null, options: ParseCellOptions = {}): TargetRule {
  if (isCellError(value)) throw excelError(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RuleError({ en: 'the target is not a finite number', da: 'måltallet er ikke et endeligt tal' });
    const percent = isPercentFormat(numberFormat);
    return {
      kind: 'single',
      entry: { kind: 'level', value: percent ? cleanFloat(value * 100) : value, direction: 'higher', sign: percent ? '%' : null },
    };
  }
  if (typeof value === 'boolean') throw new RuleError({ en: `cannot read ${String(value).toUpperCase()} as a target`, da: `kan ikke læse ${value ? 'SAND' : 'FALSK'} som et måltal` });
  if (value === null) throw new RuleError(BLANK_TARGET);
  return parseTargetText(value, options);
}

/**
 * The years a rule names: schedule years and milestones' due years, ascending, each once. The
 * sheet's default target-year range runs over these (SPEC §2); a baseline's year does not count.
 *
 * @example namedYears(parseTargetRule('2021: 45%; 2023: 50%')) // [2021, 2023]
 */
export function namedYears(rule: TargetRule): number[] {
  const years = new Set<number>();
  const entries = rule.kind === 'single' ? [{ year: null, entry: rule.entry }] : rule.entries;
  for (const { year, entry } of entries) {
    if (year !== null) years.add(year);
    if (entry.kind === 'milestone' && entry.due !== null) years.add(yearOfDay(entry.due));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Parses a Baseline cell: `40%`, `40 % (2020)`, `2020: 40%`, `40 % i 2020`, or a number cell
 * (percent-format aware).
 *
 * @returns `null` for a blank cell.
 * @throws RuleError when the cell cannot be read.
 * @example parseBaselineCell('40 % (2020)') // { value: 40, year: 2020, sign: '%' }
 */
export function parseBaselineCell(value: CellValue, numberFormat?: string | null): Baseline | null {
  if (isCellError(value)) throw excelError(value);
  if (value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RuleError({ en: 'the baseline is not a finite number', da: 'udgangspunktet er ikke et endeligt tal' });
    const percent = isPercentFormat(numberFormat);
    return { value: percent ? cleanFloat(value * 100) : value, year: null, sign: percent ? '%' : null };
  }
  if (typeof value === 'boolean') throw new RuleError({ en: `cannot read ${String(value).toUpperCase()} as a baseline`, da: `kan ikke læse ${value ? 'SAND' : 'FALSK'} som et udgangspunkt` });
  const text = normalizeSpaces(value);
  if (text === '') return null;
  const forms: Array<[RegExp, number, number]> = [
    [/^(\d{4})\s*:\s*(.+)$/u, 2, 1],
    [/^(.+?)\s*\((?:[^()\d]*\s)?(\d{4})\)$/u, 1, 2],
    [/^(.+?)\s+(?:i|in)\s+(\d{4})$/iu, 1, 2],
  ];
  for (const [pattern, valueGroup, yearGroup] of forms) {
    const match = pattern.exec(text);
    if (!match) continue;
    const quantity = parseQuantity(match[valueGroup] as string);
    if (quantity) return { value: quantity.value, year: Number(match[yearGroup]), sign: quantity.sign };
  }
  const quantity = parseQuantity(text);
  if (quantity !== null) return { value: quantity.value, year: null, sign: quantity.sign };
  // Words around the value (SPEC §2 Prose): `40 % i efteråret 2020`, `kendskab på 40 % (september 2020)`.
  if (!looksLikeProse(text)) throw new RuleError({ en: `cannot read ${quote(text)} as a baseline (write "40 % (2020)")`, da: `kan ikke læse ${quote(text)} som et udgangspunkt (skriv "40 % (2020)")` });
  return readBaselineProse(text);
}

/**
 * Parses a Tolerance cell for a row of the given unit (SPEC §1): `5 pp` or `3` is absolute in
 * the row's unit; `10%` on a non-% row is relative to the target; on a % row `5%` and `5`
 * both mean 5 pp. A number cell with a percent format is a fraction: relative on a non-% row,
 * points on a % row.
 *
 * @returns `null` for a blank cell.
 * @throws RuleError for unreadable text, a negative tolerance or a sign that does not fit.
 * @example
 * parseToleranceCell('10%', null, 'count'); // { kind: 'relative', fraction: 0.1 }
 * parseToleranceCell('5%', null, '%');      // { kind: 'absolute', value: 5 }
 */
export function parseToleranceCell(value: CellValue, numberFormat: string | null | undefined, unit: Unit): Tolerance | null {
  if (isCellError(value)) throw excelError(value);
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value === 'boolean') throw new RuleError({ en: `cannot read ${String(value).toUpperCase()} as a tolerance`, da: `kan ikke læse ${value ? 'SAND' : 'FALSK'} som en tolerance` });
  let quantity: Quantity;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RuleError({ en: 'the tolerance is not a finite number', da: 'tolerancen er ikke et endeligt tal' });
    quantity = isPercentFormat(numberFormat) ? { value: cleanFloat(value * 100), sign: '%' } : { value, sign: null };
  } else {
    quantity = requireQuantity(normalizeSpaces(value), { en: 'a tolerance', da: 'en tolerance' });
  }
  const shown = typeof value === 'string' ? quote(normalizeSpaces(value)) : String(value);
  if (quantity.value < 0) throw new RuleError({ en: `the tolerance ${shown} is negative`, da: `tolerancen ${shown} er negativ` });
  const { sign } = quantity;
  if (sign === null) return { kind: 'absolute', value: quantity.value };
  if (sign === '%') {
    return unit === '%' ? { kind: 'absolute', value: quantity.value } : { kind: 'relative', fraction: cleanFloat(quantity.value / 100) };
  }
  const fits = sign === 'pp' ? unit === '%' || unit === 'pp' : sign === 'kr' ? unit === 'DKK' : unit === 'NPS';
  if (!fits) throw new RuleError({ en: `the tolerance ${shown} is in "${sign}" but the row's unit is ${unit}`, da: `tolerancen ${shown} er i "${sign}", men rækkens enhed er ${UNIT_WORDS[unit].da}` });
  return { kind: 'absolute', value: quantity.value };
}
