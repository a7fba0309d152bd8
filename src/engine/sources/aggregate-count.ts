import type { SourceFunctionDefinition } from './base';

/** `count(col; filters)`: the rows in the base. */
export const count: SourceFunctionDefinition = {
  unit: 'count',
  aggregate: ({ base, value }) => value(base.length, base.length),
};

/** `count_unique(col; filters)`: the distinct values in the base (CVR numbers by their digits). */
export const countUnique: SourceFunctionDefinition = {
  unit: 'count',
  aggregate({ measured, base, words, value }) {
    const identity = measured.identity;
    const seen = new Uint8Array(identity.keys.length);
    let distinct = 0;
    for (const r of base) {
      const id = identity.ids[r];
      if (!seen[id]) {
        seen[id] = 1;
        distinct++;
      }
    }
    return value(distinct, base.length, [words.distinct(distinct)]);
  },
};
