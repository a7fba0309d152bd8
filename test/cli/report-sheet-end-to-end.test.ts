import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

/**
 * SPEC §8's status report sheet end to end: `recalc --report` on real workbooks, the output opened
 * with exceljs (an independent reader; Trafiklys writes through its own splicing writer), and the
 * bad inputs on the command line. The expectations come from the input workbooks and
 * from the SPEC's text, never from the engine's own tables.
 */

const EXAMPLE = path.resolve(__dirname, '../../examples/resultatkontrakt-2021.xlsx');

/** SPEC §1's fill and font per status label (both languages). */
const SPEC_COLOURS: Record<string, { fill: string | null; font: string }> = {
  Opfyldt: { fill: 'FFC6EFCE', font: 'FF006100' },
  Met: { fill: 'FFC6EFCE', font: 'FF006100' },
  'På vej': { fill: 'FFC6EFCE', font: 'FF006100' },
  'On track': { fill: 'FFC6EFCE', font: 'FF006100' },
  'I risiko': { fill: 'FFFFEB9C', font: 'FF9C5700' },
  'At risk': { fill: 'FFFFEB9C', font: 'FF9C5700' },
  'Ikke opfyldt': { fill: 'FFFFC7CE', font: 'FF9C0006' },
  'Off track': { fill: 'FFFFC7CE', font: 'FF9C0006' },
  'Afventer data': { fill: 'FFEDEDED', font: 'FF595959' },
  'No data': { fill: 'FFEDEDED', font: 'FF595959' },
  'Uden måltal': { fill: null, font: 'FF808080' },
  'No target': { fill: null, font: 'FF808080' },
};

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-report-sheet-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function openBook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function text(cell: ExcelJS.Cell): string | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  if (typeof value === 'object' && 'hyperlink' in value) return String(value.text);
  if (typeof value === 'object' && 'formula' in value) return value.result === undefined ? null : String(value.result);
  return String(value);
}

/** The texts of a row from column A to its last cell. */
function rowTexts(sheet: ExcelJS.Worksheet, row: number): (string | null)[] {
  const cells: (string | null)[] = [];
  for (let col = 1; col <= sheet.getRow(row).cellCount; col += 1) cells.push(text(sheet.getCell(row, col)));
  return cells;
}

/** A goal sheet's rows as the analyst wrote them: the header row found by its `Nr.`/`ID` cell. */
function goalRows(sheet: ExcelJS.Worksheet): { header: number; rows: { id: string; title: string; cells: Map<string, string | null> }[] } {
  let header = 0;
  for (let r = 1; r <= sheet.rowCount && header === 0; r += 1) if (['Nr.', 'ID'].includes(text(sheet.getCell(r, 1)) ?? '')) header = r;
  const names = rowTexts(sheet, header);
  const rows: { id: string; title: string; cells: Map<string, string | null> }[] = [];
  for (let r = header + 1; r <= sheet.rowCount; r += 1) {
    const id = text(sheet.getCell(r, 1));
    if (id === null || id.trim() === '') continue;
    const cells = new Map(names.map((name, i) => [name ?? '', text(sheet.getCell(r, i + 1))]));
    rows.push({ id, title: text(sheet.getCell(r, 2)) ?? '', cells });
  }
  return { header, rows };
}

function fillOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? (fill.fgColor?.argb ?? null) : null;
}

