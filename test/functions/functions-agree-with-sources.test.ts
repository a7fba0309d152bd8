/**
 * Differential property (docs/spec.md §10): a Trafiklys function given answer columns gives the
 * very number a Source gives on a goal sheet over the same columns pasted into a data sheet, by
 * the engine's whole recalculation of that workbook. The two paths share only the aggregate
 * code: the function builds its column and filter from its arguments, the Source is parsed
 * from its text and its columns found by header on the sheet.
 */
import fc from 'fast-check';
import { recalculate, STATUS_LABELS, type CellValue, type WorkbookSnapshot } from '../../src/engine';
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
  const rules = fc.constantFrom(
    '≥ 80%', 'mindst 45 pct.', '<= 10', '2021: 45%; 2022: 47%; 2023: 50%', '2021: 600', 'min. 800', '+5 pp', '+5 pp/år', '40–60 %',
    'I 2023 skal kendskabsgraden være mindst 50 pct.', 'udført senest 31-12-2021', 'omkring halvdelen', '2021: 4; 2021: 5', '≥ 70',
  );
  const actuals = fc.oneof(fc.integer({ min: 0, max: 900 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<CellValue>(null, 'udført', 'i gang'));
  const baselines = fc.constantFrom<CellValue>(null, '40 % (2020)', 0.4, 40, '2020: 500');

  /**
   * The goal row of a sheet with these cells, where a plain number 0…1 in a % row is a fraction
   * (docs/spec.md §2): once the row is known to be a % row, such a cell is given its % format, as
   * the analyst's cell would have it.
   */
  function goalRow(cells: { rule: CellValue; baseline: CellValue; actual: CellValue }, year: number, language: 'da' | 'en') {
    const evaluate = (percent: boolean) => {
      const fraction = (value: CellValue) => (percent && typeof value === 'number' && value >= 0 && value <= 1 ? '0%' : null);
      const sheet = {
        name: 'Goals',
        values: [['ID', 'Target', 'Baseline', 'Actual'], ['1', cells.rule, cells.baseline, cells.actual]],
        numberFormats: [[], [null, null, fraction(cells.baseline), fraction(cells.actual)]],
      };
      return recalculate({ sheets: [sheet] }, { now: NOW, asOf: `${year}-10-13`, year, language, write: false }).sheets[0].rows[0];
    };
    const first = evaluate(false);
    return first.unit === '%' ? evaluate(true) : first;
  }
  const withoutCell = (text: string) => text.replace(/ \(Goals![A-Z]+\d+\)/g, '');

  it('TARGET: the Target Y value (a % as a fraction, a range as its text), #N/A without one, #VALUE! with the refusal', () => {
    fc.assert(
      fc.property(rules, fc.integer({ min: 2020, max: 2024 }), baselines, (rule, year, baseline) => {
        const row = goalRow({ rule, baseline, actual: null }, year, 'en');
        const target = computeTarget({ rule, year, baseline }, 'en', NOW);
        const value = row.targets[String(year)] ?? null;
        if (row.status === 'error') expect(target).toEqual({ ok: false, error: { code: 'value', message: withoutCell(row.explanation) } });
        else if (value === null || row.unit === 'milestone') expect(target).toMatchObject({ ok: false, error: { code: 'na' } });
        else if (Array.isArray(value)) expect(target).toEqual({ ok: true, value: `${value[0]}–${value[1]} ${row.unit === '%' ? '%' : ''}`.trim() });
        else expect(target).toEqual({ ok: true, value: row.unit === '%' ? value / 100 : value });
      }),
      { numRuns: 200 },
    );
  });

  it('STATUS: the row\'s status label in the language, #VALUE! with the explanation for a row in error', () => {
    fc.assert(
      fc.property(rules, actuals, fc.integer({ min: 2020, max: 2024 }), fc.constantFrom<'da' | 'en'>('da', 'en'), (rule, actual, year, language) => {
        const row = goalRow({ rule, baseline: null, actual }, year, language);
        const status = computeStatus({ rule, actual, year, asOf: `${year}-10-13` }, language, NOW);
        if (row.status === 'error') expect(status).toEqual({ ok: false, error: { code: 'value', message: withoutCell(row.explanation) } });
        else expect(status).toEqual({ ok: true, value: STATUS_LABELS[row.status][language] });
      }),
      { numRuns: 200 },
    );
  });
});
