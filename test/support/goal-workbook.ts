/**
 * A deterministic goal sheet whose every row has a Source over the survey sheet of
 * ./survey-workbook.ts, so the engine's time is dominated by the sources the benchmarks measure. Shared
 * by the benchmarks and the large-survey tests.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/index';
import { buildBenchSources, buildBenchWorkbook } from './survey-workbook';

/** Unit and target for each of buildBenchSources' six templates, in its order. */
const UNIT_AND_TARGET: [string, string][] = [
  ['%', '≥ 40 %'],
  ['NPS', '≥ 10'],
  ['antal', '2021: 5000'],
  ['antal', '2021: 10000'],
  ['%', '≥ 90 %'],
  ['tal', '≥ 40000'],
];

/**
 * The goal sheet `Mål 2021`: `rows` goals, each with a Source.
 *
 * @example buildGoalSheet(50).values.length; // 51: the header and 50 goals
 */
export function buildGoalSheet(rows: number): SheetSnapshot {
  const sources = buildBenchSources(rows);
  const values: CellValue[][] = [['Nr.', 'Mål', 'Enhed', 'Måltal', 'Kilde']];
  sources.forEach((source, i) => {
    const [unit, target] = UNIT_AND_TARGET[i % UNIT_AND_TARGET.length];
    values.push([String(i + 1), `Mål ${i + 1}`, unit, target, source]);
  });
  return { name: 'Mål 2021', values };
}

/**
 * The goal sheet first, then the survey sheet of `surveyRows` rows and the municipality list.
 *
 * @example buildGoalWorkbook(50, 100_000).sheets.map((s) => s.name); // ['Mål 2021', 'Tilfredshed', 'Kommuner']
 */
export function buildGoalWorkbook(goalRows: number, surveyRows: number): WorkbookSnapshot {
  const data = buildBenchWorkbook(surveyRows);
  return { sheets: [buildGoalSheet(goalRows), ...data.sheets] };
}

/** A fixed status date (13 October 2021, the example contract's), so every run plans the same writes. */
export const BENCH_NOW = new Date(Date.UTC(2021, 9, 13, 10));
export const BENCH_AS_OF = '2021-10-13';
