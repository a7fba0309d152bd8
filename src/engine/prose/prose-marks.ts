import type { CalendarDay } from '../types';
import type { UnitSign } from '../numbers';
import type { Direction } from '../rule-model';

/**
 * What the prose reader finds in a Target's text: every number with its place (a value, a year, a
 * date, a counted population or goal number), per segment of the text, and per year once grouped.
 */

export type ValueItem = {
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

export type Item = ValueItem | { kind: 'drop'; shown: string };

export type Mark =
  | { kind: 'year'; year: number; base: boolean; shown: string; pos: number }
  | { kind: 'date'; year: number; due: CalendarDay | null; isDay: boolean; shown: string; pos: number; end: number }
  | { kind: 'item'; item: Item; pos: number }
  /** A number with a place that is not a target: a goal number or a population. */
  | { kind: 'counted'; shown: string; pos: number };

export interface Segment {
  text: string;
  /** `true` for the text inside brackets. */
  bracketed: boolean;
  marks: Mark[];
  milestone: boolean;
  deadline: boolean;
}

export interface Group {
  items: Item[];
  baseYears: Array<{ year: number; shown: string }>;
}
