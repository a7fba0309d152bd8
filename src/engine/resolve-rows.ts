import { isoFromDay, yearOfDay } from './dates';
import { createErrorFinal, createRowError, type DraftRow, type FinalRow, type RowActual } from './goal-row';
import { statusLabel } from './glossary';
import { phrase } from './labels';
import type { Words } from './rule-model';
import { formatYearTarget } from './rule-text';
import type { YearTarget } from './year-targets';
import { judgeMilestone, judgeNumeric, type Judgement, milestoneStateText, rollUp } from './status';
import type { Language, Unit } from './types';

/**
 * Resolving the rows of a sheet (SPEC §3–4): duplicate IDs, the dotted-ID hierarchy and roll-ups,
 * `goal()` mirrors and their cycles, and the Manual status over whatever was computed. Rows are
 * decided in dependency order: mirrors and parents after what they depend on.
 */

/** What resolving needs beyond the rows. */
export interface ResolveRowsOptions {
  year: number;
  language: Language;
}

/** Resolves every row: afterwards each draft's `final` is set. */
export function resolveRows(drafts: readonly DraftRow[], options: ResolveRowsOptions): void {
  const byId = new Map<string, DraftRow>();
  for (const draft of drafts) if (draft.id !== '' && !byId.has(draft.id)) byId.set(draft.id, draft);
  const resolver = new Resolver(byId, childrenById(drafts, byId), options);
  for (const draft of drafts) resolver.finalize(draft);
}

/** SPEC §3: every row that shares its ID with another is an error; `failAtId` blames the row's ID cell. */
export function markDuplicateIds(drafts: readonly DraftRow[], failAtId: (draft: DraftRow, reason: Words) => void): void {
  const rowsById = new Map<string, DraftRow[]>();
  for (const draft of drafts) {
    if (draft.id === '') continue;
    const list = rowsById.get(draft.id) ?? [];
    list.push(draft);
    rowsById.set(draft.id, list);
  }
  for (const [id, list] of rowsById) {
    if (list.length < 2) continue;
    const rows = list.map((draft) => draft.rowIndex + 1).join(', ');
    for (const draft of list) failAtId(draft, { en: `ID ${id} is used by more than one row (rows ${rows})`, da: `nummer ${id} bruges af mere end én række (rækkerne ${rows})` });
  }
}

/** Parent by dotted ID: the nearest existing ancestor (`3` for `3.1`, `3.1` for `3.1.2`). */
function childrenById(drafts: readonly DraftRow[], byId: Map<string, DraftRow>): Map<string, DraftRow[]> {
  const children = new Map<string, DraftRow[]>();
  for (const draft of drafts) {
    if (byId.get(draft.id) !== draft) continue;
    let id = draft.id;
    while (id.includes('.')) {
      id = id.slice(0, id.lastIndexOf('.'));
      if (byId.has(id)) {
        const list = children.get(id) ?? [];
        list.push(draft);
        children.set(id, list);
        break;
      }
    }
  }
  return children;
}

class Resolver {
  private readonly visiting = new Set<DraftRow>();

  constructor(
    private readonly byId: Map<string, DraftRow>,
    private readonly children: Map<string, DraftRow[]>,
    private readonly options: ResolveRowsOptions,
  ) {}

  /** A message in the sheet's language. */
  private say(words: Words): string {
    return words[this.options.language];
  }

  finalize(draft: DraftRow): FinalRow {
    if (draft.final) return draft.final;
    if (this.visiting.has(draft)) {
      // A cycle: every row on it is an error (SPEC §4 goal()).
      const cycle = [...this.visiting].filter((row) => row.mirrorOf !== null).map((row) => row.id);
      for (const row of this.visiting) {
        if (row.mirrorOf !== null && !row.final) {
          row.final = mirrorError(row, this.say({ en: `goal(${row.mirrorOf}) is part of a cycle: ${cycle.join(' → ')}`, da: `goal(${row.mirrorOf}) indgår i en ring: ${cycle.join(' → ')}` }));
        }
      }
      return draft.final ?? mirrorError(draft, this.say({ en: `goal(${draft.mirrorOf}) is part of a cycle`, da: `goal(${draft.mirrorOf}) indgår i en ring` }));
    }
    this.visiting.add(draft);
    const final = this.decide(draft);
    this.visiting.delete(draft);
    draft.final ??= final;
    return draft.final;
  }

  private decide(draft: DraftRow): FinalRow {
    const language = this.options.language;
    if (draft.error) return createErrorFinal(draft.error, draft.unit, draft.yearTargets);
    if (draft.mirrorOf !== null) return this.withManual(draft, this.mirror(draft));
    const kids = this.children.get(draft.id);
    if (kids && !draft.rule) {
      const judgement = rollUp(
        kids.map((kid) => ({ id: kid.id, status: this.finalize(kid).status })),
        language,
      );
      return this.withManual(draft, { ...judgement, actual: null, unit: null, yearTargets: new Map(), calculatedActual: null });
    }
    const computed = this.judgeLeaf(draft);
    return this.withManual(draft, {
      ...computed,
      explanation: joinParts([computed.explanation, draft.sourceBase, ...draft.notes]),
      actual: actualValue(draft.actual),
      unit: draft.unit,
      yearTargets: draft.yearTargets,
      calculatedActual: draft.sourceValue,
    });
  }

