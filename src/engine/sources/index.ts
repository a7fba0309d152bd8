/**
 * Source expressions (SPEC §4): actuals computed from survey exports and registers pasted into
 * the workbook. The language is described for analysts in ./README.md. This file only hands the
 * names on.
 */

export { createSourceEvaluator, type SourceEvaluatorOptions } from './source-evaluator';
export { parseSource, SOURCE_FUNCTIONS } from './parser';
export type { AggregateSource, Condition, ColumnRef, GoalSource, Literal, ParsedSource, SourceFunction, SourceOptions } from './parser';
export { SourceSyntaxError, tokenizeSource } from './tokenizer';
export { DEFAULT_EXCLUDES } from './base';
export { isValidCvr } from './data-sheet';

