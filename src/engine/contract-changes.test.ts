import { compareIds } from './contract-changes';
import { recalculate } from './index';
import { sheetOf, workbookOf } from '../../test/support/engine-fixtures';
import type { CellValue, ChangeKind, ContractChanges, Recalculation } from './types';
import { formatChangeSide } from './contract-changes';

/** SPEC §9: contract changes, goal by goal, between the sheets of two contract years. */

const NOW = new Date(2021, 9, 13, 12, 0, 0);
const HEADER = ['Nr.', 'Mål', 'Enhed', 'Udgangspunkt', 'Måltal'];

/**
 * The eight ways a Target cell can be written, each with the display text of its target in every
 * year the table compares (2022, the later sheet's contract year, and 2023, which the schedule and
 * the prose name); `null`: no target that year (SPEC §2: none after the last year a rule names; a
 * milestone is its due year's target). `none` has no rule at all.
 */
const FORMS: Record<string, { unit: string | null; baseline: CellValue; target: CellValue; years: Record<number, string | null> | null }> = {
  level: { unit: '%', baseline: null, target: '≥ 50 %', years: { 2022: '≥ 50 %', 2023: '≥ 50 %' } },
  schedule: { unit: '%', baseline: null, target: '2022: ≥ 47 %; 2023: ≥ 50 %', years: { 2022: '≥ 47 %', 2023: '≥ 50 %' } },
  increment: { unit: '%', baseline: '40 % (2021)', target: '2022: +5 pp', years: { 2022: '≥ 45 %', 2023: null } },
  range: { unit: '%', baseline: null, target: '60-70 %', years: { 2022: '60–70 %', 2023: '60–70 %' } },
  drop: { unit: '%', baseline: null, target: '2021: ≥ 75 %; 2022: udgår', years: { 2022: 'udgår', 2023: null } },
  milestone: { unit: 'milepæl', baseline: null, target: 'udført senest 31-12-2022', years: { 2022: 'udført senest 31-12-2022', 2023: null } },
  prose: { unit: '%', baseline: null, target: 'I 2023 skal kendskabsgraden være mindst 50 pct.', years: { 2022: null, 2023: '≥ 50 %' } },
  none: { unit: null, baseline: null, target: null, years: null },
};
const NAMES = Object.keys(FORMS);
/** The forms that name a year after 2022, so a pair with one of them compares 2023 too. */
const NAMES_2023 = new Set(['schedule', 'prose']);

function row(id: number, form: string): CellValue[] {
  const { unit, baseline, target } = FORMS[form]!;
  return [id, `Mål ${id}`, unit, baseline, target];
}

/** Every ordered pair of forms, one goal per pair: `Mål 2021` has the first form, `Mål 2022` the second. */
const PAIRS = NAMES.flatMap((before) => NAMES.map((after) => ({ before, after })));

function compareAll(): ContractChanges {
  const book = workbookOf(
    sheetOf('Mål 2021', [HEADER, ...PAIRS.map((pair, i) => row(i + 1, pair.before))]),
    sheetOf('Mål 2022', [HEADER, ...PAIRS.map((pair, i) => row(i + 1, pair.after))]),
  );
  const result: Recalculation = recalculate(book, { now: NOW, write: false });
  expect(result.findings).toEqual([]);
  expect(result.changes).toHaveLength(1);
  return result.changes![0]!;
}

/** What SPEC §9 asks of one pair: a side is its targets in the compared years, `—` where none; a goal without a rule is its (blank) Target text. */
function expected(before: string, after: string): { change: ChangeKind; before: string; after: string } {
  const years = NAMES_2023.has(before) || NAMES_2023.has(after) ? [2022, 2023] : [2022];
  const side = (form: string, other: string): string => {
    const targets = FORMS[form]!.years;
    if (targets === null && FORMS[other]!.years === null) return '';
    return years.map((year) => `${year}: ${targets?.[year] ?? '—'}`).join('; ');
  };
  const was = side(before, after);
  const now = side(after, before);
  const change: ChangeKind = after === 'drop' ? 'removed' : was === now ? 'unchanged' : 'adjusted';
  return { change, before: was, after: now };
}