  private mirror(draft: DraftRow): FinalRow {
    const id = draft.mirrorOf as string;
    const target = this.byId.get(id);
    if (!target) return mirrorError(draft, this.say({ en: `there is no goal ${id} on this sheet`, da: `der er intet mål ${id} på dette ark` }));
    if (target === draft) return mirrorError(draft, this.say({ en: 'a goal cannot mirror itself', da: 'et mål kan ikke spejle sig selv' }));
    const final = this.finalize(target);
    if (draft.final) return draft.final; // decided as part of a cycle
    const language = this.options.language;
    const notes = draft.rule ? [phrase('ownTargetIgnored', language)] : [];
    const calculated = typeof final.actual === 'number' ? final.actual : null;
    return {
      ...final,
      explanation: joinParts([`${phrase('mirrors', language)} ${id}: ${final.explanation}`, ...notes]),
      calculatedActual: calculated,
    };
  }

  private judgeLeaf(draft: DraftRow): Judgement {
    const { language, year } = this.options;
    // SPEC §3: a qualitative goal (an ID with no Target, no children, no goal()) has no target, it was not dropped.
    if (!draft.rule) return { status: 'no-target', gap: null, explanation: phrase('qualitative', language) };
    const target = draft.yearTargets.get(year);
    // SPEC §3: a rule that names no target for Y without dropping the goal has none this year; it was not dropped.
    if (!target) {
      const passed = pastMilestone(draft, year);
      if (passed) return { status: 'not-applicable', gap: null, explanation: `${phrase('due', language)} ${isoFromDay(passed.due)}` };
      return { status: 'no-target', gap: null, explanation: describeMissingTarget(draft, year, language) };
    }
    if (target.kind === 'dropped') return { status: 'not-applicable', gap: null, explanation: `${phrase('droppedIn', language)} ${year}` };
    if (target.kind === 'milestone') {
      if (yearOfDay(target.due) < year) {
        return { status: 'not-applicable', gap: null, explanation: `${phrase('due', language)} ${isoFromDay(target.due)}` };
      }
      const state = draft.actual.kind === 'milestone' ? draft.actual.state : 'blank';
      return judgeMilestone(state, target.due, draft.asOf, language);
    }
    if (draft.actual.kind !== 'number') return { status: 'no-data', gap: null, explanation: phrase('noActual', language) };
    return judgeNumeric({
      actual: draft.actual.value,
      target,
      unit: draft.unit as Unit,
      tolerance: draft.tolerance,
      cumulative: draft.cumulative ?? draft.unit === 'count',
      year,
      asOf: draft.asOf,
      language,
    });
  }

  /** SPEC §3 precedence: error, then Manual status, then the rest. */
  private withManual(draft: DraftRow, computed: FinalRow): FinalRow {
    if (computed.status === 'error' || draft.manual === null) return computed;
    const language = this.options.language;
    const manual = `${capitalise(phrase('manual', language))}: ${statusLabel(draft.manual, language)}`;
    return {
      ...computed,
      status: draft.manual,
      explanation: `${manual} (${phrase('computed', language)}: ${statusLabel(computed.status, language)}; ${computed.explanation})`,
    };
  }
}

/**
 * A `goal()` row that cannot be resolved, blamed on its Source cell. A row reached only as part of
 * a cycle without a Source cell of its own (a parent whose child mirrors it) names its ID instead.
 */
function mirrorError(draft: DraftRow, reason: string): FinalRow {
  const error = draft.mirrorCell
    ? createRowError(draft.mirrorCell.label, draft.mirrorCell.cell, reason)
    : createRowError('goal()', draft.id, reason, 'none');
  return createErrorFinal(error, draft.unit);
}

/** The JSON report's actual: a number in the row's unit, or a milestone's state in English (`done`). */
function actualValue(actual: RowActual): number | string | null {
  if (actual.kind === 'number') return actual.value;
  if (actual.kind === 'milestone') return milestoneStateText(actual.state, 'en');
  return null;
}

/** SPEC §3: a milestone due in a year before Y, with nothing asked after it, is not-applicable in Y. */
function pastMilestone(draft: DraftRow, year: number): Extract<YearTarget, { kind: 'milestone' }> | null {
  let latest: YearTarget | null = null;
  let latestYear = -Infinity;
  for (const [other, target] of draft.yearTargets) {
    if (other > year && target.kind !== 'dropped') return null;
    if (other < year && other > latestYear) [latest, latestYear] = [target, other];
  }
  return latest?.kind === 'milestone' && yearOfDay(latest.due) < year ? latest : null;
}

/**
 * `intet måltal for 2022; 2023: ≥ 50 %`: the nearest year that has a target (the later one on a tie,
 * docs/decisions.md "Contract years and statuses"), or only the first part when no year has one.
 */
function describeMissingTarget(draft: DraftRow, year: number, language: Language): string {
  const none = `${phrase('noTargetFor', language)} ${year}`;
  let nearest: [number, YearTarget] | null = null;
  for (const [other, target] of draft.yearTargets) {
    if (target.kind === 'dropped') continue;
    if (nearest === null || Math.abs(other - year) < Math.abs(nearest[0] - year) || (Math.abs(other - year) === Math.abs(nearest[0] - year) && other > nearest[0])) {
      nearest = [other, target];
    }
  }
  return nearest === null ? none : `${none}; ${nearest[0]}: ${formatYearTarget(nearest[1], draft.unit, language)}`;
}

function joinParts(parts: (string | null | undefined)[]): string {
  return parts.filter((part): part is string => !!part).join('; ');
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
