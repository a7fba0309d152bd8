/**
 * Property: the status is monotone in the actual. Run on the engine directly
 * with generated one-row goal sheets: a level rule `>= T` (higher is better) or `<= T` (lower
 * is better), a unit, a Cumulative flag, a tolerance, and two actuals a ≤ b.
 */
import fc from 'fast-check';
import { recalculate } from '../../src/engine/index';
import { sheetOf, workbookOf } from '../support/engine-fixtures';
import type { StatusId } from '../../src/engine/types';

const NOW = new Date(Date.UTC(2021, 9, 13, 10));

/** Worst to best; no-data and not-applicable never arise for a valid level row with an actual. */
const RANK: Partial<Record<StatusId, number>> = { 'off-track': 0, 'at-risk': 1, 'on-track': 2, met: 3 };

interface OneRow {
  unit: '%' | 'count' | 'number' | 'NPS';
  target: number;
  cumulative: 'ja' | 'nej' | null;
  tolerance: number | null;
  asOf: string;
}

/** Values within each unit's range (SPEC §2), in tenths so the rule text is exact. */
const BOUNDS: Record<OneRow['unit'], [number, number]> = { '%': [0, 1000], count: [10, 100_000], number: [0, 100_000], NPS: [-1000, 1000] };

const oneRow = fc.constantFrom<OneRow['unit']>('%', 'count', 'number', 'NPS').chain((unit) => {
  const [lo, hi] = BOUNDS[unit];
  const value = fc.integer({ min: lo, max: hi }).map((n) => (unit === 'count' ? Math.round(n / 10) : n / 10));
  return fc.record({
    unit: fc.constant(unit),
    target: value,
    cumulative: fc.constantFrom<OneRow['cumulative']>('ja', 'nej', null),
    tolerance: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    asOf: fc.constantFrom('2021-03-31', '2021-10-13', '2021-12-31', '2022-02-01'),
    a: value,
    b: value,
  });
});

/**
 * The Actual cell of `actual` in the row's unit. A % row's is a fraction with a percent format, as
 * Excel holds 45 %: a plain number there reads as a fraction up to 1 and as per cent above it
 * (SPEC §2), which is not one scale, so a plain 0.1 (10 %) beside a plain 1.1 (1.1 %) would not be
 * the same actual made higher.
 */
function actualCell(row: OneRow, actual: number): number | string {
  return row.unit === '%' ? `%:${actual / 100}` : actual;
}

function statusOf(row: OneRow, comparator: '>=' | '<=', actual: number): StatusId {
  const sheet = sheetOf('Goals', [
    ['ID', 'Unit', 'Target', 'Tolerance', 'Cumulative', 'Actual'],
    ['1', row.unit, `${comparator} ${String(row.target)}`, row.tolerance, row.cumulative, actualCell(row, actual)],
  ]);
  const result = recalculate(workbookOf(sheet), { now: NOW, year: 2021, asOf: row.asOf, write: false });
  return result.sheets[0].rows[0].status;
}

function rankOf(status: StatusId): number {
  const rank = RANK[status];
  if (rank === undefined) throw new Error(`unexpected status ${status}`);
  return rank;
}

describe('properties: the status is monotone in the actual', () => {
  it('raising the actual of a higher-is-better row never makes its status worse', () => {
    fc.assert(
      fc.property(oneRow, (row) => {
        const [low, high] = row.a <= row.b ? [row.a, row.b] : [row.b, row.a];
        expect(rankOf(statusOf(row, '>=', high))).toBeGreaterThanOrEqual(rankOf(statusOf(row, '>=', low)));
      }),
      { numRuns: 100 },
    );
  });

  it('lowering the actual of a lower-is-better row never makes its status worse', () => {
    fc.assert(
      fc.property(oneRow, (row) => {
        const [low, high] = row.a <= row.b ? [row.a, row.b] : [row.b, row.a];
        // Lower-is-better cumulative rows are judged only after Y (SPEC §3); before that they are on-track.
        expect(rankOf(statusOf(row, '<=', low))).toBeGreaterThanOrEqual(rankOf(statusOf(row, '<=', high)));
      }),
      { numRuns: 100 },
    );
  });

  it('a row exactly at its target is met, whichever the direction', () => {
    fc.assert(
      fc.property(oneRow, (row) => {
        const settled = { ...row, asOf: '2022-02-01' };
        expect([statusOf(settled, '>=', row.target), statusOf(settled, '<=', row.target)]).toEqual(['met', 'met']);
      }),
      { numRuns: 50 },
    );
  });
});
