/**
 * `recalc --in-place` on a workbook with a chart, a pivot table, conditional
 * formatting, data validation, comments, a table and macros rewrites only the parts Trafiklys owns;
 * every other zip entry keeps its compressed bytes; exceljs reads every non-owned cell back as it
 * was. And the plan fields for owned sheets (set-up, defined names, indent, wrap) on hand-made plans.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { WritePlan } from '../../src/engine/types';
import { loadBook } from '../../src/xlsx/index';
import { applyPlanToBook } from '../support/apply-plan-to-book';
import { runCli } from '../cli/cli-harness';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { rawEntries } from './raw-entries';

const OWNED_PARTS = ['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'];
const OWNED_HEADER = /^(target \d{4}|måltal \d{4}|calculated actual|beregnet resultat|status|gap|afvigelse|explanation|forklaring)$/i;

let dir = '';
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-lossless-');
});

/** A goal sheet with conditional formatting, a drop-down, a note and a table; a chart, a pivot table and macros added as parts. */
async function writeRichWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mål 2021');
  ws.addRow(['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Ansvarlig']);
  ws.addRow(['1', 'Tilfredshed', '%', '≥ 80%', 85, 'Anne']);
  ws.addRow(['2', 'Kendskab', '%', '≥ 40%', 30, 'Bo']);
  ws.getCell('B2').font = { italic: true, color: { argb: 'FF0000FF' } };
  ws.getCell('E2').numFmt = '0.0';
  ws.getCell('F2').note = 'Ring til Anne';
  ws.getCell('F3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"Anne,Bo,Cai"'] };
  ws.addConditionalFormatting({ ref: 'E2:E3', rules: [{ type: 'cellIs', operator: 'lessThan', formulae: [50], priority: 1, style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }] });
  const data = wb.addWorksheet('Data');
  data.addTable({ name: 'Svar', ref: 'A1', columns: [{ name: 'Id' }, { name: 'Svar' }], rows: [[1, 'Ja'], [2, 'Nej']] });
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
  zip.file('xl/pivotTables/pivotTable1.xml', '<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  zip.file('xl/pivotCache/pivotCacheDefinition1.xml', '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  zip.file('xl/vbaProject.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
  const types = (await zip.file('[Content_Types].xml')!.async('string')).replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
  zip.file('[Content_Types].xml', types);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** Every cell of a sheet outside the owned columns: value, number format, font, fill, note. */
async function foreignCells(file: string, sheetName: string): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheetName)!;
  const owned = new Set<number>();
  ws.getRow(1).eachCell((cell, col) => {
    if (OWNED_HEADER.test(String(cell.value ?? '').trim())) owned.add(col);
  });
  const out: Record<string, string> = {};
  ws.eachRow((row) =>
    row.eachCell((cell, col) => {
      if (!owned.has(col)) out[cell.address] = JSON.stringify({ v: cell.value, f: cell.numFmt, font: cell.font, fill: cell.fill, note: cell.note, dv: cell.dataValidation });
    }),
  );
  return out;
}

