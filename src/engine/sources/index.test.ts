import { dayFromYmd, excelSerialFromDay } from '../dates';
import type { CellValue, SheetSnapshot, SourceOutcome, WorkbookSnapshot } from '../types';
import { createSourceEvaluator } from './index';

const NBSP = '\u00a0';
const serial = (y: number, m: number, d: number): number => excelSerialFromDay(dayFromYmd(y, m, d));

/** A survey export as pasted: rows 1-based as in Excel, row 7 blank on purpose. */
const TILFREDSHED: SheetSnapshot = {
  name: 'Tilfredshed',
  values: [
    /* 1 */ ['Segment', 'Kompetencer', 'Anbefaling', 'Dato', 'Score'],
    /* 2 */ ['Drift', 'Meget tilfreds', '10 - Meget sandsynligt', '2021-03-01', 4],
    /* 3 */ ['Drift', 'Tilfreds', 9, serial(2021, 3, 1), '4,5'],
    /* 4 */ ['Drift', 'Ved ikke', 7, '13-10-2021', 2],
    /* 5 */ ['Vækst', 'Meget tilfreds', 3, '13.10.2021', 5],
    /* 6 */ [` drift${NBSP}`, `meget tilfreds${NBSP}`, 6, 'i går', 'mange'],
    /* 7 */ [null, '', null],
    /* 8 */ ['Drift', 'Meget tilfreds', 'Ved ikke', null, 3],
    /* 9 */ ['Drift', null, 10, serial(2021, 10, 13), 1],
    /* 10 */ ['Drift', 'Utilfreds', 'elleve', '2021-10-13T00:00:00.000Z', null],
  ],
};

function book(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets: [{ name: 'Mål 2021', values: [['ID', 'Target', 'Source']] }, ...sheets] };
}

function evaluate(snapshot: WorkbookSnapshot, expression: string): SourceOutcome {
  return createSourceEvaluator(snapshot).evaluate(expression, "'Mål 2021'!J7", 'Source');
}

describe('share', () => {
  it('counts the base after filters, blanks and Ved ikke; compares text trimmed (NBSP too) and case-insensitively', () => {
    // Drift rows: 2, 3, 4, 6 (" drift<NBSP>"), 8, 9, 10. Row 9 is blank, row 4 is "Ved ikke":
    // base = 2, 3, 6, 8, 10 (n = 5); "Meget tilfreds" in 2, 6, 8 → 3 / 5 = 60 %.
    expect(evaluate(book(TILFREDSHED), 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift")')).toEqual({
      kind: 'value',
      value: 60,
      unit: '%',
      base: 'n = 5; 1 "Ved ikke" left out',
    });
  });

  it('replaces the default exclude list when exclude is given', () => {
    // exclude = ("Tilfreds"): Ved ikke (row 4) is back in the base, Tilfreds (row 3) is out:
    // base = 2, 4, 6, 8, 10 → 3 / 5 = 60 %.
    expect(evaluate(book(TILFREDSHED), 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift"; exclude = ("Tilfreds"))')).toEqual({
      kind: 'value',
      value: 60,
      unit: '%',
      base: 'n = 5; 1 "Tilfreds" left out',
    });
  });

  it('supports in (...) and <>', () => {
    // All rows with an answer: 2, 3, 5, 6, 8, 10 (4 is Ved ikke) → n = 6.
    // in ("Meget tilfreds", "Tilfreds"): 2, 3, 5, 6, 8 → 5 / 6; <> "Utilfreds": the same five.
    const inList = evaluate(book(TILFREDSHED), 'share(Tilfredshed!Kompetencer in ("Meget tilfreds", "Tilfreds"))');
    const notEqual = evaluate(book(TILFREDSHED), 'share(Tilfredshed!Kompetencer <> "Utilfreds")');
    expect(inList).toMatchObject({ kind: 'value', value: (5 / 6) * 100 });
    expect(notEqual).toMatchObject({ kind: 'value', value: (5 / 6) * 100 });
  });

  it('lists measured cells that a numeric condition cannot read as invalid answers', () => {
    // Score by row: 2: 4, 3: "4,5", 4: 2, 5: 5, 6: "mange", 8: 3, 9: 1, 10: blank. Row 6 is invalid,
    // so n = 6 (rows 2, 3, 4, 5, 8, 9); Score >= 4 in rows 2, 3, 5 → 3 / 6 = 50 %.
    expect(evaluate(book(TILFREDSHED), 'share(Tilfredshed!Score >= 4)')).toEqual({
      kind: 'value',
      value: 50,
      unit: '%',
      base: 'n = 6; 1 invalid answer in row 6',
    });
  });

  it('is no-data, never 0 %, over an empty base', () => {
    expect(evaluate(book(TILFREDSHED), 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Ingen")')).toEqual({
      kind: 'no-data',
      base: 'n = 0',
    });
  });
});

