/**
 * The add-in's Status report on the Excel double (SPEC §8; docs/decisions.md, "The report sheet
 * for a board"): the same sheet the command line writes, with its title built from the goal
 * sheet and the organisation, the statuses counted under it, every table cell top-aligned
 * (RangeFormat.verticalAlignment, ExcelApi 1.1), a goal with sub-goals bold and its sub-goals
 * indented, and only rows whose text wraps made taller.
 */
import { isGoalSheetHead, isSettingsSheetName, recalculate } from '../../src/engine/index';
import { type EngineFunctions, type ExcelRun, recalculateWith } from '../../src/excel/excel-operations';
import { type DoubleHandle, createExcelDouble } from '../excel-double/excel-double';
import { type ModelCell, InMemoryWorkbook } from '../excel-double/workbook-model';
import { text } from './workbooks';

const NOW = new Date(2021, 9, 13, 9, 30);
const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName };

function runOf(double: DoubleHandle): ExcelRun {
  return double.Excel.run as unknown as ExcelRun;
}

function boardWorkbook(language: 'da' | 'en'): InMemoryWorkbook {
  const da = language === 'da';
  const header = (da ? ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat'] : ['ID', 'Goal', 'Unit', 'Target', 'Actual']).map((h) => text(h, { bold: true }));
  const rows: (ModelCell | null)[][] = [
    header,
    [text('3'), text(da ? 'Tilfredshed' : 'Satisfaction'), null, null, null],
    [text('3.1'), text(da ? 'Meget tilfredse, Drift' : 'Very satisfied, operations'), text('%'), text('≥ 80%'), text(0.75, { numberFormat: '0%' })],
    [text('3.2'), text(da ? 'Meget tilfredse, Vækst' : 'Very satisfied, growth'), text('%'), text('≥ 80%'), text(0.81, { numberFormat: '0%' })],
    [text('12'), text(da ? 'Vejledte virksomheder' : 'Firms advised'), text(da ? 'antal' : 'count'), text('≥ 600'), text(555)],
  ];
  const settings = da
    ? [[text('År'), text(2021)], [text('Opgjort pr.'), text(44482, { numberFormat: 'yyyy-mm-dd' })], [text('Organisation'), text('Erhvervshus Nordjylland')]]
    : [[text('Year'), text(2021)], [text('As of'), text(44482, { numberFormat: 'yyyy-mm-dd' })], [text('Organisation'), text('Business Hub North')], [text('Language'), text('en')]];
  return new InMemoryWorkbook({ sheets: [{ name: da ? 'Mål 2021' : 'Goals 2021', rows }, { name: da ? 'Trafiklys' : 'Settings', rows: settings }] });
}

describe('the Status report in the add-in, on the double', () => {
  it.each([
    // The Explanation column is 42 wide: "75 % mod måltal 80 % (−5 pp); inden for tolerancen 5 pp" (55 characters) and
    // "555 mod 470 forventet pr. 13-10-2021 (helårsmål 600)" take two lines; "75 % vs. target 80 % (−5 pp); within
    // tolerance 5 pp" (narrow letters) fits on one.
    ['da', 'Statusrapport', 'Mål 2021 – Erhvervshus Nordjylland', 'Status pr. 13. oktober 2021', '1 opfyldt · 1 på vej · 2 i risiko', [[7, 7, 30], [9, 9, 30]]],
    ['en', 'Status report', 'Goals 2021 – Business Hub North', 'Status as of 13 October 2021', '1 met · 1 on track · 2 at risk', [[9, 9, 30]]],
  ] as const)('in %s: title, status line and counts, then a top-aligned table with sub-goals under their goal', async (language, sheet, title, status, counts, tallRows) => {
    const workbook = boardWorkbook(language);
    const double = createExcelDouble(workbook);
    const outcome = await recalculateWith(runOf(double), engine, { now: NOW, report: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const cell = (address: string): ModelCell | undefined => workbook.cell(sheet, address);
    expect(cell('A1')).toMatchObject({ value: title, bold: true });
    expect(cell('A2')?.value).toBe(status);
    expect(cell('A3')?.value).toBe(counts);
    expect(cell('A4')).toBeUndefined();
    // Row 6 is the table header, 7 goal 3 (a goal with sub-goals: bold), 8 and 9 its sub-goals (indented), 10 goal 12.
    for (const address of ['A6', 'B6', 'G6', 'A7', 'B7', 'E7', 'G7', 'B8', 'G10']) expect(cell(address)?.verticalAlignment).toBe('Top');
    expect(cell('A1')?.verticalAlignment).toBeUndefined();
    expect([cell('A7')?.bold, cell('B7')?.bold, cell('A8')?.bold, cell('B8')?.bold, cell('B10')?.bold]).toEqual([true, true, undefined, undefined, undefined]);
    expect([cell('B8')?.indent, cell('B9')?.indent, cell('B7')?.indent]).toEqual([1, 1, undefined]);
    // Only a row whose text wraps is made taller, and only as tall as its lines.
    const tall = (double.workbook.findSheet(sheet)!.rowHeights ?? []).filter((h) => h.height > 15);
    expect(tall.map((h) => [h.top, h.bottom, h.height])).toEqual(tallRows);
  });
});
