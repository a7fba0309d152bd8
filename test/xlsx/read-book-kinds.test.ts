import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkbookSnapshot } from '../../src/engine/index';
import { openPackage } from '../../src/xlsx/package-reader';
import { readSheet } from '../../src/xlsx/sheet-reader';
import { makeFixtureDir, writeValueKindsWorkbook } from '../fixtures/build-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * The product's streaming sheet reader, every sheet whole: `loadBook` reads a sheet no Source
 * names only as far as its head, so the reader is asked directly (reader-differential compares
 * `loadBook` with the exceljs reference).
 */
async function readWorkbookSnapshot(file: string): Promise<WorkbookSnapshot> {
  const pkg = await openPackage(await fs.readFile(file), file);
  const sheets = [];
  for (const sheet of pkg.sheets) {
    const { values, numberFormats, formulas } = await readSheet(pkg, sheet, { kind: 'whole' });
    sheets.push({ name: sheet.name, values, numberFormats, formulas });
  }
  return { sheets };
}

describe('loadBook: value kinds', () => {
  it('reads every value kind into the plain snapshot', async () => {
    const snapshot = await readWorkbookSnapshot(await writeValueKindsWorkbook(dir));
    const kinds = snapshot.sheets[0]!;
    expect(kinds.name).toBe('Kinds');
    const v = kinds.values;
    expect(v[0]).toEqual([42, 'plain text', 'Meget tilfreds', true, null, 'end']);
    expect(v[1]![0]).toEqual({ error: '#N/A' });
    // 2021-10-13 is Excel serial 44482 in the 1900 date system.
    expect(v[1]![1]).toBe(44482);
    expect(v[1]![2]).toBe(0.75);
    expect(v[1]![3]).toBe(84);
    expect(v[1]![4]).toEqual({ error: '#DIV/0!' });
    expect([v[2]![0], v[3]![0], v[4]![0]]).toEqual([43, 44, 45]);
    expect(v[5]![1]).toBe(44482.5);
    expect(v[5]![2]).toBe('Erhvervshus');
  });

  it('flags formula cells, shared formulas included', async () => {
    const snapshot = await readWorkbookSnapshot(await writeValueKindsWorkbook(dir, 'kinds-f.xlsx'));
    const f = snapshot.sheets[0]!.formulas!;
    expect(f[1]![3]).toBe(true);
    expect(f[1]![4]).toBe(true);
    expect([f[2]![0], f[3]![0], f[4]![0]]).toEqual([true, true, true]);
    expect(f[0]![0]).toBe(false);
  });

  it('keeps number formats per cell', async () => {
    const snapshot = await readWorkbookSnapshot(await writeValueKindsWorkbook(dir, 'kinds-n.xlsx'));
    const n = snapshot.sheets[0]!.numberFormats!;
    expect(n[1]![1]).toBe('dd-mm-yyyy');
    expect(n[1]![2]).toBe('0.0%');
    expect(n[0]![0]).toBeNull();
  });

  it('gives a merged range its value in the master cell only', async () => {
    const snapshot = await readWorkbookSnapshot(await writeValueKindsWorkbook(dir, 'kinds-m.xlsx'));
    const v = snapshot.sheets[0]!.values;
    expect(v[2]![1]).toBe('Merged');
    expect(v[2]![2] ?? null).toBeNull();
    expect(v[3]![1] ?? null).toBeNull();
    expect(v[3]![2] ?? null).toBeNull();
  });

  it('reads an empty sheet as no rows', async () => {
    const snapshot = await readWorkbookSnapshot(path.join(await writeValueKindsWorkbook(dir, 'kinds-e.xlsx')));
    expect(snapshot.sheets[1]).toEqual({ name: 'Empty', values: [], numberFormats: [], formulas: [] });
  });
});
