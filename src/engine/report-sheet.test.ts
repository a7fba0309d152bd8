import { recalculate } from './index';
import { countsLine, reportTitle, statusCounts, wrappedLines } from './report-sheet';
import { statusLine } from './status-line';
import { applyPlanInMemory, sheetOf, workbookOf } from '../../test/support/engine-fixtures';
import type { CellWrite, RecalculateOptions, WorkbookSnapshot } from './types';

const NOW = new Date(2021, 9, 13, 9, 30, 0);
const REPORT = 'Statusrapport';

function contract(...extra: WorkbookSnapshot['sheets']): WorkbookSnapshot {
  return workbookOf(
    sheetOf('Mål 2021', [
      ['Nr.', 'Mål', 'Måltal', 'Resultat', 'Bemærkning'],
      [3, 'Tilfredshed', null, null, null],
      [3.1, 'Meget tilfredse, Drift', '≥ 80%', '%:0.75', 'ny måling i november'],
      [3.2, 'Meget tilfredse, Vækst', '≥ 80%', '%:0.81', null],
      [6, 'Grøn omstilling', 'udført senest 31-12-2021', 'i gang', null],
    ]),
    sheetOf('Trafiklys', [['År', 2021], ['Opgjort pr.', '2021-10-13']]),
    ...extra,
  );
}

function run(snapshot: WorkbookSnapshot, options: Partial<RecalculateOptions> = {}) {
  return recalculate(snapshot, { now: NOW, ...options });
}

function reportWrites(writes: CellWrite[], sheet = REPORT): CellWrite[] {
  return writes.filter((write) => write.sheet === sheet);
}

function grid(writes: CellWrite[]): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const write of writes) {
    const row = (rows[write.row] ??= []);
    while (row.length < write.col) row.push(null);
    row[write.col] = write.value;
  }
  return Array.from(rows, (row) => row ?? []);
}

