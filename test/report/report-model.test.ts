import { formatActualValue as formatActual, formatTargetValue as formatTarget, STATUS_IDS, STATUS_LABELS, type StatusId } from '../../src/engine';
import { buildOverview, buildReportModel, chooseLanguage, compareGoalIds, historyFor, shortDate, statusLine } from '../../src/report';
import { makeEntry, makeRecalculation, makeRow } from './recalculations';
import { describePoint } from '../../src/report/history-chart';

describe('compareGoalIds', () => {
  it('orders IDs naturally: 2 < 10, 3.1 < 3.10, a parent before its sub-goals', () => {
    const ids = ['10', '3.10', '2', '3.2', '3', '12.1', '3.1', '1', '12'];
    expect([...ids].sort(compareGoalIds)).toEqual(['1', '2', '3', '3.1', '3.2', '3.10', '10', '12', '12.1']);
  });

  it('orders parts that are not numbers by text, numbers inside them by value', () => {
    expect(['B', 'A10', 'A2', '1'].sort(compareGoalIds)).toEqual(['1', 'A2', 'A10', 'B']);
  });
});

describe('display forms', () => {
  it('shows values through one display formatter (the engine), as the sheet, the pane and the CLI do', () => {
    const rows = [
      makeRow('1', { actual: 74.25, target: 80, unit: '%' }),
      makeRow('2', { actual: 1234.5, target: [1000, 2000], unit: 'DKK' }),
      makeRow('3', { actual: 'in progress', unit: 'milestone' }),
    ];
    for (const language of ['da', 'en'] as const) {
      const model = buildReportModel({ books: [{ file: 'a.xlsx', recalculation: makeRecalculation(rows, { language }) }], language });
      const shown = model.books[0]!.sheets[0]!.rows.map((row) => [row.actual, row.target]);
      expect(shown).toEqual(rows.map((row) => [formatActual(row.actual, row.unit, language), formatTarget(row.target, row.unit, language)]));
    }
    expect(formatActual(74.25, '%', 'da')).toBe('74,25 %');
  });

  it('formats actuals and targets in the row unit, milestone states in Danish', () => {
    expect(formatActual(75, '%', 'da')).toBe('75 %');
    expect(formatActual('in progress', 'milestone', 'da')).toBe('i gang');
    expect(formatActual('done', 'milestone', 'en')).toBe('done');
    expect(formatActual(1500, 'DKK', 'en')).toBe('DKK 1,500');
    expect(formatTarget([40, 60], '%', 'en')).toBe('40–60 %');
    expect(formatTarget(null, '%', 'en')).toBe('');
  });

  it('writes the status line as the contract does', () => {
    expect(statusLine('2021-10-13', 'da')).toBe('Status pr. 13. oktober 2021');
    expect(statusLine('2021-10-13', 'en')).toBe('Status as of 13 October 2021');
    expect(shortDate('2021-06-30')).toBe('30-06-2021');
    expect(() => statusLine('13-10-2021', 'da')).toThrow('"13-10-2021" is not an ISO date (YYYY-MM-DD)');
  });
});