describe('nps', () => {
  it('reads 0–10 and labels starting with a score; lists invalid answers by row', () => {
    // Drift rows 2, 3, 4, 6, 8, 9, 10: 10 (label), 9, 7, 6, "Ved ikke" (left out), 10, "elleve" (invalid, row 10).
    // Valid: 10, 9, 7, 6, 10 → promoters 3, detractors 1, n = 5 → (3 − 1) / 5 × 100 = 40.
    expect(evaluate(book(TILFREDSHED), 'nps(Tilfredshed!Anbefaling; Segment = "Drift")')).toEqual({
      kind: 'value',
      value: 40,
      unit: 'NPS',
      base: 'n = 5; 1 "Ved ikke" left out; 1 invalid answer in row 10',
    });
  });

  it('is no-data over an empty base', () => {
    expect(evaluate(book(TILFREDSHED), 'nps(Tilfredshed!Anbefaling; Segment = "Ingen")')).toEqual({ kind: 'no-data', base: 'n = 0' });
  });
});

describe('filters on dates and numbers', () => {
  it('reads ISO text, serials, Danish day-first text and JS date text; counts unreadable cells', () => {
    // Dato ≥ 2021-06-01: row 4 (13-10-2021), 5 (13.10.2021), 9 (serial), 10 (ISO date-time) pass;
    // rows 2 and 3 are March; row 6 "i går" is not a date (counted); row 8 is blank (fails, not counted).
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; Dato >= 2021-06-01)')).toEqual({
      kind: 'value',
      value: 4,
      unit: 'count',
      base: 'n = 4; 1 row failed the filter Dato (not a date)',
    });
  });

  it('compares numbers as values, Danish decimal commas included', () => {
    // Score > 3,5: 4 (row 2), "4,5" (3), 5 (5) → 3; "mange" (row 6) is not a number.
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; Score > 3,5)')).toEqual({
      kind: 'value',
      value: 3,
      unit: 'count',
      base: 'n = 3; 1 row failed the filter Score (not a number)',
    });
    // in (1, 2): rows 4 and 9.
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; Score in (1; 2))')).toMatchObject({ value: 2 });
  });

  it('lets a blank filter cell pass <> as in COUNTIFS', () => {
    // Kompetencer <> "Meget tilfreds": rows 3, 4, 9 (blank), 10 → 4 Segment values.
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; Kompetencer <> "Meget tilfreds")')).toMatchObject({ value: 4 });
  });

  it('counts a filter that all rows must pass, whatever the order of the filters', () => {
    const a = evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; Dato >= 2021-06-01; Score >= 2)');
    const b = evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; Score >= 2; Dato >= 2021-06-01)');
    // Both: rows 4 (2) and 5 (5); row 9 has score 1, row 10 no score.
    expect(a).toMatchObject({ value: 2 });
    expect(b).toMatchObject({ value: 2 });
    expect(a.kind === 'value' && a.base).toBe('n = 2; 1 row failed the filter Dato (not a date); 1 row failed the filter Score (not a number)');
  });
});

