import { recalculate } from '../index';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../types';
import { listSourceColumns, type SourceColumns } from './source-columns';

const GOAL_HEADER: CellValue[] = ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Kilde'];

/** Unit and target of a goal row by its source's function, so every row's unit fits its source. */
function unitAndTarget(source: string): [string, string] {
  if (source.startsWith('nps')) return ['NPS', '≥ 10'];
  if (source.startsWith('count')) return ['antal', '≥ 50'];
  if (source.startsWith('mean')) return ['tal', '≥ 5'];
  return ['%', '≥ 50 %'];
}

/** A Danish goal sheet with one row per source. */
function goalSheet(sources: string[], name = 'Mål 2021'): SheetSnapshot {
  return { name, values: [GOAL_HEADER, ...sources.map((source, i): CellValue[] => [String(i + 1), `Mål ${i + 1}`, ...unitAndTarget(source), source])] };
}

/** A survey sheet: header, then `rows` answers (A Id, B Segment, C Svar, D Score, E Dato, F CVR, G Fritekst). */
function surveySheet(name: string, rows = 6): SheetSnapshot {
  const values: CellValue[][] = [['Id', 'Segment', 'Svar', 'Score', 'Dato', 'CVR', 'Fritekst']];
  for (let i = 0; i < rows; i++) {
    values.push([i + 1, i % 2 ? 'Drift' : 'Vækst', ['Ja', 'Nej', 'Ved ikke'][i % 3]!, i % 11, 44200 + i, `DK${10150817 + i * 11}`, `svar ${i}`]);
  }
  return { name, values };
}

function needsOf(...sheets: SheetSnapshot[]): Record<string, unknown> {
  return Object.fromEntries(listSourceColumns({ sheets }));
}

describe('listSourceColumns', () => {
  it('lists the measured and filter columns of every source, sorted, by header', () => {
    const goals = goalSheet(['share(Data!Svar = "Ja"; Segment = "Drift")', 'mean(Data!Score; Dato >= 2021-01-01)']);
    expect(needsOf(goals, surveySheet('Data'))).toEqual({ 'Mål 2021': 'all', Data: [1, 2, 3, 4] });
  });

  it('reads a bare name that is no header as a column letter, and a header before a letter', () => {
    const data: SheetSnapshot = { name: 'Data', values: [['Id', 'B', 'Svar'], [1, 'x', 'Ja'], [2, 'y', 'Nej']] };
    // `Data!G` is column G (no header G); `Data!b` is the header "B" (column B), also a letter.
    expect(needsOf(goalSheet(['count(Data!G)', 'count(Data!b; Svar = "Ja")']), data)).toEqual({ 'Mål 2021': 'all', Data: [1, 2, 6] });
  });

  it('lists all = and previous = columns, on their own sheets or on the measured sheet', () => {
    const kommuner: SheetSnapshot = { name: 'Kommuner', values: [['Nr', 'Navn'], [1, 'Aalborg'], [2, 'Læsø']] };
    const old = surveySheet('Data2020');
    const sources = [
      'coverage(Data!Svar; all = Kommuner!Navn; min = 2)',
      'share_new(Data!CVR; previous = Data2020!CVR)',
      'coverage(Data!Fritekst; all = Segment)',
    ];
    expect(needsOf(goalSheet(sources), surveySheet('Data'), kommuner, old)).toEqual({
      'Mål 2021': 'all',
      Data: [1, 2, 5, 6],
      Kommuner: [1],
      Data2020: [5],
    });
  });

  it('finds sheets by exact name, then ignoring case, and keys them by their real name', () => {
    const sources = ['count(data!Svar)', "count('MORE DATA'!Score)"];
    expect(needsOf(goalSheet(sources), surveySheet('Data'), surveySheet('More data'))).toEqual({ 'Mål 2021': 'all', Data: [2], 'More data': [3] });
  });

  it('gives [] to a sheet no source names, and reads nothing for unknown sheets, syntax errors and goal()', () => {
    const sources = ['count(Nowhere!Svar)', 'share(Data!Svar = "Ja"', 'goal(1)', 'count(Data!Svar; Other!Segment = "x")'];
    // The last one is a syntax error too: a filter on another sheet than the measured one.
    expect(needsOf(goalSheet(sources), surveySheet('Data'), surveySheet('Unused'))).toEqual({ 'Mål 2021': 'all', Data: [], Unused: [] });
  });

  it('gives all to a sheet with a reference it cannot resolve, so the engine reports it from the whole sheet', () => {
    const sources = ['count(Data!Svar)', 'count(Data![Kompetence])', 'count(Other!Svar; Kompetencer = "x")'];
    expect(needsOf(goalSheet(sources), surveySheet('Data'), surveySheet('Other'))).toEqual({ 'Mål 2021': 'all', Data: 'all', Other: 'all' });
  });

  it('gives all to a sheet whose head has no header row, or too few rows to decide the Qualtrics skip', () => {
    const blankHead: SheetSnapshot = { name: 'Late', values: Array.from({ length: 20 }, () => [null, '  ']) };
    const short: SheetSnapshot = { name: 'Short', values: [['Id', 'Svar'], [null, null], [1, 'Ja']] };
    const sources = ['count(Late!A)', 'count(Short!Svar)'];
    expect(needsOf(goalSheet(sources), blankHead, short)).toEqual({ 'Mål 2021': 'all', Late: 'all', Short: 'all' });
  });

  it('gives all to labels sheets: one named Labels, and one a labels = option names', () => {
    const labels: SheetSnapshot = { name: 'labels', values: [['s_1', 1, 'Drift']] };
    const codes: SheetSnapshot = { name: 'Koder', values: [['s_3', 1, 'Ja']] };
    const sources = ['count(Data!Svar; labels = Koder)'];
    expect(needsOf(goalSheet(sources), surveySheet('Data'), labels, codes)).toEqual({ 'Mål 2021': 'all', Data: [2], labels: 'all', Koder: 'all' });
  });

  it('gives all to every goal sheet and the settings sheet, and reads the sources of each goal sheet', () => {
    const settings: SheetSnapshot = { name: 'Trafiklys', values: [['År', 2021]] };
    const second = goalSheet(['nps(Data!Score)'], 'Mål 2022');
    expect(needsOf(goalSheet(['count(Data!CVR)']), second, settings, surveySheet('Data'))).toEqual({
      'Mål 2021': 'all',
      'Mål 2022': 'all',
      Trafiklys: 'all',
      Data: [3, 5],
    });
  });

  it('reads a Qualtrics export past its two extra header rows', () => {
    const qualtrics: SheetSnapshot = {
      name: 'Qualtrics',
      values: [
        ['StartDate', 'EndDate', 'Status', 'ResponseId', 'Q1', 'Q2', 'Q3_TEXT'],
        ['Start Date', 'End Date', 'Response Type', 'Response ID', 'Did you use the advice?', 'How likely are you to recommend us?', 'Anything else?'],
        ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"status"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3_TEXT"}'],
        ['2021-10-01', '2021-10-01', 'IP Address', 'R_1', 'Yes', 10, ''],
      ],
    };
    const sources = ['share(Qualtrics!Q1 = "Yes"; Status = "IP Address")', 'nps(Qualtrics!Q2)'];
    expect(needsOf(goalSheet(sources), qualtrics)).toEqual({ 'Mål 2021': 'all', Qualtrics: [2, 4, 5] });
  });

  it('leaves its input as it was', () => {
    const snapshot: WorkbookSnapshot = { sheets: [goalSheet(['count(Data!Svar)']), surveySheet('Data')] };
    const before = JSON.stringify(snapshot);
    listSourceColumns(snapshot);
    expect(JSON.stringify(snapshot)).toBe(before);
  });
});

