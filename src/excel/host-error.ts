/**
 * Host errors as data (bad input is data, not an exception): whatever Excel throws becomes a {@link HostError} with
 * a message an analyst can act on. The codes are Excel's own (`Excel.ErrorCodes`) plus a few of
 * ours for conditions we detect before Excel would refuse.
 */

export interface HostError {
  /** Excel's error code (`AccessDenied`, `InvalidOperationInCellEditMode`, ...) or one of ours: `SheetProtected`, `NoExcel`, `InvalidOptions`, `Busy`, `Unexpected`. */
  code: string;
  /** One or two sentences for the task pane. */
  message: string;
  /** The sheet concerned, when there is one. */
  sheet?: string;
  /**
   * A write that Excel stopped (docs/spec.md §7): the sheets written whole, those that may be
   * incomplete (the pane and the ribbon's dialog name them; the next Recalculate completes them),
   * and those not reached, as they were. Recalculate can run again: it rewrites only owned cells.
   */
  write?: { written: string[]; wholeOrUntouched: string[]; incomplete?: string[] };
}

/**
 * What every Office-touching call returns; `syncs` counts `context.sync()` round trips, failed
 * ones included. `notApplied` lists what this Excel could not set (print setup below ExcelApi 1.9…).
 */
export type HostResult<T> =
  | { ok: true; value: T; syncs: number; notApplied?: { feature: string; target: string; requires: string }[] }
  | { ok: false; error: HostError; syncs: number };

const FRIENDLY: Record<string, string> = {
  InvalidOperationInCellEditMode: 'Excel is busy: a cell is being edited. Press Enter or Esc to leave the cell, then try again.',
  AccessDenied: 'Excel refused the change because the sheet or workbook is protected or read-only. Unprotect it (Review › Unprotect Sheet) and try again.',
  ItemNotFound: 'A sheet Trafiklys was working on no longer exists; was it renamed or deleted meanwhile? Try again.',
  ItemAlreadyExists: 'A sheet with that name already exists.',
  RequestPayloadSizeLimitExceeded:
    'The workbook is too large for one request to Excel (Excel on the web allows 5 MB), even when read in parts. Move large data sheets to a separate workbook and try again.',
  GeneralException: 'Excel reported an internal error. Try again; if it happens again, save, close and reopen the workbook.',
  InvalidArgument: 'Excel rejected a request from Trafiklys as invalid. This is a fault in Trafiklys; please report it with the workbook.',
  ApiNotFound: 'This version of Excel lacks a feature Trafiklys asked for. Update Excel, or use Excel on the web.',
  ResponsePayloadSizeLimitExceeded:
    'The workbook is too large for one answer from Excel (Excel on the web allows 5 MB), even when read in parts. Move large data sheets to a separate workbook and try again.',
};

/** Builds an error for a goal sheet we will not write because it is protected. */
export function protectedSheetError(sheet: string): HostError {
  return {
    code: 'SheetProtected',
    sheet,
    message: `The sheet '${sheet}' is protected, so Trafiklys cannot write its results. Unprotect it (Review › Unprotect Sheet) and recalculate. Nothing was written.`,
  };
}

/**
 * A write Excel stopped, with what was written, what may be incomplete and what was not reached,
 * and that Recalculate can run again.
 *
 * @example writeFailedError({ code: 'GeneralException', message: '…' }, ['Mål 2021'], ['Trafiklys'], ['Mål 2022']).write?.incomplete // ['Mål 2022']
 */
export function writeFailedError(cause: HostError, written: string[], wholeOrUntouched: string[], incomplete: string[] = []): HostError {
  const list = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');
  const done = written.length > 0 ? ` Written completely: ${list(written)}.` : ' Nothing had been written yet.';
  const partly = incomplete.length > 0 ? ` Incomplete: ${list(incomplete)} (Excel stopped part-way through, after trying again).` : '';
  const rest = wholeOrUntouched.length > 0 ? ` Not written, as they were: ${list(wholeOrUntouched)}.` : '';
  return {
    ...cause,
    message: `${cause.message}${done}${partly}${rest} Recalculate can be run again: it rewrites only Trafiklys's own columns and completes what is incomplete.`,
    write: { written, wholeOrUntouched, ...(incomplete.length > 0 ? { incomplete } : {}) },
  };
}

/**
 * A co-author kept inserting, deleting or sorting rows of `sheets` while Trafiklys wrote: what
 * landed on other rows was taken out again, and the sheets are named as incomplete.
 *
 * @example rowsMovedError(['Mål 2021']).code // 'RowsMoved'
 */
export function rowsMovedError(sheets: string[]): HostError {
  const list = sheets.map((n) => `'${n}'`).join(', ');
  return {
    code: 'RowsMoved',
    ...(sheets.length === 1 ? { sheet: sheets[0]! } : {}),
    message: `Rows of ${list} were inserted, deleted or sorted by someone else each time Trafiklys wrote the results, so it stopped. What it had written onto other rows was taken out again; nothing you wrote was changed. Press Recalculate again when nobody is moving rows.`,
    write: { written: [], wholeOrUntouched: [], incomplete: sheets },
  };
}

/**
 * Turns anything thrown inside `Excel.run` into a {@link HostError}.
 *
 * @example
 * toHostError({ code: 'InvalidOperationInCellEditMode', message: '...' }).message
 * // 'Excel is busy: a cell is being edited. Press Enter or Esc to leave the cell, then try again.'
 */
export function toHostError(error: unknown): HostError {
  const raw = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const code = typeof raw.code === 'string' ? raw.code : 'GeneralException';
  const detail = typeof raw.message === 'string' ? raw.message : String(error);
  const friendly = FRIENDLY[code];
  if (friendly) return { code, message: code === 'InvalidArgument' ? `${friendly} (${detail})` : friendly };
  return { code, message: `Excel reported an error (${code}): ${detail}` };
}