describe('the status report sheet (SPEC §8)', () => {
  it('lays out the title, the status line and a table per goal sheet, marked by its defined name', () => {
    const { plan } = run(contract(), { report: true });
    expect(plan.addSheets).toEqual(['Trafiklys historik', REPORT]);
    expect(plan.definedNames).toEqual([{ name: 'Trafiklys_Statusrapport', refersTo: 'Statusrapport!$A$1' }]);
    expect(grid(reportWrites(plan.writes))).toEqual([
      // No Titel setting and no Organisation: the goal sheets' names, never the file's.
      ['Mål 2021'],
      ['Status pr. 13. oktober 2021'],
      ['1 opfyldt · 1 på vej · 2 i risiko'],
      [],
      ['Mål 2021'],
      ['Nr.', 'Mål', 'Måltal 2021', 'Resultat', 'Status', 'Udvikling', 'Bemærkning', 'Forklaring'],
      ['3', 'Tilfredshed', null, null, 'I risiko', null, null, '1 af 2 opfyldt; 3.1 i risiko'],
      ['3.1', 'Meget tilfredse, Drift', 0.8, 0.75, 'I risiko', null, 'ny måling i november', '75 % mod måltal 80 % (−5 pp); inden for tolerancen 5 pp'],
      ['3.2', 'Meget tilfredse, Vækst', 0.8, 0.81, 'Opfyldt', null, null, '81 % mod måltal 80 % (+1 pp)'],
      ['6', 'Grøn omstilling', null, 'i gang', 'På vej', null, null, 'i gang; frist 31-12-2021'],
    ]);
    const cell = (row: number, col: number) => reportWrites(plan.writes).find((write) => write.row === row && write.col === col);
    // Sub-goals indented under their goal, which is bold; every table cell reads from the top.
    expect(cell(7, 1)).toMatchObject({ indent: 1 });
    expect(cell(7, 1)?.bold).toBeUndefined();
    expect(cell(6, 1)?.indent).toBeUndefined();
    expect([cell(6, 0)?.bold, cell(6, 1)?.bold]).toEqual([true, true]);
    expect([cell(9, 0)?.bold, cell(9, 1)?.bold]).toEqual([undefined, undefined]);
    expect(cell(7, 2)).toMatchObject({ numberFormat: '0.0%' });
    expect(cell(7, 4)).toMatchObject({ fill: '#FFEB9C', fontColor: '#9C5700' });
    expect(cell(5, 0)).toMatchObject({ bold: true, verticalAlignment: 'top' });
    expect(reportWrites(plan.writes).filter((write) => write.row >= 5).every((write) => write.verticalAlignment === 'top')).toBe(true);
    expect(reportWrites(plan.writes).filter((write) => write.row < 5).some((write) => write.verticalAlignment !== undefined)).toBe(false);
    expect(plan.sheetSetups?.find((setup) => setup.sheet === REPORT)).toEqual({
      sheet: REPORT,
      clear: true,
      // Each column fits its longest text plus 2 (a sub-goal's indent counts 2 a level), never its heading less.
      columnWidths: [5, 26, 12, 9, 12, 10, 22, 42],
      // 3.1's Explanation (55 characters) wraps to two lines in 42.
      rowHeights: [{ row: 7, height: 30 }],
      showGridlines: false,
      print: { orientation: 'landscape', paper: 'A4', fitToPagesWide: 1, repeatRows: { first: 5, last: 5 } },
    });
  });

  it('bounds a column by its maximum, so one long comment wraps instead of shrinking the printed page', () => {
    const long = 'Opgøres af regionen; tallet kommer først med årsrapporten i marts, og det er forsinket i år';
    const book = workbookOf(sheetOf('Goals', [['ID', 'Goal', 'Target', 'Actual', 'Comment'], [1, 'Reach', '≥ 5', 6, long]]));
    const setup = run(book, { report: true, asOf: '2021-10-13' }).plan.sheetSetups?.find((s) => s.sheet === 'Status report');
    expect(long.length).toBeGreaterThan(28);
    expect(setup?.columnWidths?.[6]).toBe(28);
    // Wrapped in 27 units of Calibri's widths: three lines.
    expect(setup?.rowHeights).toEqual([{ row: 6, height: 45 }]);
  });

  it('keeps the widest table near 170 characters, so A4 landscape prints it at about 80 %', () => {
    const long = (word: string) => Array.from({ length: 30 }, () => word).join(' ');
    const book = workbookOf(sheetOf('Goals', [['ID', 'Goal', 'Target', 'Actual', 'Comment'], ['1.1.1', long('Reach'), '≥ 5', 6, long('note')]]));
    const setup = run(book, { report: true, asOf: '2021-10-13' }).plan.sheetSetups?.find((s) => s.sheet === 'Status report');
    expect(setup?.columnWidths?.reduce((sum, w) => sum! + (w ?? 0), 0)).toBeLessThanOrEqual(180);
    // The title (150 characters, indented two levels) and the comment both wrap; the row takes the taller.
    expect(setup?.rowHeights?.[0]?.height).toBeGreaterThanOrEqual(15 * 6);
  });

  it('takes its title from the Title setting, and leaves Bemærkning out when the sheet has no Comment column', () => {
    const book = workbookOf(
      sheetOf('Goals', [['ID', 'Goal', 'Target', 'Actual'], [1, 'Reach', '≥ 5', 6]]),
      sheetOf('Settings', [['Title', 'Erhvervshus Nord: status'], ['Organisation', 'EH Nord']]),
    );
    const result = run(book, { report: true, asOf: '2021-10-13' });
    expect(result.title).toBe('Erhvervshus Nord: status');
    expect(result.organisation).toBe('EH Nord');
    expect(grid(reportWrites(result.plan.writes, 'Status report'))).toEqual([
      ['Erhvervshus Nord: status'],
      ['Status as of 13 October 2021'],
      ['1 met'],
      [],
      ['Goals'],
      ['ID', 'Goal', 'Target 2021', 'Actual', 'Status', 'Trend', 'Explanation'],
      ['1', 'Reach', 5, 6, 'Met', null, '6 vs. target 5 (+1)'],
    ]);
  });

  it('is not written without --report, and Title and Organisation are null when not set', () => {
    const result = run(contract());
    expect(reportWrites(result.plan.writes)).toEqual([]);
    expect(result.plan.definedNames).toBeUndefined();
    expect([result.title, result.organisation]).toEqual([null, null]);
  });

  it('is rewritten on a later recalculation while it carries the mark, even without --report, and never read as a goal sheet', () => {
    const once = applyPlanInMemory(contract(), run(contract(), { report: true }).plan);
    expect(once.definedNames).toEqual([{ name: 'Trafiklys_Statusrapport', refersTo: 'Statusrapport!$A$1' }]);
    const later = run(once, { asOf: '2021-11-01' });
    expect(later.sheets.map((sheet) => sheet.name)).toEqual(['Mål 2021']);
    expect(later.plan.addSheets).toEqual([]);
    expect(grid(reportWrites(later.plan.writes))[1]).toEqual(['Status pr. 1. november 2021']);
    expect(later.plan.sheetSetups?.map((setup) => setup.sheet)).toEqual(['Trafiklys historik', REPORT]);
  });

  it('is refused, with nothing at all planned, when a sheet of that name is the user’s', () => {
    const mine = sheetOf(REPORT, [['Mit eget referat']]);
    const result = run(contract(mine), { report: true });
    const finding = {
      cell: 'Statusrapport!A1',
      message:
        'the status report was not written: the sheet "Statusrapport" is the workbook\'s own (it lacks the defined name Trafiklys_Statusrapport); rename or delete it and recalculate again. Nothing was written',
    };
    expect(result.refused).toEqual(finding);
    expect(result.findings).toEqual([finding]);
    expect(result.plan).toEqual({ addSheets: [], writes: [] });
    // The evaluation itself is the same as without the refused report.
    expect(result.sheets).toEqual(run(contract(mine)).sheets);
  });

  it('follows its mark to a report sheet the user renamed, and leaves a sheet of the report name alone', () => {
    const mine = sheetOf(REPORT, [['Mit eget referat']]);
    const book = { ...contract(mine, sheetOf('Bestyrelse', [])), definedNames: [{ name: 'Trafiklys_Statusrapport', refersTo: "'Bestyrelse'!$A$1" }] };
    for (const report of [true, false]) {
      const result = run(book, { report });
      expect(result.refused).toBeUndefined();
      expect(reportWrites(result.plan.writes)).toEqual([]);
      expect(reportWrites(result.plan.writes, 'Bestyrelse')[0]).toMatchObject({ row: 0, value: 'Mål 2021' });
      expect(result.plan.definedNames).toEqual([{ name: 'Trafiklys_Statusrapport', refersTo: 'Bestyrelse!$A$1' }]);
    }
  });

  it('writes the status line in both languages', () => {
    expect(statusLine('2021-10-13', 'da')).toBe('Status pr. 13. oktober 2021');
    expect(statusLine('2021-06-30', 'en')).toBe('Status as of 30 June 2021');
  });
});

