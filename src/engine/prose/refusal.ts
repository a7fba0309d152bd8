import { RuleError } from '../rule-model';
import type { Language } from '../types';

/**
 * A refusal in the text's language: what could not be placed and the canonical form to write.
 * Built once with its suggestion; a different suggestion is a different refusal.
 */
export class Refusal {
  constructor(
    readonly language: Language,
    readonly suggestion: string,
  ) {}

  /** The refusal in both languages (the sheet's language picks one); the suggestion stays in the text's. */
  place(shown: string, da: string, en: string): RuleError {
    return new RuleError({
      da: `kan ikke placere "${shown}": ${da}; skriv fx "${this.suggestion}"`,
      en: `cannot place "${shown}": ${en}; write e.g. "${this.suggestion}"`,
    });
  }

  read(da: string, en: string): RuleError {
    return new RuleError({
      da: `kan ikke læse målet sikkert: ${da}; skriv fx "${this.suggestion}"`,
      en: `cannot read the target safely: ${en}; write e.g. "${this.suggestion}"`,
    });
  }
}
