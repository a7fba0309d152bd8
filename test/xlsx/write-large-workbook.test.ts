/** writeLargeSurveyWorkbook: the streamed file reads back as the rows given, from a generator too. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue } from '../../src/engine/types';
import { readWorkbookSnapshot } from '../support/exceljs-reference';
import { writeLargeSurveyWorkbook } from '../support/write-large-workbook';

describe('writeLargeSurveyWorkbook', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-large-writer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams every kind of cell value and reads back the same snapshot', async () => {
    const file = path.join(dir, 'kinds.xlsx');
    const rows: CellValue[][] = [
      ['Segment', 'Beløb', 'Aktiv', 'Note'],
      ['Drift', 1250.5, true, null],
      ['Vækst\u00a0', -0.25, false, { error: '#N/A' }],
      ['عربي 🚦', 0, null, 'sidste'],
    ];
    const counts = await writeLargeSurveyWorkbook(file, [
      { name: 'Tilfredshed', rows },
      { name: 'Tom', rows: [] },
    ]);
    expect(counts).toEqual([4, 0]);
    const snapshot = await readWorkbookSnapshot(file);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Tilfredshed', 'Tom']);
    // Trailing blanks are not cells, so a row ends at its last value (ragged, as the snapshot allows).
    expect(snapshot.sheets[0]!.values).toEqual([
      ['Segment', 'Beløb', 'Aktiv', 'Note'],
      ['Drift', 1250.5, true],
      ['Vækst\u00a0', -0.25, false, { error: '#N/A' }],
      ['عربي 🚦', 0, null, 'sidste'],
    ]);
    expect(snapshot.sheets[1]!.values).toEqual([]);
  });

  it('takes rows from a generator without needing them all at once', async () => {
    const file = path.join(dir, 'generated.xlsx');
    function* survey(): Generator<CellValue[]> {
      yield ['Nr', 'Kvadrat'];
      for (let i = 1; i <= 5000; i++) yield [i, i * i];
    }
    expect(await writeLargeSurveyWorkbook(file, [{ name: 'Data', rows: survey() }], { useSharedStrings: false })).toEqual([5001]);
    const values = (await readWorkbookSnapshot(file)).sheets[0]!.values;
    expect(values).toHaveLength(5001);
    expect(values[5000]).toEqual([5000, 25_000_000]);
  });
});
