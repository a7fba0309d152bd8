import { dayFromYmd } from './dates';
import { parseTargetRule, RuleError, type Baseline, type TargetRule } from './target-rule';
import type { Unit } from './types';
import { computeYearTargets, type YearTarget } from './year-targets';

const YEARS = [2021, 2022, 2023];

function targets(text: string, unit: Unit, baseline: Baseline | null = null, years: number[] = YEARS): Record<number, YearTarget> {
  return Object.fromEntries(computeYearTargets(parseTargetRule(text), { unit, baseline, years }));
}

function higher(value: number): YearTarget {
  return { kind: 'level', value, direction: 'higher' };
}

function lower(value: number): YearTarget {
  return { kind: 'level', value, direction: 'lower' };
}

function errorOf(text: string, unit: Unit, baseline: Baseline | null = null, years: number[] = YEARS): string {
  try {
    computeYearTargets(parseTargetRule(text), { unit, baseline, years });
  } catch (error) {
    if (error instanceof RuleError) return error.message;
    throw error;
  }
  throw new Error('expected a RuleError');
}

const base2020 = (value: number, sign: Baseline['sign'] = '%'): Baseline => ({ value, year: 2020, sign });

describe('computeYearTargets: single rules', () => {
  it('applies a level to every year', () => {
    expect(targets('≥ 80%', '%')).toEqual({ 2021: higher(80), 2022: higher(80), 2023: higher(80) });
    expect(targets('højst 5', 'count')).toEqual({ 2021: lower(5), 2022: lower(5), 2023: lower(5) });
  });

  it('applies a range to every year', () => {
    expect(targets('40–60 %', '%', null, [2022])).toEqual({ 2022: { kind: 'range', lo: 40, hi: 60 } });
  });

  it('drops every year for a drop alone', () => {
    expect(targets('udgår', 'count', null, [2021, 2022])).toEqual({ 2021: { kind: 'dropped' }, 2022: { kind: 'dropped' } });
  });

  it('gives a dated milestone to the years up to its due year', () => {
    const due = dayFromYmd(2022, 6, 30);
    expect(targets('done by 2022-06-30', 'milestone')).toEqual({ 2021: { kind: 'milestone', due }, 2022: { kind: 'milestone', due } });
  });

  it('gives an undated milestone to every year, due 31 December', () => {
    expect(targets('udført', 'milestone', null, [2021, 2022])).toEqual({
      2021: { kind: 'milestone', due: dayFromYmd(2021, 12, 31) },
      2022: { kind: 'milestone', due: dayFromYmd(2022, 12, 31) },
    });
  });

  it('gives nothing for no years, and ignores repeated years', () => {
    expect(targets('≥ 80%', '%', null, [])).toEqual({});
    expect(computeYearTargets(parseTargetRule('≥ 80%'), { unit: '%', baseline: null, years: [2022, 2021, 2022] }).size).toBe(2);
  });

  it('accepts a number-cell rule', () => {
    const rule: TargetRule = { kind: 'single', entry: { kind: 'level', value: 350, direction: 'higher', sign: null } };
    expect(Object.fromEntries(computeYearTargets(rule, { unit: 'count', baseline: null, years: [2021] }))).toEqual({ 2021: higher(350) });
  });
});

