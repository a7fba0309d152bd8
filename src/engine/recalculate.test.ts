import { recalculate } from './index';
import { applyPlanInMemory, sheetOf, workbookOf } from '../../test/support/engine-fixtures';
import type { CellWrite, WorkbookSnapshot } from './types';

const NOW = new Date(2021, 9, 13, 9, 30, 0);

function contract(): WorkbookSnapshot {
  return workbookOf(
    sheetOf('Mål 2021', [
      ['Resultatkontrakt 2021, Erhvervshus Nordjylland'],
      [],
      ['Nr.', 'Mål', 'Udgangspunkt', 'Måltal', 'Resultat', 'Bemærkning'],
      [1, 'Kendskab', '40 % (2020)', '2021: +5 pp; 2023: mindst 50 %', null, 'måling i november'],
      [3, 'Tilfredshed', null, null, null, null],
      [3.1, 'Meget tilfredse, Drift', null, '≥ 80%', '%:0.75', null],
      [3.2, 'Meget tilfredse, Vækst', null, '≥ 80%', '%:0.81', null],
      [4, 'Knudepunkt', null, '2021: ≥45%; 2022: ≥47%; 2023: ≥50%', '%:0.5', null],
      [12.2, 'Korte forløb', null, 600, 555, null],
    ]),
    sheetOf('Trafiklys', [
      ['År', 2021],
      ['Opgjort pr.', '2021-10-13'],
    ]),
  );
}

function writesAt(writes: CellWrite[], sheet: string, row: number): Map<number, CellWrite> {
  return new Map(writes.filter((w) => w.sheet === sheet && w.row === row).map((w) => [w.col, w]));
}

