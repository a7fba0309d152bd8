import ExcelJS from 'exceljs';
import type { CellWrite, WritePlan } from '../engine';
import { cellAddress } from '../engine';
import { isFormulaValue } from './read-snapshot';

/** A write the adapter would not make, and why. */
export interface SkippedWrite {
  write: CellWrite;
  /** `'Mål 2021'!H7` */
  cell: string;
  reason: 'formula' | 'merged' | 'unknown-sheet';
}

export interface ApplyPlanResult {
  written: number;
  skipped: SkippedWrite[];
}

/** `#C6EFCE` → `FFC6EFCE` (exceljs wants ARGB). */
function argbFromHex(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

/**
 * Builds the cell's new style as a fresh object. exceljs shares one style object between all
 * cells read with the same style id, so mutating `cell.numFmt` in place would restyle cells the
 * plan never named; assigning a new object keeps the change to this cell.
 */
function styleAfter(cell: ExcelJS.Cell, write: CellWrite): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (write.numberFormat !== undefined) style.numFmt = write.numberFormat;
  if (write.fill === null) delete style.fill;
  else if (write.fill !== undefined) {
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argbFromHex(write.fill) } };
  }
  if (write.fontColor !== undefined || write.bold !== undefined) {
    // Keep the user's font (name, size, italics); change only the colour and weight.
    const font: Partial<ExcelJS.Font> = { ...(cell.style.font ?? {}) };
    if (write.fontColor === null) delete font.color;
    else if (write.fontColor !== undefined) font.color = { argb: argbFromHex(write.fontColor) };
    if (write.bold !== undefined) font.bold = write.bold;
    style.font = font;
  }
  return style;
}

/**
 * Applies the engine's plan to a loaded workbook: adds the sheets it names, then writes values,
 * number formats, fills, font colours and bold. A cell holding a formula, or lying inside a
 * merged range other than its master, is never written (SPEC §1, "a cell holding a formula is
 * never overwritten"); the engine avoids those already and this guard reports any it missed.
 *
 * @example
 * const { skipped } = applyWritePlan(workbook, recalculation.plan);
 * for (const s of skipped) console.warn(`${s.cell} not written: ${s.reason}`);
 */
export function applyWritePlan(workbook: ExcelJS.Workbook, plan: WritePlan): ApplyPlanResult {
  for (const name of plan.addSheets) {
    if (!workbook.getWorksheet(name)) workbook.addWorksheet(name);
  }
  const skipped: SkippedWrite[] = [];
  let written = 0;
  for (const write of plan.writes) {
    const cell = cellAddress(write.sheet, write.row, write.col);
    const worksheet = workbook.getWorksheet(write.sheet);
    if (!worksheet) {
      skipped.push({ write, cell, reason: 'unknown-sheet' });
      continue;
    }
    const target = worksheet.getCell(write.row + 1, write.col + 1);
    if (isFormulaValue(target.value)) {
      skipped.push({ write, cell, reason: 'formula' });
      continue;
    }
    if (target.isMerged && target.master !== target) {
      skipped.push({ write, cell, reason: 'merged' });
      continue;
    }
    target.value = write.value;
    target.style = styleAfter(target, write) as ExcelJS.Style;
    written += 1;
  }
  return { written, skipped };
}
