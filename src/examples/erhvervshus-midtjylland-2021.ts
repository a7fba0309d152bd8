import { dayFromYmd, excelSerialFromDay, type CellValue, type NewSheet, type NewWorkbook } from '../engine';

/**
 * A second house's workbook for the many-book report: Erhvervshus Midtjylland's 2021
 * contract with its own awareness baseline of 36 % (September 2020; docs/spec.md, Appendix A), typed actuals only, a Comment
 * column, and the `Titel`/`Organisation` settings of SPEC §5. Its goals differ from
 * Nordjylland's where a real overview's would: no goal 5, a sub-goal 3.10 (which must sort after
 * 3.2), and a goal 13 of its own. Titles with `&` keep the report's escaping honest.
 */

const DATE_FORMAT = 'dd-mm-yyyy';
const PERCENT_FORMAT = '0%';

const HEADERS = ['Nr.', 'Mål', 'Enhed', 'Udgangspunkt', 'Måltal', 'Resultat', 'Bemærkning'];
const ACTUAL_COL = 5;

type GoalRow = [id: string, title: string, unit: string | null, baseline: string | null, target: string | null, actual: CellValue, comment: string | null];

/** The expected status on 13 October 2021 is in the trailing comment. */
const GOALS: GoalRow[] = [
  ['1', 'Kendskab', '%', '36 % (2020)', '2021: +5 pp; 2023: mindst 50 %', 0.39, 'Måling fra september'], // 39 vs 41, within 5 pp: at-risk
  ['3', 'Tilfredshed', null, null, null, null, null], // worst child: off-track
  ['3.1', 'Meget tilfredse, Drift', '%', null, '≥ 80 %', 0.82, null], // met
  ['3.2', 'Meget tilfredse, Vækst', '%', null, '≥ 80 %', 0.78, null], // at-risk
  ['3.10', 'NPS, Iværksættere', 'NPS', null, '≥ 70', 58, 'Ny målgruppe i 2021'], // 12 below, beyond 5: off-track
  ['4', 'Knudepunkt', '%', null, '2021: ≥45%; 2022: ≥47%; 2023: ≥50%', 0.47, null], // met
  ['6', 'Grøn omstilling', 'milepæl', null, 'udført senest 31-12-2021', 'i gang', 'Dialogværktøj i test'], // on-track
  ['7', 'Effekt', '%', null, '≥ 65 %', 0.66, null], // met
  ['8', 'Digitalisering', '%', null, '≥ 70 %', null, 'Afventer nationale tal'], // no-data
  ['9', 'Regional strategi', null, null, null, null, 'Kvalitativt: aktivitetsliste'], // no-target
  ['10', 'Regionalt samarbejde', null, null, null, null, null], // worst child: on-track
  ['10.1', 'Samarbejdsaftaler med 19 kommuner', 'milepæl', null, 'udført senest 30-06-2021', 'udført', null], // met
  ['10.2', 'Møder med erhvervskontorer', 'milepæl', null, 'udført senest 31-12-2021', 'i gang', null], // on-track
  ['12', 'Specialiseret rådgivning', null, null, null, null, null], // worst child: at-risk
  ['12.1', 'Vækst- & driftsforløb', 'antal', null, '2021: 420', 300, null], // 300 vs 329 expected: at-risk
  ['12.2', 'Korte forløb & Early Warning', 'antal', null, '2021: 700', 590, null], // 590 vs 548 expected: on-track
  ['13', 'Iværksætteri <Start-up>', 'antal', null, '2021: 150', 160, null], // met
];

/**
 * The workbook, the same on every call.
 *
 * @example midtjyllandWorkbook().sheets.map((s) => s.name) // ['Mål 2021', 'Trafiklys']
 */
export function midtjyllandWorkbook(): NewWorkbook {
  const values: CellValue[][] = [['Resultatkontrakt 2021 – Erhvervshus Midtjylland'], HEADERS, ...GOALS.map((goal) => [...goal])];
  const numberFormats = values.map((row, r) => row.map((value, c) => (r > 1 && c === ACTUAL_COL && typeof value === 'number' && value < 1 ? PERCENT_FORMAT : null)));
  const goalSheet: NewSheet = { name: 'Mål 2021', values, numberFormats, columnWidths: [6, 34, 10, 14, 34, 10, 30], boldRows: [0, 1] };
  const settings: NewSheet = {
    name: 'Trafiklys',
    values: [
      ['År', 2021],
      ['Opgjort pr.', excelSerialFromDay(dayFromYmd(2021, 10, 13))],
      ['Titel', 'Resultatkontrakt 2021 – Erhvervshus Midtjylland'],
      ['Organisation', 'Erhvervshus Midtjylland'],
    ],
    numberFormats: [[null, null], [null, DATE_FORMAT]],
    columnWidths: [16, 44],
  };
  return { sheets: [goalSheet, settings] };
}