describe('count, count_unique, CVR', () => {
  const vejledninger: SheetSnapshot = {
    name: 'Vejledninger',
    values: [
      /* 1 */ ['CVR-nr.', 'Forløb', 'Kommune'],
      /* 2 */ [10110866, 'Vækst', 'Aalborg'],
      /* 3 */ ['DK 10110866', 'Drift', 'Aalborg'],
      /* 4 */ ['DK-10388031', 'Drift', 'Thisted'],
      /* 5 */ ['12345678', 'Drift', 'Læsø'],
      /* 6 */ ['1234', 'Vækst', 'Aalborg'],
      /* 7 */ ['10506816', 'Iværksætter', 'Thisted'],
      /* 8 */ ['Ved ikke', 'Drift', 'Aalborg'],
    ],
  };

  it('normalises CVR numbers and leaves invalid ones out, reported by row', () => {
    // Vækst or Drift: rows 2–6, 8. Row 8 is Ved ikke; rows 5 (fails modulus 11) and 6 (4 digits) are invalid.
    // Base: 10110866 (twice), 10388031 → count 3, distinct 2.
    const where = 'Vejledninger![CVR-nr.]';
    expect(evaluate(book(vejledninger), `count_unique(${where}; Forløb in ("Vækst", "Drift"))`)).toEqual({
      kind: 'value',
      value: 2,
      unit: 'count',
      base: 'n = 3; 2 distinct; 1 "Ved ikke" left out; 2 invalid CVR numbers in rows 5, 6',
    });
    expect(evaluate(book(vejledninger), `count(${where}; Forløb in ("Vækst", "Drift"))`)).toMatchObject({ value: 3 });
  });

  it('compares a CVR literal with normalised digits', () => {
    expect(evaluate(book(vejledninger), 'count(Vejledninger![CVR-nr.]; [CVR-nr.] = "DK10110866")')).toMatchObject({ value: 2 });
    expect(evaluate(book(vejledninger), 'count(Vejledninger![CVR-nr.]; [CVR-nr.] = 10110866)')).toMatchObject({ value: 2 });
  });

  it('gives 0, not no-data, for count and count_unique over an empty base', () => {
    expect(evaluate(book(vejledninger), 'count(Vejledninger!Forløb; Kommune = "Morsø")')).toEqual({ kind: 'value', value: 0, unit: 'count', base: 'n = 0' });
    expect(evaluate(book(vejledninger), 'count_unique(Vejledninger!Forløb; Kommune = "Morsø")')).toMatchObject({ kind: 'value', value: 0 });
  });

  it('share_new: distinct current ids not among the previous ids', () => {
    const previous: SheetSnapshot = { name: 'Vejledninger2021', values: [['CVR'], ['10110866'], ['25313763']] };
    // Current valid distinct ids: 10110866, 10388031, 10506816 (3); 10110866 was there last year → 2 / 3.
    expect(evaluate(book(vejledninger, previous), 'share_new(Vejledninger!A; previous = Vejledninger2021!CVR)')).toEqual({
      kind: 'value',
      value: (2 / 3) * 100,
      unit: '%',
      base: 'n = 3; 2 of 3 distinct not in Vejledninger2021!CVR; 1 "Ved ikke" left out; 2 invalid CVR numbers in rows 5, 6',
    });
    expect(evaluate(book(vejledninger, previous), 'share_new(Vejledninger!A; Kommune = "Morsø"; previous = Vejledninger2021!CVR)')).toMatchObject({
      kind: 'no-data',
    });
  });

  it('coverage: the share of the all list with at least min base rows', () => {
    const kommuner: SheetSnapshot = { name: 'Kommuner', values: [['Navn'], ['Aalborg'], ['Læsø'], ['Thisted'], ['Morsø'], ['aalborg ']] };
    // Kommune over all rows: Aalborg 4 (2, 3, 6, 8), Thisted 2, Læsø 1. Distinct list: Aalborg, Læsø, Thisted, Morsø.
    // min = 2: Aalborg and Thisted → 2 / 4 = 50 %.
    expect(evaluate(book(vejledninger, kommuner), 'coverage(Vejledninger!Kommune; all = Kommuner!Navn; min = 2)')).toEqual({
      kind: 'value',
      value: 50,
      unit: '%',
      base: 'n = 7; 2 of 4 in Kommuner!Navn with at least 2 rows; not covered: Læsø, Morsø',
    });
    // Default min = 1: Aalborg, Læsø, Thisted → 75 %.
    expect(evaluate(book(vejledninger, kommuner), 'coverage(Vejledninger!Kommune; all = Kommuner!Navn)')).toMatchObject({ value: 75 });
    expect(evaluate(book(vejledninger, kommuner), 'coverage(Vejledninger!Kommune; Forløb = "x"; all = Kommuner!Navn)')).toEqual({
      kind: 'no-data',
      base: 'n = 0',
    });
  });

  it('writes the base in Danish on a Danish sheet, singular and plural', () => {
    const danish = (snapshot: WorkbookSnapshot, expression: string): SourceOutcome =>
      createSourceEvaluator(snapshot).evaluate(expression, "'Mål 2021'!J7", 'Kilde', 'da');
    const where = 'Vejledninger![CVR-nr.]';
    expect(danish(book(vejledninger), `count_unique(${where}; Forløb in ("Vækst", "Drift"))`)).toMatchObject({
      base: 'n = 3; 2 forskellige; 1 "Ved ikke" udeladt; 2 ugyldige CVR-numre i rækkerne 5, 6',
    });
    expect(danish(book(vejledninger), `count(${where}; Forløb = "Vækst")`)).toMatchObject({ base: 'n = 1; 1 ugyldigt CVR-nummer i række 6' });
    const previous: SheetSnapshot = { name: 'Vejledninger2021', values: [['CVR'], ['10110866']] };
    expect(danish(book(vejledninger, previous), 'share_new(Vejledninger!A; Forløb = "Drift"; previous = Vejledninger2021!CVR)')).toMatchObject({
      base: 'n = 2; 1 af 2 forskellige findes ikke i Vejledninger2021!CVR; 1 "Ved ikke" udeladt; 1 ugyldigt CVR-nummer i række 5',
    });
    const kommuner: SheetSnapshot = { name: 'Kommuner', values: [['Navn'], ...'ABCDEFGHIJKL'.split('').map((c) => [`By ${c}`]), ['Aalborg']] };
    expect(danish(book(vejledninger, kommuner), 'coverage(Vejledninger!Kommune; all = Kommuner!Navn)')).toMatchObject({
      base: 'n = 7; 1 af 13 i Kommuner!Navn med mindst 1 række; ikke dækket: By A, By B, By C, By D, By E, By F, By G, By H, By I, By J og 2 flere',
    });
    const dates: SheetSnapshot = { name: 'Datoer', values: [['Dato', 'Svar'], ['i går', 1], ['i dag', 2], ['2021-05-01', 3]] };
    expect(danish(book(dates), 'sum(Datoer!Svar; Dato >= 2021-01-01)')).toMatchObject({ base: 'n = 1; 2 rækker kunne ikke læses i filteret Dato (ikke en dato)' });
  });

  it('coverage with an empty all list is an error', () => {
    const empty: SheetSnapshot = { name: 'Kommuner', values: [['Navn']] };
    expect(evaluate(book(vejledninger, empty), 'coverage(Vejledninger!Kommune; all = Kommuner!Navn)')).toEqual({
      kind: 'error',
      message: "Source ('Mål 2021'!J7): the list all = Kommuner!Navn has no entries",
    });
  });
});