/** The history sheet's keys (as-of, year, sheet) with how many rows each has. */
function snapshotCounts(sheet: ExcelJS.Worksheet): Map<string, number> {
  const counts = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const asOf = sheet.getCell(r, 1).value;
    if (asOf === null) continue;
    const key = `${asOf instanceof Date ? asOf.toISOString().slice(0, 10) : String(asOf)}|${text(sheet.getCell(r, 2))}|${text(sheet.getCell(r, 3))}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function sheetPart(file: string, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const escaped = sheetName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const relId = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbookXml)![1];
  const target = new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels)![1];
  const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return zip.file(part)!.async('string');
}

describe('recalc --report on the example workbook', () => {
  let out: string;
  let report: ExcelJS.Worksheet;
  let input: ExcelJS.Workbook;
  let output: ExcelJS.Workbook;

  beforeAll(async () => {
    out = path.join(dir, 'example.trafiklys.xlsx');
    const run = await runCli(['recalc', EXAMPLE, '--as-of', '2021-10-13', '--report', '--out', out]);
    expect(run.code).toBe(0);
    input = await openBook(EXAMPLE);
    output = await openBook(out);
    report = output.getWorksheet('Statusrapport')!;
  });

  it('adds the sheet Statusrapport after every sheet of the input, marked by the defined name', () => {
    expect(output.worksheets.map((sheet) => sheet.name)).toEqual([...input.worksheets.map((sheet) => sheet.name), 'Statusrapport']);
    expect(output.definedNames.model).toContainEqual({ name: 'Trafiklys_Statusrapport', ranges: ['Statusrapport!$A$1'] });
  });

  it('starts with the Title setting, the status line and the goal sheet’s name above its table header', () => {
    const settings = input.getWorksheet('Trafiklys')!;
    let title: string | null = null;
    settings.eachRow((row) => {
      if (text(row.getCell(1)) === 'Titel') title = text(row.getCell(2));
    });
    expect(title).not.toBeNull();
    expect(rowTexts(report, 1)).toEqual([title]);
    expect(report.getCell(1, 1).font?.bold).toBe(true);
    expect(rowTexts(report, 2)).toEqual(['Status pr. 13. oktober 2021']);
    // The statuses counted under the title, as the HTML overview counts them; sheet by sheet, since
    // the example holds two contract years and the 2022 goals are all still waiting for data.
    expect(rowTexts(report, 3)).toEqual(['Mål 2021: 7 opfyldt · 7 på vej · 2 i risiko · 3 afventer data · 2 uden måltal; Mål 2022: 15 afventer data · 3 uden måltal']);
    expect(rowTexts(report, 4)).toEqual([]);
    expect(rowTexts(report, 5)).toEqual(['Mål 2021']);
    expect(rowTexts(report, 6)).toEqual(['Nr.', 'Mål', 'Måltal 2021', 'Resultat', 'Status', 'Udvikling', 'Bemærkning', 'Forklaring']);
    for (let col = 1; col <= 8; col += 1) expect(report.getCell(6, col).font?.bold).toBe(true);
  });

  it('has one row per goal row in sheet order, sub-goals indented, with the goal sheet’s status, trend, comment and explanation', () => {
    const written = goalRows(output.getWorksheet('Mål 2021')!);
    const typed = goalRows(input.getWorksheet('Mål 2021')!);
    expect(written.rows.map((row) => row.id)).toEqual(typed.rows.map((row) => row.id));
    expect(typed.rows.length).toBeGreaterThan(15);
    typed.rows.forEach((goal, i) => {
      const r = 7 + i;
      const status = written.rows[i]!.cells.get('Status') ?? '';
      expect([text(report.getCell(r, 1)), text(report.getCell(r, 2))]).toEqual([goal.id, goal.title]);
      expect(text(report.getCell(r, 5))).toBe(status);
      expect(text(report.getCell(r, 6))).toBe(written.rows[i]!.cells.get('Udvikling') ?? null);
      expect(text(report.getCell(r, 7))).toBe(goal.cells.get('Bemærkning') ?? null);
      expect(text(report.getCell(r, 8))).toBe(written.rows[i]!.cells.get('Forklaring') ?? null);
      expect(report.getCell(r, 2).alignment?.indent ?? 0).toBe(goal.id.includes('.') ? 1 : 0);
      // A goal with sub-goals is bold, so its group reads as one; every cell reads from the top of its row.
      const parent = typed.rows[i + 1]?.id.startsWith(`${goal.id}.`) === true;
      expect([report.getCell(r, 1).font?.bold === true, report.getCell(r, 2).font?.bold === true]).toEqual([parent, parent]);
      for (let col = 1; col <= 8; col += 1) expect(report.getCell(r, col).alignment?.vertical).toBe('top');
      const colours = SPEC_COLOURS[status];
      expect(colours).toBeDefined();
      expect(fillOf(report.getCell(r, 5))).toBe(colours!.fill);
      expect(report.getCell(r, 5).font?.color?.argb).toBe(colours!.font);
    });
    // Then, after a blank row, the next goal sheet (the example's 2022 contract); the contract changes end the report (docs/spec.md §9).
    expect(rowTexts(report, 7 + typed.rows.length)).toEqual([]);
    expect(rowTexts(report, 8 + typed.rows.length)).toEqual(['Mål 2022']);
    // Its heading, its header row, and one row per ID of either sheet.
    const ids = new Set(['Mål 2021', 'Mål 2022'].flatMap((name) => goalRows(input.getWorksheet(name)!).rows.map((row) => row.id)));
    expect(rowTexts(report, report.rowCount - ids.size - 1)).toEqual(['Ændringer fra 2021 til 2022']);
  });

  it('formats Måltal and Resultat in the row’s unit: shares as percentages, counts as numbers, milestones as labels', () => {
    const byId = new Map<string, number>();
    // The first table only: `Mål 2021`'s rows, down to the blank row that ends it.
    for (let r = 7; text(report.getCell(r, 1)) !== null; r += 1) byId.set(text(report.getCell(r, 1))!, r);
    const share = byId.get('3.1')!;
    expect([report.getCell(share, 3).value, report.getCell(share, 4).value]).toEqual([0.8, 0.75]);
    expect(report.getCell(share, 4).numFmt).toMatch(/%/);
    const count = byId.get('12.1')!;
    expect(report.getCell(count, 4).value).toBe(365);
    expect(report.getCell(count, 4).numFmt ?? '').not.toMatch(/%/);
    expect(text(report.getCell(byId.get('6')!, 4))).toBe('i gang');
    expect(report.getCell(byId.get('1')!, 1).numFmt).toBe('@');
  });

  it('prints on A4 landscape, one page wide, the table header repeated, without gridlines', () => {
    expect(report.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' });
    expect(report.views[0]?.showGridLines).toBe(false);
  });

  it('rewrites the report on a later recalculation without --report, and a rerun leaves the history as it was', async () => {
    const later = path.join(dir, 'example.later.xlsx');
    expect((await runCli(['recalc', out, '--as-of', '2021-10-14', '--out', later])).code).toBe(0);
    const again = await openBook(later);
    const rewritten = again.getWorksheet('Statusrapport')!;
    expect(rowTexts(rewritten, 2)).toEqual(['Status pr. 14. oktober 2021']);
    expect(rewritten.rowCount).toBe(report.rowCount);
    // Every trend of `Mål 2021` now compares with the 13 October snapshot the first run added.
    const goals = goalRows(input.getWorksheet('Mål 2021')!).rows.length;
    for (let r = 7; r < 7 + goals; r += 1) expect(text(rewritten.getCell(r, 6))).toMatch(/13-10-2021\)?$/);
    expect(again.definedNames.model.filter((name) => name.name === 'Trafiklys_Statusrapport')).toEqual([{ name: 'Trafiklys_Statusrapport', ranges: ['Statusrapport!$A$1'] }]);

    // Each goal sheet's snapshots are filed under its own contract year (docs/spec.md §3).
    const goals2022 = goalRows(input.getWorksheet('Mål 2022')!).rows.length;
    const counts = snapshotCounts(again.getWorksheet('Trafiklys historik')!);
    expect([...counts.keys()].sort()).toEqual([
      '2021-06-30|2021|Mål 2021', '2021-06-30|2022|Mål 2022', '2021-10-13|2021|Mål 2021', '2021-10-13|2022|Mål 2022', '2021-10-14|2021|Mål 2021', '2021-10-14|2022|Mål 2022',
    ]);
    for (const [key, count] of counts) expect(count).toBe(key.endsWith('Mål 2022') ? goals2022 : goals);

    const rerun = path.join(dir, 'example.rerun.xlsx');
    expect((await runCli(['recalc', later, '--as-of', '2021-10-14', '--out', rerun])).code).toBe(0);
    expect(await sheetPart(rerun, 'Trafiklys historik')).toBe(await sheetPart(later, 'Trafiklys historik'));
    expect(await sheetPart(rerun, 'Statusrapport')).toBe(await sheetPart(later, 'Statusrapport'));
  });
});

describe('recalc --report on an English workbook with two goal sheets', () => {
  it('writes Status report with one section per goal sheet, Comment only where the sheet has one, titled by its goal sheets, never the file name', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('Goals 2021');
    first.addRow(['ID', 'Goal', 'Target', 'Actual', 'Comment']);
    first.addRow(['1', 'Satisfaction', '≥ 80%', 82, 'from the survey']);
    first.addRow(['1.1', 'Satisfaction, small firms', '≥ 80%', 0.77, null]);
    first.getCell('D3').numFmt = '0%';
    first.addRow(['2', 'Green tool', 'done by 31-12-2021', 'in progress', null]);
    const second = workbook.addWorksheet('Regional goals');
    second.addRow(['ID', 'Goal', 'Target', 'Actual']);
    second.addRow(['R1', 'Partnerships', '≥ 10', 12]);
    second.addRow(['R2', 'Meetings', '≥ 20', null]);
    const settings = workbook.addWorksheet('Settings');
    settings.addRow(['Year', 2021]);
    settings.addRow(['Language', 'en']);
    const book = path.join(dir, 'two-sheets.xlsx');
    await workbook.xlsx.writeFile(book);
    const out = path.join(dir, 'two-sheets.out.xlsx');

    const run = await runCli(['recalc', book, '--as-of', '2021-10-13', '--report', '--out', out]);
    expect(run.code).toBe(0);
    const output = await openBook(out);
    const report = output.getWorksheet('Status report')!;
    expect(output.definedNames.model).toContainEqual({ name: 'Trafiklys_Statusrapport', ranges: ["'Status report'!$A$1"] });
    const rows = Array.from({ length: report.rowCount }, (_, i) => rowTexts(report, i + 1));
    expect(rows.map((cells) => cells.slice(0, 2))).toEqual([
      ['Goals 2021, Regional goals'],
      ['Status as of 13 October 2021'],
      ['2 met · 1 on track · 1 at risk · 1 no data'],
      [],
      ['Goals 2021'],
      ['ID', 'Goal'],
      ['1', 'Satisfaction'],
      ['1.1', 'Satisfaction, small firms'],
      ['2', 'Green tool'],
      [],
      ['Regional goals'],
      ['ID', 'Goal'],
      ['R1', 'Partnerships'],
      ['R2', 'Meetings'],
    ]);
    expect(rows[5]).toEqual(['ID', 'Goal', 'Target 2021', 'Actual', 'Status', 'Trend', 'Comment', 'Explanation']);
    expect(rows[11]).toEqual(['ID', 'Goal', 'Target 2021', 'Actual', 'Status', 'Trend', 'Explanation']);
    expect([rows[6]![4], rows[6]![6], rows[7]![4], rows[8]![4], rows[12]![4], rows[13]![4]]).toEqual(['Met', 'from the survey', 'At risk', 'On track', 'Met', 'No data']);
    expect(fillOf(report.getCell(8, 5))).toBe(SPEC_COLOURS['At risk']!.fill);
    expect(report.getCell(8, 2).alignment?.indent).toBe(1);
    expect([report.getCell(7, 1).font?.bold, report.getCell(7, 2).font?.bold]).toEqual([true, true]);
    expect(report.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' });
    expect(report.views[0]?.showGridLines).toBe(false);
    expect(output.getWorksheet('Trafiklys history')).toBeDefined();
  });
});

describe('bad input to recalc --report, end to end', () => {
  async function bookWithUserReport(name: string): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Mål').addRows([['Nr.', 'Mål', 'Måltal', 'Resultat'], ['1', 'Kendskab', '≥ 45 %', 0.5]]);
    workbook.addWorksheet('Statusrapport').addRow(['Mit eget referat']);
    const file = path.join(dir, name);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it('refuses an in-place --report over the user’s own Statusrapport, leaving the file byte for byte', async () => {
    const book = await bookWithUserReport('own-report.xlsx');
    const before = await fs.readFile(book);
    const run = await runCli(['recalc', book, '--in-place', '--report', '--as-of', '2021-10-13']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the sheet "Statusrapport" is the workbook\'s own');
    expect(run.stderr).toContain('Nothing was written');
    expect((await fs.readFile(book)).equals(before)).toBe(true);
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('own-report') && name !== 'own-report.xlsx')).toEqual([]);
  });

  it('keeps a history sheet with a foreign header byte for byte and says so', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Mål').addRows([['Nr.', 'Mål', 'Måltal', 'Resultat'], ['1', 'Kendskab', '≥ 45 %', 50]]);
    workbook.addWorksheet('Trafiklys historik').addRows([['Dato', 'Beløb', 'Note'], ['januar', 1200, 'mit eget'], ['februar', 900, null]]);
    const book = path.join(dir, 'foreign-history.xlsx');
    await workbook.xlsx.writeFile(book);
    const out = path.join(dir, 'foreign-history.out.xlsx');

    const run = await runCli(['recalc', book, '--out', out, '--report', '--as-of', '2021-10-13']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: .*foreign-history\.xlsx: 'Trafiklys historik'!A1: Trafiklys historik does not start with the history header \(.*\); the sheet is left as it is and no history is kept/);
    expect(await sheetPart(out, 'Trafiklys historik')).toBe(await sheetPart(book, 'Trafiklys historik'));
    expect((await openBook(out)).getWorksheet('Statusrapport')).toBeDefined();
  });

  it('keeps a history row whose as-of date is not a date, with a finding naming its cell, and still adds the new snapshot', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Mål').addRows([['Nr.', 'Mål', 'Måltal', 'Resultat'], ['1', 'Kendskab', '≥ 45 %', 50]]);
    const history = workbook.addWorksheet('Trafiklys historik');
    history.addRow(['Opgjort pr.', 'År', 'Ark', 'Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Status']);
    history.addRow(['sidste kvartal', 2021, 'Mål', '1', 'Kendskab', '%', 0.45, 0.4, 'I risiko']);
    const book = path.join(dir, 'bad-date.xlsx');
    await workbook.xlsx.writeFile(book);
    const out = path.join(dir, 'bad-date.out.xlsx');

    const run = await runCli(['recalc', book, '--out', out, '--report', '--as-of', '2021-10-13']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`bad-date.xlsx: 'Trafiklys historik'!A2: Opgjort pr. "sidste kvartal" is not a date; the history row is kept as it is and left out of trends`);
    const kept = (await openBook(out)).getWorksheet('Trafiklys historik')!;
    const rows = Array.from({ length: kept.rowCount - 1 }, (_, i) => kept.getRow(i + 2).values);
    expect(rows).toContainEqual([undefined, 'sidste kvartal', 2021, 'Mål', '1', 'Kendskab', '%', 0.45, 0.4, 'I risiko']);
    expect(rows).toHaveLength(2);
    // The unreadable row is no earlier snapshot: the report's trend stays blank.
    const report = (await openBook(out)).getWorksheet('Statusrapport')!;
    expect(rowTexts(report, 7).slice(0, 6)).toEqual(['1', 'Kendskab', '0.45', '0.5', 'Opfyldt', null]);
  });
});
