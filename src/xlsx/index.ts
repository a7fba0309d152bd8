/**
 * The Node adapter over exceljs (STYLE.md: `cli → xlsx → engine`): read a workbook into the
 * engine's snapshot, apply the engine's plan, write files safely.
 */
export { XlsxError, isXlsxError, type XlsxErrorCode } from './errors';
export { inspectPackage, describeUnkeepable, type InspectPackageOptions, type PackageInspection, type UnkeepablePart } from './inspect-package';
export {
  loadWorkbookFile,
  saveWorkbookFile,
  assertKeepable,
  nodeFileSystem,
  tempFileFor,
  type XlsxFileSystem,
  type LoadWorkbookOptions,
  MEMORY_PER_UNPACKED_BYTE,
  type LoadedWorkbook,
  type SaveWorkbookOptions,
} from './workbook-file';
export { readWorkbookSnapshot, readCellValue } from './read-snapshot';
export { applyWritePlan, type ApplyPlanResult, type SkippedWrite } from './apply-plan';
export { buildWorkbook, writeNewWorkbook, type BuildWorkbookOptions, type NewSheetFormula, type NewSheetWithFormulas, type NewSheetCellStyle, type StyledNewSheet, type StyledNewWorkbook } from './write-new-workbook';
export { writeLargeSurveyWorkbook, type StreamedSheet, type WriteLargeWorkbookOptions } from './write-large-workbook';