describe('wrappedLines', () => {
  it.each([
    ['intet resultat endnu', 10, 3],
    ['abc', 10, 1],
    ['', 10, 1],
    // Calibri's widths: a narrow i, a wide m, a b wider than an a.
    ['aaaaa eeeee', 6, 2],
    ['aaaaa bbbbb', 6, 3],
    ['iiiiiiiiii', 6, 1],
    ['mmmmm', 6, 2],
    ['aaaaa bbbb', 11, 1],
    ['abcdefghijklmnopqrst', 6, 4],
    ['abcdefghijk xy', 6, 3],
    // Capitals are wider than lower case, spaces narrower.
    ['ABCDEFGHI', 10, 2],
    ['abcdefghij', 10, 1],
    ['a b c d e f', 6, 2],
    // "a b c" (3.7 units) / "d e f g" (4.9): a space is under half a digit.
    ['a b c d e f g', 6, 2],
    ['a b c d e f g h i', 6, 3],
    ['a\nb', 10, 2],
  ])('%j in a column %d wide takes %d lines', (text, width, lines) => {
    expect(wrappedLines(text, width)).toBe(lines);
  });
});

describe('the report for a board: its title and its counts', () => {
  it('builds the title without a Titel setting from the goal sheets and the organisation, never the file name', () => {
    expect(reportTitle(null, ['Mål 2021'], 'Erhvervshus Nordjylland')).toBe('Mål 2021 – Erhvervshus Nordjylland');
    expect(reportTitle(null, ['Mål 2021', 'Mål 2022'], null)).toBe('Mål 2021, Mål 2022');
    expect(reportTitle('  ', ['Goals'], ' EH Nord ')).toBe('Goals – EH Nord');
    expect(reportTitle('Resultatkontrakt 2021', ['Mål 2021'], 'Erhvervshus Nordjylland')).toBe('Resultatkontrakt 2021');
  });

  it('counts the statuses that occur, in the order of SPEC §3, in both languages', () => {
    const rows = (['no-data', 'met', 'on-track', 'met', 'at-risk', 'no-target'] as const).map((status) => ({ status }));
    expect(statusCounts(rows, 'da')).toBe('2 opfyldt · 1 på vej · 1 i risiko · 1 afventer data · 1 uden måltal');
    expect(statusCounts(rows, 'en')).toBe('2 met · 1 on track · 1 at risk · 1 no data · 1 no target');
    expect(statusCounts([], 'da')).toBe('');
    // Goal sheets judged against different years (two contract years) are counted sheet by sheet;
    // sheets of one year are counted together.
    expect(countsLine([{ name: 'Mål 2021', year: 2021, rows }, { name: 'Mål 2022', year: 2022, rows: [rows[0]!] }], 'da')).toBe(
      'Mål 2021: 2 opfyldt · 1 på vej · 1 i risiko · 1 afventer data · 1 uden måltal; Mål 2022: 1 afventer data',
    );
    expect(countsLine([{ name: 'Goals 2021', year: 2021, rows }, { name: 'Regional', year: 2021, rows: [rows[0]!] }], 'en')).toBe(
      '2 met · 1 on track · 1 at risk · 2 no data · 1 no target',
    );
  });

  it('titles the report with the Organisation setting beside the goal sheet when there is no Titel', () => {
    const book = workbookOf(contract().sheets[0]!, sheetOf('Trafiklys', [['År', 2021], ['Opgjort pr.', '2021-10-13'], ['Organisation', 'Erhvervshus Nord']]));
    expect(reportWrites(run(book, { report: true }).plan.writes)[0]).toMatchObject({ row: 0, value: 'Mål 2021 – Erhvervshus Nord', bold: true });
  });
});
