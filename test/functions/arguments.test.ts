/**
 * The functions' arguments and errors (docs/spec.md §10): each wrong argument gives the error and
 * the message a user reads in the cell's error indicator.
 */
import { computeColumnFunction, computeStatus, computeTarget, languageOf, measurePayload, PAYLOAD_LIMIT_BYTES } from '../../src/functions/arguments';

const NOW = new Date(Date.UTC(2021, 9, 13, 10));

describe('column functions', () => {
  it('compute over a one-column range, blanks as Excel hands them (empty text) left out', () => {
    expect(computeColumnFunction('nps', { answers: [[10], [9], [''], [3], ['Ved ikke']] }, 'en')).toEqual({ ok: true, value: (2 - 1) / 3 * 100 });
    const share = computeColumnFunction('share', { answers: [['Ja'], ['nej'], ['JA '], ['']], answer: 'ja' }, 'en');
    expect(share.ok && share.value).toBeCloseTo(2 / 3, 12);
    expect(computeColumnFunction('count_unique', { answers: [['DK12345674'], [12345674], ['DK 10000009']] }, 'en')).toEqual({ ok: true, value: 2 });
  });

  it('filter the rows by the filter pair', () => {
    const args = { answers: [[10], [0], [10], [9]], filterRange: [['Drift'], ['Vækst'], ['drift'], ['Vækst']], filterValue: 'Drift' };
    expect(computeColumnFunction('nps', args, 'en')).toEqual({ ok: true, value: 100 });
  });

  it('refuse ranges of different sizes, two columns, half a filter pair and a blank answer', () => {
    expect(computeColumnFunction('nps', { answers: [[1], [2]], filterRange: [['a']], filterValue: 'a' }, 'en')).toEqual({
      ok: false,
      error: { code: 'value', message: 'the filter range has 1 cells and the answers 2; give ranges of the same size' },
    });
    expect(computeColumnFunction('nps', { answers: [[1, 2]] }, 'da')).toEqual({ ok: false, error: { code: 'value', message: 'svar skal være én kolonne (fik 2 kolonner)' } });
    expect(computeColumnFunction('nps', { answers: [[1]], filterRange: [['a']] }, 'en')).toEqual({
      ok: false,
      error: { code: 'value', message: 'filter_range and filter_value go together: give both or neither' },
    });
    expect(computeColumnFunction('share', { answers: [['a']], answer: '' }, 'en')).toEqual({ ok: false, error: { code: 'value', message: 'the answer to count is blank' } });
  });

  it('give #N/A with the base when nothing is left to count', () => {
    expect(computeColumnFunction('nps', { answers: [['Ved ikke'], ['']] }, 'da')).toEqual({ ok: false, error: { code: 'na', message: 'ingen svar at regne på (n = 0; 1 "Ved ikke" udeladt)' } });
  });

  it('say so when the call carries more than 5 MB, as Excel on the web would cut it off', () => {
    const answers = Array.from({ length: 60_000 }, () => ['x'.repeat(90)]);
    // Exactly the JSON Excel would send for these arguments, while under the limit.
    const small = [[['Ja'], [3], ['']], 'Drift', undefined];
    expect(measurePayload(small)).toBe(JSON.stringify([[['Ja'], [3], ['']], 'Drift', null]).length);
    for (const text of ['æ', 'Ønsker ikke at svare', '€ 5', '😀 x', 'a"b\\c\n']) expect(measurePayload([[[text]]])).toBe(Buffer.byteLength(JSON.stringify([[[text]]])));
    expect(measurePayload([answers])).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    const result = computeColumnFunction('count_unique', { answers }, 'en');
    expect(result).toEqual({ ok: false, error: { code: 'value', message: expect.stringContaining("more than 5 MB of data in one call (Excel on the web's limit)") } });
    // Just under the limit it computes.
    expect(computeColumnFunction('count_unique', { answers: answers.slice(0, 50_000) }, 'en')).toEqual({ ok: true, value: 1 });
  });
});

describe('TARGET', () => {
  it('gives the year target, a % as a fraction, a range as its text', () => {
    expect(computeTarget({ rule: '2021: 45%; 2023: 50%', year: 2022 }, 'en', NOW)).toEqual({ ok: true, value: 0.475 });
    expect(computeTarget({ rule: '+5 pp', year: '2021', baseline: '40 % (2020)' }, 'en', NOW)).toEqual({ ok: true, value: 0.45 });
    expect(computeTarget({ rule: '2022: 600', year: 2022 }, 'en', NOW)).toEqual({ ok: true, value: 600 });
    expect(computeTarget({ rule: '40-60%', year: 2022 }, 'da', NOW)).toEqual({ ok: true, value: '40–60 %' });
  });

  it('gives #N/A when the year has none and #VALUE! with the refusal for a rule it cannot read or a bad year', () => {
    expect(computeTarget({ rule: '2021: 45%; 2023: 50%', year: 2025 }, 'en', NOW)).toEqual({ ok: false, error: { code: 'na', message: 'no target for 2025' } });
    expect(computeTarget({ rule: 'omkring halvdelen', year: 2022 }, 'en', NOW)).toEqual({ ok: false, error: { code: 'value', message: expect.stringContaining('omkring halvdelen') } });
    expect(computeTarget({ rule: '≥ 80%', year: 22.5 }, 'en', NOW)).toEqual({ ok: false, error: { code: 'value', message: 'the year must be a whole number such as 2022 (got 22.5)' } });
  });
});

describe('STATUS', () => {
  it('gives the label in the language, reading a plain 0…1 actual in a % row as a fraction', () => {
    expect(computeStatus({ rule: '≥ 80%', actual: 0.75, year: 2021, asOf: '2021-10-13' }, 'da', NOW)).toEqual({ ok: true, value: 'I risiko' });
    expect(computeStatus({ rule: '≥ 80%', actual: 75, asOf: 44482 }, 'en', NOW)).toEqual({ ok: true, value: 'At risk' });
    expect(computeStatus({ rule: '2021: 600', actual: 555, asOf: '13-10-2021' }, 'en', NOW)).toEqual({ ok: true, value: 'On track' });
    expect(computeStatus({ rule: '≥ 80%', actual: '' }, 'da', NOW)).toEqual({ ok: true, value: 'Afventer data' });
  });

  it('refuses a blank rule, an unreadable one and a date it cannot read', () => {
    expect(computeStatus({ rule: '', actual: 1 }, 'en', NOW)).toEqual({ ok: false, error: { code: 'value', message: 'the target rule is blank' } });
    expect(computeStatus({ rule: '≥ 80%', actual: 1, asOf: '31-02-2021' }, 'en', NOW)).toEqual({ ok: false, error: { code: 'value', message: 'as_of must be a date (got "31-02-2021")' } });
    const bad = computeStatus({ rule: 'omkring halvdelen', actual: 1 }, 'en', NOW);
    expect(bad).toEqual({ ok: false, error: { code: 'value', message: expect.stringContaining('omkring halvdelen') } });
  });
});

it('takes Danish for any Danish display language, English otherwise', () => {
  expect(['da-DK', 'da', 'DA-dk', 'en-US', 'de-DE', undefined].map(languageOf)).toEqual(['da', 'da', 'da', 'en', 'en', 'en']);
});