describe('sum, mean, median', () => {
  const budget: SheetSnapshot = {
    name: 'Budget',
    values: [['Post', 'Beløb'], ['a', 100], ['b', '1.234'], ['c', '2,5'], ['d', 'abc'], ['e', null], ['f', 'Ved ikke']],
  };

  it('reads numbers and Danish number text; lists the rest as invalid', () => {
    // 100 + 1234 + 2.5 = 1336.5; mean 445.5; median of 2.5, 100, 1234 = 100. Row 5 "abc" invalid.
    const base = 'n = 3; 1 "Ved ikke" left out; 1 invalid answer in row 5';
    expect(evaluate(book(budget), 'sum(Budget!Beløb)')).toEqual({ kind: 'value', value: 1336.5, unit: 'number', base });
    expect(evaluate(book(budget), 'mean(Budget!Beløb)')).toEqual({ kind: 'value', value: 445.5, unit: 'number', base });
    expect(evaluate(book(budget), 'median(Budget!Beløb)')).toEqual({ kind: 'value', value: 100, unit: 'number', base });
  });

  it('takes the middle pair of an even count for the median', () => {
    // 100, 1234 → 667.
    expect(evaluate(book(budget), 'median(Budget!Beløb; Post in ("a", "b"))')).toMatchObject({ value: 667 });
  });

  it('gives 0 for sum and no-data for mean and median over an empty base', () => {
    expect(evaluate(book(budget), 'sum(Budget!Beløb; Post = "z")')).toEqual({ kind: 'value', value: 0, unit: 'number', base: 'n = 0' });
    expect(evaluate(book(budget), 'mean(Budget!Beløb; Post = "z")')).toEqual({ kind: 'no-data', base: 'n = 0' });
    expect(evaluate(book(budget), 'median(Budget!Beløb; Post = "z")')).toEqual({ kind: 'no-data', base: 'n = 0' });
  });

  it('leaves Excel error values out as invalid answers', () => {
    const withError: SheetSnapshot = { name: 'Budget', values: [['Beløb'], [10], [{ error: '#N/A' }], [20]] };
    expect(evaluate(book(withError), 'sum(Budget!Beløb)')).toEqual({ kind: 'value', value: 30, unit: 'number', base: 'n = 2; 1 invalid answer in row 3' });
  });
});