describe('computeYearTargets: increments alone', () => {
  it('gives only the year after the baseline without /år', () => {
    expect(targets('+5 pp', '%', base2020(40))).toEqual({ 2021: higher(45) });
  });

  it('gives nothing when the year after the baseline is outside the years', () => {
    expect(targets('+5 pp', '%', base2020(40), [2023])).toEqual({});
  });

  it('adds per year after the baseline year', () => {
    expect(targets('+5 pp/år', '%', base2020(40))).toEqual({ 2021: higher(45), 2022: higher(50), 2023: higher(55) });
    expect(targets('+5 pp per year', '%', base2020(40), [2023])).toEqual({ 2023: higher(55) });
  });

  it('compounds a relative per-year increment, rounding year by year', () => {
    // 100 → 110 → 121 → 133.1 → 133 on a count row (each year from the rounded year before).
    expect(targets('+10%/år', 'count', base2020(100, null))).toEqual({ 2021: higher(110), 2022: higher(121), 2023: higher(133) });
    // On a number row to one decimal: 100 → 110 → 121 → 133.1.
    expect(targets('+10% per år', 'number', base2020(100, null))).toEqual({
      2021: higher(110),
      2022: higher(121),
      2023: higher(133.1),
    });
  });

  it('rounds a relative increment on a count row to a whole number, half away from zero', () => {
    // 345 × 1.1 = 379.5 → 380
    expect(targets('+10%', 'count', base2020(345, null))).toEqual({ 2021: higher(380) });
  });

  it('makes a decrease lower-is-better', () => {
    expect(targets('-2 pp', '%', base2020(10))).toEqual({ 2021: lower(8) });
    expect(targets('-10%', 'DKK', base2020(1000, 'kr'))).toEqual({ 2021: lower(900) });
  });

  it('adds plain points on NPS and count rows', () => {
    expect(targets('+5', 'NPS', base2020(60, 'NPS'))).toEqual({ 2021: higher(65) });
    expect(targets('+50', 'count', base2020(300, null))).toEqual({ 2021: higher(350) });
  });

  it('does not leave binary noise in additive sums', () => {
    expect(targets('+0,2 pp', '%', base2020(40.1))).toEqual({ 2021: higher(40.3) });
  });

  it('needs a baseline', () => {
    expect(errorOf('+5 pp', '%')).toBe('an increment needs a baseline to start from: fill in Baseline, e.g. "40 % (2020)"');
  });

  it('needs a dated baseline', () => {
    expect(errorOf('+5 pp', '%', { value: 40, year: null, sign: '%' })).toBe(
      'an increment alone needs a dated baseline to know its year, e.g. "40 % (2020)"',
    );
  });
});

