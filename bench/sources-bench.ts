/**
 * Speed of source expressions (issue 3, item 5): 100,000 survey rows and 50 Source cells, evaluated
 * the way a recalculation does it (one evaluator, each sheet and column read once) and the naive
 * way (a fresh evaluator per Source cell, so each one rescans and renormalises the sheet).
 * A figure for the README, not a test: no assertion depends on the time.
 */
import { createSourceEvaluator } from '../src/engine/sources';
import type { CellValue, WorkbookSnapshot } from '../src/engine/types';
import { createRandom } from '../src/examples/seeded-random';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

export interface SourcesBenchOptions {
  /** Survey rows. Default 100,000. */
  rows?: number;
  /** Source cells. Default 50. */
  sources?: number;
}

const SEGMENTS = ['Drift', 'Vækst', 'Iværksætter'];
const ANSWERS = ['Meget tilfreds', 'Tilfreds', 'Hverken eller', 'Utilfreds', 'Meget utilfreds', 'Ved ikke'];
const KOMMUNER = ['Aalborg', 'Brønderslev', 'Frederikshavn', 'Hjørring', 'Jammerbugt', 'Læsø', 'Mariagerfjord', 'Morsø', 'Rebild', 'Thisted', 'Vesthimmerland'];

/** A workbook with one survey sheet of `rows` respondents and a list of municipalities. */
export function buildBenchWorkbook(rows: number): WorkbookSnapshot {
  const random = createRandom(2021);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  // Firms answer more than once: about three rows per firm, as in a year of survey exports.
  const firms = Array.from({ length: Math.max(10, Math.ceil(rows / 3)) }, () => makeCvr(random));
  const values: CellValue[][] = [['Segment', 'Kompetencer', 'Anbefaling', 'Dato', 'CVR', 'Kommune', 'Beløb']];
  for (let i = 0; i < rows; i++) {
    const score = Math.floor(random() * 11);
    values.push([
      pick(SEGMENTS),
      pick(ANSWERS) + (random() < 0.1 ? '\u00a0' : ''),
      random() < 0.5 ? score : `${score} - svar`,
      44197 + Math.floor(random() * 730), // 2021-01-01 onwards, as Excel serials
      firms[Math.floor(random() * firms.length)],
      pick(KOMMUNER),
      Math.floor(random() * 100_000),
    ]);
  }
  return {
    sheets: [
      { name: 'Tilfredshed', values },
      { name: 'Kommuner', values: [['Navn'], ...KOMMUNER.map((k) => [k])] },
    ],
  };
}

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/**
 * `DK` and a CVR number that passes the modulus-11 check, as real firms' numbers do; one in a
 * hundred has its last digit mistyped, as pasted registers do.
 */
function makeCvr(random: () => number): string {
  for (;;) {
    const digits = [1 + Math.floor(random() * 9), ...Array.from({ length: 6 }, () => Math.floor(random() * 10))];
    const sum = digits.reduce((s, d, i) => s + d * CVR_WEIGHTS[i], 0);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    const last = random() < 0.01 ? (check + 1) % 10 : check;
    return `DK${digits.join('')}${last}`;
  }
}

/**
 * `count` Source cells of the kinds a contract uses. No two of the first 2,000 are the same text (a
 * contract does not repeat a source): the six kinds run through the three segments, then again
 * with a date window starting on another day each round (`; Dato >= 2021-04-01`, then
 * `2021-07-01`, ..., then `2021-01-02`, ...), so caching whole outcomes would not help.
 */
export function buildBenchSources(count: number): string[] {
  const templates = [
    (s: string) => `share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "${s}"`,
    (s: string) => `nps(Tilfredshed!Anbefaling; Segment = "${s}"`,
    (s: string) => `count(Tilfredshed!CVR; Segment = "${s}"; Dato >= 2022-01-01; Dato <= 2022-12-31`,
    (s: string) => `count_unique(Tilfredshed!CVR; Segment in ("${s}", "Drift")`,
    (s: string) => `coverage(Tilfredshed!Kommune; Segment = "${s}"; all = Kommuner!Navn; min = 5`,
    (s: string) => `mean(Tilfredshed!Beløb; Segment = "${s}"`,
  ];
  return Array.from({ length: count }, (_, i) => {
    const segment = SEGMENTS[Math.floor(i / templates.length) % SEGMENTS.length];
    const round = Math.floor(i / (templates.length * SEGMENTS.length));
    const month = String(((round * 3) % 12) + 1).padStart(2, '0');
    const day = String((Math.floor(round / 4) % 28) + 1).padStart(2, '0');
    const window = round === 0 ? '' : `; Dato >= 2021-${month}-${day}`;
    return `${templates[i % templates.length](segment)}${window})`;
  });
}

/**
 * Runs the benchmark and returns its figures.
 *
 * @example
 * for (const f of runSourcesBench()) console.log(`${f.name}: ${f.value} ${f.unit}`);
 */
export function runSourcesBench(options: SourcesBenchOptions = {}): BenchFigure[] {
  const rows = options.rows ?? 100_000;
  const workbook = buildBenchWorkbook(rows);
  const sources = buildBenchSources(options.sources ?? 50);

  const shared = measure(() => {
    const evaluator = createSourceEvaluator(workbook);
    for (const source of sources) check(evaluator.evaluate(source, 'J7', 'Source'));
  });
  const naive = measure(() => {
    for (const source of sources) check(createSourceEvaluator(workbook).evaluate(source, 'J7', 'Source'));
  });
  return [
    { name: 'survey rows', value: rows, unit: 'rows' },
    { name: 'source cells', value: sources.length, unit: 'cells' },
    { name: 'evaluate, one evaluator per recalculation', value: round(shared), unit: 'ms' },
    { name: 'evaluate, naive (a fresh evaluator per source)', value: round(naive), unit: 'ms' },
    { name: 'naive ÷ shared', value: round(naive / shared), unit: '×' },
  ];
}

function measure(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function check(outcome: ReturnType<ReturnType<typeof createSourceEvaluator>['evaluate']>): void {
  // A bench that measures error outcomes measures nothing.
  if (outcome.kind === 'error') throw new Error(outcome.message);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