describe('buildOverview', () => {
  const nord = makeRecalculation(
    [
      makeRow('1', { title: 'Kendskab', status: 'no-data' }),
      makeRow('10', { title: 'Samarbejde', status: 'on-track' }),
      makeRow('3.1', { title: 'Tilfredse, Drift', status: 'at-risk', actual: 75, unit: '%' }),
      makeRow('5', { title: 'Kriseberedskab', status: 'no-data' }),
    ],
    { organisation: 'Erhvervshus Nordjylland' },
  );
  const midt = makeRecalculation([
    makeRow('1', { title: 'Kendskab (Midt)', status: 'at-risk', actual: 39, unit: '%' }),
    makeRow('3.10', { title: 'NPS, Iværksættere', status: 'off-track', actual: 58, unit: 'NPS' }),
    makeRow('3.1', { title: 'Tilfredse, Drift (Midt)', status: 'met', actual: 82, unit: '%' }),
    makeRow('2', { title: 'Spredning', status: 'on-track' }),
  ]);
  const books = [
    { file: 'nord.xlsx', recalculation: nord },
    { file: 'midt.xlsx', recalculation: midt },
  ];

  it('has one row per goal ID of any book, in natural order, titled by the first book that has it', () => {
    const overview = buildOverview(books, 'da');
    expect(overview.rows.map((r) => [r.id, r.title, r.depth])).toEqual([
      ['1', 'Kendskab', 0],
      ['2', 'Spredning', 0],
      ['3.1', 'Tilfredse, Drift', 1],
      ['3.10', 'NPS, Iværksættere', 1],
      ['5', 'Kriseberedskab', 0],
      ['10', 'Samarbejde', 0],
    ]);
  });

  it('names columns by Organisation, else the file name, and leaves a cell empty where a book lacks the goal', () => {
    const overview = buildOverview(books, 'da');
    expect(overview.columns).toEqual(['Erhvervshus Nordjylland', 'midt.xlsx']);
    const byId = new Map(overview.rows.map((r) => [r.id, r.cells]));
    expect(byId.get('3.1')).toEqual([
      { status: 'at-risk', label: 'I risiko', actual: '75 %' },
      { status: 'met', label: 'Opfyldt', actual: '82 %' },
    ]);
    expect(byId.get('5')?.[1]).toBeNull();
    expect(byId.get('2')?.[0]).toBeNull();
    expect(byId.get('3.10')?.[1]).toEqual({ status: 'off-track', label: 'Ikke opfyldt', actual: '58' });
  });

  it('counts each book’s statuses, adding up to the cells of its column', () => {
    const overview = buildOverview(books, 'en');
    expect(overview.counts[0]).toMatchObject({ met: 0, 'on-track': 1, 'at-risk': 1, 'no-data': 2, 'off-track': 0 });
    expect(overview.counts[1]).toMatchObject({ met: 1, 'on-track': 1, 'at-risk': 1, 'off-track': 1, 'no-data': 0 });
    overview.counts.forEach((summary, b) => {
      const filled = overview.rows.filter((r) => r.cells[b] !== null).length;
      expect(Object.values(summary).reduce((a, n) => a + n, 0)).toBe(filled);
    });
    expect(overview.rows[0]?.cells[1]?.label).toBe('At risk');
  });

  it('takes a goal ID on two sheets of one book from the first sheet only, and counts it once', () => {
    const twoSheets = makeRecalculation([makeRow('1', { status: 'met' })], { moreSheets: [{ name: 'Mål 2022', rows: [makeRow('1', { status: 'off-track' })] }] });
    const overview = buildOverview([{ file: 'a.xlsx', recalculation: twoSheets }], 'en');
    expect(overview.rows).toHaveLength(1);
    expect(overview.rows[0]?.cells[0]?.status).toBe('met');
    expect(overview.counts[0]).toMatchObject({ met: 1, 'off-track': 0 });
  });

  it('shows a book holding two contract years by the sheets judged against its year, never mixing in next year’s goals', () => {
    const contracts = makeRecalculation([makeRow('1', { status: 'no-data' }), makeRow('5', { status: 'no-data' })], {
      moreSheets: [{ name: 'Mål 2022', year: 2022, rows: [makeRow('1', { status: 'no-target' }), makeRow('1.1', { status: 'no-data' })] }],
    });
    const overview = buildOverview([{ file: 'a.xlsx', recalculation: contracts }], 'da');
    expect(overview.rows.map((r) => [r.id, r.cells[0]?.label])).toEqual([
      ['1', 'Afventer data'],
      ['5', 'Afventer data'],
    ]);
    expect(overview.counts[0]).toMatchObject({ 'no-data': 2, 'no-target': 0 });
    // A book none of whose sheets is judged against its year shows every sheet.
    const later = makeRecalculation([makeRow('1', { status: 'met' })], { sheet: 'Mål 2022', year: 2021, moreSheets: [{ name: 'Mål 2023', year: 2023, rows: [makeRow('2', { status: 'no-data' })] }] });
    const shifted = { ...later, sheets: later.sheets.map((sheet, i) => ({ ...sheet, year: 2022 + i })) };
    expect(buildOverview([{ file: 'b.xlsx', recalculation: shifted }], 'en').rows.map((r) => r.id)).toEqual(['1', '2']);
  });

  it('does not change its input', () => {
    const before = JSON.stringify(books);
    buildOverview(books, 'da');
    buildReportModel({ books, language: 'en' });
    expect(JSON.stringify(books)).toBe(before);
  });
});