describe('every pair of rule forms (SPEC §9)', () => {
  const changes = compareAll();
  it.each(PAIRS.map((pair, i) => [pair.before, pair.after, i + 1] as const))('%s → %s', (before, after, id) => {
    const goal = changes.goals.find((g) => g.id === String(id))!;
    expect({ change: goal.change, before: formatChangeSide(goal.beforeSide, 'da'), after: formatChangeSide(goal.afterSide, 'da') }).toEqual(expected(before, after));
  });

  it('spells the sides canonically, as the JSON report carries them', () => {
    const byPair = (before: string, after: string) => changes.goals[PAIRS.findIndex((p) => p.before === before && p.after === after)]!;
    expect(byPair('schedule', 'prose')).toMatchObject({ change: 'adjusted', before: '2022: >= 47 %; 2023: >= 50 %', after: '2022: —; 2023: >= 50 %' });
    expect(byPair('level', 'range')).toMatchObject({ change: 'adjusted', before: '2022: >= 50 %', after: '2022: 60 - 70 %' });
    expect(byPair('increment', 'milestone')).toMatchObject({ change: 'adjusted', before: '2022: >= 45 %', after: '2022: done by 2022-12-31' });
    expect(byPair('none', 'level')).toMatchObject({ change: 'adjusted', before: '2022: —', after: '2022: >= 50 %' });
    expect(byPair('level', 'drop')).toMatchObject({ change: 'removed', before: '2022: >= 50 %', after: '2022: dropped' });
  });
});

describe('matching goals between the two sheets (SPEC §9)', () => {
  function changesOf(earlier: CellValue[][], later: CellValue[][], names = ['Mål 2021', 'Mål 2022']): ContractChanges[] {
    return recalculate(workbookOf(sheetOf(names[0]!, [HEADER, ...earlier]), sheetOf(names[1]!, [HEADER, ...later])), { now: NOW, write: false }).changes ?? [];
  }

  it('lists an ID of the earlier sheet only as removed and of the later only as new, in ID order', () => {
    const [pair] = changesOf([[10, 'Ti', '%', null, '≥ 50 %'], [2, 'To', '%', null, '≥ 50 %']], [[3.1, 'Tre', '%', null, '≥ 50 %'], [2, 'Andet navn', '%', null, '≥ 50 %']]);
    expect(pair!.goals.map((g) => [g.id, g.title, g.change, g.before, g.after])).toEqual([
      ['2', 'Andet navn', 'unchanged', '2022: >= 50 %', '2022: >= 50 %'],
      ['3.1', 'Tre', 'new', null, '2022: >= 50 %'],
      ['10', 'Ti', 'removed', '2022: >= 50 %', null],
    ]);
  });

  it('compares the unit, and the Target text (trimmed, spaces collapsed, case ignored) of a goal without a rule', () => {
    const [pair] = changesOf(
      [[1, null, '%', null, '≥ 50'], [9, null, null, null, 'Kvalitativt:  aktivitetsliste '], [11, null, null, null, 'Aktivitetsliste']],
      [[1, null, 'antal', null, '≥ 50'], [9, null, null, null, 'kvalitativt: Aktivitetsliste'], [11, null, null, null, 'Nye fyrtårnsprojekter']],
    );
    expect(pair!.goals.map((g) => [g.id, g.change])).toEqual([['1', 'adjusted'], ['9', 'unchanged'], ['11', 'adjusted']]);
  });

  it('pairs each contract year with the nearest earlier one, from the name or the sheet’s own Year setting', () => {
    const book = workbookOf(
      sheetOf('Goals 2023', [HEADER, [1, null, '%', null, '≥ 50 %']]),
      sheetOf('Mål 2021', [HEADER, [1, null, '%', null, '≥ 40 %']]),
      sheetOf('Budget', [HEADER, [1, null, '%', null, '≥ 45 %']]),
      sheetOf('Noter', [HEADER, [1, null, '%', null, '≥ 45 %']]),
      sheetOf('Trafiklys', [['År', 2022, 'Budget']]),
    );
    const result = recalculate(book, { now: NOW, write: false });
    expect(result.changes!.map((pair) => [pair.from, pair.to, pair.fromYear, pair.toYear])).toEqual([
      ['Mål 2021', 'Budget', 2021, 2022],
      ['Budget', 'Goals 2023', 2022, 2023],
    ]);
    expect(result.sheets.map((sheet) => [sheet.name, sheet.year])).toEqual([['Goals 2023', 2023], ['Mål 2021', 2021], ['Budget', 2022], ['Noter', 2021]]);
  });

  it('orders IDs numerically by dotted part', () => {
    expect(['10', '3.10', '2', '3.1', '3', '1', '3.2'].sort(compareIds)).toEqual(['1', '2', '3', '3.1', '3.2', '3.10', '10']);
  });
});
