import { dayFromIso } from './dates';
import { evaluateGoalSheet } from './evaluate-sheet';
import { contractYearFromName } from './evaluation-date';
import { recalculate } from './index';
import { fakeSources, sheetOf, workbookOf } from '../../test/support/engine-fixtures';
import type { CellValue, RowResult, WorkbookSnapshot } from './types';

/** SPEC §3 (evaluation year, no-target) and §2 (a fraction in a % row), on whole sheets. */

const NOW = new Date(2022, 5, 30, 12, 0, 0);

function only(rows: CellValue[][], year: number, language: 'da' | 'en' = 'da'): RowResult {
  const header = language === 'da' ? ['Nr.', 'Enhed', 'Udgangspunkt', 'Måltal', 'Resultat'] : ['ID', 'Unit', 'Baseline', 'Target', 'Actual'];
  const result = evaluateGoalSheet(sheetOf('Goals', [header, ...rows]), { year, asOf: dayFromIso(`${year}-10-13`) as number, sources: fakeSources() });
  if (!result) throw new Error('not a goal sheet');
  return result.rows[0]!.result;
}

describe('the year a sheet is judged against (SPEC §3)', () => {
  function book(settings: CellValue[][] = []): WorkbookSnapshot {
    return workbookOf(
      sheetOf('Mål 2021', [['Nr.', 'Måltal', 'Resultat'], [4, '2021: ≥45%; 2022: ≥47%', '%:0.46']]),
      sheetOf('Mål 2022', [['Nr.', 'Måltal', 'Resultat'], [4, '2021: ≥45%; 2022: ≥47%', '%:0.46']]),
      sheetOf('Goals', [['ID', 'Target', 'Actual'], [4, '2021: ≥45%; 2022: ≥47%', '%:0.46']]),
      sheetOf('Trafiklys', [['Opgjort pr.', '2022-06-30'], ...settings]),
    );
  }
  const years = (result: ReturnType<typeof recalculate>) => result.sheets.map((sheet) => [sheet.name, sheet.year, sheet.rows[0]!.status]);

  it('judges each sheet against its contract year, a sheet without one against the as-of year', () => {
    expect(years(recalculate(book(), { now: NOW, write: false }))).toEqual([
      ['Mål 2021', 2021, 'met'],
      ['Mål 2022', 2022, 'at-risk'],
      ['Goals', 2022, 'at-risk'],
    ]);
  });

  it('puts the book’s Year setting after the contract year, and the sheet’s own Year setting before it', () => {
    const result = recalculate(book([['År', 2021], ['År', 2021, 'Mål 2022']]), { now: NOW, write: false });
    expect(years(result)).toEqual([
      ['Mål 2021', 2021, 'met'],
      ['Mål 2022', 2021, 'met'],
      ['Goals', 2021, 'met'],
    ]);
    expect(result.year).toBe(2021);
  });

  it('lets --year (and the pane’s Year) override every sheet', () => {
    expect(years(recalculate(book([['År', 2021, 'Mål 2022']]), { now: NOW, write: false, year: 2022 }))).toEqual([
      ['Mål 2021', 2022, 'at-risk'],
      ['Mål 2022', 2022, 'at-risk'],
      ['Goals', 2022, 'at-risk'],
    ]);
  });

  it('reads the contract year from the four digits at the end of the name only', () => {
    expect(['Mål 2022', 'Goals 2022 ', 'Mål_2021', '2021', 'Mål 2022 udkast', 'Mål 20221', 'Mål 0999'].map(contractYearFromName)).toEqual([
      2022, 2022, 2021, 2021, null, null, null,
    ]);
  });
});

describe('no target this year is not "dropped" (SPEC §3)', () => {
  it('gives Uden måltal and names the nearest year that has a target', () => {
    expect(only([[1, null, null, 'I 2023 skal kendskabsgraden være mindst 50 pct.', null]], 2022)).toMatchObject({
      status: 'no-target',
      explanation: 'læst som: 2023: ≥ 50 % — intet måltal for 2022; 2023: ≥ 50 %',
    });
    expect(only([[1, null, null, '2021: 600', null]], 2022, 'en')).toMatchObject({ status: 'no-target', explanation: 'no target for 2022; 2021: ≥ 600' });
  });

  it('takes the later year when two are as near', () => {
    expect(only([[1, null, null, '2021: 40 %; 2023: - ; 2025: 50 %', null]], 2023, 'en').status).toBe('not-applicable');
    expect(only([[1, null, null, '2021: 40 %; 2023: - ; 2025: 50 %', null]], 2022, 'en').explanation).toBe('no target for 2022; 2021: ≥ 40 %');
    // Interpolation never crosses a range, so 2022 has none; 2021 and 2023 are as near.
    expect(only([[1, null, null, '2021: 40 %; 2023: 60-70 %', null]], 2022, 'en')).toMatchObject({ status: 'no-target', explanation: 'no target for 2022; 2023: 60–70 %' });
  });

  it('keeps Udgået for udgår and for a milestone due in an earlier year', () => {
    expect(only([[5, null, null, '2021: ≥ 75 %; 2022: udgår', null]], 2022)).toMatchObject({ status: 'not-applicable', explanation: 'udgået i 2022' });
    expect(only([[6, null, null, 'udført senest 31-12-2021', 'i gang']], 2022)).toMatchObject({ status: 'not-applicable', explanation: 'frist 2021-12-31' });
  });
});

describe('a fraction in a % row (SPEC §2)', () => {
  it('reads a plain number 0…1 as a fraction in Actual and says so', () => {
    expect(only([[3.1, null, null, '≥ 80%', 0.75]], 2021)).toMatchObject({
      status: 'at-risk',
      actual: 75,
      gap: -5,
      explanation: '75 % mod måltal 80 % (−5 pp); inden for tolerancen 5 pp; 0,75 læst som 75 %',
    });
    expect(only([[3.1, null, null, '≥ 80%', 0.75]], 2021, 'en').explanation).toBe('75 % vs. target 80 % (−5 pp); within tolerance 5 pp; 0.75 read as 75 %');
  });

  it('reads a fraction in Target and Baseline of a % row, and leaves other rows and signed text alone', () => {
    expect(only([[1, '%', 0.4, 0.5, 46]], 2021)).toMatchObject({
      target: 50,
      status: 'at-risk',
      explanation: '46 % mod måltal 50 % (−4 pp); inden for tolerancen 5 pp; 0,5 læst som 50 %; 0,4 læst som 40 %',
    });
    // The baseline is a fraction too: +5 pp over 0.4 (40 %) is 45 %, not 5.4 %.
    expect(only([[1, '%', 0.4, '2021: +5 pp', 46]], 2021).targets).toEqual({ '2021': 45 });
    expect(only([[1, 'antal', null, 1, 0.5]], 2021)).toMatchObject({ target: 1, actual: 0.5 });
  });

  it('keeps a percent format, a number above 1 and text with its sign as they were', () => {
    expect(only([[1, null, null, '≥ 80%', '%:0.75']], 2021).explanation).toBe('75 % mod måltal 80 % (−5 pp); inden for tolerancen 5 pp');
    expect(only([[1, null, null, '≥ 80%', 76]], 2021).actual).toBe(76);
    expect(only([[1, null, null, '≥ 0,4%', '0,5 %']], 2021)).toMatchObject({ actual: 0.5, status: 'met' });
    expect(only([[1, null, null, '≥ 0,5', 0.75]], 2021)).toMatchObject({ actual: 0.75, unit: 'number' });
  });
});
