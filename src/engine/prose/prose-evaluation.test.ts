import { recalculate } from '../index';
import { dayFromYmd } from '../dates';
import { parseDateValue, quantityFromCell } from '../numbers';
import { parseBaselineCell, parseTargetRule, parseTargetText, RuleError } from '../target-rule';
import { sheetOf, workbookOf } from '../../../test/support/engine-fixtures';
import { inferUnit } from '../units';
import { findWrittenDates, parseWrittenDay } from '../written-dates';
import { computeYearTargets } from '../year-targets';

const NOW = new Date(2022, 9, 13, 9, 30, 0);

/** Rows of Nordjylland's contracts with the Måltal pasted as the contract words it (docs/spec.md, Appendix A). */
function pastedContract() {
  return workbookOf(
    sheetOf('Mål 2022', [
      ['Nr.', 'Mål', 'Udgangspunkt', 'Måltal', 'Resultat'],
      [1, 'Kendskab', '40 % i efteråret 2020', 'Virksomhedernes kendskab til hvert Erhvervshus skal i efteråret 2021 være steget med 5 procentpoint sammenlignet med kendskabet i efteråret 2020. I Nordjylland er måltallet 45%', null],
      [3.3, 'NPS, Drift', null, 'Net Promotor Score (NPS) på mindst 70 for hhv. drifts- og vækstsegment', 'NPS 72'],
      [5, 'Krisehjælp', null, 'I 2021 vurderer 75% af de virksomheder, der har modtaget vejledning ifm. Coronakrisen, at vejledningen har en positiv effekt for virksomheden. · Mål 5 – 2022 (tages ud)', null],
      [6, 'Grøn omstilling', '64 % (2020)', 'I slutningen af 2022 skal kendskabet til Erhvervshusets ydelser indenfor grøn omstilling være på 72% af de virksomheder, der kender Erhvervshuset (75% ultimo 2023)', '70 %'],
      [6.1, 'Dialogværktøj', null, 'Dialogværktøjet testes live i øjeblikket og forventes lanceret december 2021.', 'udført'],
      [12, 'Vejledte virksomheder', null, 'Mindst 800 unikke virksomheder vejledes i 2022', 650],
      [13, 'Kapital', null, 'mindst 120 mio. kr.', '95 mio. kr.'],
      [14, 'Forløb', null, 'Målsætning for antal vejledninger: Vækst- & Driftsforløb: 350 · Korte forløb og Early Warning: 600', null],
    ]),
  );
}

describe('prose targets through the whole evaluation (SPEC §2 Prose)', () => {
  const result = recalculate(pastedContract(), { now: NOW, asOf: '2022-10-13', write: false });
  const rows = new Map(result.sheets[0]?.rows.map((row) => [row.id, row]));

  it('gives every year its target from the sentence', () => {
    expect(rows.get('1')?.targets).toEqual({ '2021': 45, '2022': null, '2023': null });
    expect(rows.get('6')?.targets).toEqual({ '2021': 68, '2022': 72, '2023': 75 });
    expect(rows.get('5')?.targets).toEqual({ '2021': 75, '2022': null, '2023': null });
    expect(rows.get('12')?.targets).toEqual({ '2021': null, '2022': 800, '2023': null });
  });

  it('infers the unit from the reading, not from every word', () => {
    expect(rows.get('3.3')?.unit).toBe('NPS');
    expect(rows.get('6.1')?.unit).toBe('milestone');
    expect(rows.get('12')?.unit).toBe('count');
    expect(rows.get('13')?.unit).toBe('DKK');
  });

  it('judges the rows as the contract means them', () => {
    expect(rows.get('3.3')?.status).toBe('met');
    expect(rows.get('5')?.status).toBe('not-applicable');
    expect(rows.get('6')?.status).toBe('at-risk');
    expect(rows.get('6.1')?.status).toBe('not-applicable'); // due December 2021, before 2022
    expect(rows.get('12')?.status).toBe('on-track'); // 650 of 800 by 13 October is ahead of pace (627)
    expect(rows.get('13')).toMatchObject({ actual: 95_000_000, status: 'off-track' });
  });

  it('refuses the sentence with two targets, naming the cell and the number', () => {
    expect(rows.get('14')).toMatchObject({
      status: 'error',
      errorCell: "'Mål 2022'!D9",
      explanation:
        'Måltal (\'Mål 2022\'!D9): kan ikke placere "600": der er allerede måltallet 350; ét måltal pr. år og række; skriv fx "≥ 350"',
    });
  });
});

