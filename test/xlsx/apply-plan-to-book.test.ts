import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CellValue, WorkbookSnapshot, WritePlan } from '../../src/engine/types';
import { loadBook, writeFileSafely } from '../../src/xlsx';
import { applyPlanToBook } from '../support/apply-plan-to-book';
import { loadWorkbookFile, readWorkbookSnapshot } from '../support/exceljs-reference';
import { makeFixtureDir, writeGoalSheetWorkbook } from '../fixtures/build-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const plan: WritePlan = {
  addSheets: ['Ny'],
  writes: [
    { sheet: 'Mål 2021', row: 0, col: 8, value: 'Status', bold: true },
    { sheet: 'Mål 2021', row: 1, col: 8, value: 'Opfyldt', fill: '#C6EFCE', fontColor: '#006100' },
    { sheet: 'Mål 2021', row: 2, col: 8, value: 'I risiko', fill: '#FFEB9C', fontColor: '#9C5700' },
    { sheet: 'Mål 2021', row: 1, col: 9, value: 0.8, numberFormat: '0.0%' },
    { sheet: 'Ny', row: 0, col: 0, value: 'Sidst beregnet' },
  ],
};

function cellsOf(snapshot: WorkbookSnapshot): Map<string, { value: CellValue; format: string | null; formula: boolean }> {
  const cells = new Map<string, { value: CellValue; format: string | null; formula: boolean }>();
  for (const sheet of snapshot.sheets) {
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const format = sheet.numberFormats?.[r]?.[c] ?? null;
        const formula = sheet.formulas?.[r]?.[c] ?? false;
        if (value !== null || format !== null || formula) cells.set(`${sheet.name}!${r},${c}`, { value, format, formula });
      }),
    );
  }
  return cells;
}

const WRITTEN_AT = new Date(Date.UTC(2021, 9, 13, 12));

async function roundTrip(name: string, thePlan: WritePlan) {
  const file = await writeGoalSheetWorkbook(dir, name);
  const before = await readWorkbookSnapshot(file);
  const { bytes, ...result } = await applyPlanToBook(await loadBook(file), thePlan, WRITTEN_AT);
  const out = path.join(dir, `out-${name}`);
  await writeFileSafely(out, bytes);
  // Read back by the independent exceljs reader, not by the writer's own reader.
  const reloaded = await loadWorkbookFile(out);
  return { before, after: await readWorkbookSnapshot(reloaded.workbook), workbook: reloaded.workbook, result };
}

describe('applyPlanToBook', () => {
  it('leaves every cell outside the plan identical: values, formulas and number formats', async () => {
    const { before, after } = await roundTrip('rt.xlsx', plan);
    const written = new Set(plan.writes.map((w) => `${w.sheet}!${w.row},${w.col}`));
    const a = cellsOf(after);
    const b = cellsOf(before);
    for (const [key, cell] of b) {
      if (!written.has(key)) expect([key, a.get(key)]).toEqual([key, cell]);
    }
    for (const key of a.keys()) if (!written.has(key)) expect(b.has(key)).toBe(true);
    expect(after.sheets.map((s) => s.name)).toEqual(['Mål 2021', 'Trafiklys', 'Ny']);
  });

  it('writes values, number formats, fills, font colours and bold', async () => {
    const { after, workbook } = await roundTrip('styles.xlsx', plan);
    const goals = after.sheets[0]!;
    expect(goals.values[1]![8]).toBe('Opfyldt');
    expect(goals.values[1]![9]).toBe(0.8);
    expect(goals.numberFormats![1]![9]).toBe('0.0%');
    const ws = workbook.getWorksheet('Mål 2021')!;
    // The streaming writer adds Excel's automatic background (`indexed 64`), as Excel itself writes a solid fill.
    expect(ws.getCell('I2').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' }, bgColor: { indexed: 64 } });
    expect(ws.getCell('I2').font.color).toEqual({ argb: 'FF006100' });
    expect(ws.getCell('I3').font.color).toEqual({ argb: 'FF9C5700' });
    expect(ws.getCell('I1').font.bold).toBe(true);
    expect(workbook.getWorksheet('Ny')!.getCell('A1').value).toBe('Sidst beregnet');
  });

  it('changes only the named cell when cells share a style (F2 and F3 were both 0%)', async () => {
    const { after } = await roundTrip('shared-style.xlsx', {
      addSheets: [],
      writes: [{ sheet: 'Mål 2021', row: 1, col: 5, value: 0.82, numberFormat: '0.0%', fill: '#FFC7CE' }],
    });
    expect(after.sheets[0]!.numberFormats![1]![5]).toBe('0.0%');
    expect(after.sheets[0]!.numberFormats![2]![5]).toBe('0%');
  });

  it('keeps the font name, size and italics when only the colour changes, and removes fills', async () => {
    const { workbook } = await roundTrip('font.xlsx', {
      addSheets: [],
      writes: [
        { sheet: 'Mål 2021', row: 1, col: 1, value: 'Tilfredshed', fontColor: '#9C0006', fill: '#EDEDED' },
        { sheet: 'Mål 2021', row: 2, col: 8, value: 'x', fill: '#EDEDED' },
      ],
    });
    const b2 = workbook.getWorksheet('Mål 2021')!.getCell('B2');
    expect(b2.font.italic).toBe(true);
    expect(b2.font.color).toEqual({ argb: 'FF9C0006' });
    const { workbook: cleared } = await roundTrip('unfill.xlsx', {
      addSheets: [],
      writes: [{ sheet: 'Mål 2021', row: 1, col: 1, value: 'Tilfredshed', fill: null, fontColor: null }],
    });
    const cell = cleared.getWorksheet('Mål 2021')!.getCell('B2');
    expect(cell.fill?.type === 'pattern' && cell.fill.pattern !== 'none').toBe(false);
    expect(cell.font.color).toBeUndefined();
    expect(cell.font.italic).toBe(true);
  });

  it('never writes a cell holding a formula, and reports it', async () => {
    const file = await writeGoalSheetWorkbook(dir, 'guard.xlsx');
    const { bytes, ...result } = await applyPlanToBook(await loadBook(file), {
      addSheets: [],
      writes: [
        { sheet: 'Mål 2021', row: 2, col: 7, value: 'overwritten?' },
        { sheet: 'Mål 2021', row: 1, col: 7, value: 'ok' },
        { sheet: 'Nope', row: 0, col: 0, value: 'x' },
      ],
    }, WRITTEN_AT);
    expect(result.written).toBe(1);
    // The streaming writer reports unknown sheets after the sheets it edits: the order is not part of the contract.
    expect(result.skipped.map((s) => [s.cell, s.reason]).sort()).toEqual([
      ["'Mål 2021'!H3", 'formula'],
      ['Nope!A1', 'unknown-sheet'],
    ]);
    const out = path.join(dir, 'out-guard.xlsx');
    await writeFileSafely(out, bytes);
    const { workbook } = await loadWorkbookFile(out);
    expect(workbook.getWorksheet('Mål 2021')!.getCell('H3').value).toEqual({ formula: 'LEN(B3)', result: 6 });
  });

  it('does not mutate the plan', async () => {
    const file = await writeGoalSheetWorkbook(dir, 'pure.xlsx');
    const copy = structuredClone(plan);
    await applyPlanToBook(await loadBook(file), plan, WRITTEN_AT);
    expect(plan).toEqual(copy);
  });
});
