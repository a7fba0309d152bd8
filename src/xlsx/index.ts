/**
 * The Node adapter for .xlsx files (dependencies point inward: `cli → xlsx → engine`). The command line reads a
 * book with {@link loadBook} (streaming, issue 9) and writes it with {@link applyPlanToBook} and
 * {@link writeFileSafely}, touching only the parts Trafiklys owns. exceljs remains only to build
 * brand-new workbooks (`writeNewWorkbook`); the exceljs reader that tests compare with lives in
 * test/support, so the product ships no second read path.
 */
export { loadBook, readPackageSnapshot, type LoadedBook, type LoadBookOptions } from './read-book';
export { applyPlanToBook, applyPlanToPackage, type AppliedBook, type AppliedPackage, type ApplyPlanResult, type SkippedWrite } from './write-book';
export { openPackage, type OpenedPackage, type PackageSheet } from './package-reader';
export { XlsxError, isXlsxError, type XlsxErrorCode } from './errors';
export { inspectPackage, type InspectPackageOptions, type PackageInspection } from './inspect-package';
export { nodeFileSystem, tempFileFor, writeFileSafely, type SaveWorkbookOptions, type XlsxFileSystem } from './safe-write';
export { buildWorkbook, writeNewWorkbook, type BuildWorkbookOptions, type NewSheetFormula, type NewSheetWithFormulas, type StyledNewSheet, type StyledNewWorkbook } from './write-new-workbook';