describe('recalc --in-place is lossless', () => {
  it('keeps every part it does not own byte for byte, and every non-owned cell', async () => {
    const book = path.join(dir, 'rich.xlsm');
    await writeRichWorkbook(book);
    await fs.chmod(book, 0o640);
    const before = await rawEntries(book);
    const cellsBefore = await foreignCells(book, 'Mål 2021');
    const sheetBefore = await (await JSZip.loadAsync(await fs.readFile(book))).file('xl/worksheets/sheet1.xml')!.async('string');
    const run = await runCli(['recalc', book, '--in-place', '--as-of', '2021-10-13']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = await rawEntries(book);
    for (const [name, entry] of before) {
      if (OWNED_PARTS.includes(name)) continue;
      expect({ name, data: after.get(name)?.data }).toEqual({ name, data: entry.data });
    }
    // The new parts: the settings sheet and the history sheet (SPEC §5, §8).
    expect([...after.keys()].filter((n) => !before.has(n)).sort()).toEqual(['xl/worksheets/sheet3.xml', 'xl/worksheets/sheet4.xml']);
    expect(await foreignCells(book, 'Mål 2021')).toEqual(cellsBefore);
    // Conditional formatting, validation and the note's drawing reference are spliced around, not rewritten.
    const sheetAfter = await (await JSZip.loadAsync(await fs.readFile(book))).file('xl/worksheets/sheet1.xml')!.async('string');
    for (const element of [/<conditionalFormatting[\s\S]*?<\/conditionalFormatting>/, /<dataValidations[\s\S]*?<\/dataValidations>/, /<legacyDrawing[^>]*>/]) {
      expect(element.exec(sheetAfter)?.[0]).toBe(element.exec(sheetBefore)![0]);
    }
    expect((await fs.stat(book)).mode & 0o777).toBe(0o640);
    const types = await (await JSZip.loadAsync(await fs.readFile(book))).file('[Content_Types].xml')!.async('string');
    expect(types).toContain('application/vnd.ms-office.vbaProject');
    expect(await (await JSZip.loadAsync(await fs.readFile(book))).file('xl/workbook.xml')!.async('string')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('with the same clock, a second run writes the very same bytes', async () => {
    const book = path.join(dir, 'twice.xlsx');
    await writeRichWorkbook(book);
    expect((await runCli(['recalc', book, '--in-place', '--as-of', '2021-10-13'])).code).toBe(0);
    const first = await fs.readFile(book);
    expect((await runCli(['recalc', book, '--in-place', '--as-of', '2021-10-13'])).code).toBe(0);
    expect((await fs.readFile(book)).equals(first)).toBe(true);
  });

  it('writes nothing when reading fails', async () => {
    const book = path.join(dir, 'broken.xlsx');
    await writeRichWorkbook(book);
    const zip = await JSZip.loadAsync(await fs.readFile(book));
    zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row></sheetData></worksheet>');
    await fs.writeFile(book, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const original = await fs.readFile(book);
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: cannot read ${book}: its part xl/worksheets/sheet1.xml is not well-formed XML (</sheetData> closes <row>)\n`);
    expect((await fs.readFile(book)).equals(original)).toBe(true);
    expect(await fs.readdir(dir)).not.toContain(expect.stringMatching(/trafiklys-tmp/));
  });

  // A crafted reference once made the reader size its rows by it (10^17 rows: out of memory).
  const inline = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const GOAL_ROWS =
    `<row r="1">${inline('A1', 'Nr.')}${inline('B1', 'Mål')}${inline('C1', 'Enhed')}${inline('D1', 'Måltal')}${inline('E1', 'Resultat')}</row>` +
    `<row r="2">${inline('A2', '1')}${inline('B2', 'Tilfredshed')}${inline('C2', '%')}${inline('D2', '≥ 80%')}<c r="E2"><v>85</v></c></row>`;
  it.each([
    ['a row number', '<row r="99999999999999999"><c><v>1</v></c></row>', 'row 100,000,000,000,000,000'],
    ['a cell reference', '<row r="3"><c r="B1048577"><v>1</v></c></row>', 'row 1,048,577'],
    ['a column', '<row r="3"><c r="AAAAAAAAAAAA3"><v>1</v></c></row>', 'row 3, column 3,817,158,266,467,287'],
  ])('refuses %s beyond the last a sheet can have, in plain words, writing nothing', async (_what, rows, place) => {
    const book = path.join(dir, 'beyond.xlsx');
    await writeRichWorkbook(book);
    const zip = await JSZip.loadAsync(await fs.readFile(book));
    zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${GOAL_ROWS}${rows}</sheetData></worksheet>`);
    await fs.writeFile(book, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const original = await fs.readFile(book);
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.stderr).toBe(
      `error: cannot read ${book}: its part xl/worksheets/sheet1.xml has a cell beyond the last row or column a sheet can have (${place}; the last is row 1,048,576, column XFD)\n`,
    );
    expect(run.code).toBe(2);
    expect((await fs.readFile(book)).equals(original)).toBe(true);
  });
});

describe('plans for sheets Trafiklys owns', () => {
  const plan = (title: string): WritePlan => ({
    addSheets: ['Statusrapport'],
    sheetSetups: [
      {
        sheet: 'Statusrapport',
        clear: true,
        columnWidths: [8, 40, null, 12],
        rowHeights: [{ row: 3, height: 30 }],
        showGridlines: false,
        print: { orientation: 'landscape', paper: 'A4', fitToPagesWide: 1, repeatRows: { first: 0, last: 1 } },
      },
    ],
    definedNames: [{ name: 'Trafiklys_Rapport', refersTo: "'Statusrapport'!$A$1" }],
    writes: [
      { sheet: 'Statusrapport', row: 0, col: 0, value: title, bold: true },
      { sheet: 'Statusrapport', row: 2, col: 1, value: 'Delmål 1.1', indent: 2 },
      { sheet: 'Statusrapport', row: 3, col: 1, value: 'En lang forklaring der ombrydes', wrap: true, fill: '#C6EFCE', fontColor: '#006100' },
      { sheet: 'Statusrapport', row: 3, col: 3, value: 0.8, numberFormat: '0.0%' },
    ],
  });

  async function apply(source: string, target: string, p: WritePlan): Promise<void> {
    const book = await loadBook(source);
    const { bytes, skipped } = await applyPlanToBook(book, p, new Date(2021, 9, 13, 12));
    expect(skipped).toEqual([]);
    await fs.writeFile(target, bytes);
  }

  it('sets up the sheet, names and formats as planned, as exceljs reads them', async () => {
    const source = path.join(dir, 'plain.xlsx');
    await writeRichWorkbook(source);
    const out = path.join(dir, 'report.xlsx');
    await apply(source, out, plan('Status 2021'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Statusrapport')!;
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mål 2021', 'Data', 'Statusrapport']);
    expect([ws.getColumn(1).width, ws.getColumn(2).width, ws.getColumn(4).width]).toEqual([8, 40, 12]);
    expect(ws.views[0]?.showGridLines).toBe(false);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    expect(ws.getCell('A1').value).toBe('Status 2021');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('B3').alignment).toMatchObject({ indent: 2, horizontal: 'left' });
    expect(ws.getCell('B4').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('B4').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } });
    expect(ws.getCell('B4').font.color).toEqual({ argb: 'FF006100' });
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect([ws.getRow(4).height, ws.getRow(3).height]).toEqual([30, undefined]);
    const sheetXml = await (await JSZip.loadAsync(await fs.readFile(out))).file('xl/worksheets/sheet3.xml')!.async('string');
    expect(sheetXml).toContain('<row r="4" ht="30" customHeight="1">');
    const workbookXml = await (await JSZip.loadAsync(await fs.readFile(out))).file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toContain(`<definedName name="Trafiklys_Rapport">'Statusrapport'!$A$1</definedName>`);
    expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="2">'Statusrapport'!$1:$2</definedName>`);
  });

  it('a cleared sheet loses its old cells, and rewriting it again is idempotent', async () => {
    const source = path.join(dir, 'plain2.xlsx');
    await writeRichWorkbook(source);
    const first = path.join(dir, 'first.xlsx');
    const second = path.join(dir, 'second.xlsx');
    const third = path.join(dir, 'third.xlsx');
    const withExtra = plan('Status 2021');
    withExtra.writes.push({ sheet: 'Statusrapport', row: 9, col: 5, value: 'gammel' });
    await apply(source, first, withExtra);
    await apply(first, second, plan('Status 2021'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.getWorksheet('Statusrapport')!.getCell('F10').value).toBeNull();
    await apply(second, third, plan('Status 2021'));
    expect((await fs.readFile(third)).equals(await fs.readFile(second))).toBe(true);
  });
});
