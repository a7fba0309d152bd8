import { dayFromIso } from './dates';
import { evaluateGoalSheet, type EvaluateSheetOptions } from './evaluate-sheet';
import { fakeSources, sheetOf } from '../../test/support/engine-fixtures';
import type { CellValue, RowResult, SourceOutcome } from './types';

const HEADER_EN = ['ID', 'Title', 'Unit', 'Baseline', 'Target', 'Tolerance', 'Cumulative', 'Actual', 'Source', 'Manual status', 'As of'];
const HEADER_DA = ['Nr.', 'Mål', 'Enhed', 'Udgangspunkt', 'Måltal', 'Tolerance', 'Løbende', 'Resultat', 'Kilde', 'Manuel status', 'Opgjort pr.'];

type RowSpec = Partial<Record<'id' | 'title' | 'unit' | 'baseline' | 'target' | 'tolerance' | 'cumulative' | 'actual' | 'source' | 'manual' | 'asOf', CellValue>>;

function row(spec: RowSpec): CellValue[] {
  return [
    spec.id ?? null,
    spec.title ?? null,
    spec.unit ?? null,
    spec.baseline ?? null,
    spec.target ?? null,
    spec.tolerance ?? null,
    spec.cumulative ?? null,
    spec.actual ?? null,
    spec.source ?? null,
    spec.manual ?? null,
    spec.asOf ?? null,
  ];
}

function evaluate(rows: RowSpec[], options: Partial<EvaluateSheetOptions> & { answers?: Record<string, SourceOutcome>; danish?: boolean } = {}) {
  const sheet = sheetOf('Goals', [options.danish ? HEADER_DA : HEADER_EN, ...rows.map(row)]);
  const result = evaluateGoalSheet(sheet, {
    year: 2021,
    asOf: dayFromIso('2021-10-13') as number,
    sources: fakeSources(options.answers),
    ...options,
  });
  if (!result) throw new Error('not a goal sheet');
  return result;
}

function only(rows: RowSpec[], options: Parameters<typeof evaluate>[1] = {}): RowResult {
  return evaluate(rows, options).rows[0].result;
}

describe('evaluateGoalSheet: levels and tolerance', () => {
  it('meets a ≥ 80% level exactly on the target', () => {
    const result = only([{ id: 1, target: '≥ 80%', actual: 80 }]);
    expect(result).toMatchObject({ status: 'met', actual: 80, target: 80, unit: '%', gap: 0 });
  });

  it('is at risk exactly on the tolerance edge: 75 against 80 with 5 pp', () => {
    const result = only([{ id: '3.1', target: '≥ 80%', actual: '%:0.75' }]);
    expect(result.status).toBe('at-risk');
    expect(result.gap).toBeCloseTo(-5, 9);
    expect(result.explanation).toBe('75 % vs. target 80 % (−5 pp); within tolerance 5 pp');
  });

  it('is off track just beyond the tolerance', () => {
    expect(only([{ id: 1, target: '≥ 80%', actual: 74.9 }]).status).toBe('off-track');
  });

  it('uses the Tolerance column over the default', () => {
    expect(only([{ id: 1, target: '≥ 80%', tolerance: '10 pp', actual: 71 }]).status).toBe('at-risk');
  });

  it('defaults count rows to 10 % of the target', () => {
    // 350 courses, not cumulative: 315 is exactly 10 % short.
    expect(only([{ id: 1, target: 'min. 350', cumulative: 'nej', actual: 315 }]).status).toBe('at-risk');
    expect(only([{ id: 1, target: 'min. 350', cumulative: 'nej', actual: 314 }]).status).toBe('off-track');
  });

  it('mirrors lower-is-better rows', () => {
    expect(only([{ id: 1, target: 'højst 10', unit: 'number', actual: 10 }]).status).toBe('met');
    expect(only([{ id: 1, target: 'højst 10', unit: 'number', actual: 11 }]).status).toBe('at-risk');
    expect(only([{ id: 1, target: 'højst 10', unit: 'number', actual: 11.5 }]).status).toBe('off-track');
  });

  it('is met inside a range, both ends included, and measures the gap to the nearer end', () => {
    expect(only([{ id: 1, target: '40–60%', actual: 60 }])).toMatchObject({ status: 'met', gap: 0, target: [40, 60] });
    expect(only([{ id: 1, target: '40–60%', actual: 63 }])).toMatchObject({ status: 'at-risk', gap: 3 });
    expect(only([{ id: 1, target: '40–60%', actual: 30 }])).toMatchObject({ status: 'off-track', gap: -10 });
  });
});

