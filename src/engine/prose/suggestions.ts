import { dayFromYmd } from '../dates';
import { parseNumberText, type UnitSign } from '../numbers';
import type { RuleEntry, TargetRule } from '../rule-model';
import { formatRuleForDisplay } from '../rule-text';
import type { CalendarDay, Language } from '../types';
import type { Mark, Segment, ValueItem } from './prose-marks';

/** The canonical form a refusal suggests: from the text before it is read, from what was found after. */

/** The canonical suggestion for a refusal, from the first value and year the text holds. */
export function suggestionFor(text: string, language: Language, nps: boolean): string {
  const year = /(?<!\d)(20\d{2})(?!\d)/.exec(text)?.[1];
  const value = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(%|pct|procent)?/iu.exec(text.replace(/(?<!\d)20\d{2}(?!\d)/g, ' '));
  const number = value ? (parseNumberText(value[1] as string) ?? 50) : 50;
  const sign: UnitSign | null = value?.[2] !== undefined ? '%' : nps ? 'NPS' : null;
  const entry: RuleEntry = { kind: 'level', value: number, direction: 'higher', sign };
  const rule: TargetRule = year === undefined ? { kind: 'single', entry } : { kind: 'schedule', entries: [{ year: Number(year), entry }] };
  return formatRuleForDisplay(rule, language);
}

/** After the scan: the suggestion built from the first value and year the reader found. */
export function refinedSuggestion(segments: readonly Segment[], language: Language): string {
  const marks = segments.flatMap((s) => s.marks);
  const value = marks.find((m): m is Extract<Mark, { kind: 'item' }> => m.kind === 'item' && m.item.kind === 'value')?.item as ValueItem | undefined;
  const year = marks.find((m) => (m.kind === 'year' && !m.base) || m.kind === 'date') as { year: number } | undefined;
  if (value === undefined) return milestoneSuggestion(language, null, year?.year ?? null);
  const entry: RuleEntry =
    value.increment !== null
      ? { kind: 'increment', amount: value.value, mode: value.sign === '%' ? 'relative' : 'additive', perYear: value.perYear, sign: value.sign }
      : { kind: 'level', value: value.value, direction: value.direction ?? 'higher', sign: value.sign };
  const rule: TargetRule = year === undefined ? { kind: 'single', entry } : { kind: 'schedule', entries: [{ year: year.year, entry }] };
  return formatRuleForDisplay(rule, language);
}

/** A milestone due on `day`, else at the end of `year` (2022 when there is none), as the canonical form writes it. */
export function milestoneSuggestion(language: Language, day: CalendarDay | null, year: number | null): string {
  const due = day ?? dayFromYmd(year ?? 2022, 12, 31);
  return formatRuleForDisplay({ kind: 'single', entry: { kind: 'milestone', due } }, language);
}
