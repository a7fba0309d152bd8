import type { CalendarDay, Language } from './types';
import type { UnitSign } from './numbers';

/**
 * The rule model every Target cell is read into, whether it was written in the grammar of SPEC §2
 * or copied from the contract's prose (SPEC §2 Prose). Kept apart from the readers so that the grammar,
 * the prose reader and the rule-text writer can all depend on it without depending on each other.
 */

/** A message in both languages: the sheet's language picks one (SPEC §1, Explanation). */
export type Words = Readonly<Record<Language, string>>;

/** The message of an error in `language`: its own words when it has them, else its message. */
export function messageIn(error: Error, language: Language): string {
  const words = (error as { words?: Words }).words;
  return words ? words[language] : error.message;
}

/**
 * A target, baseline, tolerance or unit that cannot be read; the message says why, in both
 * languages (`message` is the English; a text in one language only, as the prose reader's
 * refusals in the text's own language, stands for both).
 */
export class RuleError extends Error {
  readonly words: Words;

  constructor(message: string | Words) {
    const words = typeof message === 'string' ? { en: message, da: message } : message;
    super(words.en);
    this.name = 'RuleError';
    this.words = words;
  }
}

export type Direction = 'higher' | 'lower';

/**
 * An increment the contract states beside a level (`steget med 5 procentpoint … (til 69%)`): the
 * level is the target, the increment is only checked against the baseline (SPEC §2 Prose). `from` is the
 * year the increment is counted from, when the text names it (`ift. 2020`).
 */
export interface StatedIncrement {
  amount: number;
  mode: 'additive' | 'relative';
  sign: UnitSign | null;
  from: number | null;
}

export type RuleEntry =
  | { kind: 'level'; value: number; direction: Direction; sign: UnitSign | null; stated?: StatedIncrement }
  /**
   * `amount` is in points for `additive`, in per cent for `relative` (`+10%` is 10). `from` is the
   * year the text says the increment counts from (`+5 pp from 2020`); absent when it says none.
   */
  | { kind: 'increment'; amount: number; mode: 'additive' | 'relative'; perYear: boolean; sign: UnitSign | null; from?: number }
  | { kind: 'range'; lo: number; hi: number; sign: UnitSign | null }
  | { kind: 'drop' }
  | { kind: 'milestone'; due: CalendarDay | null };

/**
 * A parsed Target. `prose` is `true` when the text was read as contract prose rather than the
 * grammar, so that the row's Explanation can show the reading (`læst som: …`).
 */
export type TargetRule =
  | { kind: 'single'; entry: RuleEntry; prose?: true }
  /** Entries sorted by year, each year once. */
  | { kind: 'schedule'; entries: Array<{ year: number; entry: RuleEntry }>; prose?: true };

export interface Baseline {
  value: number;
  year: number | null;
  sign: UnitSign | null;
}

export type Tolerance = { kind: 'absolute'; value: number } | { kind: 'relative'; fraction: number };
