/**
 * The goal workbook's builders now live in test/support/goal-workbook.ts (test/ never imports
 * bench/). This re-export keeps bench/cli-bench.ts and scripts/make-large-survey.ts, which other
 * work is editing now, building; point them at test/support and delete this file.
 */
export { BENCH_AS_OF, BENCH_NOW, buildGoalSheet, buildGoalWorkbook } from '../test/support/goal-workbook';
