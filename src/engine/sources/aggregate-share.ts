import type { SourceFunctionDefinition } from './base';
import { findVerdicts, PASS, UNREADABLE } from './filters';
import type { Condition } from './parser';

/**
 * `share(col = value; filters)`: the % of the base whose cell meets the condition; a cell the
 * condition cannot read (text in a number comparison) is an invalid answer, not a miss.
 */
export const share: SourceFunctionDefinition = {
  unit: '%',
  aggregate({ source, measured, labels, base, invalidRows, value, noData }) {
    const condition = findVerdicts(source.condition as Condition, measured, labels);
    let met = 0;
    let n = 0;
    for (const r of base) {
      const verdict = condition[r];
      if (verdict === UNREADABLE) invalidRows.push(r);
      else {
        n++;
        if (verdict === PASS) met++;
      }
    }
    return n === 0 ? noData(0) : value((met / n) * 100, n);
  },
};
