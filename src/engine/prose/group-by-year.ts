import { ymdFromDay } from '../dates';
import type { Direction, RuleEntry } from '../rule-model';
import type { Group, Item, Segment, ValueItem } from './prose-marks';
import type { Refusal } from './refusal';

/** Steps 3 and 4 of reading prose: each segment's items given to a year, then each year's items made one rule entry. */

export function showItem(item: Item): string {
  return item.shown;
}

/** Assigns every segment's items to a year (or to none), following the order of the text. */
export function groupByYear(segments: Segment[], refuse: Refusal): { byYear: Map<number, Group>; yearless: Group; yearShown: Map<number, string> } {
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

/** One year's items as one rule entry. */
export function entryOf(group: Group, year: number | null, refuse: Refusal): RuleEntry {
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