describe('buildReportModel', () => {
  it('follows --lang, else the first book’s language', () => {
    const english = { file: 'en.xlsx', recalculation: makeRecalculation([makeRow('1')], { language: 'en' }) };
    const danish = { file: 'da.xlsx', recalculation: makeRecalculation([makeRow('1')], { language: 'da' }) };
    expect(chooseLanguage([english, danish])).toBe('en');
    expect(chooseLanguage([danish, english])).toBe('da');
    expect(chooseLanguage([english], 'da')).toBe('da');
    expect(chooseLanguage([])).toBe('da');
  });

  it('has an overview only with two or more books, and titles each book by Title, else its goal sheets and organisation, never the file name', () => {
    const titled = { file: 'a.xlsx', recalculation: makeRecalculation([makeRow('1')], { title: 'Resultatkontrakt 2021' }) };
    const untitled = { file: 'b.xlsx', recalculation: makeRecalculation([makeRow('1')], { title: null }) };
    expect(buildReportModel({ books: [titled] }).overview).toBeNull();
    const model = buildReportModel({ books: [titled, untitled] });
    expect(model.overview?.columns).toEqual(['a.xlsx', 'b.xlsx']);
    expect(model.books.map((b) => [b.title, b.statusLine])).toEqual([
      ['Resultatkontrakt 2021', 'Status pr. 13. oktober 2021'],
      ['Mål 2021', 'Status pr. 13. oktober 2021'],
    ]);
    const organised = { file: 'c.xlsx', recalculation: makeRecalculation([makeRow('1')], { title: null, organisation: 'Erhvervshus Midtjylland' }) };
    expect(buildReportModel({ books: [organised] }).books[0]!.title).toBe('Mål 2021 – Erhvervshus Midtjylland');
  });

  it('dates the overview: the books’ common date, else the latest with each book of another date named', () => {
    const nord = { file: 'nord.xlsx', recalculation: makeRecalculation([makeRow('1')], { organisation: 'Nord' }) };
    const midt = { file: 'midt.xlsx', recalculation: makeRecalculation([makeRow('1')], { asOf: '2021-06-30' }) };
    expect(buildReportModel({ books: [nord, nord] }).overview?.statusLine).toBe('Status pr. 13. oktober 2021');
    expect(buildReportModel({ books: [nord, midt] }).overview?.statusLine).toBe('Status pr. 13. oktober 2021 (midt.xlsx: 30-06-2021)');
    expect(buildReportModel({ books: [midt, nord], language: 'en' }).overview?.statusLine).toBe('Status as of 13 October 2021 (midt.xlsx: 30-06-2021)');
  });

  it('shows the Comment column only for sheets that have one', () => {
    const withComment = makeRecalculation([makeRow('1', { comment: null }), makeRow('2', { comment: 'Måles senere' })]);
    const without = makeRecalculation([makeRow('1')]);
    const model = buildReportModel({ books: [{ file: 'a.xlsx', recalculation: withComment }, { file: 'b.xlsx', recalculation: without }] });
    expect(model.books.map((b) => b.sheets[0]?.hasComment)).toEqual([true, false]);
    expect(model.books[0]?.sheets[0]?.rows.map((r) => r.comment)).toEqual(['', 'Måles senere']);
  });
});

describe('historyFor', () => {
  const history = [
    makeEntry('3.1', '2021-10-13', { actual: 75, status: 'at-risk' }),
    makeEntry('3.1', '2021-03-31', { actual: 60, status: 'off-track' }),
    makeEntry('3.1', '2021-06-30', { actual: null, status: 'no-data' }),
    makeEntry('3.1', '2021-06-30', { sheet: 'Mål 2022', actual: 10 }),
    makeEntry('3.1', '2020-12-31', { year: 2020, actual: 50 }),
    makeEntry('4', '2021-10-13'),
  ];

  it('takes the same sheet, ID and year, oldest first, and marks missing actuals', () => {
    expect(historyFor(history, 'Mål 2021', '3.1', 2021)).toEqual([
      { asOf: '2021-03-31', actual: 60, target: 80, status: 'off-track' },
      { asOf: '2021-06-30', actual: null, target: 80, status: 'no-data' },
      { asOf: '2021-10-13', actual: 75, target: 80, status: 'at-risk' },
    ]);
  });

  it('gives nothing unless two snapshots have an actual (a milestone or a parent goal has none)', () => {
    const milestone = [makeEntry('6', '2021-06-30', { actual: null, status: 'on-track' }), makeEntry('6', '2021-10-13', { actual: null, status: 'met' })];
    expect(historyFor(milestone, 'Mål 2021', '6', 2021)).toBeUndefined();
    const once = [makeEntry('1', '2021-06-30', { actual: null, status: 'no-data' }), makeEntry('1', '2021-10-13', { actual: 39, status: 'at-risk' })];
    expect(historyFor(once, 'Mål 2021', '1', 2021)).toBeUndefined();
  });

  it('gives nothing with fewer than two snapshots', () => {
    expect(historyFor(history, 'Mål 2021', '4', 2021)).toBeUndefined();
    expect(historyFor(history, 'Mål 2022', '3.1', 2021)).toBeUndefined();
    expect(historyFor([], 'Mål 2021', '3.1', 2021)).toBeUndefined();
  });
});

describe('describePoint: a history line in words', () => {
  const labels = (language: 'da' | 'en') => Object.fromEntries(STATUS_IDS.map((id) => [id, STATUS_LABELS[id][language]])) as Record<StatusId, string>;
  it('gives the actual with the status and target, and a snapshot without an actual its status, never "intet resultat"', () => {
    const withActual = { asOf: '2021-06-30', actual: 70, target: 80, status: 'at-risk' as const };
    const without = { asOf: '2021-06-30', actual: null, target: null, status: 'met' as const };
    const waiting = { asOf: '2021-03-31', actual: null, target: 80, status: 'no-data' as const };
    expect(describePoint(withActual, { unit: '%', language: 'da', labels: labels('da') })).toBe('30-06-2021: 70 % (I risiko; måltal 80 %)');
    expect(describePoint(without, { unit: 'milestone', language: 'da', labels: labels('da') })).toBe('30-06-2021: Opfyldt');
    expect(describePoint(waiting, { unit: '%', language: 'da', labels: labels('da') })).toBe('31-03-2021: Afventer data; måltal 80 %');
    expect(describePoint(withActual, { unit: '%', language: 'en', labels: labels('en') })).toBe('30-06-2021: 70 % (At risk; target 80 %)');
    expect(describePoint(without, { unit: 'milestone', language: 'en', labels: labels('en') })).toBe('30-06-2021: Met');
  });
});
