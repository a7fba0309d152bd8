import { formatActualValue, formatGapValue, formatMilestoneWord, formatSignedValue, formatTargetValue, formatValue } from './display';
import { recalculate } from './index';
import type { Unit } from './types';

describe('formatValue: one form per unit and language', () => {
  it.each<[Unit, number, string, string]>([
    ['%', 45.5, '45.5 %', '45,5 %'],
    ['pp', -5, '−5 pp', '−5 pp'],
    ['DKK', 1234.5, 'DKK 1,234.5', '1.234,5 kr.'],
    ['NPS', 70, '70', '70'],
    ['count', 1234, '1,234', '1.234'],
    ['number', 2.345, '2.35', '2,35'],
    ['number', -2.345, '−2.35', '−2,35'],
  ])('%s %d reads %s in English and %s in Danish', (unit, value, en, da) => {
    expect(formatValue(value, unit, 'en')).toBe(en);
    expect(formatValue(value, unit, 'da')).toBe(da);
  });

  it('shows a value from 1e21 on as Excel does, not in JavaScript exponent form', () => {
    expect(formatValue(1.5e21, 'number', 'da')).toBe('1,5E+21');
  });
});

describe('formatTargetValue', () => {
  it('writes a % range with the unit once, after the upper end', () => {
    expect(formatTargetValue([40, 60], '%', 'da')).toBe('40–60 %');
  });
  it('writes a DKK range with the unit at both ends in English (DKK leads) and Danish', () => {
    expect(formatTargetValue([1000, 2000], 'DKK', 'en')).toBe('DKK 1,000–DKK 2,000');
    expect(formatTargetValue([1000, 2000], 'DKK', 'da')).toBe('1.000 kr.–2.000 kr.');
  });
  it('is blank for no target and plain for a row without a unit', () => {
    expect(formatTargetValue(null, '%', 'en')).toBe('');
    expect(formatTargetValue(600, null, 'en')).toBe('600');
  });
});

describe('formatActualValue and formatMilestoneWord', () => {
  it.each([
    ['done', 'da', 'udført'],
    ['in progress', 'da', 'i gang'],
    ['not done', 'da', 'ikke udført'],
    ['i gang', 'en', 'in progress'],
    ['in progress', 'en', 'in progress'],
  ] as const)('shows the state %s in %s as %s', (state, language, expected) => {
    expect(formatActualValue(state, 'milestone', language)).toBe(expected);
    expect(formatMilestoneWord(state, language)).toBe(expected);
  });
  it('leaves other text alone and shows nothing for no actual', () => {
    expect(formatMilestoneWord('snart', 'da')).toBe('snart');
    expect(formatActualValue(null, '%', 'da')).toBe('');
    expect(formatActualValue(75, '%', 'en')).toBe('75 %');
  });
});

describe('formatGapValue', () => {
  it('shows a % row gap in pp, signed', () => {
    expect(formatGapValue(-5, '%', 'en')).toBe('−5 pp');
    expect(formatGapValue(15, 'count', 'da')).toBe('+15');
    expect(formatGapValue(0, 'NPS', 'en')).toBe('0');
    expect(formatGapValue(null, '%', 'en')).toBe('');
  });
  it('agrees with the signed value the Explanation shows', () => {
    expect(formatGapValue(2.5, 'DKK', 'da')).toBe(formatSignedValue(2.5, 'DKK', 'da'));
  });
});

describe('the sheet and the display formatter agree', () => {
  it('writes a range target cell exactly as formatTargetValue shows it, and the Explanation uses the same forms', () => {
    const snapshot = {
      sheets: [
        {
          name: 'Mål',
          values: [
            ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat'],
            ['1', 'Andel', '%', '40–60 %', 0.55],
            ['2', 'Omsætning', 'DKK', '2021: 1.500', 1234.5],
          ],
          numberFormats: [[], [null, null, null, null, '0%'], []],
        },
      ],
    };
    const result = recalculate(snapshot, { now: new Date(2021, 9, 13), asOf: '2021-10-13', year: 2021 });
    const [share, money] = result.sheets[0].rows;
    const rangeWrite = result.plan.writes.find((w) => w.sheet === 'Mål' && w.row === 1 && typeof w.value === 'string' && w.value.includes('–'));
    expect(rangeWrite?.value).toBe(formatTargetValue(share.target, share.unit, 'da'));
    expect(share.explanation).toContain(formatActualValue(share.actual, share.unit, 'da'));
    expect(money.explanation).toContain(formatActualValue(money.actual, money.unit, 'da'));
    expect(money.explanation).toContain(formatGapValue(money.gap, money.unit, 'da'));
  });
});
