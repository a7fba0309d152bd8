import type { SourceBase, SourceFunctionDefinition } from './base';

/**
 * `sum`, `mean` and `median` of the numbers in the base; a cell that is not a number is an
 * invalid answer. The sum of nothing is 0; the mean and median of nothing are no data.
 */

export const sum: SourceFunctionDefinition = {
  unit: 'number',
  aggregate(base) {
    const values = readNumbers(base);
    return base.value(values.reduce((a, b) => a + b, 0), values.length);
  },
};

export const mean: SourceFunctionDefinition = {
  unit: 'number',
  aggregate(base) {
    const values = readNumbers(base);
    return values.length === 0 ? base.noData(0) : base.value(values.reduce((a, b) => a + b, 0) / values.length, values.length);
  },
};

export const median: SourceFunctionDefinition = {
  unit: 'number',
  aggregate(base) {
    const values = readNumbers(base);
    return values.length === 0 ? base.noData(0) : base.value(findMedian(values), values.length);
  },
};

function readNumbers({ measured, base, invalidRows }: SourceBase): number[] {
  const numbers = measured.numbers;
  const values: number[] = [];
  for (const r of base) {
    const v = numbers[r];
    if (Number.isNaN(v)) invalidRows.push(r);
    else values.push(v);
  }
  return values;
}

function findMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
