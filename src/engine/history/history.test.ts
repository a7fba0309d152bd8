import { recalculate } from '../index';
import { applyPlanInMemory, sheetOf, workbookOf } from '../../../test/support/engine-fixtures';
import type { CellValue, CellWrite, RecalculateOptions, SheetSnapshot, WorkbookSnapshot } from '../types';
import { describeTrend } from './trend';

const NOW = new Date(2021, 9, 13, 9, 30, 0);
const JUNE = '2021-06-30';
const OCTOBER = '2021-10-13';
const HISTORY = 'Trafiklys historik';
/** Excel serials of the two as-of dates. */
const JUNE_SERIAL = 44377;
const OCTOBER_SERIAL = 44482;

/** A Danish goal sheet whose typed actuals are those of `asOf`: goal 4 is at risk in June and met in October. */
function goalSheet(when: 'june' | 'october'): SheetSnapshot {
  const june = when === 'june';
  return sheetOf('Mål 2021', [
    ['Nr.', 'Mål', 'Måltal', 'Resultat', 'Bemærkning'],
    [3, 'Tilfredshed', null, null, null],
    [3.1, 'Meget tilfredse, Drift', '≥ 80%', '%:0.75', 'ny måling i november'],
    [3.2, 'Meget tilfredse, Vækst', '≥ 80%', june ? '%:0.70' : '%:0.81', null],
    [4, 'Knudepunkt', '2021: ≥45%; 2022: ≥47%', june ? '%:0.42' : '%:0.5', null],
    [5, 'Balance', '40–60 %', null, null],
    [6, 'Grøn omstilling', 'udført senest 31-12-2021', june ? 'i gang' : 'udført', null],
  ]);
}

function book(when: 'june' | 'october', ...extra: SheetSnapshot[]): WorkbookSnapshot {
  return workbookOf(goalSheet(when), sheetOf('Trafiklys', [['År', 2021]]), ...extra);
}

function run(snapshot: WorkbookSnapshot, asOf: string, options: Partial<RecalculateOptions> = {}) {
  return recalculate(snapshot, { now: NOW, asOf, ...options });
}

/** Recalculates and applies the plan, as an adapter would. */
function recalcInto(snapshot: WorkbookSnapshot, asOf: string, options: Partial<RecalculateOptions> = {}): WorkbookSnapshot {
  return applyPlanInMemory(snapshot, run(snapshot, asOf, options).plan);
}

function sheetNamed(snapshot: WorkbookSnapshot, name: string): SheetSnapshot {
  const sheet = snapshot.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Replaces the goal sheet's typed actuals with October's, keeping every other sheet (the analyst pastes new figures). */
function withOctoberFigures(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const october = goalSheet('october');
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((sheet) => {
      if (sheet.name !== 'Mål 2021') return sheet;
      const values = sheet.values.map((row, r) => row.map((cell, c) => (c === 3 && r > 0 ? (october.values[r]?.[c] ?? null) : cell)));
      return { ...sheet, values };
    }),
  };
}

function historyWrites(writes: CellWrite[]): CellWrite[] {
  return writes.filter((write) => write.sheet === HISTORY);
}

