import { displayText, normalizeText } from './cell-text';
import { cellValue } from './cells';
import type { EvaluatedSheet } from './evaluate-sheet';
import { CHANGE_WORDS } from './glossary';
import type { Baseline, TargetRule } from './rule-model';
import { formatCanonicalYearTarget, formatYearTarget } from './rule-text';
import { RuleError } from './rule-model';
import { namedYears } from './target-rule';
import { CHANGE_KINDS } from './types';
import type { ContractChanges, ChangeKind, ChangeSide, GoalChange, Language, SheetSnapshot, Unit } from './types';
import { computeYearTargets, type YearTarget } from './year-targets';

/**
 * Contract changes (SPEC §9): each goal sheet with a contract year set beside the sheet of the
 * nearest earlier contract year, goal by goal by ID — unchanged, adjusted, removed or new — comparing
 * what the contract asks (each compared year's target, the unit), never the titles.
 */

/** What the comparison needs of one goal row: its rule and what the rule's year targets depend on. */
interface ComparedRow {
  id: string;
  title: string | null;
  unit: Unit | null;
  rule: TargetRule | null;
  baseline: Baseline | null;
  /** The Target cell as text, for a goal without a rule (SPEC §9: compared trimmed, case ignored). */
  targetText: string;
}

/** A goal sheet as the comparison sees it. */
export interface ContractSheet {
  name: string;
  /** SPEC §9: from the name, else the sheet's own Year setting. */
  contractYear: number;
  rows: ComparedRow[];
}

/**
 * The comparison's view of an evaluated goal sheet: per row the rule as read (a `goal()` row's own
 * Target is ignored, SPEC §4, so it has none) and the Target cell's text.
 */
export function contractSheetOf(snapshot: SheetSnapshot, sheet: EvaluatedSheet, contractYear: number): ContractSheet {
  const targetCol = sheet.header.inputs.target;
  return {
    name: sheet.name,
    contractYear,
    rows: sheet.rows
      .filter((row) => row.result.id !== '')
      .map((row) => ({
        id: row.result.id,
        title: row.result.title,
        unit: row.unit,
        rule: row.rule,
        baseline: row.baseline,
        targetText: targetCol === undefined ? '' : displayText(cellValue(snapshot, row.rowIndex, targetCol)),
      })),
  };
}

/**
 * Pairs every sheet with a contract year with the sheet of the nearest earlier contract year (the
 * first such sheet in workbook order when two share a year) and compares each pair (SPEC §9).
 * @example compareContractSheets([mål2021, mål2022])[0].goals[0] // { id: '1', change: 'adjusted', … }
 */
export function compareContractSheets(sheets: readonly ContractSheet[]): ContractChanges[] {
  const changes: ContractChanges[] = [];
  for (const later of sheets) {
    let earlier: ContractSheet | null = null;
    for (const candidate of sheets) {
      if (candidate.contractYear >= later.contractYear) continue;
      if (earlier === null || candidate.contractYear > earlier.contractYear) earlier = candidate;
    }
    if (earlier) changes.push(compareContracts(earlier, later));
  }
  return changes.sort((a, b) => a.toYear - b.toYear);
}