describe('computeYearTargets: schedules and interpolation', () => {
  it('gives named years their values', () => {
    expect(targets('2021: 45%; 2022: 47%; 2023: 50%', '%')).toEqual({ 2021: higher(45), 2022: higher(47), 2023: higher(50) });
  });

  it('interpolates from a dated baseline to the first named year (SPEC §2 example)', () => {
    // 40 + 10/3 = 43.33 → 43.3; 40 + 20/3 = 46.67 → 46.7; the baseline year 2020 gets none.
    expect(targets('2023: 50%', '%', base2020(40), [2020, 2021, 2022, 2023])).toEqual({
      2021: higher(43.3),
      2022: higher(46.7),
      2023: higher(50),
    });
  });

  it('gives no years before the first named one without a dated baseline', () => {
    expect(targets('2023: 50%', '%', { value: 40, year: null, sign: '%' })).toEqual({ 2023: higher(50) });
    expect(targets('2023: 50%', '%')).toEqual({ 2023: higher(50) });
  });

  it('gives no years after the last named one', () => {
    expect(targets('2021: 45%', '%')).toEqual({ 2021: higher(45) });
  });

  it('interpolates between named years', () => {
    expect(targets('2021: 45%; 2023: 50%', '%')).toEqual({ 2021: higher(45), 2022: higher(47.5), 2023: higher(50) });
  });

  it('rounds interpolated counts to whole numbers, half away from zero', () => {
    // 350 + 451/2 = 575.5 → 576
    expect(targets('2021: 350; 2023: 801', 'count')).toEqual({ 2021: higher(350), 2022: higher(576), 2023: higher(801) });
  });

  it('interpolated years are lower-is-better only when both neighbours are', () => {
    expect(targets('2021: ≤ 10; 2023: ≤ 6', 'count')).toEqual({ 2021: lower(10), 2022: lower(8), 2023: lower(6) });
    expect(targets('2021: ≤ 10; 2023: 6', 'count')).toEqual({ 2021: lower(10), 2022: higher(8), 2023: higher(6) });
  });

  it('runs the awareness goal: baseline 40 % (2020), 2021 +5 pp, 2023 at least 50 %', () => {
    expect(targets('2021: +5 pp; 2023: ≥ 50%', '%', base2020(40))).toEqual({ 2021: higher(45), 2022: higher(47.5), 2023: higher(50) });
  });

  it('adds an increment to the previous entry', () => {
    expect(targets('2021: 45%; 2022: +2 pp; 2023: +3 pp', '%')).toEqual({ 2021: higher(45), 2022: higher(47), 2023: higher(50) });
  });

  it('interpolates between a baseline and a first-entry increment', () => {
    // 2019 baseline 40, 2021 = 46: 2020 is halfway.
    expect(targets('2021: +6 pp', '%', { value: 40, year: 2019, sign: '%' }, [2020, 2021])).toEqual({ 2020: higher(43), 2021: higher(46) });
  });

  it('uses an undated baseline for a first-entry increment, with no years before it', () => {
    expect(targets('2022: +5 pp', '%', { value: 40, year: null, sign: '%' })).toEqual({ 2022: higher(45) });
  });

  it('compounds a per-year increment over the years since the previous entry', () => {
    expect(targets('2021: 100; 2023: +10%/år', 'count')).toEqual({ 2021: higher(100), 2022: higher(110), 2023: higher(121) });
  });

  it('compounds a per-year increment from a dated baseline', () => {
    expect(targets('2022: +5 pp/år', '%', base2020(40))).toEqual({ 2021: higher(45), 2022: higher(50) });
  });

  it('does not interpolate across a drop', () => {
    expect(targets('2021: 45%; 2022: udgår; 2024: 50%', '%', null, [2021, 2022, 2023, 2024])).toEqual({
      2021: higher(45),
      2022: { kind: 'dropped' },
      2024: higher(50),
    });
  });

  it('does not interpolate across a range', () => {
    expect(targets('2021: 45%; 2023: 40-60 %', '%')).toEqual({ 2021: higher(45), 2023: { kind: 'range', lo: 40, hi: 60 } });
  });

  it('does not interpolate from a baseline to a range', () => {
    expect(targets('2023: 40-60 %', '%', base2020(40))).toEqual({ 2023: { kind: 'range', lo: 40, hi: 60 } });
  });

  it('gives a schedule milestone its own year, due 31 December unless dated', () => {
    expect(targets('2021: done; 2022: done by 2022-06-30', 'milestone')).toEqual({
      2021: { kind: 'milestone', due: dayFromYmd(2021, 12, 31) },
      2022: { kind: 'milestone', due: dayFromYmd(2022, 6, 30) },
    });
  });

  it('needs a baseline for a first-entry increment', () => {
    expect(errorOf('2021: +5 pp; 2022: 50%', '%')).toBe('2021: an increment needs a baseline to start from: fill in Baseline, e.g. "40 % (2020)"');
  });

  it('needs a number before an increment', () => {
    expect(errorOf('2021: 40-60 %; 2022: +5 pp', '%')).toBe('2022: an increment needs a number in 2021 to start from');
    expect(errorOf('2021: udgår; 2022: +5 pp', '%')).toBe('2022: an increment needs a number in 2021 to start from');
  });

  it('needs the baseline before the first increment', () => {
    expect(errorOf('2021: +5 pp', '%', { value: 40, year: 2021, sign: '%' })).toBe("2021: the baseline's year 2021 is not before 2021");
  });

  it('needs a dated baseline for a first-entry per-year increment', () => {
    expect(errorOf('2022: +5 pp/år', '%', { value: 40, year: null, sign: '%' })).toBe(
      '2022: a per-year increment needs a dated baseline, e.g. "40 % (2020)"',
    );
  });
});

