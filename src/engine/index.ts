/**
 * The engine's face: every name the adapters and the examples use, handed on from the module that
 * defines it (they import the engine only through this file). Nothing is defined here.
 */

export { DEFAULT_SETTINGS_SHEET, recalculate } from './recalculate';
export { isGoalSheetHead, findGoalSheetHeader, HEADER_SEARCH_ROWS } from './headers';
export { formatActualValue, formatGapValue, formatMilestoneWord, formatTargetValue, formatValue } from './display';
export { parseAsOfDate, parseEvaluationYear } from './evaluation-date';
export { isSettingsSheetName } from './settings';
export { isValidCvr } from './sources/data-sheet';
export { listSourceColumns } from './sources/source-columns';
export type { SourceColumns, SheetColumnNeed } from './sources/source-columns';
export { changeWord, compareIds, countChanges, formatChangeSide } from './contract-changes';
export { CHANGE_SECTION_WORDS, CHANGE_WORDS, changesHeading, COLUMN_WORDS, PAGE_STATUS_COLOURS, PANE_STATUS_COLOURS, REPORT_WORDS, STATUS_COLOURS, STATUS_LABELS, statusLabel, statusPhrase } from './glossary';
export type { StatusColours } from './glossary';
export { describeProseReading, formatCanonicalRule, formatRuleForDisplay } from './rule-text';
export { parseTargetText, RuleError, type TargetRule } from './target-rule';
export type * from './types';
export { CHANGE_KINDS, STATUS_IDS } from './types';
export { HISTORY_SHEET_NAMES } from './history/history-sheet';
export { DEFAULT_ROW_HEIGHT, REPORT_DEFINED_NAME, REPORT_SHEET_NAMES, reportTitle, statusCounts } from './report-sheet';
export { judgeStatus, measureColumn, readYearTarget, type ColumnMeasure, type ColumnFilter, type JudgedStatus, type LiveFunctionOutcome } from './live-functions';
export { columnLetter, cellAddress } from './cells';
export { quoteSheetName } from './cell-text';
export { danishFromIso, dayFromDate, dayFromYmd, excelSerialFromDay, formatDayFirst } from './dates';
export { goalDepth } from './goal-row';
export { formatStatusLine, statusLine } from './status-line';
export { goalSheetTemplate } from './template';