/** Compares two contract years' goal sheets goal by goal (SPEC §9), in ID order. */
export function compareContracts(earlier: ContractSheet, later: ContractSheet): ContractChanges {
  const before = new Map(earlier.rows.map((row) => [row.id, row]));
  const after = new Map(later.rows.map((row) => [row.id, row]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareIds);
  const goals = ids.map((id) => compareGoal(before.get(id) ?? null, after.get(id) ?? null, later.contractYear));
  return { from: earlier.name, to: later.name, fromYear: earlier.contractYear, toYear: later.contractYear, goals };
}

function compareGoal(earlier: ComparedRow | null, later: ComparedRow | null, year: number): GoalChange {
  const id = (later ?? earlier)?.id ?? '';
  const title = later?.title ?? earlier?.title ?? null;
  if (!later || !earlier) {
    const side = restrict(later ?? (earlier as ComparedRow), yearsCompared(later ?? earlier, null, year));
    return later ? goalChange(id, title, 'new', null, side) : goalChange(id, title, 'removed', side, null);
  }
  const years = yearsCompared(earlier, later, year);
  let was = restrict(earlier, years);
  let now = restrict(later, years);
  // A goal with a target rule beside one without: the side without shows `—` for every compared year.
  if (was.kind !== now.kind) [was, now] = [withoutTargets(was, years), withoutTargets(now, years)];
  if (now.kind === 'years' && now.years[0]?.target?.kind === 'dropped') return goalChange(id, title, 'removed', was, now);
  return goalChange(id, title, sameSide(was, now) ? 'unchanged' : 'adjusted', was, now);
}

function goalChange(id: string, title: string | null, change: ChangeKind, before: ChangeSide | null, after: ChangeSide | null): GoalChange {
  return { id, title, change, before: before && canonicalSide(before), after: after && canonicalSide(after), beforeSide: before, afterSide: after };
}

/** SPEC §9: the later sheet's contract year and every later year either rule names. */
function yearsCompared(a: ComparedRow | null, b: ComparedRow | null, year: number): number[] {
  const years = new Set([year]);
  for (const row of [a, b]) if (row?.rule) for (const named of namedYears(row.rule)) if (named > year) years.add(named);
  return [...years].sort((x, y) => x - y);
}

/**
 * A rule restricted to the compared years: each year's target as SPEC §2 gives it (interpolated,
 * from a baseline, or none). A goal without a rule (or one whose rule cannot give targets) is its
 * Target cell's text.
 */
function restrict(row: ComparedRow, years: number[]): ChangeSide {
  if (row.rule && row.unit !== null) {
    try {
      const targets = computeYearTargets(row.rule, { unit: row.unit, baseline: row.baseline, years });
      return { kind: 'years', unit: row.unit, years: years.map((year) => ({ year, target: targets.get(year) ?? null })) };
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
    }
  }
  return { kind: 'text', text: row.targetText.replace(/\s+/g, ' ').trim() };
}

function withoutTargets(side: ChangeSide, years: number[]): ChangeSide {
  return side.kind === 'text' && side.text === '' ? { kind: 'years', unit: null, years: years.map((year) => ({ year, target: null })) } : side;
}

function sameSide(a: ChangeSide, b: ChangeSide): boolean {
  if (a.kind === 'text' || b.kind === 'text') return a.kind === 'text' && b.kind === 'text' && normalizeText(a.text) === normalizeText(b.text);
  if (a.unit !== b.unit) return false;
  return a.years.every((entry, index) => sameTarget(entry.target, b.years[index]?.target ?? null));
}

function sameTarget(a: YearTarget | null, b: YearTarget | null): boolean {
  if (a === null || b === null) return a === b;
  switch (a.kind) {
    case 'level':
      return b.kind === 'level' && Math.abs(a.value - b.value) < 1e-9 && a.direction === b.direction;
    case 'range':
      return b.kind === 'range' && Math.abs(a.lo - b.lo) < 1e-9 && Math.abs(a.hi - b.hi) < 1e-9;
    case 'milestone':
      return b.kind === 'milestone' && a.due === b.due;
    case 'dropped':
      return b.kind === 'dropped';
  }
}

/** The canonical form of SPEC §2 restricted to the compared years, `—` for a year without a target: `2022: —; 2023: >= 50 %`. */
function canonicalSide(side: ChangeSide): string {
  if (side.kind === 'text') return side.text;
  return side.years.map(({ year, target }) => `${year}: ${target ? formatCanonicalYearTarget(target, side.unit) : '—'}`).join('; ');
}

/**
 * One side of a change as the report and the terminal show it, with the display formatter:
 * `2022: ≥ 47,5 %; 2023: ≥ 50 %`; a goal without a rule shows its Target text. `separator` goes
 * between the years (the report sheet puts each year on its own line).
 */
export function formatChangeSide(side: ChangeSide | null, language: Language, separator = '; '): string {
  if (side === null) return '';
  if (side.kind === 'text') return side.text;
  return side.years.map(({ year, target }) => `${year}: ${target ? formatYearTarget(target, side.unit, language) : '—'}`).join(separator);
}

/** The change word in a language: `justeret`, `adjusted`. */
export function changeWord(change: ChangeKind, language: Language): string {
  return CHANGE_WORDS[change][language];
}

/**
 * How many goals of a pair have each change, in the order of SPEC §9 (the command line's summary
 * line and the HTML report's count line).
 *
 * @example countChanges(pair, 'da') // '12 uændret, 5 justeret, 4 tages ud, 1 ny'
 */
export function countChanges(pair: ContractChanges, language: Language): string {
  return CHANGE_KINDS.map((kind) => `${pair.goals.filter((goal) => goal.change === kind).length} ${changeWord(kind, language)}`).join(', ');
}

/** The ID order of SPEC §9: numeric by dotted part (1, 2, 3.1, 3.2, 3.10, 10); a part that is no number after the numbers, as text. */
export function compareIds(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    if (nx !== null && ny !== null && nx !== ny) return nx - ny;
    if ((nx === null) !== (ny === null)) return nx === null ? 1 : -1;
    if (nx === null && x !== y) return x < (y as string) ? -1 : 1;
  }
  return 0;
}