describe('the history sheet (SPEC §8)', () => {
  it('is created with the header and one row per evaluated goal row, values in the row unit', () => {
    const result = run(book('june'), JUNE);
    expect(result.plan.addSheets).toEqual([HISTORY]);
    expect(result.plan.sheetSetups).toEqual([{ sheet: HISTORY, clear: true, columnWidths: [12, 6, 14, 7, 36, 9, 11, 11, 14] }]);
    const after = sheetNamed(applyPlanInMemory(book('june'), result.plan), HISTORY);
    expect(after.values[0]).toEqual(['Opgjort pr.', 'År', 'Ark', 'Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Status']);
    expect(after.values.slice(1)).toEqual([
      [JUNE_SERIAL, 2021, 'Mål 2021', '3', 'Tilfredshed', null, null, null, 'Ikke opfyldt'],
      [JUNE_SERIAL, 2021, 'Mål 2021', '3.1', 'Meget tilfredse, Drift', '%', 0.8, 0.75, 'I risiko'],
      [JUNE_SERIAL, 2021, 'Mål 2021', '3.2', 'Meget tilfredse, Vækst', '%', 0.8, 0.7, 'Ikke opfyldt'],
      [JUNE_SERIAL, 2021, 'Mål 2021', '4', 'Knudepunkt', '%', 0.45, 0.42, 'I risiko'],
      [JUNE_SERIAL, 2021, 'Mål 2021', '5', 'Balance', '%', '40–60 %', null, 'Afventer data'],
      [JUNE_SERIAL, 2021, 'Mål 2021', '6', 'Grøn omstilling', 'milepæl', null, 'i gang', 'På vej'],
    ]);
    expect(after.numberFormats?.[2]?.slice(0, 8)).toEqual(['dd-mm-yyyy', '0', undefined, '@', undefined, undefined, '0.0%', '0.0%']);
    const status31 = historyWrites(result.plan.writes).find((write) => write.row === 2 && write.col === 8);
    expect(status31).toMatchObject({ value: 'I risiko', fill: '#FFEB9C', fontColor: '#9C5700' });
    expect(result.history?.map((entry) => [entry.asOf, entry.id, entry.status])).toEqual([
      [JUNE, '3', 'off-track'],
      [JUNE, '3.1', 'at-risk'],
      [JUNE, '3.2', 'off-track'],
      [JUNE, '4', 'at-risk'],
      [JUNE, '5', 'no-data'],
      [JUNE, '6', 'on-track'],
    ]);
  });

  it('gives the same sheet on a second recalculation of the same snapshot', () => {
    const once = recalcInto(book('june'), JUNE);
    const second = run(once, JUNE);
    expect(second.findings).toEqual([]);
    expect(second.plan.addSheets).toEqual([]);
    const twice = applyPlanInMemory(once, second.plan);
    expect(sheetNamed(twice, HISTORY)).toEqual(sheetNamed(once, HISTORY));
    expect(sheetNamed(twice, 'Mål 2021')).toEqual(sheetNamed(once, 'Mål 2021'));
  });

  it('keeps earlier snapshots, adds the later one after them and reads it all back as entries', () => {
    const june = recalcInto(book('june'), JUNE);
    const result = run(withOctoberFigures(june), OCTOBER);
    const after = sheetNamed(applyPlanInMemory(withOctoberFigures(june), result.plan), HISTORY);
    expect(after.values.slice(1).map((row) => [row[0], row[3], row[8]])).toEqual([
      [JUNE_SERIAL, '3', 'Ikke opfyldt'],
      [JUNE_SERIAL, '3.1', 'I risiko'],
      [JUNE_SERIAL, '3.2', 'Ikke opfyldt'],
      [JUNE_SERIAL, '4', 'I risiko'],
      [JUNE_SERIAL, '5', 'Afventer data'],
      [JUNE_SERIAL, '6', 'På vej'],
      [OCTOBER_SERIAL, '3', 'I risiko'],
      [OCTOBER_SERIAL, '3.1', 'I risiko'],
      [OCTOBER_SERIAL, '3.2', 'Opfyldt'],
      [OCTOBER_SERIAL, '4', 'Opfyldt'],
      [OCTOBER_SERIAL, '5', 'Afventer data'],
      [OCTOBER_SERIAL, '6', 'Opfyldt'],
    ]);
    expect(result.history?.length).toBe(12);
    expect(result.history?.[3]).toEqual({
      asOf: JUNE, year: 2021, sheet: 'Mål 2021', id: '4', title: 'Knudepunkt', unit: '%', target: 45, actual: 42, status: 'at-risk',
    });
  });

  it('replaces only its own snapshot: a June recalculation after October leaves October be and sorts before it', () => {
    const october = recalcInto(book('october'), OCTOBER);
    const back = run(october, JUNE); // the same figures, reported as of June: another key
    const rows = sheetNamed(applyPlanInMemory(october, back.plan), HISTORY).values.slice(1);
    expect(rows.map((row) => row[0])).toEqual([...Array(6).fill(JUNE_SERIAL), ...Array(6).fill(OCTOBER_SERIAL)]);
  });

  it('reads back a sheet the user sorted, thinned and extended, and writes it in order with their column', () => {
    const june = recalcInto(book('june'), JUNE);
    const both = recalcInto(withOctoberFigures(june), OCTOBER);
    const history = sheetNamed(both, HISTORY);
    const [header, ...rows] = history.values;
    const formats = history.numberFormats ?? [];
    // Sorted newest first, June's goal 5 deleted, a column "Note" added with a note on October's goal 4.
    const kept = rows.map((row, i) => ({ row, format: formats[i + 1] ?? [] })).filter(({ row }) => !(row[0] === JUNE_SERIAL && row[3] === '5'));
    kept.reverse();
    const edited: SheetSnapshot = {
      name: HISTORY,
      values: [[...header, 'Note'], ...kept.map(({ row }) => [...row, row[0] === OCTOBER_SERIAL && row[3] === '4' ? 'målt i september' : null])],
      numberFormats: [[], ...kept.map(({ format }) => [...format])],
    };
    const book2 = { ...both, sheets: both.sheets.map((sheet) => (sheet.name === HISTORY ? edited : sheet)) };
    const result = run(book2, OCTOBER);
    expect(result.findings).toEqual([]);
    const after = sheetNamed(applyPlanInMemory(book2, result.plan), HISTORY);
    expect(after.values[0]).toEqual([...header, 'Note']);
    expect(after.values.slice(1).map((row) => [row[0], row[3], row[9] ?? null])).toEqual([
      [JUNE_SERIAL, '3', null],
      [JUNE_SERIAL, '3.1', null],
      [JUNE_SERIAL, '3.2', null],
      [JUNE_SERIAL, '4', null],
      [JUNE_SERIAL, '6', null],
      [OCTOBER_SERIAL, '3', null],
      [OCTOBER_SERIAL, '3.1', null],
      [OCTOBER_SERIAL, '3.2', null],
      [OCTOBER_SERIAL, '4', 'målt i september'],
      [OCTOBER_SERIAL, '5', null],
      [OCTOBER_SERIAL, '6', null],
    ]);
  });

  it('reports an unreadable row with its cell, keeps it verbatim at the end and changes nothing else', () => {
    const june = recalcInto(book('june'), JUNE);
    const history = sheetNamed(june, HISTORY);
    const broken: SheetSnapshot = { ...history, values: history.values.map((row) => [...row]), numberFormats: history.numberFormats?.map((row) => [...(row ?? [])]) };
    broken.values[2]![8] = 'Grønt lys';
    const bad = { ...june, sheets: june.sheets.map((sheet) => (sheet.name === HISTORY ? broken : sheet)) };
    const result = run(withOctoberFigures(bad), OCTOBER);
    expect(result.findings).toEqual([
      { cell: "'Trafiklys historik'!I3", message: 'Status "Grønt lys" is not a status label; the history row is kept as it is and left out of trends' },
    ]);
    const after = sheetNamed(applyPlanInMemory(withOctoberFigures(bad), result.plan), HISTORY);
    expect(after.values.at(-1)).toEqual(broken.values[2]);
    expect(after.numberFormats?.[after.values.length - 1]?.[6]).toBe('0.0%');
    expect(after.values.length).toBe(1 + 11 + 1);
    // The other rows and the goal sheet are exactly what they are without the bad row: its goal's trend is gone, nothing more.
    const clean = run(withOctoberFigures(june), OCTOBER);
    const goalWrites = (writes: CellWrite[]) => writes.filter((write) => write.sheet === 'Mål 2021');
    const differing = goalWrites(result.plan.writes).filter((write, i) => JSON.stringify(write) !== JSON.stringify(goalWrites(clean.plan.writes)[i]));
    expect(differing).toEqual([{ sheet: 'Mål 2021', row: 2, col: 9, value: null }]); // 3.1's Udvikling
  });

  it('keeps a row whose as-of date is not a date, with a finding naming the cell', () => {
    const june = recalcInto(book('june'), JUNE);
    const history = sheetNamed(june, HISTORY);
    const values = history.values.map((row) => [...row]);
    values[4]![0] = 'sidste kvartal';
    const bad = { ...june, sheets: june.sheets.map((sheet) => (sheet.name === HISTORY ? { ...history, values } : sheet)) };
    const result = run(bad, OCTOBER);
    expect(result.findings).toEqual([
      { cell: "'Trafiklys historik'!A5", message: 'Opgjort pr. "sidste kvartal" is not a date; the history row is kept as it is and left out of trends' },
    ]);
    const after = sheetNamed(applyPlanInMemory(bad, result.plan), HISTORY);
    expect(after.values.at(-1)).toEqual(values[4]);
    expect(result.history?.some((entry) => entry.asOf === JUNE && entry.id === '4')).toBe(false);
  });

  it('leaves a sheet with a foreign header untouched, with an error finding, and plans the rest as without history', () => {
    const foreign = sheetOf(HISTORY, [['Dato', 'Hvad'], ['2021-01-01', 'mit eget']]);
    const result = run(book('june', foreign), JUNE);
    expect(result.findings).toEqual([
      {
        cell: "'Trafiklys historik'!A1",
        message:
          'Trafiklys historik does not start with the history header (Opgjort pr., År, Ark, Nr., Mål, Enhed, Måltal, Resultat, Status); the sheet is left as it is and no history is kept',
      },
    ]);
    expect(historyWrites(result.plan.writes)).toEqual([]);
    expect(result.plan.sheetSetups).toBeUndefined();
    expect(result.plan.addSheets).toEqual([]);
    expect(result.history).toEqual([]);
    const off = run(workbookOf(goalSheet('june'), sheetOf('Trafiklys', [['År', 2021], ['Historik', 'nej']])), JUNE);
    expect(result.plan.writes.filter((write) => write.sheet === 'Mål 2021')).toEqual(off.plan.writes.filter((write) => write.sheet === 'Mål 2021'));
  });

  it('is turned off by History = nej, which still reports the stored snapshots and trends from them', () => {
    const june = recalcInto(book('june'), JUNE);
    const settings = sheetNamed(june, 'Trafiklys');
    const off = { ...june, sheets: june.sheets.map((sheet) => (sheet.name === 'Trafiklys' ? { ...settings, values: [...settings.values, ['Historik', 'nej']] } : sheet)) };
    const result = run(withOctoberFigures(off), OCTOBER);
    expect(historyWrites(result.plan.writes)).toEqual([]);
    expect(result.plan.sheetSetups).toBeUndefined();
    expect(result.history?.map((entry) => entry.asOf)).toEqual(Array(6).fill(JUNE));
    expect(result.sheets[0]!.rows.find((row) => row.id === '4')?.trend?.text).toBe('▲ fra I risiko (30-06-2021)');
    const fresh = run(workbookOf(goalSheet('june'), sheetOf('Trafiklys', [['History', 'no']])), JUNE);
    expect(fresh.plan.addSheets).toEqual([]);
  });

  it('reports a History setting that is neither yes nor no and keeps the history', () => {
    const result = run(workbookOf(goalSheet('june'), sheetOf('Trafiklys', [['Historik', 'måske']])), JUNE);
    expect(result.findings).toEqual([{ cell: 'Trafiklys!B1', message: 'History "måske" is neither yes nor no (ja/nej); ignored' }]);
    expect(result.plan.addSheets).toEqual([HISTORY]);
  });

  it('is not read as a goal sheet, though its header has an ID and a Target column', () => {
    const june = recalcInto(book('june'), JUNE);
    expect(run(june, OCTOBER).sheets.map((sheet) => sheet.name)).toEqual(['Mål 2021']);
  });
});