describe('computeYearTargets: unit checks', () => {
  it('rejects a relative increment on a % row, asking for pp', () => {
    expect(errorOf('+5%', '%', base2020(40))).toBe('on a % row write the increment in percentage points ("+5 pp"), not "+5%"');
    expect(errorOf('2021: 40%; 2022: +5%', '%')).toBe('2022: on a % row write the increment in percentage points ("+5 pp"), not "+5%"');
  });

  it('rejects a relative increment on NPS and pp rows', () => {
    expect(errorOf('+10%', 'NPS', base2020(50, null))).toBe('a relative increment ("+10%") needs a count, number or DKK row, not NPS');
    expect(errorOf('-10%', 'pp', base2020(5, null))).toBe('a relative increment ("−10%") needs a count, number or DKK row, not pp');
  });

  it('rejects signs that contradict the unit', () => {
    expect(errorOf('≥ 80%', 'count')).toBe('the target is in "%" but the row\'s unit is count');
    expect(errorOf('≥ 500 kr', '%')).toBe('the target is in "kr" but the row\'s unit is %');
    expect(errorOf('2021: 40-60 kr', '%')).toBe('2021: the range is in "kr" but the row\'s unit is %');
    expect(errorOf('+5 pp', 'count', base2020(100, null))).toBe('the increment is in "pp" but the row\'s unit is count');
    expect(errorOf('≥ 70', 'count', base2020(40, '%'))).toBe('the baseline is in "%" but the row\'s unit is count');
  });

  it('allows pp on % and pp rows', () => {
    expect(targets('≥ 5 pp', 'pp', null, [2021])).toEqual({ 2021: higher(5) });
    expect(targets('+5 pp', '%', base2020(40), [2021])).toEqual({ 2021: higher(45) });
  });

  it('rejects targets outside the unit range', () => {
    expect(errorOf('≥ 120%', '%')).toBe("the target 120 % is outside the unit's range (% runs from 0 to 100)");
    expect(errorOf('NPS 150', 'NPS')).toBe("the target 150 is outside the unit's range (NPS runs from −100 to 100)");
    expect(errorOf('2022: ≥ -5', 'count')).toBe("2022: the target −5 is outside the unit's range (count values are at least 0)");
    expect(errorOf('90-110 %', '%')).toBe("the range's high end 110 % is outside the unit's range (% runs from 0 to 100)");
  });

  it('rejects computed targets outside the unit range', () => {
    expect(errorOf('+5 pp/år', '%', base2020(90))).toBe("2023: the target 105 % is outside the unit's range (% runs from 0 to 100)");
  });

  it('rejects a baseline outside the unit range', () => {
    expect(errorOf('≥ 80%', '%', base2020(140))).toBe("the baseline 140 % is outside the unit's range (% runs from 0 to 100)");
    expect(errorOf('≥ 50', 'NPS', base2020(-101, null))).toBe("the baseline −101 is outside the unit's range (NPS runs from −100 to 100)");
  });

  it('rejects a non-milestone target on a milestone row and the other way round', () => {
    expect(errorOf('≥ 80%', 'milestone')).toBe('a milestone row needs a target such as "done by 2021-12-31"');
    expect(errorOf('done', '%')).toBe('"done" is a milestone target but the row\'s unit is %');
    expect(errorOf('2021: done; 2022: 50%', '%')).toBe('2021: "done" is a milestone target but the row\'s unit is %');
  });

  it('lets a drop fit every unit', () => {
    expect(targets('2021: done; 2022: udgår', 'milestone')).toEqual({
      2021: { kind: 'milestone', due: dayFromYmd(2021, 12, 31) },
      2022: { kind: 'dropped' },
    });
  });
});

describe('computeYearTargets: the Nordjylland contract (docs/spec.md, Appendix A)', () => {
  it('goal 4, hub function: a schedule of levels', () => {
    expect(targets('2021: ≥ 45%; 2022: ≥ 47%; 2023: ≥ 50%', '%')).toEqual({ 2021: higher(45), 2022: higher(47), 2023: higher(50) });
  });

  it('goal 6, green transition: +5 pp to 69 % then 72 % and 75 %', () => {
    expect(targets('2021: +5 pp\n2022: 72 %\n2023: 75 %', '%', base2020(64))).toEqual({
      2021: higher(69),
      2022: higher(72),
      2023: higher(75),
    });
  });

  it('goal 12, specialised advice: counts', () => {
    expect(targets('2021: 350; 2022: min. 800', 'count', null, [2021, 2022, 2023])).toEqual({ 2021: higher(350), 2022: higher(800) });
  });

  it('goal 5, crisis preparedness: removed from 2022', () => {
    expect(targets('2021: ≥ 75%; 2022: udgår', '%', null, [2021, 2022, 2023])).toEqual({ 2021: higher(75), 2022: { kind: 'dropped' } });
  });
});

describe('computeYearTargets: purity', () => {
  it('does not mutate its inputs', () => {
    const rule = parseTargetRule('2021: +5 pp; 2023: 50%');
    const baseline = base2020(40);
    const years = [2023, 2021, 2022];
    const before = JSON.stringify({ rule, baseline, years });
    computeYearTargets(rule, { unit: '%', baseline, years });
    expect(JSON.stringify({ rule, baseline, years })).toBe(before);
  });
});
