import type { SourceOutcome } from '../types';
import { prepareSourceBase, type ComputeOptions, type SourceFunctionDefinition } from './base';
import { count, countUnique } from './aggregate-count';
import { coverage } from './aggregate-coverage';
import { nps } from './aggregate-nps';
import { mean, median, sum } from './aggregate-numeric';
import { share } from './aggregate-share';
import { shareNew } from './aggregate-share-new';
import type { AggregateSource, SourceFunction } from './parser';
import type { SourceWorkbook } from './source-workbook';

/** Each source function of SPEC §4, by the name a Source cell calls it. */
const SOURCE_FUNCTION_DEFINITIONS: Record<SourceFunction, SourceFunctionDefinition> = {
  share,
  share_new: shareNew,
  coverage,
  nps,
  count,
  count_unique: countUnique,
  sum,
  mean,
  median,
};

/**
 * Computes an aggregate source over the workbook: the shared base, then the function's aggregate.
 *
 * @example
 * computeSource(parseSource('count(Data!CVR)') as AggregateSource, new SourceWorkbook(snapshot))
 * // { kind: 'value', value: 3, unit: 'count', base: 'n = 3' }
 * @throws SourceProblem for an unknown sheet or column (the evaluator turns it into an error outcome).
 */
export function computeSource(source: AggregateSource, book: SourceWorkbook, options: ComputeOptions = {}): SourceOutcome {
  const definition = SOURCE_FUNCTION_DEFINITIONS[source.fn];
  return definition.aggregate(prepareSourceBase(source, book, definition.unit, options));
}
