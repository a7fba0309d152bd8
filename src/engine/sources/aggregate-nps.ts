import type { CellValue } from '../types';
import type { SourceFunctionDefinition } from './base';
import { encodeCacheKey } from './cache-keys';
import { textKeyOf } from './data-sheet';
import type { CodedVariable } from './survey-labels';

/** `nps(col; filters)`: % promoters (9–10) minus % detractors (0–6) of the scores in the base. */
export const nps: SourceFunctionDefinition = {
  unit: 'NPS',
  aggregate({ measured, labels, coded, base, invalidRows, value, noData }) {
    const text = measured.text;
    const scores = measured.memo(encodeCacheKey({ kind: 'nps', labels: labels?.name ?? '' }), () =>
      text.samples.map((sample) => readNpsScore(sample, coded) ?? -1),
    );
    let promoters = 0;
    let detractors = 0;
    let n = 0;
    for (const r of base) {
      const score = scores[text.ids[r]];
      if (score < 0) {
        invalidRows.push(r);
        continue;
      }
      n++;
      if (score >= 9) promoters++;
      else if (score <= 6) detractors++;
    }
    return n === 0 ? noData(0) : value(((promoters - detractors) / n) * 100, n);
  },
};

/**
 * An NPS answer: a whole number 0–10, or a label starting with one (`10 - Meget sandsynligt`).
 * A coded SurveyXact answer is read through its label, since codes often run 1–11 for 0–10.
 * @example readNpsScore('10 - Meget sandsynligt', null) // 10
 */
export function readNpsScore(value: CellValue, coded: CodedVariable | null): number | null {
  let answer = value;
  if (coded) {
    const label = coded.labelOfCode.get(textKeyOf(value));
    if (label !== undefined) answer = label;
  }
  if (typeof answer === 'number') return Number.isInteger(answer) && answer >= 0 && answer <= 10 ? answer : null;
  if (typeof answer !== 'string') return null;
  const match = /^\s*(\d{1,2})(?![\d]|[.,]\d)/u.exec(answer);
  if (!match) return null;
  const score = Number(match[1]);
  return score <= 10 ? score : null;
}
