/**
 * Differential property (docs/spec.md §10): a Trafiklys function given answer columns gives the
 * very number a Source gives on a goal sheet over the same columns pasted into a data sheet, by
 * the engine's whole recalculation of that workbook. The two paths share only the aggregate
 * code: the function builds its column and filter from its arguments, the Source is parsed
 * from its text and its columns found by header on the sheet.
 */
import fc from 'fast-check';
import { recalculate, type CellValue, type WorkbookSnapshot } from '../../src/engine';
import { computeColumnFunction, computeStatus, computeTarget } from '../../src/functions/arguments';

const NOW = new Date(Date.UTC(2021, 9, 13, 10));

/** The Source's actual on a goal sheet whose data sheet holds the columns (the Calculated actual, in the row's unit). */
function actualBySource(source: string, headers: string[], columns: CellValue[][]): { status: string; actual: unknown } {
  const rows = columns[0].map((_, r) => columns.map((column) => column[r]));
  const snapshot: WorkbookSnapshot = {
    sheets: [
      // No Target: the row is no-target and still shows its computed actual (docs/spec.md §1), in the Source's own unit.
      { name: 'Mål', values: [['Nr.', 'Måltal', 'Kilde'], ['1', null, source]] },
      { name: 'Data', values: [headers, ...rows] },
    ],
  };
  const row = recalculate(snapshot, { now: NOW, asOf: '2021-10-13', write: false }).sheets[0].rows[0];
  return { status: row.status, actual: row.actual };
}

const npsAnswer = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.constantFrom<CellValue>(null, 'Ved ikke', "Don't know", 'Ønsker ikke at svare', '10 - Meget sandsynligt', '0 - Slet ikke', 'ikke et tal', 11, 4.5, '7'),
);
const label = fc.constantFrom<CellValue>('Meget tilfreds', 'Tilfreds', 'meget TILFREDS ', 'Utilfreds', 'Ved ikke', null, 3, '3');
const segment = fc.constantFrom<CellValue>('Drift', 'Vækst', 'drift', null, 1);
const segmentValue = fc.constantFrom<CellValue>('Drift', 'Vækst');
const cvr = fc.constantFrom<CellValue>('12345674', 12345674, 'DK 12345674', '10000009', '12345678', 'DK10000009', null);
const plainId = fc.constantFrom<CellValue>('A', 'a', 'B', ' b ', 7, '7', null, 'Ved ikke');

/** A column of n rows with a matching filter column. */
const rowsOf = <T>(answer: fc.Arbitrary<T>) => fc.array(fc.tuple(answer, segment), { minLength: 0, maxLength: 40 });

function asRange(values: CellValue[]): unknown[][] {
  // Excel hands a blank cell of a range to a function as an empty text.
  return values.map((value) => [value === null ? '' : value]);
}

/** The function's answer in the Source's unit, or what it says instead. */
function expectSame(fnResult: ReturnType<typeof computeColumnFunction>, bySource: { status: string; actual: unknown }, scale: number): void {
  expect(bySource.status).toBe('no-target');
  if (bySource.actual === null) {
    expect(fnResult).toMatchObject({ ok: false, error: { code: 'na' } });
  } else {
    expect(fnResult.ok).toBe(true);
    if (fnResult.ok) expect(fnResult.value * scale).toBeCloseTo(bySource.actual as number, 9);
  }
}

