/**
 * The workbooks the Office.js adapter's tests run on the Excel double, built in memory.
 */
import { type ModelCell, InMemoryWorkbook } from '../excel-double/workbook-model';

export const text = (value: string | number, extra: Partial<ModelCell> = {}): ModelCell => ({ value, ...extra });

/** A Danish goal sheet with `n` rows (percent levels, a user column) and a settings sheet. */
export function goalWorkbook(n: number): InMemoryWorkbook {
  const header = ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Bemærkning'].map((h) => text(h, { bold: true }));
  const rows: (ModelCell | null)[][] = [header];
  for (let i = 1; i <= n; i++) {
    rows.push([text(i), text(`Mål ${i}`), text('%'), text('≥ 80%'), text(i % 3 === 0 ? 0.9 : 0.76, { numberFormat: '0%' }), text(`note ${i}`, { fill: '#DDEBF7' })]);
  }
  return new InMemoryWorkbook({
    sheets: [
      { name: 'Mål 2021', rows },
      { name: 'Trafiklys', rows: [[text('År'), text(2021)], [text('Opgjort pr.'), text(44482, { numberFormat: 'yyyy-mm-dd' })]] },
    ],
  });
}

/** A goal sheet `Mål 2021` whose rows compute their actuals from `sources` ([unit, target, source]). */
export function sourceGoalRows(sources: readonly [string, string, string][]): (ModelCell | null)[][] {
  const header = ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Kilde'].map((h) => text(h, { bold: true }));
  return [header, ...sources.map(([unit, target, source], i) => [text(i + 1), text(`Mål ${i + 1}`), text(unit), text(target), text(source)])];
}

const ANSWERS = ['Meget tilfreds', 'Tilfreds', 'Hverken eller', 'Utilfreds', 'Ved ikke'];

/** The 60,000-row, 8-column survey export of the chunking test (about 6.5 MB of JSON). */
export function surveyRows(n = 60_000): ModelCell[][] {
  const rows: ModelCell[][] = [['Respondent', 'Segment', 'Kompetencer', 'Anbefaling', 'Kommune', 'CVR', 'Dato', 'Fritekst'].map((h) => text(h))];
  for (let i = 0; i < n; i++) {
    rows.push([text(i + 1), text(i % 2 ? 'Drift' : 'Vækst'), text(ANSWERS[i % 5]!), text(i % 11), text('Frederikshavn'), text(`DK${10000000 + i}`), text(44200 + (i % 300)), text('Rådgiveren var god og hurtig til at svare')]);
  }
  return rows;
}

/** Qualtrics metadata columns, then the question columns a contract's sources use. */
export const WIDE_HEADERS = [
  'StartDate', 'EndDate', 'Status', 'IPAddress', 'Progress', 'Duration (in seconds)', 'Finished', 'RecordedDate',
  'ResponseId', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude',
  'LocationLongitude', 'DistributionChannel', 'UserLanguage', 'Segment', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6',
  'Kompetencer', 'Anbefaling', 'Q9', 'Q10_TEXT', 'Kommune', 'CVR',
];

/**
 * A Qualtrics export of `n` respondents, 30 columns (two extra header rows: question texts and
 * ImportIds), of which the goal sheet's sources use 4: Segment, Kompetencer, Anbefaling, CVR.
 */