describe('recalculate', () => {
  it('reports every row with the year and as-of date from the settings sheet', () => {
    const result = recalculate(contract(), { now: NOW });
    expect(result.year).toBe(2021);
    expect(result.asOf).toBe('2021-10-13');
    expect(result.sheets.map((s) => s.name)).toEqual(['Mål 2021']);
    expect(result.sheets[0].rows.map((r) => [r.id, r.status])).toEqual([
      ['1', 'no-data'],
      ['3', 'at-risk'],
      ['3.1', 'at-risk'],
      ['3.2', 'met'],
      ['4', 'met'],
      ['12.2', 'on-track'],
    ]);
    expect(result.summary).toEqual({ met: 2, 'on-track': 1, 'at-risk': 2, 'off-track': 0, 'no-data': 1, 'not-applicable': 0, 'no-target': 0, error: 0 });
  });

  it('appends the owned columns in the sheet language, right of the last header', () => {
    const { plan } = recalculate(contract(), { now: NOW });
    const headers = [...writesAt(plan.writes, 'Mål 2021', 2).values()].map((w) => [w.col, w.value]);
    expect(headers).toEqual([
      [6, 'Måltal 2021'],
      [7, 'Måltal 2022'],
      [8, 'Måltal 2023'],
      [9, 'Status'],
      [10, 'Afvigelse'],
      [11, 'Forklaring'],
    ]);
  });

  it('writes per cents as fractions with a percent format and colours the status', () => {
    const { plan } = recalculate(contract(), { now: NOW });
    const row = writesAt(plan.writes, 'Mål 2021', 5); // 3.1
    expect(row.get(6)).toMatchObject({ value: 0.8, numberFormat: '0.0%' });
    expect(row.get(9)).toMatchObject({ value: 'I risiko', fill: '#FFEB9C', fontColor: '#9C5700' });
    expect(row.get(10)?.value).toBeCloseTo(-5, 9);
    expect(row.get(11)?.value).toBe('75 % mod måltal 80 % (−5 pp); inden for tolerancen 5 pp');
  });

  it('writes only owned columns of goal rows, plus the Last recalculated stamp', () => {
    const { plan } = recalculate(contract(), { now: NOW });
    for (const write of plan.writes) {
      if (write.sheet === 'Trafiklys') {
        expect([write.row, write.col]).toEqual([2, write.col]);
        continue;
      }
      if (write.sheet === 'Trafiklys historik') continue; // owned whole (history.test.ts)
      expect(write.col).toBeGreaterThanOrEqual(6);
      expect(write.row).toBeGreaterThanOrEqual(2);
    }
    const stamp = plan.writes.filter((w) => w.sheet === 'Trafiklys');
    expect(stamp.map((w) => w.value)).toEqual(['Sidst beregnet', 44482 + (9 * 3600 + 30 * 60) / 86400]);
  });

  it('gives the same plan the second time, except the stamp', () => {
    const first = recalculate(contract(), { now: NOW });
    const once = applyPlanInMemory(contract(), first.plan);
    const second = recalculate(once, { now: new Date(2021, 9, 14, 8, 0, 0) });
    const twice = applyPlanInMemory(once, second.plan);
    const withoutStamp = (book: WorkbookSnapshot) => book.sheets.filter((s) => s.name !== 'Trafiklys');
    expect(withoutStamp(twice)).toEqual(withoutStamp(once));
    expect(second.sheets).toEqual(first.sheets);
    // The stamp row is found again, not appended twice.
    expect(twice.sheets[1].values.length).toBe(3);
  });

  it('lets options override the settings sheet', () => {
    const result = recalculate(contract(), { now: NOW, year: 2022, asOf: '2022-06-30', language: 'en' });
    expect(result.year).toBe(2022);
    const row4 = result.sheets[0].rows.find((r) => r.id === '4');
    expect(row4).toMatchObject({ status: 'met', target: 47 });
    expect(writesAt(result.plan.writes, 'Mål 2021', 2).get(9)?.value).toBe('Status');
    expect(writesAt(result.plan.writes, 'Mål 2021', 2).get(6)?.value).toBe('Target 2021');
  });

  it('creates a Trafiklys sheet for the stamp when there is no settings sheet', () => {
    const book = workbookOf(sheetOf('Goals', [['ID', 'Target', 'Actual'], [1, '≥ 5', 5]]));
    const result = recalculate(book, { now: NOW, asOf: '2021-10-13' });
    expect(result.plan.addSheets).toEqual(['Trafiklys', 'Trafiklys history']);
    expect(result.plan.writes.filter((w) => w.sheet === 'Trafiklys').map((w) => w.value)[0]).toBe('Last recalculated');
  });

  it('plans nothing in check mode and for a workbook without goal sheets', () => {
    expect(recalculate(contract(), { now: NOW, write: false }).plan).toEqual({ addSheets: [], writes: [] });
    const empty = recalculate(workbookOf(sheetOf('Ark1', [])), { now: NOW });
    expect(empty.plan).toEqual({ addSheets: [], writes: [] });
    expect(empty.sheets).toEqual([]);
  });

  it('never writes over a formula in an owned column and says so', () => {
    const book = workbookOf(
      sheetOf('Goals', [['ID', 'Target', 'Actual', 'Status', 'Explanation'], [1, '≥ 5', 5, 'manual', null]], { formulas: [[1, 3]] }),
    );
    const result = recalculate(book, { now: NOW, asOf: '2021-10-13' });
    expect(result.plan.writes.some((w) => w.sheet === 'Goals' && w.row === 1 && w.col === 3)).toBe(false);
    expect(result.sheets[0].rows[0].explanation).toBe('5 vs. target 5 (0); D2 holds a formula; left as it is');
  });

  it('reports a bad setting as a finding and ignores it', () => {
    const book = contract();
    book.sheets[1].values[0][1] = 'next year';
    const result = recalculate(book, { now: NOW });
    expect(result.findings).toEqual([{ cell: 'Trafiklys!B1', message: 'Year "next year" is not a year (write e.g. 2021); ignored' }]);
    expect(result.year).toBe(2021);
  });

  it('does not mutate the snapshot', () => {
    const book = contract();
    const before = structuredClone(book);
    recalculate(book, { now: NOW });
    expect(book).toEqual(before);
  });

  it('applies per-sheet settings from the Sheet column', () => {
    const book = contract();
    book.sheets[1].values.push(['Målår', '2021-2025', 'Mål 2021']);
    const result = recalculate(book, { now: NOW });
    expect(Object.keys(result.sheets[0].rows[0].targets)).toEqual(['2021', '2022', '2023', '2024', '2025']);
  });
});
