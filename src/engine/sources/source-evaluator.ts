import { createRowError } from '../goal-row';
import type { Language, SourceEvaluator, SourceOutcome, WorkbookSnapshot } from '../types';
import { computeSource } from './compute';
import { parseSource, type ParsedSource } from './parser';
import { SourceWorkbook, SourceProblem } from './source-workbook';
import { SourceSyntaxError } from './tokenizer';

/** The evaluator of Source cells for one recalculation (SPEC §4). */

export interface SourceEvaluatorOptions {
  /** `Labels` sheet override (`labels = SheetName` option wins per call). */
  labelsSheet?: string;
}

/**
 * Creates the evaluator for one recalculation. It reads each data sheet once and each column
 * once, lazily, and shares them between all the Source cells it evaluates, so create one per
 * recalculation (a snapshot is a moment in time) and not one per row.
 *
 * Errors are outcomes, never exceptions: `Kilde ('Mål 2021'!J7): expected ')' after "Drift" at character 48`.
 *
 * @example
 * const sources = createSourceEvaluator(snapshot);
 * sources.evaluate('share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift")', "'Mål 2021'!J7", 'Kilde');
 * // { kind: 'value', value: 75, unit: '%', base: 'n = 212; 14 "Ved ikke" left out' }
 */
export function createSourceEvaluator(snapshot: WorkbookSnapshot, options: SourceEvaluatorOptions = {}): SourceEvaluator {
  const book = new SourceWorkbook(snapshot);
  const parsed = new Map<string, ParsedSource | SourceSyntaxError>();
  return {
    evaluate(expression: string, cell: string, label: string, language: Language = 'en'): SourceOutcome {
      // The cell with its sheet, as every other error of SPEC §3 names it.
      const fail = (reason: string): SourceOutcome => ({ kind: 'error', message: createRowError(label, cell, reason).explanation });
      try {
        let source = parsed.get(expression);
        if (source === undefined) {
          try {
            source = parseSource(expression);
          } catch (error) {
            if (!(error instanceof SourceSyntaxError)) throw error;
            source = error;
          }
          parsed.set(expression, source);
        }
        if (source instanceof SourceSyntaxError) return fail(source.words[language]);
        if (source.kind === 'goal') return { kind: 'mirror', goalId: source.goalId };
        return computeSource(source, book, { labelsSheet: options.labelsSheet, language });
      } catch (error) {
        if (error instanceof SourceProblem) return fail(error.words[language]);
        // Never throw into the evaluator: one bad row must not stop the others (SPEC §3).
        const reason = error instanceof Error ? error.message : String(error);
        return fail(language === 'da' ? `kunne ikke beregnes (${reason})` : `could not be evaluated (${reason})`);
      }
    },
  };
}
