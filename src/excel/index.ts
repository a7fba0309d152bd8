/**
 * The Office.js adapter (SPEC §7): the only module of the add-in that calls `Excel.run`. The
 * task pane gets these functions through props or a hook (STYLE.md) and never imports Office.
 */
import { isGoalSheetHead, isSettingsSheetName, listSourceColumns, recalculate } from '../engine/index';
import type { NewWorkbook, Recalculation } from '../engine/index';
import {
  type EngineFunctions,
  type ExcelRun,
  type RecalculateInExcelOptions,
  insertNewSheetsWith,
  recalculateWith,
  selectCellWith,
} from './excel-operations';
import type { HostResult } from './host-error';

export type { HostError, HostResult } from './host-error';
export { runExclusive, BUSY_ERROR, isRecalculationRunning, type LockStorage } from './recalculation-lock';
export { toHostError, protectedSheetError } from './host-error';
export type { RecalculateInExcelOptions, RecalculationPhase, RecalculationReport, ExcelRun, EngineFunctions } from './excel-operations';
export { recalculateWith, selectCellWith, insertNewSheetsWith, uniqueSheetName } from './excel-operations';

const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName, listSourceColumns };

/** `Excel.run` of the page's office.js, looked up at call time (office.js loads after our bundle). */
function excelRun(): ExcelRun | null {
  const host = (globalThis as { Excel?: { run?: ExcelRun } }).Excel;
  return host && typeof host.run === 'function' ? (batch) => host.run!(batch) : null;
}

function noExcel<T>(): HostResult<T> {
  return { ok: false, error: { code: 'NoExcel', message: 'Excel is not available: open Trafiklys from the ribbon inside Excel.' }, syncs: 0 };
}

/**
 * Recalculates every goal sheet of the open workbook and writes the results (SPEC §7).
 *
 * @example
 * const outcome = await recalculateInExcel({ asOf: '2021-10-13', onProgress: (phase, f) => setProgress(f) });
 * if (!outcome.ok) showError(outcome.error.message);
 */
export function recalculateInExcel(options: RecalculateInExcelOptions = {}): Promise<HostResult<Recalculation>> {
  const run = excelRun();
  return run ? recalculateWith(run, engine, options) : Promise.resolve(noExcel());
}

/**
 * Activates a sheet and selects a cell or range, e.g. a goal's row from the task pane.
 *
 * @example await selectCell('Mål 2021', 'A7:H7');
 */
export function selectCell(sheet: string, address: string): Promise<HostResult<void>> {
  const run = excelRun();
  return run ? selectCellWith(run, sheet, address) : Promise.resolve(noExcel());
}

/**
 * Adds sheets (the goal-sheet template, the example workbook's sheets); returns the names used,
 * with ` (2)` added where a name was taken.
 *
 * @example const outcome = await insertNewSheets(buildTemplateWorkbook('da'));
 */
export function insertNewSheets(workbook: NewWorkbook): Promise<HostResult<string[]>> {
  const run = excelRun();
  return run ? insertNewSheetsWith(run, workbook) : Promise.resolve(noExcel());
}
export { READ_BUDGET_BYTES } from './read-plan';
