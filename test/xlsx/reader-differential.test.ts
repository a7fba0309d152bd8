/**
 * The streaming reader against exceljs, the independent reader. Every
 * fixture, every workbook of the bad-input corpus and random workbooks (fast-check) must give the
 * same cells where the engine reads them (goal and settings sheets whole, data sheets in the
 * columns their Sources name) and the same recalculation.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { recalculate } from '../../src/engine/index';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/types';
import { loadBook } from '../../src/xlsx/index';
import { readWorkbookSnapshot } from '../support/exceljs-reference';
import { BAD_INPUT_CASES, buildCorpusWorkbook } from '../fixtures/bad-input/corpus';
import { makeFixtureDir, writeGoalSheetWorkbook, writeValueKindsWorkbook } from '../fixtures/build-fixtures';

const NOW = new Date(2021, 9, 13, 14, 5);
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'resultatkontrakt-2021.xlsx');

/** The cell the engine sees at (r, c) of a snapshot sheet, whichever form it has. */
function cellOf(sheet: SheetSnapshot, r: number, c: number): CellValue {
  const column = sheet.columns?.columns.get(c);
  if (column) return column.valueAt(r);
  return sheet.values[r]?.[c] ?? null;
}

/** Differences between the new snapshot and exceljs's, over every cell the new one read. */
function differences(fresh: WorkbookSnapshot, reference: WorkbookSnapshot): string[] {
  const out: string[] = [];
  expect(fresh.sheets.map((s) => s.name)).toEqual(reference.sheets.map((s) => s.name));
  fresh.sheets.forEach((sheet, i) => {
    const ref = reference.sheets[i];
    const compare = (r: number, c: number): void => {
      // exceljs itself reads an empty text as '' when inline and as null when shared; both are blank to the engine.
      const a = cellOf(sheet, r, c) === '' ? null : cellOf(sheet, r, c);
      const b = (ref.values[r]?.[c] ?? null) === '' ? null : (ref.values[r]?.[c] ?? null);
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${sheet.name}!R${r + 1}C${c + 1}: ${JSON.stringify(a)} vs exceljs ${JSON.stringify(b)}`);
      if (!sheet.columns && sheet.numberFormats) {
        const fa = sheet.numberFormats[r]?.[c] ?? null;
        const fb = ref.numberFormats?.[r]?.[c] ?? null;
        if ((fa ?? 'General') !== (fb ?? 'General')) out.push(`${sheet.name}!R${r + 1}C${c + 1}: format ${fa} vs ${fb}`);
        if ((sheet.formulas?.[r]?.[c] ?? false) !== (ref.formulas?.[r]?.[c] ?? false)) out.push(`${sheet.name}!R${r + 1}C${c + 1}: formula flag`);
      }
    };
    const rows = Math.max(sheet.values.length, sheet.columns?.rowCount ?? 0);
    for (let r = 0; r < rows; r++) {
      const width = Math.max(sheet.values[r]?.length ?? 0, ref.values[r]?.length ?? 0);
      // A data sheet read by column is compared in its head and in the columns it read.
      if (sheet.columns && r >= sheet.values.length) for (const c of sheet.columns.columns.keys()) compare(r, c);
      else for (let c = 0; c < width; c++) compare(r, c);
    }
  });
  return out;
}

async function expectSameAsExcelJs(file: string): Promise<void> {
  const { snapshot } = await loadBook(file);
  const reference = await readWorkbookSnapshot(file);
  expect(differences(snapshot, reference)).toEqual([]);
  const options = { now: NOW, asOf: '2021-10-13' };
  expect(recalculate(snapshot, options)).toEqual(recalculate(reference, options));
}

let dir = '';
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-differential-');
});

describe('the streaming reader agrees with exceljs', () => {
  it('on the fixtures and the example workbook', async () => {
    await expectSameAsExcelJs(await writeGoalSheetWorkbook(dir, 'goals.xlsx'));
    await expectSameAsExcelJs(await writeGoalSheetWorkbook(dir, 'goals-error.xlsx', { errorRow: true }));
    await expectSameAsExcelJs(await writeValueKindsWorkbook(dir, 'kinds.xlsx'));
    await expectSameAsExcelJs(EXAMPLE);
  });

  it.each(BAD_INPUT_CASES.map((c, i) => [c.name, c, i] as const))('on the bad-input case %s', async (_name, corpusCase, index) => {
    await expectSameAsExcelJs(await buildCorpusWorkbook(dir, corpusCase, index));
  });

  it('on random workbooks: shared and inline strings, rich text, booleans, errors, dates, formulas, 1904 dates', async () => {
    const scalar = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -1000, max: 100000 }),
      fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('Meget tilfreds', 'Ved ikke', ' a  b ', 'x & <y>', 'æøå'),
      fc.boolean(),
      fc.constantFrom('#N/A', '#DIV/0!'),
    );
    const kind = fc.constantFrom('plain', 'rich', 'formula', 'date');
    const sheetRows = fc.array(fc.array(fc.tuple(scalar, kind), { maxLength: 6 }), { maxLength: 12 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(sheetRows, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), async (sheets, date1904, sharedStrings) => {
        const workbook = new ExcelJS.Workbook();
        workbook.properties.date1904 = date1904;
        sheets.forEach((rows, s) => {
          const ws = workbook.addWorksheet(s === 0 ? 'Mål 2021' : `Data ${s}`);
          if (s === 0) ws.addRow(['Nr.', 'Mål', 'Måltal', 'Resultat', 'Kilde']);
          rows.forEach((row, r) => {
            row.forEach(([value, how], c) => {
              const target = ws.getCell(r + 2, c + 1);
              if (value === null) return;
              if (typeof value === 'string' && value.startsWith('#') && value.length > 3) target.value = { error: value } as ExcelJS.CellErrorValue;
              else if (how === 'rich' && typeof value === 'string') target.value = { richText: [{ text: value.slice(0, 2), font: { bold: true } }, { text: value.slice(2) }] };
              else if (how === 'formula' && typeof value !== 'boolean') target.value = { formula: 'A1', result: value } as ExcelJS.CellFormulaValue;
              else if (how === 'date' && typeof value === 'number' && Number.isInteger(value) && value >= 61 && value < 2958465) {
                // Whole days after the 1900 leap-year bug: exceljs's round trip through a JS Date moves fractions and earlier days.
                target.value = value;
                target.numFmt = 'dd-mm-yyyy';
              } else target.value = value;
            });
          });
        });
        n += 1;
        const file = path.join(dir, `random-${n}.xlsx`);
        await workbook.xlsx.writeFile(file, { useSharedStrings: sharedStrings } as ExcelJS.XlsxWriteOptions);
        const { snapshot } = await loadBook(file);
        const reference = await readWorkbookSnapshot(file);
        expect(differences(snapshot, reference)).toEqual([]);
        await fs.unlink(file);
      }),
      // A cached formula result of 0 once read as none in the reference (exceljs drops falsy results from cell.value).
      { numRuns: 40, examples: [[[[[[0, 'formula'], [false, 'plain'], ['', 'formula']]]], false, false]] },
    );
  });
});
