/**
 * The streaming writer now lives in test/support/write-large-workbook.ts (test/ never imports
 * bench/). This re-export keeps bench/cli-bench.ts and scripts/make-large-survey.ts, which other
 * work is editing now, building; point them at test/support and delete this file.
 */
export { writeLargeSurveyWorkbook, type StreamedSheet, type WriteLargeWorkbookOptions } from '../test/support/write-large-workbook';