/** What an adapter reads: every `'all'` sheet whole; of the others the head, then only the listed columns. */
function pruneSnapshot(snapshot: WorkbookSnapshot, needs: SourceColumns, headRows = 20): WorkbookSnapshot {
  return {
    sheets: snapshot.sheets.map((sheet) => {
      const need = needs.get(sheet.name) ?? 'all';
      if (need === 'all') return sheet;
      const values = sheet.values.map((row, r) => (r < headRows ? row : row.map((cell, c) => (need.includes(c) ? cell : null))));
      return { ...sheet, values };
    }),
  };
}

describe('pruning by listSourceColumns changes no outcome', () => {
  it('gives the same statuses, values, explanations (row numbers too) and plan as the whole workbook', () => {
    // 200 answers; every 7th row has only a free-text answer (a row blank in every column the
    // sources read), some cells hold an Excel error or an unreadable date, and the sheet is a
    // Qualtrics export, so row numbers shift by its two header rows.
    const values: CellValue[][] = [
      ['StartDate', 'ResponseId', 'Segment', 'Svar', 'Score', 'Dato', 'CVR', 'Fritekst'],
      ['Start Date', 'Response ID', 'Segment', 'Er du tilfreds?', 'Anbefaling', 'Dato', 'CVR', 'Kommentar'],
      ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3"}', '{"ImportId":"QID4"}', '{"ImportId":"QID5"}', '{"ImportId":"QID6"}'],
    ];
    for (let i = 0; i < 200; i++) {
      if (i % 7 === 3) {
        values.push(['2021-10-01', `R_${i}`, null, null, null, null, null, `kun tekst ${i}`]);
        continue;
      }
      values.push([
        '2021-10-01',
        `R_${i}`,
        i % 2 ? 'Drift' : 'Vækst',
        i % 13 === 0 ? { error: '#N/A' } : ['Meget tilfreds', 'Tilfreds', 'Ved ikke'][i % 3]!,
        i % 17 === 0 ? 'ti' : i % 11,
        i % 19 === 0 ? 'i går' : 44200 + i,
        i % 23 === 0 ? 'DK12345678' : `DK${10150817 + (i % 40) * 11}`,
        `svar ${i}`,
      ]);
    }
    const sources = [
      'share(Q!Svar = "Meget tilfreds"; Segment = "Drift")',
      'nps(Q!Score; Segment = "Vækst")',
      'count(Q!CVR; Dato >= 2021-01-01)',
      'count_unique(Q!CVR)',
      'mean(Q!E; Segment <> "Drift")',
      'share(Q!Svar = "Tilfreds"; Dato < 2021-03-01)',
    ];
    const snapshot: WorkbookSnapshot = { sheets: [goalSheet(sources), { name: 'Q', values }, surveySheet('Unused', 30)] };
    const needs = listSourceColumns(snapshot);
    expect(Object.fromEntries(needs)).toEqual({ 'Mål 2021': 'all', Q: [2, 3, 4, 5, 6], Unused: [] });
    const options = { now: new Date(2021, 9, 13, 12), asOf: '2021-10-13' };
    const full = recalculate(snapshot, options);
    // The test is worth something only if the sources found invalid rows and rows outside the base.
    const explanations = full.sheets[0]!.rows.map((row) => row.explanation).join('\n');
    // Row numbers of invalid answers (the #N/A rows), and the 9 unreadable dates, in either language.
    expect(explanations).toContain('17, 43, 69, 95, 121, 173, 199');
    expect(explanations).toMatch(/9 (rows failed|rækker)/);
    expect(full.sheets[0]!.rows.map((row) => row.status)).not.toContain('error');
    expect(recalculate(pruneSnapshot(snapshot, needs), options)).toEqual(full);
  });
});