describe('evaluateGoalSheet: pace of cumulative counts', () => {
  // 555 of 600 on 13 October 2021 (day 286 of 365): expected 600 × 286 / 365 = 470.1 → ahead of pace.
  it('is on track ahead of pace', () => {
    const result = only([{ id: '12.2', target: 600, actual: 555 }]);
    expect(result.status).toBe('on-track');
    expect(result.gap).toBe(-45);
  });

  it('is met when the full target is reached during the year', () => {
    expect(only([{ id: '12.1', target: 350, actual: 365 }]).status).toBe('met');
  });

  it('on 1 January expects 1/365 of the target', () => {
    // expected 36500 × 1/365 = 100; tolerance 3650 × 1/365 = 10
    const options = { asOf: dayFromIso('2021-01-01') as number };
    expect(only([{ id: 1, target: 36500, actual: 100 }], options).status).toBe('on-track');
    expect(only([{ id: 1, target: 36500, actual: 90 }], options).status).toBe('at-risk');
    expect(only([{ id: 1, target: 36500, actual: 89 }], options).status).toBe('off-track');
  });

  it('on 31 December expects the whole target', () => {
    const options = { asOf: dayFromIso('2021-12-31') as number };
    expect(only([{ id: 1, target: 600, actual: 599 }], options).status).toBe('at-risk');
  });

  it('counts 366 days in a leap year', () => {
    // 2024-02-29 is day 60 of 366: expected 366 × 60/366 = 60.
    const options = { year: 2024, asOf: dayFromIso('2024-02-29') as number };
    expect(only([{ id: 1, target: 366, actual: 60 }], options).status).toBe('on-track');
    expect(only([{ id: 1, target: 366, actual: 59 }], options).status).toBe('at-risk');
  });

  it('uses the full target after the year and has no data before it', () => {
    expect(only([{ id: 1, target: 600, actual: 555 }], { asOf: dayFromIso('2022-01-10') as number }).status).toBe('at-risk');
    expect(only([{ id: 1, target: 600, actual: 555 }], { asOf: dayFromIso('2020-12-31') as number }).status).toBe('no-data');
  });

  it('judges lower-is-better cumulative rows only after the year', () => {
    expect(only([{ id: 1, target: 'max 3', cumulative: 'ja', actual: 2 }]).status).toBe('on-track');
    expect(only([{ id: 1, target: 'max 3', cumulative: 'ja', actual: 2 }], { asOf: dayFromIso('2022-01-01') as number }).status).toBe('met');
  });
});

describe('evaluateGoalSheet: year targets and the target-year range', () => {
  it('runs the range from the first to the last named year and writes every year', () => {
    const sheet = evaluate([
      { id: 4, target: '2021: ≥45%; 2022: ≥47%; 2023: ≥50%', actual: 50 },
      { id: 1, baseline: '40 % (2020)', target: '2021: +5 pp; 2023: mindst 50 %' },
    ]);
    expect(sheet.years).toEqual([2021, 2022, 2023]);
    expect(sheet.rows[0].result.targets).toEqual({ '2021': 45, '2022': 47, '2023': 50 });
    expect(sheet.rows[0].result.status).toBe('met');
    expect(sheet.rows[1].result.targets).toEqual({ '2021': 45, '2022': 47.5, '2023': 50 });
    expect(sheet.rows[1].result.status).toBe('no-data');
  });

  it('gives not-applicable for a dropped year', () => {
    const result = only([{ id: 5, target: '2021: 75%; 2022: udgår', actual: 80 }], { year: 2022, asOf: dayFromIso('2022-06-01') as number });
    expect(result).toMatchObject({ status: 'not-applicable', target: null, explanation: 'dropped in 2022' });
  });

  it('uses the Target years setting when given', () => {
    expect(evaluate([{ id: 1, target: '≥ 80%' }], { targetYears: [2020, 2024] }).years).toEqual([2020, 2021, 2022, 2023, 2024]);
  });
});

