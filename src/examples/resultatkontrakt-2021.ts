import { dayFromYmd, excelSerialFromDay, recalculate, type CellValue, type NewSheet, type NewWorkbook, type WorkbookSnapshot } from '../engine/index';
import { createRandom, makeCvrNumbers, pickInt, repeat, shuffle, type Random } from './seeded-random';

/**
 * The example workbook: Erhvervshus Nordjylland's 2021 performance contract (docs/spec.md, Appendix A) as a
 * Danish goal sheet `Mål 2021` beside the 2022 contract's `Mål 2022`, with the survey and register exports its Source expressions read
 * (`Tilfredshed`, `Effekt`, `Vejledninger`) and a `Trafiklys` settings sheet.
 *
 * The data are generated, but every figure its status report of 13 October 2021 gives is reached by
 * construction: each answer is placed the exact number of times needed (see the counts below),
 * and only their order is shuffled by a seeded generator, so the file is the same on every run.
 */

/** A sheet of the example; it may carry user formulas (part of {@link NewSheet}). */
export type ExampleSheet = NewSheet;

const DATE_FORMAT = 'dd-mm-yyyy';
const PERCENT_FORMAT = '0%';

/** The 11 municipalities of Region Nordjylland (docs/spec.md, Appendix A). */
const NORDJYLLAND_MUNICIPALITIES = [
  'Aalborg', 'Brønderslev', 'Frederikshavn', 'Hjørring', 'Jammerbugt', 'Læsø',
  'Mariagerfjord', 'Morsø', 'Rebild', 'Thisted', 'Vesthimmerland',
] as const;

/** `9` or, like some survey tools export it, `9 - Meget sandsynligt`. */
function npsAnswer(random: Random, score: number): CellValue {
  if (score === 10 && random() < 0.5) return '10 - Meget sandsynligt';
  if (score === 0) return '0 - Slet ikke sandsynligt';
  return score;
}

/** Scores for an NPS: `promoters` of 9–10, `passives` of 7–8, `detractors` of 0–6. */
function npsScores(random: Random, promoters: number, passives: number, detractors: number): number[] {
  return [
    ...Array.from({ length: promoters }, () => pickInt(random, 9, 10)),
    ...Array.from({ length: passives }, () => pickInt(random, 7, 8)),
    ...Array.from({ length: detractors }, () => pickInt(random, 0, 6)),
  ];
}

interface SegmentPlan {
  segment: string;
  /** Answers to "Kompetencer", Ved ikke and blanks included. */
  competence: [CellValue, number][];
  promoters: number;
  passives: number;
  detractors: number;
  /** Rows with no usable recommendation answer (blank or Ved ikke). */
  noRecommendation: number;
}

/**
 * Tilfredshed (satisfaction survey), one row per respondent.
 *
 * - Drift: 100 answers on the 5-point scale, 75 of them `Meget tilfreds` → 75 %; 8 `Ved ikke`
 *   and 2 blanks are outside the base (SPEC §4). NPS: 78 promoters, 14 passives, 8 detractors
 *   of 100 valid answers → 78 − 8 = 70; 10 rows have a blank or `Ved ikke` recommendation.
 * - Vækst: 100 answers, 81 `Meget tilfreds` → 81 %; 5 `Ved ikke`. NPS: 86 − 2 = 84 of 100.
 * - Iværksætter: 12 respondents of another segment, which the Drift/Vækst filters leave out.
 */
