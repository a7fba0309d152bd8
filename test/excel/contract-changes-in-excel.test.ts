/**
 * The add-in's *Status report* on the Excel double (docs/spec.md §8, §9): the pane's path
 * (`recalculateInExcel`, the engine's report builder) ends the report sheet with the contract
 * changes of the example workbook, whose `Mål 2021` and `Mål 2022` are two contract years; `Før`
 * and `Nu` put each compared year on its own line.
 */
import path from 'node:path';
import { recalculateInExcel } from '../../src/excel';
import { createExcelDouble, type DoubleHandle } from '../excel-double/excel-double';
import { loadWorkbookFromXlsx } from '../excel-double/load-workbook-from-xlsx';
import type { InMemoryWorkbook } from '../excel-double/workbook-model';

const EXAMPLE = path.join(__dirname, '../../examples/resultatkontrakt-2021.xlsx');
const NOW = new Date(2021, 9, 13, 9, 30);

/** The text of row `row` of `sheet`, columns A to E, as the double holds it (blank cells as ''). */
function rowText(workbook: InMemoryWorkbook, sheet: string, row: number): string[] {
  return [0, 1, 2, 3, 4].map((col) => {
    const value = workbook.cellAt(sheet, row, col)?.value;
    return value === null || value === undefined ? '' : String(value);
  });
}

/** The rows of the section headed `heading` on `sheet`, its header row first, up to the blank row that ends it. */
function section(workbook: InMemoryWorkbook, sheet: string, heading: string): string[][] {
  const rows = workbook.findSheet(sheet)!.rows;
  const start = rows.findIndex((cells) => cells?.[0]?.value === heading);
  if (start < 0) throw new Error(`no row headed "${heading}" on ${sheet}`);
  const out: string[][] = [];
  for (let row = start + 1; row < rows.length && rowText(workbook, sheet, row).some((text) => text !== ''); row++) out.push(rowText(workbook, sheet, row));
  return out;
}

describe('the Status report in the add-in ends with the contract changes', () => {
  let double: DoubleHandle;
  beforeEach(async () => {
    double = createExcelDouble(await loadWorkbookFromXlsx(EXAMPLE));
    (globalThis as { Excel?: unknown }).Excel = double.Excel;
  });
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });

  it('in Danish: Ændringer fra 2021 til 2022, every goal in ID order with Før and Nu', async () => {
    const outcome = await recalculateInExcel({ now: NOW, report: true, language: 'da' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const rows = section(double.workbook, 'Statusrapport', 'Ændringer fra 2021 til 2022');
    expect(rows[0]).toEqual(['Nr.', 'Mål', 'Ændring', 'Før', 'Nu']);
    expect(rows.slice(1).map((cells) => cells[0])).toEqual((outcome.value.changes ?? []).flatMap((pair) => pair.goals.map((goal) => goal.id)));
    expect(rows).toContainEqual(['1', 'Kendskab', 'justeret', '2022: ≥ 47,5 %\n2023: ≥ 50 %', '2022: —\n2023: ≥ 50 %']);
    expect(rows).toContainEqual(['3.1', 'Meget tilfredse, Drift', 'uændret', '2022: ≥ 80 %', '2022: ≥ 80 %']);
    expect(rows).toContainEqual(['1.1', 'Nye virksomheder', 'ny', '', '2022: ≥ 50 %']);
    expect(rows).toContainEqual(['5', 'Kriseberedskab', 'tages ud', '2022: udgår', '']);
    expect(rows).toContainEqual(['12', 'Specialiseret rådgivning', 'justeret', '2022: —', '2022: ≥ 800']);
  });

  it('in English: Changes from 2021 to 2022 with the English words and number format', async () => {
    const outcome = await recalculateInExcel({ now: NOW, report: true, language: 'en' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const rows = section(double.workbook, 'Status report', 'Changes from 2021 to 2022');
    expect(rows[0]).toEqual(['ID', 'Goal', 'Change', 'Before', 'Now']);
    expect(rows).toContainEqual(['1', 'Kendskab', 'adjusted', '2022: ≥ 47.5 %\n2023: ≥ 50 %', '2022: —\n2023: ≥ 50 %']);
    expect(rows).toContainEqual(['5', 'Kriseberedskab', 'removed', '2022: dropped', '']);
    expect(rows).toContainEqual(['1.1', 'Nye virksomheder', 'new', '', '2022: ≥ 50 %']);
    expect(rows).toContainEqual(['4', 'Knudepunkt', 'unchanged', '2022: ≥ 47 %\n2023: ≥ 50 %', '2022: ≥ 47 %\n2023: ≥ 50 %']);
  });
});