describe('evaluateGoalSheet: milestones', () => {
  const due = 'udført senest 31-12-2021';
  it.each([
    ['i gang', '2021-10-13', 'on-track'],
    ['i gang', '2022-01-01', 'off-track'],
    ['udført', '2022-03-01', 'met'],
    [null, '2021-12-31', 'no-data'],
    [null, '2022-01-01', 'off-track'],
    ['nej', '2021-06-01', 'no-data'],
  ])('actual %p on %s is %s', (actual, asOf, status) => {
    expect(only([{ id: 6, target: due, actual }], { year: 2021, asOf: dayFromIso(asOf) as number }).status).toBe(status);
  });

  it('is not applicable in a year after its due year', () => {
    expect(only([{ id: 6, target: due, actual: 'i gang' }], { year: 2022, asOf: dayFromIso('2022-05-01') as number }).status).toBe('not-applicable');
  });

  it('rejects an unknown milestone word with the cell', () => {
    expect(only([{ id: 6, target: due, actual: 'måske' }]).explanation).toBe(
      `Actual (Goals!H2): "måske" is not a milestone state (done/udført, in progress/i gang, no/nej)`,
    );
  });
});

describe('evaluateGoalSheet: rollups, mirrors and qualitative goals', () => {
  it('rolls up the worst child and counts them', () => {
    const sheet = evaluate([
      { id: 3, title: 'Tilfredshed' },
      { id: '3.1', target: '≥ 80%', actual: 75 },
      { id: '3.2', target: '≥ 80%', actual: 81 },
      { id: '3.3', target: '≥ 70', unit: 'NPS', actual: 70 },
      { id: '3.4', target: '≥ 70', unit: 'NPS', actual: 84 },
      { id: '3.5', target: '≥ 70', unit: 'NPS' },
    ]);
    expect(sheet.rows[0].result).toMatchObject({ status: 'at-risk', explanation: '3 of 4 met; 3.1 at risk', actual: null, target: null });
  });

  it('gives a parent with only no-data children no-data', () => {
    const sheet = evaluate([{ id: 8, title: 'Digital' }, { id: '8.1', target: '≥ 70%' }]);
    expect(sheet.rows[0].result.status).toBe('no-data');
  });

  it('mirrors another goal with goal(ID) and notes an ignored own target', () => {
    const sheet = evaluate([
      { id: 2, target: '≥ 99%', source: 'goal(10)' },
      { id: 10, target: '≥ 80%', actual: 85 },
    ]);
    expect(sheet.rows[0].result).toMatchObject({ status: 'met', actual: 85, unit: '%', targets: { '2021': 80 } });
    expect(sheet.rows[0].result.explanation).toBe('same as goal 10: 85 % vs. target 80 % (+5 pp); its own Target is ignored');
  });

  it('makes every row of a goal() cycle an error', () => {
    const sheet = evaluate([
      { id: 1, source: 'goal(2)' },
      { id: 2, source: 'goal(1)' },
      { id: 3, target: '≥ 1', actual: 1 },
    ]);
    expect(sheet.rows.map((r) => r.result.status)).toEqual(['error', 'error', 'met']);
    expect(sheet.rows[0].result.explanation).toContain('cycle');
  });

  it('gives a qualitative goal its own status, no-target, never "dropped"', () => {
    expect(only([{ id: 9, title: 'Regional strategi' }])).toMatchObject({ status: 'no-target', explanation: 'no target; give a Manual status' });
  });

  it('lets a Manual status win over no-target', () => {
    expect(only([{ id: 9, title: 'Regional strategi', manual: 'grøn' }])).toMatchObject({ status: 'met' });
  });
});

describe('evaluateGoalSheet: errors name their cell and stop nothing else', () => {
  it('flags every row sharing an ID', () => {
    const sheet = evaluate([
      { id: 1, target: '≥ 1', actual: 1 },
      { id: 1, target: '≥ 1', actual: 1 },
      { id: 2, target: '≥ 1', actual: 1 },
    ]);
    expect(sheet.rows.map((r) => r.result.status)).toEqual(['error', 'error', 'met']);
    expect(sheet.rows[0].result.explanation).toBe('ID (Goals!A2): ID 1 is used by more than one row (rows 2, 3)');
    expect(sheet.rows[0].result.errorCell).toBe('Goals!A2');
  });

  it('flags a Target without an ID', () => {
    expect(only([{ target: '≥ 80%' }]).explanation).toBe('ID (Goals!A2): the row has a Target but no ID');
  });

  it('flags an Excel error value in an input cell', () => {
    expect(only([{ id: 1, target: '≥ 80%', actual: { error: '#DIV/0!' } }]).explanation).toBe('Actual (Goals!H2): holds the error value #DIV/0!');
  });

  it('flags an actual outside its unit range', () => {
    expect(only([{ id: 1, target: '≥ 80%', actual: 120 }])).toMatchObject({ status: 'error', errorCell: 'Goals!H2' });
  });

  it('flags a % sign in a count row', () => {
    expect(only([{ id: 1, unit: 'antal', target: '≥ 80%', actual: 1 }])).toMatchObject({ status: 'error', errorCell: 'Goals!E2' });
  });

  it('uses the Danish header text and Danish words in messages of a Danish sheet', () => {
    expect(only([{ id: 1, target: '≥ 80%', actual: 'mange' }], { danish: true }).explanation).toBe(
      `Resultat (Goals!H2): "mange" er ikke et tal`,
    );
  });

  it('uses English words in messages of an English sheet', () => {
    expect(only([{ id: 1, target: '≥ 80%', actual: 'mange' }]).explanation).toBe(`Actual (Goals!H2): "mange" is not a number`);
  });

  it('passes source errors through untouched', () => {
    const answers: Record<string, SourceOutcome> = { 'share(X!A = "y")': { kind: 'error', message: 'Source (Goals!I2): unknown sheet "X"' } };
    expect(only([{ id: 1, target: '≥ 80%', source: 'share(X!A = "y")' }], { answers }).explanation).toBe('Source (Goals!I2): unknown sheet "X"');
  });
});