export function wideSurveyWorkbook(n: number): InMemoryWorkbook {
  const rows: (ModelCell | null)[][] = [
    WIDE_HEADERS.map((h) => text(h)),
    WIDE_HEADERS.map((h) => text(`${h} (question text)`)),
    WIDE_HEADERS.map((h) => text(`{"ImportId":"${h}"}`)),
  ];
  for (let i = 0; i < n; i++) {
    const meta = [
      '2021-10-01 09:12:00', '2021-10-01 09:19:41', 'IP Address', `10.0.${i % 256}.${(i * 7) % 256}`, 100, 300 + (i % 500), 'True', '2021-10-01 09:19:42',
      `R_${(1e12 + i * 7919).toString(36)}`, `Efternavn${i % 97}`, `Fornavn${i % 89}`, `person${i}@example.dk`, `EXT-${i}`, 57.04 + (i % 100) / 1000,
      9.92 + (i % 50) / 1000, 'anonymous', 'DA',
    ];
    const cells: (string | number | null)[] = [
      ...meta,
      i % 2 ? 'Drift' : 'Vækst', i % 5, i % 4, 'Ja', 'Nej', i % 3, 'Måske',
      ANSWERS[i % 5]!, i % 13 === 0 ? null : i % 11, 'x', i % 9 === 0 ? 'Rådgiveren var god og hurtig til at svare' : null, 'Aalborg', `DK${10150817 + (i % 500) * 11}`,
    ];
    rows.push(cells.map((v) => (v === null ? null : text(v))));
  }
  return new InMemoryWorkbook({
    sheets: [
      {
        name: 'Mål 2021',
        rows: sourceGoalRows([
          ['%', '≥ 40 %', 'share(Qualtrics!Kompetencer = "Meget tilfreds"; Segment = "Drift")'],
          ['NPS', '≥ 10', 'nps(Qualtrics!Anbefaling; Segment = "Vækst")'],
          ['antal', '≥ 100', 'count_unique(Qualtrics!CVR)'],
          ['%', '≥ 50 %', 'share(Qualtrics!Kompetencer in ("Meget tilfreds", "Tilfreds"))'],
        ]),
      },
      { name: 'Qualtrics', rows },
    ],
  });
}

/**
 * SurveyXact (coded answers, a headerless `Labels` sheet) and a Qualtrics export of `n` rows,
 * as in test/cli/survey-exports.test.ts but big enough to be read in part.
 */
export function surveyExportsWorkbook(n: number): InMemoryWorkbook {
  const dataset: ModelCell[][] = [['respondent', 's_1', 's_3', 'kommentar'].map((h) => text(h))];
  for (let i = 0; i < n; i++) dataset.push([text(i + 1), text((i % 2) + 1), text([1, 1, 2, 9, 3][i % 5]!), text(`kommentar ${i}`)]);
  const labels = [['s_1', 1, 'Drift'], ['s_1', 2, 'Vækst'], ['s_3', 1, 'Meget tilfreds'], ['s_3', 2, 'Tilfreds'], ['s_3', 3, 'Utilfreds'], ['s_3', 9, 'Ved ikke']];
  const qualtrics: (ModelCell | null)[][] = [
    ['ResponseId', 'Q1', 'Q2', 'Q3_TEXT'].map((h) => text(h)),
    ['Response ID', 'Did you use the advice?', 'How likely are you to recommend us?', 'Anything else?'].map((h) => text(h)),
    ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3_TEXT"}'].map((h) => text(h)),
  ];
  for (let i = 0; i < n; i++) {
    qualtrics.push([text(`R_${i}`), text(i % 3 ? 'Yes' : 'No'), i % 7 === 0 ? null : text(i % 5 === 0 ? '10 - Extremely likely' : i % 11), text('Et langt svar i fritekst, som ingen kilde læser')]);
  }
  return new InMemoryWorkbook({
    sheets: [
      {
        name: 'Goals',
        rows: [
          ['ID', 'Title', 'Unit', 'Target', 'Source'].map((h) => text(h)),
          [text(1), text('Very satisfied'), text('%'), text('≥ 50%'), text('share(Dataset!s_3 = "Meget tilfreds")')],
          [text(2), text('Very satisfied, Drift'), text('%'), text('≥ 70%'), text('share(Dataset!s_3 = "Meget tilfreds"; s_1 = "Drift")')],
          [text(3), text('Recommend'), text('NPS'), text('≥ 30'), text('nps(Qualtrics!Q2)')],
          [text(4), text('Used the advice'), text('%'), text('≥ 60%'), text('share(Qualtrics!Q1 = "Yes")')],
        ],
      },
      { name: 'Dataset', rows: dataset },
      { name: 'Labels', rows: labels.map((row) => row.map((v) => text(v))) },
      { name: 'Qualtrics', rows: qualtrics },
    ],
  });
}
