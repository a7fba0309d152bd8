import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { exampleWorkbook } from '../../src/examples/resultatkontrakt-2021';
import { readWorkbookSnapshot } from '../support/exceljs-reference';
import { makeFixtureDir } from '../fixtures/build-fixtures';
import { runCli } from './cli-harness';

const EXAMPLE = path.join(__dirname, '../../examples/resultatkontrakt-2021.xlsx');

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('examples/resultatkontrakt-2021.xlsx', () => {
  it('holds what exampleWorkbook() describes (the committed file is not stale)', async () => {
    const snapshot = await readWorkbookSnapshot(EXAMPLE);
    const expected = exampleWorkbook();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(expected.sheets.map((s) => s.name));
    for (const sheet of expected.sheets) {
      const read = snapshot.sheets.find((s) => s.name === sheet.name)!;
      sheet.values.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value !== null) expect([sheet.name, r, c, read.values[r]![c]]).toEqual([sheet.name, r, c, value]);
        }),
      );
    }
  });

  it('recalculates as of 13 October 2021 to the contract statuses (docs/spec.md, Appendix A), keeping the user formula', async () => {
    const out = path.join(dir, 'example.trafiklys.xlsx');
    const run = await runCli(['recalc', EXAMPLE, '--as-of', '2021-10-13', '--out', out]);
    expect(run.code).toBe(0);
    // Mål 2021's 7 met, 7 on track, 2 at risk, 3 no data and 2 no target, and Mål 2022's 18 goals, whose
    // data are not in yet: 15 no data, and 3 no target (goal 1 has none for 2022; 9 and 11 are qualitative).
    expect(run.stdout).toContain('7 opfyldt, 7 på vej, 2 i risiko, 0 ikke opfyldt, 18 afventer data, 0 udgået, 5 uden måltal, 0 fejl');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const goals = workbook.getWorksheet('Mål 2021')!;
    expect(goals.getCell('J11').value).toEqual({ formula: 'TEXT(H11,"0%")&" af de henviste"', result: '50% af de henviste' });
    const header = (goals.getRow(3).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual([
      'Nr.', 'Mål', 'Indikator', 'Segment', 'Enhed', 'Udgangspunkt', 'Måltal', 'Resultat', 'Kilde', 'Bemærkning',
      'Måltal 2021', 'Måltal 2022', 'Måltal 2023', 'Beregnet resultat', 'Status', 'Afvigelse', 'Udvikling', 'Forklaring',
    ]);
    // The example carries its 30 June snapshot (SPEC §8): goal 4 rose from at risk.
    expect(goals.getCell('Q11').value).toBe('▲ fra I risiko (30-06-2021)');
  });
});
