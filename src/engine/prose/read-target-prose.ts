import { dayFromYmd } from '../dates';
import type { Baseline, RuleEntry, TargetRule } from '../rule-model';
import type { Language } from '../types';
import { cutSegments, detectProseLanguage, setAsideQuotes } from './cut-segments';
import { entryOf, groupByYear, showItem } from './group-by-year';
import type { Item, Mark, Segment } from './prose-marks';
import { GRAMMAR_WORDS, NPS_WORDS } from './prose-words';
import { Refusal } from './refusal';
import { scanSegment } from './scan-segment';
import { milestoneSuggestion, refinedSuggestion, suggestionFor } from './suggestions';

export { detectProseLanguage } from './cut-segments';

/**
 * Reads a Target copied from the contract's prose (SPEC §2 "Prose"; docs/targets.md) into the
 * rule model of the grammar. The one rule it never bends: **every number in the text gets a place** — a value,
 * a year, a date, the year an increment counts from, a goal number (`Mål 5`) or a population
 * (`de 11 kommuner`, `4 årlige møder`) — or the text is refused with the number it could not place
 * and a suggestion in the canonical form. Where a text could mean two things, it is refused too:
 * an analyst fixes a refusal in seconds, a wrong reading costs a wrong report.
 *
 * How a text is read:
 * 1. Quoted labels (`”Meget tilfredse”`) are set aside; the rest is cut into segments at sentence
 *    ends, `·`, `;`, line breaks and brackets (`cut-segments.ts`).
 * 2. In each segment every number is classified by the words around it (`scan-segment.ts`, with
 *    the words of `prose-words.ts`).
 * 3. Each segment's values go to the segment's year; a segment without a year continues the one
 *    before it (`I Nordjylland er måltallet 45%` after `… i efteråret 2021 …`); a bracket holding
 *    only a year dates the text before it (`mindst 45 % (2021)`).
 * 4. Per year: one level, or one increment, or an increment with a stated level (the level wins,
 *    the increment is kept for the check against the baseline), or a range, or a drop
 *    (`group-by-year.ts`).
 *
 * A text is prepared once (`prepare`) and the prepared text passed on; a refusal is built once
 * with its suggestion (`refusal.ts`, `suggestions.ts`).
 */

export interface ReadProseOptions {
  /** The language of refusals; by default the text's own (Danish unless it reads as English). */
  language?: Language;
}

/** `true` when the text holds a word the grammar of SPEC §2 does not know: it may be prose. */
export function looksLikeProse(text: string): boolean {
  const rest = text.replace(GRAMMAR_WORDS, ' ');
  return /\p{L}/u.test(rest);
}

/** A milestone text: `udført senest 31. december 2022`, `forventes lanceret december 2021`. */
function readMilestone(segments: readonly Segment[], language: Language): TargetRule {
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

/** A text read up to its segments, with the refusal every later step throws. */
interface Prepared {
  segments: Segment[];
  language: Language;
  refuse: Refusal;
}

function prepare(text: string, options: ReadProseOptions, suggestion?: string): Prepared | null {
  const normal = setAsideQuotes(text.replace(/[\u00a0\u2007\u202f\t]/gu, ' '));
  const language = options.language ?? detectProseLanguage(normal);
  const nps = NPS_WORDS.test(normal);
  // Refusals while scanning suggest from the text; later ones from what the scan found.
  const scanning = new Refusal(language, suggestion ?? suggestionFor(normal, language, nps));
  const segments = cutSegments(normal).map((s) => scanSegment(s.text.replace(/ +/g, ' '), s.bracketed, nps, scanning));
  const refuse = suggestion === undefined ? new Refusal(language, refinedSuggestion(segments, language)) : scanning;
  const anything = segments.some((s) => s.marks.length > 0 || s.milestone);
  return anything ? { segments, language, refuse } : null;
}

/**
 * {@link readTargetProse}, or `null` when the text holds nothing the reader knows (no number, date,
 * drop or milestone word): then the grammar's own error says more.
 */
export function attemptTargetProse(text: string, options: ReadProseOptions = {}): TargetRule | null {
  const prepared = prepare(text, options);
  return prepared === null ? null : readPrepared(text, prepared, options);
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
  if (prepared === null) {
    const language = options.language ?? detectProseLanguage(text);
    throw new Refusal(language, suggestionFor(text, language, false)).read('ingen tal eller måltalsord i teksten', 'no number or target word in the text');
  }
  return readPrepared(text, prepared, options);
}

/** Steps 3 and 4 on a prepared text; `text` as written decides the language of a list's "og"/"and", quotes included. */
function readPrepared(text: string, prepared: Prepared, options: ReadProseOptions): TargetRule {
  const language = options.language ?? detectProseLanguage(text);
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
