import { danishFromIso } from '../dates';
import { statusLabel } from '../glossary';
import type { HistoryEntry, Language, StatusId, Trend } from '../types';

/** SPEC §8: met > on-track > at-risk > off-track; every other status is outside the ranking. */
const RANK: Partial<Record<StatusId, number>> = { met: 4, 'on-track': 3, 'at-risk': 2, 'off-track': 1 };

const WORDS: Record<Language, { from: string; since: string }> = {
  da: { from: 'fra', since: 'siden' },
  en: { from: 'from', since: 'since' },
};

/** Finds the latest earlier snapshot of each (year, sheet, ID) quickly: built once per recalculation. */
export class TrendIndex {
  private readonly latest = new Map<string, HistoryEntry[]>();

  constructor(entries: readonly HistoryEntry[]) {
    for (const entry of entries) {
      const key = trendKey(entry.year, entry.sheet, entry.id);
      const list = this.latest.get(key);
      if (list) list.push(entry);
      else this.latest.set(key, [entry]);
    }
    for (const list of this.latest.values()) list.sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0));
  }

  /** The latest entry of that year, sheet and ID whose as-of date is before `asOf` (ISO). */
  previous(year: number, sheet: string, id: string, asOf: string): HistoryEntry | null {
    return this.latest.get(trendKey(year, sheet, id))?.find((entry) => entry.asOf < asOf) ?? null;
  }

  /** True when some entry of the sheet and year is earlier than `asOf`: the Trend column is then written. */
  hasEarlier(year: number, sheet: string, asOf: string): boolean {
    for (const list of this.latest.values()) {
      const first = list[list.length - 1];
      if (first && first.year === year && first.sheet === sheet && first.asOf < asOf) return true;
    }
    return false;
  }
}

function trendKey(year: number, sheet: string, id: string): string {
  return `${year}\u0000${sheet}\u0000${id}`;
}

/**
 * The trend of a row against an earlier snapshot, in the sheet's language (SPEC §8).
 *
 * @example
 * describeTrend('met', { status: 'at-risk', asOf: '2021-06-30' }, 'da').text // '▲ fra I risiko (30-06-2021)'
 * describeTrend('met', { status: 'met', asOf: '2021-06-30' }, 'en').text     // '= since 30-06-2021'
 */
export function describeTrend(status: StatusId, previous: Pick<HistoryEntry, 'status' | 'asOf'>, language: Language): Trend {
  const date = danishFromIso(previous.asOf);
  const words = WORDS[language];
  const was = `${words.from} ${statusLabel(previous.status, language)} (${date})`;
  const now = RANK[status];
  const before = RANK[previous.status];
  const base = { previousStatus: previous.status, since: previous.asOf };
  // SPEC §8: the same status is `= siden …` whatever it is, `Afventer data` then and now included.
  if (status === previous.status) return { ...base, direction: 'same', text: `= ${words.since} ${date}` };
  if (now === undefined || before === undefined) return { ...base, direction: 'changed', text: was };
  if (now > before) return { ...base, direction: 'up', text: `▲ ${was}` };
  if (now < before) return { ...base, direction: 'down', text: `▼ ${was}` };
  return { ...base, direction: 'same', text: `= ${words.since} ${date}` };
}
