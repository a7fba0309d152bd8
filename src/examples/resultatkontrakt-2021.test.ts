import { recalculate } from '../engine';
import type { CellValue, RowResult, WorkbookSnapshot } from '../engine/types';
import { exampleWorkbook, snapshotOfNewWorkbook, type ExampleSheet } from './resultatkontrakt-2021';
import { isValidCvr } from '../engine/sources';

function snapshotOf(): WorkbookSnapshot {
  return {
    sheets: (exampleWorkbook().sheets as ExampleSheet[]).map((sheet) => {
      const formulas: boolean[][] = sheet.values.map((row) => row.map(() => false));
      for (const f of sheet.formulas ?? []) formulas[f.row]![f.col] = true;
      const values = sheet.values.map((row) => [...row]);
      for (const f of sheet.formulas ?? []) values[f.row]![f.col] = f.result ?? null;
      return { name: sheet.name, values, numberFormats: sheet.numberFormats, formulas };
    }),
  };
}

const NOW = new Date('2021-10-13T12:00:00Z');

function rowsById(): Map<string, RowResult> {
  const result = recalculate(snapshotOf(), { now: NOW });
  return new Map(result.sheets[0]!.rows.map((row) => [row.id, row]));
}

function column(sheetName: string, header: string): CellValue[] {
  const sheet = exampleWorkbook().sheets.find((s) => s.name === sheetName)!;
  const col = sheet.values[0]!.indexOf(header);
  return sheet.values.slice(1).map((row) => row[col] ?? null);
}

describe('exampleWorkbook', () => {
  it('is the same on every call (seeded, no Math.random)', () => {
    expect(exampleWorkbook()).toEqual(exampleWorkbook());
  });

  it('holds the goal sheet, the three data sheets and the settings sheet', () => {
    expect(exampleWorkbook().sheets.map((s) => s.name)).toEqual(['Mål 2021', 'Mål 2022', 'Tilfredshed', 'Effekt', 'Vejledninger', 'Trafiklys', 'Trafiklys historik']);
    expect(exampleWorkbook('june').sheets.map((s) => s.name)).toEqual(['Mål 2021', 'Mål 2022', 'Tilfredshed', 'Effekt', 'Vejledninger', 'Trafiklys']);
  });

  it('sets the 2022 contract beside the 2021 one as the contract deck does, where its numbers and deadlines changed (docs/spec.md §9)', () => {
    const result = recalculate(snapshotOf(), { now: NOW });
    expect(result.changes?.map((pair) => [pair.from, pair.to])).toEqual([['Mål 2021', 'Mål 2022']]);
    const change = new Map(result.changes![0]!.goals.map((goal) => [goal.id, goal.change]));
    // The deck: 1 justeres, 2 and 3 uændret, 5 tages ud, 6 justeres, 7 and 8 uændret, 12's figures changed.
    expect(['1', '2', '3', '5', '6', '7', '8', '12'].map((id) => [id, change.get(id)])).toEqual([
      ['1', 'adjusted'], ['2', 'unchanged'], ['3', 'unchanged'], ['5', 'removed'], ['6', 'adjusted'], ['7', 'unchanged'], ['8', 'unchanged'], ['12', 'adjusted'],
    ]);
    // The new awareness sub-goal, and the 2021 course counts folded into goal 12's 800 unique firms.
    expect(['1.1', '12.1', '12.2'].map((id) => change.get(id))).toEqual(['new', 'removed', 'removed']);
    // Each sheet is judged against its own contract year (docs/spec.md §3).
    expect(result.sheets.map((sheet) => [sheet.name, sheet.year])).toEqual([['Mål 2021', 2021], ['Mål 2022', 2022]]);
  });

  it("gives the contract's figures of 13 October 2021 (docs/spec.md, Appendix A) through the engine", () => {
    const rows = rowsById();
    const actual = (id: string) => rows.get(id)!.actual;
    expect(actual('3.1')).toBeCloseTo(75, 9);
    expect(actual('3.2')).toBeCloseTo(81, 9);
    expect(actual('3.3')).toBeCloseTo(70, 9);
    expect(actual('3.4')).toBeCloseTo(84, 9);
    expect(actual('7')).toBeCloseTo(71, 9);
    expect(actual('12.1')).toBe(365);
    expect(actual('12.2')).toBe(555);
    expect(actual('4')).toBeCloseTo(50, 9);
  });

  it('gives every goal its expected status', () => {
    const rows = rowsById();
    const statuses = Object.fromEntries([...rows].map(([id, row]) => [id, row.status]));
    expect(statuses).toEqual({
      '1': 'no-data',
      '2': 'on-track',
      '3': 'at-risk',
      '3.1': 'at-risk',
      '3.2': 'met',
      '3.3': 'met',
      '3.4': 'met',
      '4': 'met',
      '5': 'no-data',
      '6': 'on-track',
      '7': 'met',
      '8': 'no-data',
      '9': 'no-target',
      '10': 'on-track',
      '10.1': 'met',
      '10.2': 'on-track',
      '10.3': 'on-track',
      '11': 'no-target',
      '12': 'on-track',
      '12.1': 'met',
      '12.2': 'on-track',
    });
  });

  it('writes out the year targets of goals 1, 4 and 5', () => {
    const rows = rowsById();
    expect(rows.get('1')!.targets).toEqual({ '2021': 45, '2022': 47.5, '2023': 50 });
    expect(rows.get('4')!.targets).toEqual({ '2021': 45, '2022': 47, '2023': 50 });
    expect(rows.get('5')!.targets).toEqual({ '2021': 75, '2022': null, '2023': null });
  });

  it('uses only valid CVR numbers in the register, except the two planted invalid ones', () => {
    const invalid = column('Vejledninger', 'CVR')
      .map((v) => Number(String(v).replace(/^DK/, '')))
      .filter((cvr) => !isValidCvr(String(cvr)));
    expect(invalid.sort()).toEqual([12345678, 87654321]);
  });

  it('mixes NPS labels, Ved ikke and blanks into the survey, as exports do', () => {
    const answers = column('Tilfredshed', 'Anbefaling');
    expect(answers).toContain('10 - Meget sandsynligt');
    expect(answers).toContain('Ved ikke');
    expect(answers).toContain(null);
    expect(column('Tilfredshed', 'Kompetencer')).toContain('Ved ikke');
  });

  it('as of 30 June 2021 has no history, and its recalculation is the history of the October book', () => {
    const june = recalculate(snapshotOfNewWorkbook(exampleWorkbook('june')), { now: NOW });
    expect(june.asOf).toBe('2021-06-30');
    expect(june.sheets[0]!.rows.every((row) => row.trend === null)).toBe(true);
    const rows = new Map(june.sheets[0]!.rows.map((row) => [row.id, row]));
    expect([rows.get('4')?.status, rows.get('10.1')?.status, rows.get('12.1')?.status]).toEqual(['at-risk', 'on-track', 'on-track']);
    const october = recalculate(snapshotOfNewWorkbook(exampleWorkbook()), { now: NOW });
    expect(october.findings).toEqual([]);
    expect(october.history?.filter((entry) => entry.asOf === '2021-06-30')).toEqual(june.history);
    const trend = (id: string) => october.sheets[0]!.rows.find((row) => row.id === id)?.trend?.text;
    expect([trend('4'), trend('10.1'), trend('3.1')]).toEqual(['▲ fra I risiko (30-06-2021)', '▲ fra På vej (30-06-2021)', '= siden 30-06-2021']);
  });
});
