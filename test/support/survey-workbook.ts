/**
 * A deterministic survey workbook and Source cells over it, the data the benchmarks and the
 * large-survey tests share: segments, answers with a sprinkle of non-breaking spaces, NPS scores as
 * numbers and as text, dates as Excel serials, CVR numbers (one in a hundred mistyped) and amounts.
 * Seeded, so every run builds the same rows.
 */
import { isValidCvr, type CellValue, type WorkbookSnapshot } from '../../src/engine/index';
import { createRandom, type Random } from '../../src/examples/seeded-random';

const SEGMENTS = ['Drift', 'Vækst', 'Iværksætter'];
const ANSWERS = ['Meget tilfreds', 'Tilfreds', 'Hverken eller', 'Utilfreds', 'Meget utilfreds', 'Ved ikke'];
const KOMMUNER = ['Aalborg', 'Brønderslev', 'Frederikshavn', 'Hjørring', 'Jammerbugt', 'Læsø', 'Mariagerfjord', 'Morsø', 'Rebild', 'Thisted', 'Vesthimmerland'];

/**
 * A workbook with one survey sheet `Tilfredshed` of `rows` respondents and a list of
 * municipalities `Kommuner`.
 *
 * @example buildBenchWorkbook(100_000).sheets.map((s) => s.name); // ['Tilfredshed', 'Kommuner']
 */
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

/**
 * `DK` and a CVR number that passes the engine's check (`isValidCvr`), as real firms' numbers do;
 * one in a hundred has its last digit mistyped, as pasted registers do. The check digit is found
 * by asking the engine, so the modulus-11 rule has one home.
 */
function makeCvr(random: Random): string {
  for (;;) {
    const first7 = [1 + Math.floor(random() * 9), ...Array.from({ length: 6 }, () => Math.floor(random() * 10))].join('');
    const check = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((digit) => isValidCvr(`${first7}${digit}`));
    // A remainder that would need check digit 10 has no valid number; draw again.
    if (check === undefined) continue;
    const last = random() < 0.01 ? (check + 1) % 10 : check;
    return `DK${first7}${last}`;
  }
}

/**
 * `count` Source cells of the kinds a contract uses. No two of the first 2,000 are the same text (a
 * contract does not repeat a source): the six kinds run through the three segments, then again
 * with a date window starting on another day each round (`; Dato >= 2021-04-01`, then
 * `2021-07-01`, ..., then `2021-01-02`, ...), so caching whole outcomes would not help.
 *
 * @example buildBenchSources(1); // ['share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift")']
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
