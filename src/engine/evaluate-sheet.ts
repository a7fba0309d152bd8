import { isBlank } from './cell-text';
import type { DraftRow, FinalRow } from './goal-row';
import { findGoalSheetHeader, type GoalSheetHeader } from './headers';
import { GoalRowReader, type ReadGoalRowOptions } from './read-goal-row';
import { markDuplicateIds, resolveRows } from './resolve-rows';
import { describeProseReading, formatCanonicalRule } from './rule-text';
import { namedYears } from './target-rule';
import type { Baseline, TargetRule } from './rule-model';
import type { Language, RowResult, SheetSnapshot, TargetValue, Unit } from './types';
import type { YearTarget } from './year-targets';

/**
 * Evaluating one goal sheet: read its rows (`read-goal-row.ts`), settle the year range, compute
 * each row's year targets, resolve the rows together (`resolve-rows.ts`), and shape the results.
 */

export interface EvaluateSheetOptions extends ReadGoalRowOptions {
  year: number;
  /** From the settings; by default the years named in the sheet's rules, always with `year`. */
  targetYears?: [number, number];
  /** Output language; by default the sheet's own (SPEC §1). */
  language?: Language;
}

/** One evaluated goal row with what the plan needs to write it. */
export interface EvaluatedRow {
  result: RowResult;
  /** 0-based row on the sheet. */
  rowIndex: number;
  yearTargets: Map<number, YearTarget>;
  /** The value for the `Calculated actual` column, in the row's unit. */
  calculatedActual: number | null;
  /** The row's own target rule as read (none for a `goal()` row, whose Target is ignored), its unit and baseline: SPEC §9 compares them. */
  rule: TargetRule | null;
  unit: Unit | null;
  baseline: Baseline | null;
}

export interface EvaluatedSheet {
  name: string;
  header: GoalSheetHeader;
  language: Language;
  years: number[];
  hasSource: boolean;
  rows: EvaluatedRow[];
}

/**
 * Evaluates one goal sheet (SPEC §1–3). Returns null when the sheet has no goal-sheet header.
 * Never throws on bad cells: each becomes an error row naming its cell.
 * @example
 * const sheet = evaluateGoalSheet(snapshot.sheets[0], { year: 2021, asOf: dayFromIso('2021-10-13')!, sources });
 * sheet?.rows[0].result.status // 'at-risk'
 */
export function evaluateGoalSheet(sheet: SheetSnapshot, options: EvaluateSheetOptions): EvaluatedSheet | null {
  const header = findGoalSheetHeader(sheet.values);
  if (!header) return null;
  const language = options.language ?? header.language;
  const reader = new GoalRowReader(sheet, header, options, language);
  const drafts: DraftRow[] = [];
  for (let row = header.row + 1; row < sheet.values.length; row++) {
    const draft = reader.read(row);
    if (draft) drafts.push(draft);
  }
  const hasSource = header.inputs.source !== undefined && drafts.some((draft) => !isBlank(reader.cell(draft.rowIndex, 'source')));

  markDuplicateIds(drafts, (draft, reason) => reader.failAt(draft, 'id', reason));
  const years = targetYearRange(drafts, options);
  for (const draft of drafts) reader.computeTargets(draft, years);
  resolveRows(drafts, { year: options.year, language });

  const rows = drafts.map((draft): EvaluatedRow => {
    const final = draft.final as FinalRow;
    const read = proseReading(draft, language);
    return {
      rowIndex: draft.rowIndex,
      yearTargets: final.yearTargets,
      calculatedActual: final.calculatedActual,
      rule: draft.mirrorOf === null ? draft.rule : null,
      unit: draft.unit,
      baseline: draft.baseline,
      result: {
        id: draft.id,
        row: draft.rowIndex + 1,
        title: draft.title,
        status: final.status,
        actual: final.actual,
        target: targetValue(final.yearTargets.get(options.year)),
        unit: final.unit,
        gap: final.gap,
        targets: Object.fromEntries(years.map((year) => [String(year), targetValue(final.yearTargets.get(year))])),
        explanation: read === null ? final.explanation : `${read} — ${final.explanation}`,
        ...(final.status === 'error' && final.errorCell !== undefined ? { errorCell: final.errorCell } : {}),
        // SPEC §6: every row with a Target carries its rule in the canonical form, prose or not.
        ...(draft.rule ? { rule: formatCanonicalRule(draft.rule) } : {}),
        ...(read === null ? {} : { reading: read }),
      },
    };
  });
  return { name: sheet.name, header, language, years, hasSource, rows };
}

/**
 * SPEC §2: a target read from the contract's prose shows its reading first (`læst som: 2022: ≥ 72 %;
 * 2023: ≥ 75 % — …`), so the analyst sees what was understood. The dash, not `;`, ends the reading,
 * because the reading itself holds `;`. A `goal()` row ignores its own Target, so it shows none.
 */
function proseReading(draft: DraftRow, language: Language): string | null {
  if (!draft.rule?.prose || draft.mirrorOf !== null) return null;
  return describeProseReading(draft.rule, language);
}

/** A year's target as the JSON report gives it. */
function targetValue(target: YearTarget | undefined): TargetValue {
  if (!target) return null;
  if (target.kind === 'level') return target.value;
  if (target.kind === 'range') return [target.lo, target.hi];
  return null;
}

/**
 * SPEC §2: the `Target years` setting, else the first to the last year named in any rule on the
 * sheet (a baseline's year does not count), always including the evaluation year.
 */
function targetYearRange(drafts: DraftRow[], options: EvaluateSheetOptions): number[] {
  let [from, to] = options.targetYears ?? [options.year, options.year];
  if (!options.targetYears) {
    for (const draft of drafts) {
      if (!draft.rule) continue;
      for (const year of namedYears(draft.rule)) {
        from = Math.min(from, year);
        to = Math.max(to, year);
      }
    }
  }
  from = Math.min(from, options.year);
  to = Math.max(to, options.year);
  const years: number[] = [];
  for (let year = from; year <= to; year++) years.push(year);
  return years;
}