describe('evaluateGoalSheet: sources and manual status', () => {
  it('takes the actual from the source and reports its base', () => {
    const answers: Record<string, SourceOutcome> = { 's()': { kind: 'value', value: 71, unit: '%', base: 'n = 100; 3 "Ved ikke" left out' } };
    const result = only([{ id: 7, target: '≥ 65%', actual: 10, source: 's()' }], { answers });
    expect(result).toMatchObject({ status: 'met', actual: 71 });
    expect(result.explanation).toBe('71 % vs. target 65 % (+6 pp); n = 100; 3 "Ved ikke" left out');
  });

  it('gives no-data for a source with an empty base', () => {
    const answers: Record<string, SourceOutcome> = { 's()': { kind: 'no-data', base: 'n = 0' } };
    expect(only([{ id: 8, target: '≥ 70%', source: 's()' }], { answers })).toMatchObject({ status: 'no-data', explanation: 'no actual yet; n = 0' });
  });

  it('lets a manual status replace the computed one and says so', () => {
    const result = only([{ id: 1, target: '≥ 80%', actual: 81, manual: 'gul' }]);
    expect(result.status).toBe('at-risk');
    expect(result.explanation).toBe('Manual status: At risk (computed: Met; 81 % vs. target 80 % (+1 pp))');
  });

  it('rejects an invalid manual status', () => {
    expect(only([{ id: 1, target: '≥ 80%', actual: 81, manual: 'lilla' }]).status).toBe('error');
  });

  it('lets an error win over a manual status', () => {
    expect(only([{ id: 1, target: 'nonsense rule', actual: 81, manual: 'grøn' }]).status).toBe('error');
  });

  it('reads the per-row As of date', () => {
    // On 2021-03-31 (day 90 of 365) 600 × 90/365 = 147.9 is expected; 100 is short by more than 60 × 90/365 = 14.8.
    expect(only([{ id: 1, target: 600, actual: 100, asOf: '2021-03-31' }]).status).toBe('off-track');
  });
});

describe('evaluateGoalSheet: sheets', () => {
  it('finds the header below a title and ignores sheets without one', () => {
    const sheet = sheetOf('S', [['Resultatkontrakt 2021'], [], ['Mål nr.:', 'Målsætning'], ['1', '≥ 5']]);
    const result = evaluateGoalSheet(sheet, { year: 2021, asOf: 0, sources: fakeSources() });
    expect(result?.header.row).toBe(2);
    expect(result?.language).toBe('da');
    expect(evaluateGoalSheet(sheetOf('D', [['CVR', 'Dato']]), { year: 2021, asOf: 0, sources: fakeSources() })).toBeNull();
  });

  it('skips spacer rows and keeps going after them', () => {
    const sheet = evaluate([{ id: 1, target: '≥ 1', actual: 1 }, {}, { title: 'Section' }, { id: 2, target: '≥ 1', actual: 0 }]);
    expect(sheet.rows.map((r) => r.result.id)).toEqual(['1', '2']);
  });

  it('does not mutate its input', () => {
    const sheet = sheetOf('Goals', [HEADER_EN, row({ id: 1, target: '≥ 80%', actual: 75 })]);
    const before = structuredClone(sheet);
    evaluateGoalSheet(Object.freeze(sheet), { year: 2021, asOf: 0, sources: fakeSources() });
    expect(sheet).toEqual(before);
  });
});
