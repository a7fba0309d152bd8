/**
 * The Office.js adapter (SPEC §7): the only module of the add-in that calls `Excel.run`. The
 * task pane gets these functions through props or a hook and never imports Office.
 */
import { findGoalSheetHeader, isGoalSheetHead, isSettingsSheetName, listSourceColumns, recalculate } from '../engine/index';
import type { NewWorkbook, Recalculation } from '../engine/index';
import {
  type EngineFunctions,
  type ExcelRun,
  type RecalculateInExcelOptions,
  insertNewSheetsWith,
  recalculateWith,
  selectCellWith,
} from './excel-operations';
import type { HostError, HostResult } from './host-error';
import { runExclusive } from './recalculation-lock';
import { checkApiFloor, checkReportSupport, officeApiSupport } from './requirements';
import { AutoRecalculation, type AutoRecalculationEvent, type ExcelEventHost, type LearnFromRead } from './auto-recalculation';

export type { HostError, HostResult } from './host-error';
export { runExclusive, BUSY_ERROR, isRecalculationRunning, type LockStorage } from './recalculation-lock';
export { toHostError, protectedSheetError } from './host-error';
export type { RecalculateInExcelOptions, RecalculationPhase, RecalculationReport, ExcelRun, EngineFunctions } from './excel-operations';
export { recalculateWith, selectCellWith, insertNewSheetsWith, uniqueSheetName } from './excel-operations';
export { AutoRecalculation, AUTO_RECALCULATE_DELAY_MS, type AutoRecalculationEvent, type AutoRecalculationOptions, type ExcelEventHost, type LearnFromRead } from './auto-recalculation';
export { describeWatchedCells, isRelevantChange, columnSpan, type WatchedCells, type WatchEngine } from './watched-cells';
export { AUTO_RECALCULATE_SETTING, officeDocumentSettings, readAutoRecalculate, saveAutoRecalculate, type DocumentSettings } from './document-settings';
export { checkAutoRecalculateSupport } from './requirements';

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
  return run ? recalculateWith(run, engine, { supports: officeApiSupport(), ...options }) : Promise.resolve(noExcel());
}

/**
 * *Recalculate automatically* bound to the page's Excel (docs/spec.md §10): its recalculations
 * go through the same lock as the button and the ribbon (`runExclusive`); switching on reads the
 * workbook once without writing, to learn what to watch.
 *
 * @example
 * const auto = autoRecalculationInExcel((event) => show(event));
 * await recalculateInExcel({ onEvaluated: auto.learn }); // a manual run keeps the watch map current too
 */
export function autoRecalculationInExcel(onEvent: (event: AutoRecalculationEvent) => void): AutoRecalculation {
  const excel: ExcelEventHost = {
    run: ((...args: unknown[]) => {
      const host = (globalThis as { Excel?: { run?: (...a: unknown[]) => Promise<unknown> } }).Excel;
      if (!host?.run) return Promise.reject(Object.assign(new Error('Excel is not available: open Trafiklys from the ribbon inside Excel.'), { code: 'NoExcel' }));
      return host.run(...args);
    }) as ExcelEventHost['run'],
  };
  const run = (learn: LearnFromRead, write: boolean) => runExclusive(() => recalculateInExcel({ write, onEvaluated: learn }));
  return new AutoRecalculation({
    excel,
    // Asked at use, not now: this runs as the bundle loads, before Office.onReady.
    supports: (version) => officeApiSupport()(version),
    engine: { findGoalSheetHeader, listSourceColumns, isSettingsSheetName },
    recalculate: (learn) => run(learn, true),
    survey: (learn) => run(learn, false),
    onEvent,
  });
}

/**
 * Whether this Excel has the declared ExcelApi floor (manifest `<Requirements>`): `null`, or the
 * error the pane shows while it keeps Recalculate disabled.
 *
 * @example const tooOld = checkExcelSupport(); if (tooOld) showError(tooOld.message);
 */
export function checkExcelSupport(): HostError | null {
  return checkApiFloor(officeApiSupport());
}

/** `null` when this Excel can keep a status report (ExcelApi 1.4, a defined name marks it); else why not. */
export function checkExcelReportSupport(): HostError | null {
  return checkReportSupport(officeApiSupport());
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
export { EXCEL_API_FLOOR, OPTIONAL_SETS, checkApiFloor, type ApiSupport } from './requirements';
export type { NotApplied } from './apply-plan';