describe('data sheets as pasted', () => {
  it('takes the first non-empty row as the header and matches headers as SPEC §1', () => {
    const sheet: SheetSnapshot = {
      name: 'Survey 2022',
      values: [[], [null, '  '], ['Id', `Hvor  tilfreds er du?${NBSP}:`], [1, 'Meget tilfreds'], [], [2, 'Tilfreds']],
    };
    // Header in row 3; data rows 4 and 6 → 1 / 2.
    expect(evaluate(book(sheet), `share('Survey 2022'![hvor tilfreds er du?] = "Meget tilfreds")`)).toMatchObject({ value: 50, base: 'n = 2' });
  });

  it('skips Qualtrics question-text and ImportId rows (2nd through 3rd non-empty row)', () => {
    const qualtrics: SheetSnapshot = {
      name: 'Qualtrics',
      values: [
        ['ResponseId', 'Q1'],
        ['Response ID', 'Hvor tilfreds er du?'],
        ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}'],
        ['R_1', 'Meget tilfreds'],
        ['R_2', 'Tilfreds'],
      ],
    };
    expect(evaluate(book(qualtrics), 'count(Qualtrics!Q1)')).toMatchObject({ value: 2 });
  });

  it('skips only the 2nd non-empty row when it holds the ImportId', () => {
    const qualtrics: SheetSnapshot = {
      name: 'Qualtrics',
      values: [['Q1'], [], ['{"ImportId":"QID1"}'], ['Meget tilfreds'], ['Tilfreds']],
    };
    expect(evaluate(book(qualtrics), 'count(Qualtrics!Q1)')).toMatchObject({ value: 2 });
  });

  it('skips nothing when the ImportId appears later than the 3rd non-empty row', () => {
    const sheet: SheetSnapshot = { name: 'Data', values: [['Q1'], ['a'], ['b'], ['{"ImportId":"QID1"}']] };
    expect(evaluate(book(sheet), 'count(Data!Q1)')).toMatchObject({ value: 3 });
  });

  it('reads a bare name that matches no header as a column letter, but never a bracketed one', () => {
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed!B; Segment = "Vækst")')).toMatchObject({ value: 1 });
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed![B])')).toEqual({
      kind: 'error',
      message: `Source ('Mål 2021'!J7): unknown column "B" on sheet Tilfredshed; closest: Dato, Score, Segment`,
    });
  });

  it('finds sheets regardless of case', () => {
    expect(evaluate(book(TILFREDSHED), 'count(tilfredshed!Segment)')).toMatchObject({ kind: 'value', value: 8 });
  });
});