describe('a Trafiklys function gives what the Source gives on a sheet', () => {
  it('NPS = nps(Data!Svar) and nps(Data!Svar; Segment = value)', () => {
    fc.assert(
      fc.property(rowsOf(npsAnswer), segmentValue, fc.boolean(), (rows, value, filtered) => {
        const answers = rows.map(([a]) => a);
        const segments = rows.map(([, s]) => s);
        const source = filtered ? `nps(Data!Svar; Segment = "${value}")` : 'nps(Data!Svar)';
        const bySource = actualBySource(source, ['Svar', 'Segment'], [answers, segments]);
        const args = filtered ? { answers: asRange(answers), filterRange: asRange(segments), filterValue: value } : { answers: asRange(answers) };
        expectSame(computeColumnFunction('nps', args, 'da'), bySource, 1);
      }),
      { numRuns: 150 },
    );
  });

  it('SHARE = share(Data!Svar = answer; ...) as a fraction', () => {
    fc.assert(
      fc.property(rowsOf(label), fc.constantFrom<CellValue>('Meget tilfreds', 'tilfreds', 3), segmentValue, fc.boolean(), (rows, answer, value, filtered) => {
        const answers = rows.map(([a]) => a);
        const segments = rows.map(([, s]) => s);
        const literal = typeof answer === 'number' ? String(answer) : `"${answer}"`;
        const source = filtered ? `share(Data!Svar = ${literal}; Segment = "${value}")` : `share(Data!Svar = ${literal})`;
        const bySource = actualBySource(source, ['Svar', 'Segment'], [answers, segments]);
        const args = filtered ? { answers: asRange(answers), answer, filterRange: asRange(segments), filterValue: value } : { answers: asRange(answers), answer };
        expectSame(computeColumnFunction('share', args, 'en'), bySource, 100);
      }),
      { numRuns: 150 },
    );
  });

  it('COUNTUNIQUE = count_unique over a CVR column (header CVR) and over any other column', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), segmentValue, fc.array(fc.tuple(cvr, segment), { maxLength: 30 }), fc.array(fc.tuple(plainId, segment), { maxLength: 30 }), (useCvr, filtered, value, cvrRows, idRows) => {
        const rows = useCvr ? cvrRows : idRows;
        const values = rows.map(([v]) => v);
        const segments = rows.map(([, s]) => s);
        // Blank cells only: a Source counts 0, and so does the function (its column is not a CVR column then).
        const header = useCvr && values.some((v) => v !== null) ? 'CVR' : 'Id';
        const source = filtered ? `count_unique(Data!${header}; Segment = "${value}")` : `count_unique(Data!${header})`;
        const bySource = actualBySource(source, [header, 'Segment'], [values, segments]);
        const args = filtered ? { answers: asRange(values), filterRange: asRange(segments), filterValue: value } : { answers: asRange(values) };
        expectSame(computeColumnFunction('count_unique', args, 'en'), bySource, 1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('TARGET and STATUS give what a goal row gives', () => {
  const rules = fc.constantFrom('≥ 80%', 'mindst 45 pct.', '<= 10', '2021: 45%; 2022: 47%; 2023: 50%', '2021: 600', 'min. 800', '+5 pp', '40–60 %', 'I 2023 skal kendskabsgraden være mindst 50 pct.');
  it('on random rules, actuals, years and baselines', () => {
    fc.assert(
      fc.property(rules, fc.oneof(fc.integer({ min: 0, max: 900 }), fc.double({ min: 0, max: 1, noNaN: true })), fc.integer({ min: 2021, max: 2023 }), fc.constantFrom<CellValue>(null, '40 % (2020)', 0.4), (rule, actual, year, baseline) => {
        const goal = {
          sheets: [{ name: 'Goals', values: [['ID', 'Target', 'Baseline', 'Actual'], ['1', rule, baseline, actual]], numberFormats: [[], [null, null, null, null]] }],
        } as WorkbookSnapshot;
        const row = recalculate(goal, { now: NOW, asOf: `${year}-10-13`, year, language: 'en', write: false }).sheets[0].rows[0];
        const target = computeTarget({ rule, year, baseline }, 'en', NOW);
        const expected = row.unit === '%' && typeof baseline === 'number' ? null : row.targets[String(year)];
        if (expected !== null && typeof expected === 'number' && row.status !== 'error') {
          expect(target).toEqual({ ok: true, value: row.unit === '%' ? expected / 100 : expected });
        }
        // A % row reads a plain 0…1 actual as a fraction (docs/spec.md §2): the goal row must be told by a % format.
        const fraction = row.unit === '%' && actual <= 1;
        const formatted = { sheets: [{ ...goal.sheets[0], numberFormats: [[], [null, null, row.unit === '%' && baseline === 0.4 ? '0%' : null, fraction ? '0%' : null]] }] };
        const judged = recalculate(formatted, { now: NOW, asOf: `${year}-10-13`, year, language: 'da', write: false }).sheets[0].rows[0];
        const status = computeStatus({ rule, actual, year, asOf: `${year}-10-13` }, 'da', NOW);
        if (judged.status !== 'error' && baseline === null) expect(status).toEqual({ ok: true, value: { met: 'Opfyldt', 'on-track': 'På vej', 'at-risk': 'I risiko', 'off-track': 'Ikke opfyldt', 'no-data': 'Afventer data', 'not-applicable': 'Udgået', 'no-target': 'Uden måltal' }[judged.status as 'met'] });
      }),
      { numRuns: 150 },
    );
  });
});
