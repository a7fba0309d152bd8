/**
 * `trafiklys report` (SPEC §8), pure: the HTML status report of one or many books and the
 * overview of many as a plain workbook. Imports only the engine's public surface; the CLI reads
 * the books and writes the files.
 */
export { renderHtmlReport, renderReportModel, pageColours } from './render-html';
export { overviewWorkbook, type OverviewCellStyle, type OverviewSheet, type OverviewWorkbook } from './overview-workbook';
export {
  buildReportModel,
  buildOverview,
  buildBookSection,
  compareGoalIds,
  chooseLanguage,
  bookColumnName,
  historyFor,
  type ReportBook,
  type UnreadableBook,
  type ReportInput,
  type ReportModel,
  type Overview,
  type OverviewRow,
  type OverviewCell,
  type BookSection,
  type ReportSheet,
  type ReportRow,
  type HistoryPoint,
} from './report-model';
export { renderHistoryChart, describePoint, STATUS_SHAPES } from './history-chart';
export { escapeHtml } from './escape-html';
export { goalDepth } from '../engine';
export { statusLine, shortDate } from './format-values';