describe('SurveyXact: coded Dataset with a headerless Labels sheet', () => {
  const dataset: SheetSnapshot = {
    name: 'Dataset',
    values: [
      ['respondent', 's_1', 's_2'],
      [1, 1, 11],
      [2, 2, 10],
      [3, 1, 1],
      [4, 9, 8],
      [5, 2, null],
    ],
  };
  const labelRows: CellValue[][] = [
    ['s_1', 1, 'Meget tilfreds'],
    ['s_1', 2, 'Tilfreds'],
    ['s_1', 9, 'Ved ikke'],
    ...Array.from({ length: 11 }, (_, i): CellValue[] => ['s_2', i + 1, i === 10 ? '10 - Meget sandsynligt' : String(i)]),
  ];

  it('matches text literals with the codes labelled with them, and excludes codes labelled Ved ikke', () => {
    // s_1 codes 1, 2, 1, 9, 2: code 9 is "Ved ikke" → base 4; "Meget tilfreds" = code 1 → 2 / 4 = 50 %.
    const labels: SheetSnapshot = { name: 'Labels', values: labelRows };
    expect(evaluate(book(dataset, labels), 'share(Dataset!s_1 = "Meget tilfreds")')).toEqual({
      kind: 'value',
      value: 50,
      unit: '%',
      base: 'n = 4; 1 "Ved ikke" left out',
    });
  });

  it('reads NPS codes through their labels (codes 1–11 for scores 0–10)', () => {
    // Codes 11, 10, 1, 8 → scores 10, 9, 0, 7: promoters 2, detractors 1, n = 4 → 25.
    const labels: SheetSnapshot = { name: 'Labels', values: labelRows };
    expect(evaluate(book(dataset, labels), 'nps(Dataset!s_2)')).toMatchObject({ kind: 'value', value: 25 });
  });

  it('uses a differently named labels sheet through labels = or the evaluator option', () => {
    const koder: SheetSnapshot = { name: 'Koder', values: labelRows };
    const snapshot = book(dataset, koder);
    // Without labels the text matches no code: 0 of 5.
    expect(evaluate(snapshot, 'share(Dataset!s_1 = "Meget tilfreds")')).toMatchObject({ value: 0 });
    expect(evaluate(snapshot, 'share(Dataset!s_1 = "Meget tilfreds"; labels = Koder)')).toMatchObject({ value: 50 });
    const viaOption = createSourceEvaluator(snapshot, { labelsSheet: 'Koder' }).evaluate('share(Dataset!s_1 = "Meget tilfreds")', 'J7', 'Kilde');
    expect(viaOption).toMatchObject({ value: 50 });
  });

  it('names an unknown labels sheet', () => {
    expect(evaluate(book(dataset), 'count(Dataset!s_1; labels = Koder)')).toEqual({
      kind: 'error',
      message: `Source ('Mål 2021'!J7): unknown sheet "Koder"; closest: Dataset`,
    });
  });
});