function satisfactionSheet(random: Random): ExampleSheet {
  const plans: SegmentPlan[] = [
    {
      segment: 'Drift',
      competence: [['Meget tilfreds', 75], ['Tilfreds', 15], ['Hverken eller', 6], ['Utilfreds', 3], ['Meget utilfreds', 1], ['Ved ikke', 8], [null, 2]],
      promoters: 78, passives: 14, detractors: 8, noRecommendation: 10,
    },
    {
      segment: 'Vækst',
      competence: [['Meget tilfreds', 81], ['Tilfreds', 12], ['Hverken eller', 5], ['Utilfreds', 2], ['Ved ikke', 5]],
      promoters: 86, passives: 12, detractors: 2, noRecommendation: 5,
    },
    {
      segment: 'Iværksætter',
      competence: [['Meget tilfreds', 4], ['Tilfreds', 6], ['Hverken eller', 2]],
      promoters: 3, passives: 6, detractors: 3, noRecommendation: 0,
    },
  ];
  const rows: CellValue[][] = [];
  for (const plan of plans) {
    const competence = shuffle(random, repeat(plan.competence));
    const recommendation: CellValue[] = shuffle(random, [
      ...npsScores(random, plan.promoters, plan.passives, plan.detractors).map((score) => npsAnswer(random, score)),
      ...Array.from({ length: plan.noRecommendation }, (_, i) => (i % 2 === 0 ? null : 'Ved ikke')),
    ]);
    if (competence.length !== recommendation.length) throw new Error(`example data: ${plan.segment} counts differ`);
    competence.forEach((answer, i) => rows.push([plan.segment, answer, recommendation[i]!]));
  }
  const shuffled = shuffle(random, rows).map((row, i) => [1001 + i, ...row]);
  return {
    name: 'Tilfredshed',
    values: [['Respondent', 'Segment', 'Kompetencer', 'Anbefaling'], ...shuffled],
    columnWidths: [12, 14, 18, 24],
    boldRows: [0],
  };
}

/**
 * Effekt (effect survey): `Positiv effekt` with 71 `I høj grad` among 100 answers that are not
 * `Ved ikke` → 71 %; 9 `Ved ikke` fall outside the base.
 */
function effectSheet(random: Random): ExampleSheet {
  const answers = shuffle(
    random,
    repeat<CellValue>([['I høj grad', 71], ['I nogen grad', 18], ['I mindre grad', 7], ['Slet ikke', 4], ['Ved ikke', 9]]),
  );
  const rows = answers.map((answer, i) => [2001 + i, i % 3 === 0 ? 'Vækst' : 'Drift', answer]);
  return {
    name: 'Effekt',
    values: [['Respondent', 'Segment', 'Positiv effekt'], ...rows],
    columnWidths: [12, 14, 18],
    boldRows: [0],
  };
}

/**
 * Vejledninger (advice register), one row per course, 4 January to 13 October 2021.
 *
 * - Vækst/Drift: 200 + 165 = 365 distinct valid CVR numbers; 15 of those firms have a second
 *   course row, so counting rows would say 380 while `count_unique` says 365.
 * - Kort forløb: 518 distinct firms; Early Warning: 37 more → 555 distinct (518 + 37).
 * - 2 rows with CVR numbers failing the modulus-11 check, which SPEC §4 leaves out and reports.
 * Some CVR numbers are written `DK12345674`, as registers do; SPEC §4 normalises them.
 */
function adviceSheet(random: Random): ExampleSheet {
  const taken = new Set<number>();
  const programmes: [string, number][] = [['Vækst', 200], ['Drift', 165], ['Kort forløb', 518], ['Early Warning', 37]];
  const records: { cvr: CellValue; programme: string }[] = [];
  const growthAndOperations: { cvr: number; programme: string }[] = [];
  for (const [programme, count] of programmes) {
    for (const cvr of makeCvrNumbers(random, count, taken)) {
      records.push({ cvr, programme });
      if (programme === 'Vækst' || programme === 'Drift') growthAndOperations.push({ cvr, programme });
    }
  }
  for (const { cvr, programme } of shuffle(random, growthAndOperations).slice(0, 15)) records.push({ cvr, programme });
  // 12345678 and 87654321 fail the check (weighted sums 114 and 150, neither divisible by 11).
  records.push({ cvr: 12345678, programme: 'Vækst' }, { cvr: 87654321, programme: 'Drift' });
  const start = dayFromYmd(2021, 1, 4);
  const end = dayFromYmd(2021, 10, 13);
  const rows = shuffle(random, records).map(({ cvr, programme }, i) => {
    const written = typeof cvr === 'number' && i % 17 === 0 ? `DK${cvr}` : cvr;
    const municipality = NORDJYLLAND_MUNICIPALITIES[pickInt(random, 0, NORDJYLLAND_MUNICIPALITIES.length - 1)]!;
    return [written, programme, excelSerialFromDay(pickInt(random, start, end)), municipality];
  });
  rows.sort((a, b) => (a[2] as number) - (b[2] as number));
  return {
    name: 'Vejledninger',
    values: [['CVR', 'Forløb', 'Dato', 'Kommune'], ...rows],
    numberFormats: [[], ...rows.map(() => [null, null, DATE_FORMAT, null])],
    columnWidths: [14, 16, 12, 16],
    boldRows: [0],
  };
}

