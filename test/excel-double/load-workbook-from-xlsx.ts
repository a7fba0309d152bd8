/**
 * Loads a .xlsx file into the double's {@link InMemoryWorkbook} with exceljs, so the Office.js
 * adapter runs on the same fixtures as the command line. Node only: kept apart from
 * excel-double.ts, which a browser page bundles.
 */
import ExcelJS from 'exceljs';
import { dayFromDate, excelSerialFromDay } from '../../src/engine/dates';
import { type ModelCell, type ModelSheet, type ModelValue, InMemoryWorkbook } from './workbook-model';

const MS_PER_DAY = 86_400_000;

/** A Date from exceljs as an Excel serial (Excel hands dates to add-ins as serials). */
function serialFromDate(date: Date): number {
  const day = dayFromDate(date);
  return excelSerialFromDay(day) + (date.getTime() - day * MS_PER_DAY) / MS_PER_DAY;
}

function plain(value: unknown): ModelValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return serialFromDate(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.error === 'string') return { error: v.error };
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((run) => run.text).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return null;
}

/** `FFC6EFCE` → `#C6EFCE`; theme and indexed colours are not resolved (left as automatic). */
function hexFromArgb(argb: string | undefined): string | undefined {
  return argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined;
}

function readCell(cell: ExcelJS.Cell): ModelCell | null {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  const raw = cell.value;
  const out: ModelCell = { value: null };
  if (raw && typeof raw === 'object' && ('formula' in raw || 'sharedFormula' in raw)) {
    out.value = plain((raw as ExcelJS.CellFormulaValue).result);
    // A shared formula's text lives on its master; the double only needs "is a formula".
    out.formula = `=${cell.formula ?? (raw as ExcelJS.CellFormulaValue).formula ?? ''}`;
  } else out.value = plain(raw);
  if (cell.numFmt && cell.numFmt !== 'General') out.numberFormat = cell.numFmt;
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const hex = hexFromArgb(fill.fgColor?.argb);
    if (hex) out.fill = hex;
  }
  const fontHex = hexFromArgb(cell.font?.color?.argb);
  if (fontHex) out.fontColor = fontHex;
  if (cell.font?.bold) out.bold = true;
  return out.value === null && !out.formula && !out.numberFormat && !out.fill && !out.fontColor && !out.bold ? null : out;
}

/** Turns an exceljs workbook into the double's model. */
export function workbookFromExcelJs(workbook: ExcelJS.Workbook): InMemoryWorkbook {
  const sheets: ModelSheet[] = workbook.worksheets.map((ws) => {
    const rows: (ModelCell | null)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: (ModelCell | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        while (cells.length < colNumber - 1) cells.push(null);
        cells[colNumber - 1] = readCell(cell);
      });
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    return { name: ws.name, protected: protection?.sheet === true, rows };
  });
  return new InMemoryWorkbook({ sheets });
}

/**
 * Reads a .xlsx file into a new in-memory workbook for the Excel double.
 *
 * @example
 * const double = installExcelDouble(globalThis, await loadWorkbookFromXlsx('examples/resultatkontrakt-2021.xlsx'));
 */
export async function loadWorkbookFromXlsx(file: string): Promise<InMemoryWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbookFromExcelJs(workbook);
}