describe('createSourceEvaluator: outcomes and errors', () => {
  it('returns a mirror for goal(ID)', () => {
    expect(evaluate(book(), 'goal(10)')).toEqual({ kind: 'mirror', goalId: '10' });
  });

  it('prefixes a syntax error with the label and the cell', () => {
    expect(
      createSourceEvaluator(book(TILFREDSHED)).evaluate('share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift"', "'Mål 2021'!J7", 'Kilde'),
    ).toEqual({ kind: 'error', message: `Kilde ('Mål 2021'!J7): expected ')' after "Drift" at character 68` });
  });

  it('names an unknown column and the closest headers, case- and accent-insensitively', () => {
    expect(evaluate(book(TILFREDSHED), 'share(Tilfredshed!Kompetence = "Meget tilfreds")')).toEqual({
      kind: 'error',
      message: `Source ('Mål 2021'!J7): unknown column "Kompetence" on sheet Tilfredshed; closest: Kompetencer, Segment, Dato`,
    });
    expect(evaluate(book(TILFREDSHED), 'count(Tilfredshed!Segment; DATØ = 2021-01-01)')).toMatchObject({
      message: `Source ('Mål 2021'!J7): unknown column "DATØ" on sheet Tilfredshed; closest: Dato, Score, Segment`,
    });
  });

  it('names an unknown sheet and the closest sheets', () => {
    expect(evaluate(book(TILFREDSHED), 'nps(Tilfredshéd!Anbefaling)')).toEqual({
      kind: 'error',
      message: `Source ('Mål 2021'!J7): unknown sheet "Tilfredshéd"; closest: Tilfredshed`,
    });
  });

  it('reports a sheet without a header row', () => {
    expect(evaluate(book({ name: 'Tom', values: [[null]] }), 'count(Tom!A)')).toEqual({
      kind: 'error',
      message: "Source ('Mål 2021'!J7): sheet Tom is empty: it has no header row",
    });
  });

  it('reads each sheet once per evaluator: later changes to the snapshot are not seen', () => {
    const snapshot = book({ name: 'Data', values: [['X'], ['a'], ['b']] });
    const evaluator = createSourceEvaluator(snapshot);
    expect(evaluator.evaluate('count(Data!X)', 'J7', 'Source')).toMatchObject({ value: 2 });
    snapshot.sheets[1].values.push(['c']);
    expect(evaluator.evaluate('count(Data!X)', 'J7', 'Source')).toMatchObject({ value: 2 });
    expect(createSourceEvaluator(snapshot).evaluate('count(Data!X)', 'J7', 'Source')).toMatchObject({ value: 3 });
  });

  it('does not mutate the snapshot', () => {
    const snapshot = book(structuredClone(TILFREDSHED));
    const frozen = JSON.stringify(snapshot);
    const evaluator = createSourceEvaluator(snapshot);
    evaluator.evaluate('nps(Tilfredshed!Anbefaling; Segment = "Drift")', 'J7', 'Source');
    evaluator.evaluate('share(Tilfredshed!Score >= 4)', 'J7', 'Source');
    expect(JSON.stringify(snapshot)).toBe(frozen);
  });

  it('never throws, even on a malformed snapshot', () => {
    const broken = { sheets: [{ name: 'Data', values: [['X'], null] }] } as unknown as WorkbookSnapshot;
    const outcome = createSourceEvaluator(broken).evaluate('count(Data!X)', 'J7', 'Source');
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' && outcome.message.startsWith('Source (J7): could not be evaluated (')).toBe(true);
  });
});

describe('work shared between sources (the caches of one recalculation)', () => {
  /** 30 rows: every 3rd holds an Excel error, every 5th a text that is no number. */
  const mixed: SheetSnapshot = {
    name: 'Mixed',
    values: [
      ['Segment', 'Beløb'],
      ...Array.from({ length: 30 }, (_, i): CellValue[] => {
        const row = i + 2;
        const amount: CellValue = row % 3 === 0 ? { error: '#N/A' } : row % 5 === 0 ? 'mange' : 10;
        return [row % 2 === 0 ? 'Drift' : 'Vækst', amount];
      }),
    ],
  };

  it('lists the ten first invalid rows in order, errors and unreadable numbers merged, then "and N more"', () => {
    // Rows 2–31. Errors: 3, 6, …, 30 (10 rows). Text: 5, 10, 20, 25 (15 and 30 are errors) → 14 invalid.
    // Numbers: the other 16 rows, 10 each.
    expect(evaluate(book(mixed), 'sum(Mixed!Beløb)')).toEqual({
      kind: 'value',
      value: 160,
      unit: 'number',
      base: 'n = 16; 14 invalid answers in rows 3, 5, 6, 9, 10, 12, 15, 18, 20, 21 and 4 more',
    });
  });

  it('gives the same outcome whatever else the evaluator computed before, and with filters in any order', () => {
    const snapshot = book(TILFREDSHED);
    const expression = 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift"; Dato >= 2021-01-01)';
    const alone = evaluate(snapshot, expression);
    const sources = createSourceEvaluator(snapshot);
    sources.evaluate('count(Tilfredshed!Kompetencer; Dato >= 2021-01-01; Segment = "Drift")', 'J6', 'Source');
    sources.evaluate('nps(Tilfredshed!Anbefaling; Segment = "Drift")', 'J5', 'Source');
    expect(sources.evaluate(expression, 'J7', 'Source')).toEqual(alone);
    // Rows 2, 3, 4, 9, 10 are Drift with a readable date (row 6 says "i går"); 4 is Ved ikke, 9 blank:
    // base 2, 3, 10, of which row 2 is "Meget tilfreds" → 1 / 3.
    expect(alone).toEqual({ kind: 'value', value: (1 / 3) * 100, unit: '%', base: 'n = 3; 1 "Ved ikke" left out; 1 row failed the filter Dato (not a date)' });
  });

  it('reads a date serial and the same digits typed as text each on their own; a blank date just fails', () => {
    const day = serial(2021, 3, 1);
    const dates: SheetSnapshot = { name: 'Datoer', values: [['Dato', 'Svar'], [day, 1], [String(day), 2], [day, 3], [`  ${NBSP}`, 4]] };
    // The text "44256" is no date: it fails the filter as unreadable; the two serials pass; the
    // blank (white space) date fails without being counted as unreadable.
    expect(evaluate(book(dates), 'count(Datoer!Svar; Dato >= 2021-01-01)')).toEqual({
      kind: 'value',
      value: 2,
      unit: 'count',
      base: 'n = 2; 1 row failed the filter Dato (not a date)',
    });
  });

  it('keys CVR numbers by their digits however they are written, and checks each distinct number once', () => {
    const firms: SheetSnapshot = {
      name: 'Firmaer',
      values: [['CVR'], ['DK10150817'], ['dk 1015 0817'], [10150817], ['10150818'], ['DK-10150817'], ['10150818']],
    };
    expect(evaluate(book(firms), 'count_unique(Firmaer!CVR)')).toEqual({
      kind: 'value',
      value: 1,
      unit: 'count',
      base: 'n = 4; 1 distinct; 2 invalid CVR numbers in rows 5, 7',
    });
  });
});
