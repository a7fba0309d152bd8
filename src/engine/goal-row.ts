import type { Baseline, TargetRule, Tolerance } from './target-rule';
import type { MilestoneState } from './status';
import type { CalendarDay, StatusId, Unit } from './types';
import type { YearTarget } from './year-targets';

/**
 * A goal row between the reader (`read-goal-row.ts`) and the resolver (`resolve-rows.ts`), and the
 * one way either of them builds an error (SPEC §3: an error names its column and its cell).
 */

/**
 * How deep a goal sits under its parents, from its ID (SPEC §1: `3.1` is a sub-goal of `3`).
 * @example goalDepth('3.1.2') // 2
 */
export function goalDepth(id: string): number {
  return id.split('.').length - 1;
}

/** An error of a row: the cell it names and the sentence of the Explanation. */
export interface RowError {
  /** The cell with its sheet (`'Mål 2021'!H7`); absent where no cell is to blame. */
  cell?: string;
  explanation: string;
}

/**
 * Builds an error the way every error of a goal row reads: the column's header as the user wrote
 * it, the cell, the reason.
 * @example createRowError('Resultat', "'Mål 2021'!H7", '"mange" is not a number').explanation
 * // `Resultat ('Mål 2021'!H7): "mange" is not a number`
 */
export function createRowError(label: string, cell: string, reason: string, blame: 'cell' | 'none' = 'cell'): RowError {
  const explanation = `${label} (${cell}): ${reason}`;
  return blame === 'cell' ? { cell, explanation } : { explanation };
}

/** The actual of a row as read: a number in the row's unit, a milestone's state, or none yet. */
export type RowActual = { kind: 'number'; value: number } | { kind: 'milestone'; state: MilestoneState } | { kind: 'none' };

/** A goal row while it is being evaluated. */
export interface DraftRow {
  rowIndex: number;
  id: string;
  title: string | null;
  error: RowError | null;
  unit: Unit | null;
  rule: TargetRule | null;
  baseline: Baseline | null;
  tolerance: Tolerance | null;
  cumulative: boolean | null;
  actual: RowActual;
  sourceValue: number | null;
  sourceBase: string | null;
  mirrorOf: string | null;
  /** The Source cell of a `goal()` row and its column label, for messages. */
  mirrorCell: { cell: string; label: string } | null;
  manual: StatusId | null;
  asOf: CalendarDay;
  notes: string[];
  yearTargets: Map<number, YearTarget>;
  /** Set once the row's final status is known. */
  final: FinalRow | null;
}

/** What a row comes to once resolved. */
export interface FinalRow {
  status: StatusId;
  gap: number | null;
  explanation: string;
  actual: number | string | null;
  unit: Unit | null;
  yearTargets: Map<number, YearTarget>;
  calculatedActual: number | null;
  /** The cell an error names. */
  errorCell?: string;
}

/** A row that ends in its error: nothing else of it is shown. */
export function createErrorFinal(error: RowError, unit: Unit | null, yearTargets: Map<number, YearTarget> = new Map()): FinalRow {
  return {
    status: 'error',
    gap: null,
    explanation: error.explanation,
    actual: null,
    unit,
    yearTargets,
    calculatedActual: null,
    ...(error.cell !== undefined ? { errorCell: error.cell } : {}),
  };
}
