import fc from 'fast-check';
import type { CellValue, SheetSnapshot, SourceOutcome, WorkbookSnapshot } from '../types';
import { createSourceEvaluator } from './index';
import { parseSource } from './parser';
import { SourceSyntaxError } from './tokenizer';

/** Pieces of the language, so random input often gets deep into the grammar, not just the tokenizer. */
const fragments = fc.constantFrom(
  'share', 'nps', 'count', 'count_unique', 'share_new', 'coverage', 'sum', 'mean', 'median', 'goal', 'in', 'exclude', 'previous',
  'all', 'min', 'labels', '(', ')', '!', ';', ',', '=', '<>', '<', '<=', '>', '>=', '≥', '"', "'", '[', ']', '"Ved ikke"', "'Survey 2022'",
  '[Hvor tilfreds er du?]', 'Tilfredshed', 'Æble', 'ø', '2022-01-01', '2022-13-45', '3,5', '-1', '10', ' ', '\u00a0', '“', '”',
);
const sourceLike = fc.array(fc.oneof(fragments, fc.string({ maxLength: 3 })), { maxLength: 20 }).map((parts) => parts.join(''));

describe('properties', () => {
  it('the parser throws nothing but SourceSyntaxError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), sourceLike, fc.string({ unit: 'grapheme' })), (text) => {
        try {
          parseSource(text);
        } catch (error) {
          if (!(error instanceof SourceSyntaxError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(1);
          expect(error.position).toBeLessThanOrEqual(Array.from(text).length + 1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  // The evaluator catches everything, so "it did not throw" proves nothing: what can fail is an
  // outcome that only the last-resort catch produced (an internal bug dressed as a user error).
  it('answers arbitrary source text with a reason of its own, never an internal failure', () => {
    const evaluator = createSourceEvaluator(workbookOf([['Segment', 'Svar'], ['Drift', 5]]));
    fc.assert(
      fc.property(sourceLike, (text) => {
        const outcome = evaluator.evaluate(text, "'Mål 2021'!J7", 'Kilde');
        if (outcome.kind === 'error') {
          expect(outcome.message).toMatch(/^Kilde \('Mål 2021'!J7\): /);
          expect(outcome.message).not.toMatch(/could not be evaluated|TypeError|RangeError|undefined|NaN/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  const answer: fc.Arbitrary<CellValue> = fc.oneof(
    fc.integer({ min: -2, max: 12 }),
    fc.integer({ min: 0, max: 10 }).map((n) => `${n} - label`),
    fc.constantFrom('Ved ikke', 'Meget tilfreds', 'Tilfreds', ' meget tilfreds\u00a0', '', null, 'x', 7.5, { error: '#N/A' }),
  );
  const segment: fc.Arbitrary<CellValue> = fc.constantFrom('Drift', 'Vækst', ' drift', null);
  const rows = fc.array(fc.tuple(segment, answer), { maxLength: 40 });

  it('nps stays within −100…100', () => {
    fc.assert(
      fc.property(rows, (data) => {
        const outcome = evaluateOn(data, 'nps(Data!Svar; Segment = "Drift")');
        if (outcome.kind === 'value') {
          expect(outcome.value).toBeGreaterThanOrEqual(-100);
          expect(outcome.value).toBeLessThanOrEqual(100);
        } else expect(outcome.kind).toBe('no-data');
      }),
    );
  });

  it('share stays within 0…100', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom('= "Meget tilfreds"', '>= 5', 'in (1, 2, 3)', '<> "Tilfreds"'), (data, condition) => {
        const outcome = evaluateOn(data, `share(Data!Svar ${condition})`);
        if (outcome.kind === 'value') {
          expect(outcome.value).toBeGreaterThanOrEqual(0);
          expect(outcome.value).toBeLessThanOrEqual(100);
        } else expect(outcome.kind).toBe('no-data');
      }),
    );
  });

  it('permuting data rows changes no result', () => {
    const sources = [
      'nps(Data!Svar; Segment = "Drift")',
      'share(Data!Svar = "Meget tilfreds")',
      'count(Data!Svar; Segment <> "Vækst")',
      'count_unique(Data!Svar)',
      'sum(Data!Svar)',
      'mean(Data!Svar; Segment = "Drift")',
      'median(Data!Svar)',
    ];
    fc.assert(
      fc.property(rows.chain((data) => fc.tuple(fc.constant(data), fc.shuffledSubarray(data, { minLength: data.length, maxLength: data.length }))), ([data, shuffled]) => {
        for (const source of sources) {
          const a = evaluateOn(data, source);
          const b = evaluateOn(shuffled, source);
          expect(withoutRowNumbers(b)).toEqual(withoutRowNumbers(a));
        }
      }),
    );
  });
});

function workbookOf(values: CellValue[][]): WorkbookSnapshot {
  return { sheets: [{ name: 'Data', values } satisfies SheetSnapshot] };
}

function evaluateOn(data: [CellValue, CellValue][], source: string): SourceOutcome {
  return createSourceEvaluator(workbookOf([['Segment', 'Svar'], ...data])).evaluate(source, 'J7', 'Source');
}

/** Row numbers move with the rows; the counts and the value must not. */
function withoutRowNumbers(outcome: SourceOutcome): SourceOutcome {
  if (outcome.kind === 'value' || outcome.kind === 'no-data') {
    return { ...outcome, base: outcome.base.replace(/ in rows? [\d, ]+(and \d+ more)?/g, '') };
  }
  return outcome;
}