describe('stated increments are checked against the baseline', () => {
  const years = [2021, 2022];
  const stated = parseTargetRule('2021: >= 69 % (+5 pp from 2020)');

  it('keeps the level when the baseline agrees (within the contract\'s rounding)', () => {
    for (const value of [64, 64.4, 63.5]) {
      const targets = computeYearTargets(stated, { unit: '%', baseline: { value, year: 2020, sign: '%' }, years });
      expect(targets.get(2021)).toEqual({ kind: 'level', value: 69, direction: 'higher' });
    }
  });

  it('keeps the level when there is no baseline to check against', () => {
    expect(computeYearTargets(stated, { unit: '%', baseline: null, years }).get(2021)).toEqual({ kind: 'level', value: 69, direction: 'higher' });
  });

  it.each([
    [{ value: 40, year: 2020 }, '2021: the target 69 % does not match the baseline 40 % +5 pp = 45 %: correct the Baseline or the Target'],
    [{ value: 64, year: 2019 }, '2021: the increment counts from 2020, but the baseline is from 2019'],
  ])('refuses a baseline that disagrees: %j', (baseline, message) => {
    expect(() => computeYearTargets(stated, { unit: '%', baseline: { ...baseline, sign: '%' }, years })).toThrow(new RuleError(message));
  });

  it('checks a relative increment on a count row', () => {
    const rule = parseTargetText('Antallet af vejledte virksomheder skal i 2022 stige med 10 % ift. 2021 (til 1.320)');
    expect(computeYearTargets(rule, { unit: 'count', baseline: { value: 1200, year: 2021, sign: null }, years }).get(2022)).toEqual({ kind: 'level', value: 1320, direction: 'higher' });
    expect(() => computeYearTargets(rule, { unit: 'count', baseline: { value: 1000, year: 2021, sign: null }, years })).toThrow(
      '2022: the target 1,320 does not match the baseline 1,000 +10% = 1,100: correct the Baseline or the Target',
    );
  });

  it('dates an undated baseline from the year the increment counts from', () => {
    const rule = parseTargetText('Kendskabet skal i 2022 være steget med 5 procentpoint ift. 2021');
    expect(computeYearTargets(rule, { unit: '%', baseline: { value: 40, year: null, sign: '%' }, years: [2022] }).get(2022)).toEqual({ kind: 'level', value: 45, direction: 'higher' });
    expect(() => computeYearTargets(rule, { unit: '%', baseline: { value: 40, year: 2020, sign: '%' }, years: [2022] })).toThrow(
      '2022: the increment counts from 2021, but the baseline is from 2020',
    );
  });

  it('starts from the previous entry when the increment counts from its year', () => {
    const rule = parseTargetRule('2021: >= 45 %; 2022: >= 50 % (+5 pp from 2021)');
    expect(computeYearTargets(rule, { unit: '%', baseline: null, years }).get(2022)).toEqual({ kind: 'level', value: 50, direction: 'higher' });
    expect(() => computeYearTargets(parseTargetRule('2021: >= 45 %; 2022: >= 52 % (+5 pp)'), { unit: '%', baseline: null, years })).toThrow(
      '2022: the target 52 % does not match the target of 2021 45 % +5 pp = 50 %',
    );
  });
});

describe('units, amounts and dates in words', () => {
  it.each([
    ['Dialogværktøjet testes live i øjeblikket og forventes lanceret december 2021.', 'milestone'],
    ['Mindst 800 unikke virksomheder vejledes i 2022', 'count'],
    ['Net Promotor Score (NPS) på mindst 70 for hhv. drifts- og vækstsegment', 'NPS'],
    ['Projektet skal hjemtage mindst 95 mio. kr. i 2022', 'DKK'],
    ['Omsætningen i de vejledte virksomheder skal være steget med 10 % i 2022', 'count'],
    ['Virksomhedernes kendskab til Erhvervshusenes ydelser inden for grøn omstilling mv. skal være steget med 5 procentpoint i 2021 ift. 2020 (til 69%).', '%'],
  ])('inferUnit(%s) is %s', (text, unit) => {
    expect(inferUnit(text)).toBe(unit);
  });

  it.each([
    ['95 mio. kr.', { value: 95_000_000, sign: 'kr' }],
    ['1,5 mia. kr.', { value: 1_500_000_000, sign: 'kr' }],
    ['DKK 2 million', { value: 2_000_000, sign: 'kr' }],
    ['NPS 55', { value: 55, sign: 'NPS' }],
    ['120 mio. %', null],
  ])('Actual cell %s', (text, quantity) => {
    expect(quantityFromCell(text)).toEqual(quantity);
  });

  it.each([
    ['NPS 55 (2021)', { value: 55, year: 2021, sign: 'NPS' }],
    ['40 % i efteråret 2020', { value: 40, year: 2020, sign: '%' }],
    ['95 mio. kr.', { value: 95_000_000, year: null, sign: 'kr' }],
  ])('Baseline cell %s', (text, baseline) => {
    expect(parseBaselineCell(text)).toEqual(baseline);
  });

  it.each([
    ['31. december 2022', dayFromYmd(2022, 12, 31)],
    ['31 dec. 2022', dayFromYmd(2022, 12, 31)],
    ['December 31, 2022', dayFromYmd(2022, 12, 31)],
    ['13. oktober 2021', dayFromYmd(2021, 10, 13)],
    ['31. februar 2022', null],
    ['december 2021', null],
    ['ultimo 2022', null],
  ])('a day written out: %s', (text, day) => {
    expect(parseWrittenDay(text)).toBe(day);
    expect(parseDateValue(text)).toBe(day);
  });

  it.each([
    ['december 2021', dayFromYmd(2021, 12, 31), false],
    ['februar 2024', dayFromYmd(2024, 2, 29), false],
    ['ultimo 2022', dayFromYmd(2022, 12, 31), false],
    ['medio 2022', dayFromYmd(2022, 6, 30), false],
    ['4. kvartal 2022', dayFromYmd(2022, 12, 31), false],
    ['Q2 2023', dayFromYmd(2023, 6, 30), false],
    ['efteråret 2021', null, false],
    ['primo 2022', null, false],
    ['31. december 2022', dayFromYmd(2022, 12, 31), true],
  ])('findWrittenDates(%s)', (text, due, isDay) => {
    expect(findWrittenDates(`senest ${text}.`)).toMatchObject([{ due, isDay, start: 7, text }]);
  });
});
