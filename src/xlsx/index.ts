/**
 * The Node adapter for .xlsx files (dependencies point inward: `cli → xlsx → engine`). The command line reads a
 * book with {@link loadBook} (streaming, issue 9) and writes it with {@link applyPlanToBook} and
 * {@link writeFileSafely}, touching only the parts Trafiklys owns. exceljs remains for new
 * workbooks (`writeNewWorkbook`) and as the independent reader tests compare with.
 */
export { loadBook, readPackageSnapshot, type LoadedBook, type LoadBookOptions } from './read-book';
export { applyPlanToBook, type AppliedBook } from './write-book';
export { openPackage, type OpenedPackage, type PackageSheet } from './package-reader';
export { XlsxError, isXlsxError, type XlsxErrorCode } from './errors';
export { inspectPackage, describeUnkeepable, type InspectPackageOptions, type PackageInspection, type UnkeepablePart } from './inspect-package';
export {
  loadWorkbookFile,
  saveWorkbookFile,
  assertKeepable,
  nodeFileSystem,
  tempFileFor,
  writeFileSafely,
  type XlsxFileSystem,
  type LoadWorkbookOptions,
  MEMORY_PER_UNPACKED_BYTE,
  type LoadedWorkbook,
  type SaveWorkbookOptions,
} from './workbook-file';
export { readWorkbookSnapshot, readCellValue } from './read-snapshot';
export { applyWritePlan, type ApplyPlanResult, type SkippedWrite } from './apply-plan';
export { buildWorkbook, writeNewWorkbook, type BuildWorkbookOptions, type NewSheetFormula, type NewSheetWithFormulas, type NewSheetCellStyle, type StyledNewSheet, type StyledNewWorkbook } from './write-new-workbook';
