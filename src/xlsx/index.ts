/**
 * The Node adapter for .xlsx files (dependencies point inward: `cli → xlsx → engine`), as the
 * command line uses it: {@link loadBook} streams a book into the engine's snapshot,
 * {@link applyPlanToPackage} splices the engine's plan into the parts Trafiklys owns (every other
 * part copied byte for byte), {@link writeFileSafely} writes the result through a temporary file,
 * and {@link writeNewWorkbook} (exceljs) builds brand-new workbooks (the template, the overview).
 * Every failure is an {@link XlsxError}. The command line imports these modules one by one, so
 * a command loads only what it runs (docs/decisions.md, "bench, start-up, real files").
 */
export { loadBook, type LoadedBook, type LoadBookOptions } from './read-book';
export { applyPlanToPackage, type AppliedPackage } from './write-book';
export type { ApplyPlanResult, SkippedWrite } from './sheet-edit';
export { XlsxError, isXlsxError, type XlsxErrorCode } from './errors';
export { fileExists, nodeFileSystem, type XlsxFileSystem } from './file-system';
export { writeFileSafely, type SaveWorkbookOptions } from './safe-write';
export { checkTargetIsFree, findWorkbookHolder, type WorkbookHolder } from './workbook-owner';
export { buildWorkbook, writeNewWorkbook, type BuildWorkbookOptions, type NewSheetFormula, type NewSheetWithFormulas, type StyledNewSheet, type StyledNewWorkbook } from './write-new-workbook';