describe('the trend (SPEC §8)', () => {
  it('compares each row with the latest earlier snapshot and writes Udvikling after Afvigelse, before Forklaring', () => {
    const june = recalcInto(book('june'), JUNE);
    const goal = sheetNamed(june, 'Mål 2021');
    expect(goal.values[0]).toEqual(['Nr.', 'Mål', 'Måltal', 'Resultat', 'Bemærkning', 'Måltal 2021', 'Måltal 2022', 'Status', 'Afvigelse', 'Forklaring']);
    const result = run(withOctoberFigures(june), OCTOBER);
    const trends = Object.fromEntries(result.sheets[0]!.rows.map((row) => [row.id, row.trend?.text ?? null]));
    expect(trends).toEqual({
      '3': '▲ fra Ikke opfyldt (30-06-2021)',
      '3.1': '= siden 30-06-2021',
      '3.2': '▲ fra Ikke opfyldt (30-06-2021)',
      '4': '▲ fra I risiko (30-06-2021)',
      // Afventer data then and now: the same status, whatever it is (SPEC §8).
      '5': '= siden 30-06-2021',
      '6': '▲ fra På vej (30-06-2021)',
    });
    expect(result.sheets[0]!.rows.find((row) => row.id === '4')?.trend).toEqual({
      direction: 'up', previousStatus: 'at-risk', since: JUNE, text: '▲ fra I risiko (30-06-2021)',
    });
    const after = sheetNamed(applyPlanInMemory(withOctoberFigures(june), result.plan), 'Mål 2021');
    expect(after.values[0]!.slice(7)).toEqual(['Status', 'Afvigelse', 'Udvikling', 'Forklaring']);
    expect(after.values[4]!.slice(7, 10)).toEqual(['Opfyldt', 5, '▲ fra I risiko (30-06-2021)']);
    expect(after.values[4]![10]).toBe('50 % mod måltal 45 % (+5 pp)');
  });

  it('has no Trend column when the history holds no earlier as-of date for the sheet', () => {
    const result = run(book('october'), OCTOBER);
    expect(result.sheets[0]!.rows.every((row) => row.trend === null)).toBe(true);
    expect(result.plan.writes.some((write) => write.value === 'Udvikling')).toBe(false);
  });

  it('appends Trend after the last header when the user has a column right of Explanation', () => {
    const june = recalcInto(book('june'), JUNE);
    const goal = sheetNamed(june, 'Mål 2021');
    const values = goal.values.map((row, r) => (r === 0 ? [...row, 'Mine noter'] : [...row]));
    const withNotes = { ...june, sheets: june.sheets.map((sheet) => (sheet === goal ? { ...goal, values } : sheet)) };
    const result = run(withNotes, OCTOBER);
    const header = result.plan.writes.filter((write) => write.sheet === 'Mål 2021' && write.row === 0);
    expect(header).toEqual([{ sheet: 'Mål 2021', row: 0, col: 11, value: 'Udvikling', bold: true }]);
  });

  it('speaks English on an English sheet and in an English history', () => {
    const english = workbookOf(sheetOf('Goals', [['ID', 'Target', 'Actual'], [1, '≥ 80%', '%:0.7'], [2, '≥ 5', 6]]));
    const first = recalcInto(english, JUNE);
    expect(sheetNamed(first, 'Trafiklys history').values[0]).toEqual(['As of', 'Year', 'Sheet', 'ID', 'Goal', 'Unit', 'Target', 'Actual', 'Status']);
    const later = run(first, OCTOBER);
    expect(later.sheets[0]!.rows.map((row) => row.trend?.text)).toEqual(['= since 30-06-2021', '= since 30-06-2021']);
  });

  it('says up, down, same and changed in both languages', () => {
    const before = { status: 'at-risk' as const, asOf: JUNE };
    expect(describeTrend('met', before, 'en').text).toBe('▲ from At risk (30-06-2021)');
    expect(describeTrend('off-track', before, 'da')).toEqual({ direction: 'down', previousStatus: 'at-risk', since: JUNE, text: '▼ fra I risiko (30-06-2021)' });
    expect(describeTrend('at-risk', before, 'da').text).toBe('= siden 30-06-2021');
    expect(describeTrend('no-data', before, 'en')).toMatchObject({ direction: 'changed', text: 'from At risk (30-06-2021)' });
    expect(describeTrend('no-data', { status: 'no-data', asOf: JUNE }, 'en')).toEqual({ direction: 'same', previousStatus: 'no-data', since: JUNE, text: '= since 30-06-2021' });
    expect(describeTrend('no-data', { status: 'no-data', asOf: JUNE }, 'da').text).toBe('= siden 30-06-2021');
    expect(describeTrend('not-applicable', { status: 'no-target', asOf: JUNE }, 'da').text).toBe('fra Uden måltal (30-06-2021)');
  });

  it('takes the latest earlier snapshot of the same year only', () => {
    const rows: CellValue[][] = [
      ['Opgjort pr.', 'År', 'Ark', 'Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Status'],
      ['2021-03-31', 2021, 'Mål 2021', '4', 'Knudepunkt', '%', 0.45, 0.5, 'Opfyldt'],
      ['2021-06-30', 2021, 'Mål 2021', '4', 'Knudepunkt', '%', 0.45, 0.3, 'Ikke opfyldt'],
      ['2021-09-30', 2020, 'Mål 2021', '4', 'Knudepunkt', '%', 0.45, 0.5, 'Opfyldt'],
      ['2021-12-31', 2021, 'Mål 2021', '4', 'Knudepunkt', '%', 0.45, 0.5, 'Opfyldt'],
    ];
    const result = run(book('october', sheetOf(HISTORY, rows)), OCTOBER);
    expect(result.findings).toEqual([]);
    expect(result.sheets[0]!.rows.find((row) => row.id === '4')?.trend?.text).toBe('▲ fra Ikke opfyldt (30-06-2021)');
  });
});