/** Goal sheet columns, in order (0-based indexes used below). */
const GOAL_HEADERS = ['Nr.', 'Mål', 'Indikator', 'Segment', 'Enhed', 'Udgangspunkt', 'Måltal', 'Resultat', 'Kilde', 'Bemærkning'];
const COL = { actual: 7, note: 9 } as const;

type GoalRow = [id: string, title: string, indicator: string | null, segment: string | null, unit: string | null,
  baseline: string | null, target: string | null, actual: CellValue, source: string | null, note: string | null];

/** The 12 goals of the contract (docs/spec.md, Appendix A); the expected status on 13 October 2021 is in the trailing comment. */
const GOALS: GoalRow[] = [
  ['1', 'Kendskab', 'Andel virksomheder i regionen, der kender huset', null, '%', '40 % (2020)', '2021: +5 pp; 2023: mindst 50 %', null, null, 'Måles senere på året'], // no-data
  ['2', 'Geografisk spredning', 'Vejledte virksomheder i hele regionen', null, null, null, null, null, 'goal(10)', 'Vurderes under mål 10'], // = goal 10: on-track
  ['3', 'Tilfredshed', 'Tilfredshed og anbefaling blandt vejledte virksomheder', null, null, null, null, null, null, null], // worst child: at-risk
  ['3.1', 'Meget tilfredse, Drift', 'Andel "Meget tilfreds" med medarbejdernes kompetencer', 'Drift', '%', null, '≥ 80 %', null, 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift")', null], // 75: at-risk
  ['3.2', 'Meget tilfredse, Vækst', 'Andel "Meget tilfreds" med medarbejdernes kompetencer', 'Vækst', '%', null, '≥ 80 %', null, 'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Vækst")', null], // 81: met
  ['3.3', 'NPS, Drift', 'Net Promoter Score', 'Drift', 'NPS', null, '≥ 70', null, 'nps(Tilfredshed!Anbefaling; Segment = "Drift")', null], // 70: met
  ['3.4', 'NPS, Vækst', 'Net Promoter Score', 'Vækst', 'NPS', null, '≥ 70', null, 'nps(Tilfredshed!Anbefaling; Segment = "Vækst")', null], // 84: met
  ['4', 'Knudepunkt', 'Andel henviste virksomheder, der har brugt den eksterne rådgivning', 'Vækst + Drift', '%', null, '2021: ≥45%; 2022: ≥47%; 2023: ≥50%', 0.5, null, null], // 50 ≥ 45: met
  ['5', 'Kriseberedskab', 'Andel kriseramte virksomheder, der oplever positiv effekt', null, '%', null, '2021: 75 %; 2022: udgår', null, null, 'Aktivitetsliste; effektmåling følger'], // no-data
  ['6', 'Grøn omstilling', 'Fælles dialogværktøj leveret', null, 'milepæl', null, 'udført senest 31-12-2021', 'i gang', null, 'I live-test, lancering december 2021'], // on-track
  ['7', 'Effekt', 'Andel "I høj grad" om positiv effekt af vejledningen', null, '%', null, '≥ 65 %', null, 'share(Effekt![Positiv effekt] = "I høj grad")', null], // 71: met
  ['8', 'Digitalisering', 'Andel "I høj grad" blandt digitaliseringsvejledte', null, '%', null, '≥ 70 %', null, null, 'Afventer nationale tal'], // no-data
  ['9', 'Regional strategi', 'Nye fonde og fyrtårnsprojekter', null, null, null, null, null, null, 'Kvalitativt: aktivitetsliste'], // no-target
  ['10', 'Regionalt samarbejde', 'Samarbejde med de 11 kommunale erhvervskontorer', null, null, null, null, null, null, null], // worst child: on-track
  ['10.1', 'Samarbejdsaftaler', 'Aftaler med alle 11 kommuner', null, 'milepæl', null, 'udført senest 30-06-2021', 'udført', null, null], // met
  ['10.2', 'Møder med erhvervskontorer', '4 møder om året med hvert erhvervskontor', null, 'milepæl', null, 'udført senest 31-12-2021', 'i gang', null, null], // on-track
  ['10.3', 'Borgmestermøder', 'Årligt møde med hver borgmester', null, 'milepæl', null, 'udført senest 31-12-2021', 'i gang', null, null], // on-track
  ['11', 'Grøn omstilling (regional)', 'Regionale initiativer', null, null, null, null, null, null, 'Kvalitativt: aktivitetsliste'], // no-target
  ['12', 'Specialiseret rådgivning', 'Vejledte virksomheder pr. program', null, null, null, null, null, null, null], // worst child: on-track
  ['12.1', 'Vækst- og driftsforløb', 'Unikke virksomheder i vækst- og driftsforløb', null, 'antal', null, '2021: 350', null, 'count_unique(Vejledninger!CVR; Forløb in ("Vækst", "Drift"))', null], // 365 ≥ 350: met
  ['12.2', 'Korte forløb og Early Warning', 'Unikke virksomheder i korte forløb og Early Warning', null, 'antal', null, '2021: 600', null, 'count_unique(Vejledninger!CVR; Forløb in ("Kort forløb", "Early Warning"))', null], // 555 ahead of pace 470: on-track
];

/** The goal sheet's header sits on row 3, under a title, as analysts lay it out. */
const HEADER_ROW = 2;

/**
 * The typed actuals that differ on 30 June 2021, the contract's previous status (the sources read
 * the data pasted by then): goal 4 was at 42 % (at risk), the municipal agreements (10.1) were
 * still in progress, and the green-transition tool (6) not yet begun.
 */
const JUNE_ACTUALS: Record<string, CellValue> = { '4': 0.42, '10.1': 'i gang', '6': null };

function goalSheet(when: ExampleDate): ExampleSheet {
  const goals = GOALS.map((goal): CellValue[] => {
    const row: CellValue[] = [...goal];
    if (when === 'june' && goal[0] in JUNE_ACTUALS) row[COL.actual] = JUNE_ACTUALS[goal[0]]!;
    return row;
  });
  const values: CellValue[][] = [
    ['Resultatkontrakt 2021 – Erhvervshus Nordjylland'],
    [when === 'june' ? 'Status pr. 30. juni 2021' : 'Status pr. 13. oktober 2021'],
    GOAL_HEADERS,
    ...goals,
  ];
  const numberFormats = values.map((row, r) => row.map((_, c) => (r > HEADER_ROW && c === COL.actual && typeof row[c] === 'number' ? PERCENT_FORMAT : null)));
  // A user formula in the user's own column (Bemærkning of goal 4): Trafiklys must leave it be.
  const goal4 = HEADER_ROW + 1 + GOALS.findIndex((g) => g[0] === '4');
  const formulas: ExampleSheet['formulas'] = [
    { row: goal4, col: COL.note, formula: `TEXT(H${goal4 + 1},"0%")&" af de henviste"`, result: '50% af de henviste' },
  ];
  return {
    name: 'Mål 2021',
    values,
    numberFormats,
    formulas,
    columnWidths: [6, 28, 48, 12, 10, 14, 34, 10, 60, 34],
    boldRows: [0, HEADER_ROW],
  };
}

/**
 * The 2022 contract beside the 2021 one (docs/spec.md §9, Appendix A), its targets as the contract
 * words them. Its data are not in yet: no Resultat, and no Kilde but goal 2's `goal(10)`. The change
 * the comparison finds is in the trailing comment.
 */
const GOALS_2022: GoalRow[] = [
  ['1', 'Kendskab', 'Andel virksomheder i regionen, der kender huset', null, '%', null, 'I 2023 skal kendskabsgraden være mindst 50 pct.', null, null, 'Kampagne i 2022'], // adjusted: 2022 has no target now
  ['1.1', 'Nye virksomheder', 'Andel vejledte virksomheder, der er nye ift. året før', null, '%', null, 'Mindst 50% af de vejledte virksomheder skal være nye ift. året før.', null, null, null], // new
  ['2', 'Geografi', 'Vejledte virksomheder i hele regionen', null, null, null, null, null, 'goal(10)', 'Vurderes under mål 10'], // unchanged
  ['3', 'Tilfredshed', 'Tilfredshed og anbefaling blandt vejledte virksomheder', null, null, null, null, null, null, null], // unchanged
  ['3.1', 'Meget tilfredse, Drift', 'Andel "Meget tilfreds" med medarbejdernes kompetencer', 'Drift', '%', null, '≥ 80 %', null, null, null], // unchanged
  ['3.2', 'Meget tilfredse, Vækst', 'Andel "Meget tilfreds" med medarbejdernes kompetencer', 'Vækst', '%', null, '≥ 80 %', null, null, null], // unchanged
  ['3.3', 'NPS, Drift', 'Net Promoter Score', 'Drift', 'NPS', null, '≥ 70', null, null, null], // unchanged
  ['3.4', 'NPS, Vækst', 'Net Promoter Score', 'Vækst', 'NPS', null, '≥ 70', null, null, null], // unchanged
  ['4', 'Knudepunkt', 'Andel henviste virksomheder, der har brugt den eksterne rådgivning', 'Vækst + Drift', '%', null, 'I 2022 angiver mindst 47% dette. I 2023 angiver mindst 50 % dette.', null, null, null], // unchanged: 47 % and 50 % as in 2021
  ['6', 'Grøn omstilling', 'Kendskab til husets ydelser inden for grøn omstilling', null, '%', null, 'I slutningen af 2022 skal kendskabet til Erhvervshusets ydelser indenfor grøn omstilling være på 72% af de virksomheder, der kender Erhvervshuset (75% ultimo 2023)', null, null, null], // adjusted: a level, no longer a milestone
  ['7', 'Effekt', 'Andel "I høj grad" om positiv effekt af vejledningen', null, '%', null, '≥ 65 %', null, null, null], // unchanged
  ['8', 'Digitalisering', 'Andel "I høj grad" blandt digitaliseringsvejledte', null, '%', null, '≥ 70 %', null, null, null], // unchanged
  ['9', 'Regional strategi', 'Nye fonde og fyrtårnsprojekter', null, null, null, null, null, null, 'Kvalitativt: aktivitetsliste'], // unchanged
  ['10', 'Regionalt samarbejde', 'Samarbejde med de 11 kommunale erhvervskontorer', null, null, null, null, null, null, null], // unchanged
  ['10.2', 'Møder med erhvervskontorer', '4 møder om året med hvert erhvervskontor', null, 'milepæl', null, 'udført senest 31-12-2022', null, null, null], // adjusted: due a year later
  ['10.3', 'Borgmestermøder', 'Årligt møde med hver borgmester', null, 'milepæl', null, 'udført senest 31-12-2022', null, null, null], // adjusted
  ['11', 'Grøn omstilling (regional)', 'Regionale initiativer', null, null, null, null, null, null, 'Kvalitativt: aktivitetsliste'], // unchanged
  ['12', 'Specialiseret rådgivning', 'Unikke vejledte virksomheder over fire programmer', null, 'antal', null, 'Mindst 800 unikke virksomheder vejledes i 2022', null, null, null], // adjusted: 800 on the goal itself
];

/** `Mål 2022`: the 2022 contract, laid out as `Mål 2021`. */
function goalSheet2022(): ExampleSheet {
  return {
    name: 'Mål 2022',
    values: [['Resultatkontrakt 2022 – Erhvervshus Nordjylland'], [], GOAL_HEADERS, ...GOALS_2022.map((goal): CellValue[] => [...goal])],
    columnWidths: [6, 28, 48, 12, 10, 14, 48, 10, 14, 34],
    boldRows: [0, HEADER_ROW],
  };
}

function settingsSheet(when: ExampleDate): ExampleSheet {
  return {
    name: 'Trafiklys',
    values: [
      ['År', 2021],
      ['Opgjort pr.', excelSerialFromDay(when === 'june' ? JUNE_DAY : dayFromYmd(2021, 10, 13))],
      ['Titel', 'Resultatkontrakt 2021 – Erhvervshus Nordjylland'],
      ['Organisation', 'Erhvervshus Nordjylland'],
    ],
    numberFormats: [[null, null], [null, DATE_FORMAT], [null, null], [null, null]],
    columnWidths: [16, 14],
  };
}

/** The two status dates of the example: the contract's previous status and that of 13 October 2021. */
export type ExampleDate = 'june' | 'october';

const JUNE_DAY = dayFromYmd(2021, 6, 30);

/** The workbook as it stood on 30 June 2021: the register holds only the courses begun by then. */
function asOfJune(sheet: ExampleSheet): ExampleSheet {
  if (sheet.name !== 'Vejledninger') return sheet;
  const juneSerial = excelSerialFromDay(JUNE_DAY);
  const keep = sheet.values.map((row, r) => r === 0 || (typeof row[2] === 'number' && row[2] <= juneSerial));
  return {
    ...sheet,
    values: sheet.values.filter((_, r) => keep[r]),
    numberFormats: sheet.numberFormats?.filter((_, r) => keep[r]),
  };
}

/** A snapshot of a new workbook as an adapter would read it (formula results in place of formulas). */
export function snapshotOfNewWorkbook(book: NewWorkbook): WorkbookSnapshot {
  return {
    sheets: book.sheets.map((sheet) => {
      const formulas: boolean[][] = sheet.values.map((row) => row.map(() => false));
      const values = sheet.values.map((row) => [...row]);
      for (const f of sheet.formulas ?? []) {
        (formulas[f.row] ??= [])[f.col] = true;
        (values[f.row] ??= [])[f.col] = f.result ?? null;
      }
      return { name: sheet.name, values, numberFormats: sheet.numberFormats, formulas };
    }),
  };
}

/**
 * The history sheet an analyst's workbook holds after its 30 June recalculation: the engine's own
 * plan for it (SPEC §8), so the October example starts from a real earlier snapshot.
 */
function juneHistorySheet(june: NewWorkbook): ExampleSheet {
  const result = recalculate(snapshotOfNewWorkbook(june), { now: new Date(Date.UTC(2021, 5, 30, 12)) });
  const name = result.plan.sheetSetups?.[0]?.sheet;
  if (!name) throw new Error('example data: the June recalculation planned no history');
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (const write of result.plan.writes.filter((w) => w.sheet === name)) {
    (values[write.row] ??= [])[write.col] = write.value;
    (numberFormats[write.row] ??= [])[write.col] = write.numberFormat ?? null;
  }
  const dense = <T>(rows: T[][], blank: T): T[][] => Array.from(rows, (row) => Array.from(row ?? [], (cell) => cell ?? blank));
  return { name, values: dense(values, null), numberFormats: dense(numberFormats, null), columnWidths: result.plan.sheetSetups?.[0]?.columnWidths?.map((w) => w ?? 10), boldRows: [0] };
}

/**
 * The example workbook, the same on every call: as it stood on 13 October 2021 (default), with the
 * history of its 30 June recalculation, or as it stood on 30 June 2021, before any recalculation.
 *
 * @example
 * const book = exampleWorkbook();
 * book.sheets.map((s) => s.name); // ['Mål 2021', 'Mål 2022', 'Tilfredshed', 'Effekt', 'Vejledninger', 'Trafiklys', 'Trafiklys historik']
 */
export function exampleWorkbook(when: ExampleDate = 'october'): NewWorkbook {
  const random = createRandom(20211013);
  const sheets = [goalSheet(when), goalSheet2022(), satisfactionSheet(random), effectSheet(random), adviceSheet(random), settingsSheet(when)];
  if (when === 'june') return { sheets: sheets.map(asOfJune) };
  return { sheets: [...sheets, juneHistorySheet(exampleWorkbook('june'))] };
}
