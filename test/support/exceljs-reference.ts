/**
 * The independent reference reader for differential tests: exceljs's object model read
 * into the engine's snapshot. The product reads with the streaming path (`loadBook`); this module
 * lives in test/support so the product ships no exceljs read path, and tests can still ask a
 * second, unrelated reader what a written workbook holds.
 */
import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import { dayFromDate, excelSerialFromDay } from '../../src/engine/index';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/index';

const MS_PER_DAY = 86_400_000;

/**
 * Loads a workbook file into exceljs. Errors are exceljs's own: a reference reader reports what
 * it saw, it does not translate.
 *
 * @example const { workbook } = await loadWorkbookFile('out.xlsx');
 */
export async function loadWorkbookFile(file: string): Promise<{ workbook: ExcelJS.Workbook }> {
  const buffer = await fs.readFile(file);
  const workbook = new ExcelJS.Workbook();
  // exceljs types its Buffer as an ArrayBuffer look-alike; a Node Buffer is what it wants.
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return { workbook };
}

/**
 * A JS Date from exceljs (UTC midnight for a pure date) as an Excel serial in the 1900 system.
 * The day goes through the engine's calendar-day helpers; a time of day stays as the fraction.
 */
function serialFromDate(date: Date): number {
  const day = dayFromDate(date);
  const fraction = (date.getTime() - day * MS_PER_DAY) / MS_PER_DAY;
  return excelSerialFromDay(day) + fraction;
}

type PlainResult = ExcelJS.CellFormulaValue['result'];

function plainValue(value: PlainResult | null): CellValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return serialFromDate(value);
  if (typeof value === 'object') return 'error' in value ? { error: value.error } : null;
  return value;
}

/** Whether the cell's value is a formula (plain or shared); its cached result is read instead. */
export function isFormulaValue(value: ExcelJS.CellValue): value is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

/**
 * One cell as the engine sees it: rich text flattened, dates as serials, formulas by result.
 * @example readCellValue(worksheet.getCell('A1')) // { value: 42, formula: false }
 */
export function readCellValue(cell: ExcelJS.Cell): { value: CellValue; formula: boolean } {
  // A merged range keeps its value in the master only; the others read as blank (as in Excel).
  if (cell.type === ExcelJS.ValueType.Merge) return { value: null, formula: false };
  const raw = cell.value;
  if (raw === null || raw === undefined) return { value: null, formula: false };
  // `cell.result`, not `raw.result`: exceljs's formula value copies only truthy fields, so a
  // cached 0, FALSE or empty text would read as no result (found by the random differential test).
  if (isFormulaValue(raw)) return { value: plainValue(cell.result as PlainResult), formula: true };
  if (raw instanceof Date) return { value: serialFromDate(raw), formula: false };
  if (typeof raw === 'object') {
    if ('richText' in raw) return { value: raw.richText.map((run) => run.text).join(''), formula: false };
    if ('error' in raw) return { value: { error: raw.error }, formula: false };
    if ('text' in raw && typeof raw.text === 'string') return { value: raw.text, formula: false };
    return { value: null, formula: false };
  }
  return { value: raw, formula: false };
}

function readSheet(worksheet: ExcelJS.Worksheet): SheetSnapshot {
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: boolean[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    while (values.length <= r) {
      values.push([]);
      numberFormats.push([]);
      formulas.push([]);
    }
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      const { value, formula } = readCellValue(cell);
      const rowValues = values[r]!;
      const rowFormats = numberFormats[r]!;
      const rowFormulas = formulas[r]!;
      while (rowValues.length <= c) {
        rowValues.push(null);
        rowFormats.push(null);
        rowFormulas.push(false);
      }
      rowValues[c] = value;
      rowFormats[c] = cell.numFmt ?? null;
      rowFormulas[c] = formula;
    });
  });
  return { name: worksheet.name, values, numberFormats, formulas };
}

/**
 * Reads every worksheet into the engine's plain snapshot, from A1 through the last non-empty
 * cell (rows may be ragged). Values: numbers, text (rich text flattened), booleans, `null` for
 * blanks, `{ error: '#N/A' }` for Excel errors, dates as Excel serials (1900 system), formula
 * cells as their cached result with `formulas[r][c] = true`.
 *
 * @example
 * const snapshot = await readWorkbookSnapshot('contract.xlsx');
 * snapshot.sheets[0].values[0]; // ['Nr.', 'Mål', 'Måltal', ...]
 */
export async function readWorkbookSnapshot(source: ExcelJS.Workbook | string): Promise<WorkbookSnapshot> {
  const workbook = typeof source === 'string' ? (await loadWorkbookFile(source)).workbook : source;
  return { sheets: workbook.worksheets.map(readSheet) };
}
