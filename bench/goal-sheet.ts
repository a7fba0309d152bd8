/**
 * A deterministic goal sheet whose every row has a Source over the bench survey sheet
 * (./sources-bench.ts), so the engine's time is dominated by what issue 5 measures.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/engine/types';
import { buildBenchSources, buildBenchWorkbook } from './sources-bench';

/** Unit and target for each of buildBenchSources' six templates, in its order. */
const UNIT_AND_TARGET: [string, string][] = [
  ['%', '≥ 40 %'],
  ['NPS', '≥ 10'],
  ['antal', '2021: 5000'],
  ['antal', '2021: 10000'],
  ['%', '≥ 90 %'],
  ['tal', '≥ 40000'],
];

/** The goal sheet `Mål 2021`: `rows` goals, each with a Source. */
export function buildGoalSheet(rows: number): SheetSnapshot {
  const sources = buildBenchSources(rows);
  const values: CellValue[][] = [['Nr.', 'Mål', 'Enhed', 'Måltal', 'Kilde']];
  sources.forEach((source, i) => {
    const [unit, target] = UNIT_AND_TARGET[i % UNIT_AND_TARGET.length];
    values.push([String(i + 1), `Mål ${i + 1}`, unit, target, source]);
  });
  return { name: 'Mål 2021', values };
}

/** The goal sheet first, then the survey sheet of `surveyRows` rows and the municipality list. */
export function buildGoalWorkbook(goalRows: number, surveyRows: number): WorkbookSnapshot {
  const data = buildBenchWorkbook(surveyRows);
  return { sheets: [buildGoalSheet(goalRows), ...data.sheets] };
}

/** The status date of DOMAIN.md, so every run plans the same writes. */
export const BENCH_NOW = new Date(Date.UTC(2021, 9, 13, 10));
export const BENCH_AS_OF = '2021-10-13';
