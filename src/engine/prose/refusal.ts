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
