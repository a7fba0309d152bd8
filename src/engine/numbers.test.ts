import fc from 'fast-check';
import { dayFromYmd } from './dates';
import { formatValue } from './display';
import { roundHalfAwayFromZero } from './rounding';
import {
  isPercentFormat,
  parseDateValue,
  parseFormattedValue,
  parseNumberText,
  parseQuantity,
  quantityFromCell,
} from './numbers';
import type { Language } from './types';

describe('parseNumberText (SPEC §2 number forms)', () => {
  it.each([
    ['45', 45],
    ['0,455', 0.455],
    ['1,234', 1.234], // a lone comma is the decimal mark, on purpose
    ['1.234', 1234], // Danish thousands
    ['12.345.678', 12345678],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['0.455', 0.455], // starts with 0: decimal
    ['1.5', 1.5],
    ['1.2345', 1.2345], // four digits after the dot: decimal
    ['1234.567', 1234.567], // four digits before the dot: decimal
    ['45,5', 45.5],
    ['1 234', 1234],
    ['1\u00A0234,5', 1234.5], // non-breaking space
    ['1\u202F234', 1234], // narrow non-breaking space
    ['  7  ', 7],
    ['+5', 5],
    ['-5', -5],
    ['\u22125,5', -5.5], // U+2212 minus
    ['- 2', -2],
    [',5', 0.5],
    ['.5', 0.5],
    ['0', 0],
  ])('reads %j as %p', (text, expected) => {
    expect(parseNumberText(text)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(parseNumberText('-0'), 0)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'abc',
    '45%',
    '1,2,3',
    '1.23.4',
    '5,',
    '5.',
    '+',
    '−',
    '1e5',
    '12,34.5', // bad thousands groups
    '1.234.5,6', // bad groups before the decimal mark
    '1,234,5.6',
    '1.2,3.4',
    '--5',
    '9'.repeat(400), // not finite
  ])('rejects %j', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });
});

describe('parseQuantity', () => {
  it.each([
    ['45%', 45, '%'],
    ['45 %', 45, '%'],
    ['45,5 %', 45.5, '%'],
    ['45 pct.', 45, '%'],
    ['45 pct', 45, '%'],
    ['45 procent', 45, '%'],
    ['45 percent', 45, '%'],
    ['5 pp', 5, 'pp'],
    ['5pp', 5, 'pp'],
    ['5 procentpoint', 5, 'pp'],
    ['5 procentpoints', 5, 'pp'],
    ['-2 pp', -2, 'pp'],
    ['1.234 kr', 1234, 'kr'],
    ['1.234,5 kr.', 1234.5, 'kr'],
    ['DKK 1.234', 1234, 'kr'],
    ['kr. 500', 500, 'kr'],
    ['NPS 70', 70, 'NPS'],
    ['70 NPS', 70, 'NPS'],
    ['70 nps', 70, 'NPS'],
    ['45\u00A0%', 45, '%'],
  ])('reads %j as %p with sign %p', (text, value, sign) => {
    expect(parseQuantity(text)).toEqual({ value, sign });
  });

  it('reads a number without a sign', () => {
    expect(parseQuantity(' 1.234 ')).toEqual({ value: 1234, sign: null });
  });

  it.each(['', '%', 'pp', 'kr', '45 apples', 'about 45', '45 % %'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe('isPercentFormat', () => {
  it.each([
    ['0%', true],
    ['0.0%', true],
    ['#,##0.00 %', true],
    ['General', false],
    ['0" %"', false], // a quoted % is literal text
    ['0\\%', false], // an escaped % is literal text
    ['', false],
  ])('%j → %p', (format, expected) => {
    expect(isPercentFormat(format)).toBe(expected);
  });

  it('treats a missing format as General', () => {
    expect(isPercentFormat(null)).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});

describe('quantityFromCell', () => {
  it('reads a percent-formatted number as a fraction', () => {
    expect(quantityFromCell(0.45, '0%')).toEqual({ value: 45, sign: '%' });
    expect(quantityFromCell(0.455, '0.0%')).toEqual({ value: 45.5, sign: '%' }); // not 45.50000000000001
  });

  it('reads other numbers as they are', () => {
    expect(quantityFromCell(0.45, 'General')).toEqual({ value: 0.45, sign: null });
    expect(quantityFromCell(350)).toEqual({ value: 350, sign: null });
  });

  it('reads text through parseQuantity', () => {
    expect(quantityFromCell('45 pct.')).toEqual({ value: 45, sign: '%' });
  });

  it.each([[null], [''], ['  '], ['many'], [true], [{ error: '#N/A' }]])('gives null for %j', (value) => {
    expect(quantityFromCell(value)).toBeNull();
  });
});

describe('parseDateValue', () => {
  const newYearsEve = dayFromYmd(2021, 12, 31);
  it.each(['2021-12-31', '31-12-2021', '31.12.2021', '31/12/2021', ' 31-12-2021 '])('reads %j', (text) => {
    expect(parseDateValue(text)).toBe(newYearsEve);
  });

  it('reads one-digit days and months', () => {
    expect(parseDateValue('1.2.2022')).toBe(dayFromYmd(2022, 2, 1));
    expect(parseDateValue('5-3-2021')).toBe(dayFromYmd(2021, 3, 5));
  });

  it('reads numbers as Excel serials, dropping the time of day', () => {
    expect(parseDateValue(44561)).toBe(newYearsEve);
    expect(parseDateValue(44561.75)).toBe(newYearsEve);
  });

  it.each([['31-02-2021'], ['2021-02-29'], ['29.2.2021'], ['31-12-21'], ['12/31/2021'], ['31-12.2021'], ['soon'], [0], [-5], [true], [null], [{ error: '#VALUE!' }]])(
    'rejects %j',
    (value) => {
      expect(parseDateValue(value)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseDateValue('29.2.2024')).toBe(dayFromYmd(2024, 2, 29));
  });
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [2.25, 1, 2.3],
    [-2.25, 1, -2.3],
    [2.35, 1, 2.4], // 2.35 is 2.35000000000000008882 in binary
    [1.005, 2, 1.01], // 1.005 is 1.00499999999999989 in binary
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.5, 0, 2],
    [2.5, 0, 3], // not banker's rounding
    [46.666666666666664, 1, 46.7],
    [43.333333333333336, 1, 43.3],
    [-0.04, 1, 0],
    [12, 1, 12],
  ])('rounds %p to %p decimals as %p', (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAwayFromZero(-0.01, 1), 0)).toBe(true);
  });
});

describe('formatValue', () => {
  it.each([
    [75, '%', 'en', '75 %'],
    [45.5, '%', 'da', '45,5 %'],
    [45.55, '%', 'en', '45.55 %'],
    [45.555, '%', 'en', '45.56 %'], // at most two decimals, half away from zero
    [45.1, '%', 'en', '45.1 %'],
    [-5, 'pp', 'en', '\u22125 pp'],
    [-5, 'pp', 'da', '\u22125 pp'],
    [1234, 'count', 'da', '1.234'],
    [1234, 'count', 'en', '1,234'],
    [1234567.5, 'number', 'da', '1.234.567,5'],
    [1234.5, 'DKK', 'da', '1.234,5 kr.'],
    [1234.5, 'DKK', 'en', 'DKK 1,234.5'],
    [70, 'NPS', 'en', '70'],
    [-12, 'NPS', 'da', '\u221212'],
    [0.004, 'number', 'en', '0'],
    [-0.004, 'number', 'en', '0'], // no '−0'
    [999.999, 'number', 'en', '1,000'],
  ] as const)('formatValue(%p, %p, %p) is %p', (value, unit, language, expected) => {
    expect(formatValue(value, unit, language)).toBe(expected);
  });
});

describe('parseFormattedValue', () => {
  it('reads each language form', () => {
    expect(parseFormattedValue('1,234', 'en')).toBe(1234);
    expect(parseFormattedValue('1,234', 'da')).toBe(1.234);
    expect(parseFormattedValue('1.234,5 kr.', 'da')).toBe(1234.5);
    expect(parseFormattedValue('DKK 1,234.5', 'en')).toBe(1234.5);
    expect(parseFormattedValue('\u22125 pp', 'en')).toBe(-5);
  });

  it('rejects what is not a number', () => {
    expect(parseFormattedValue('1,2,3', 'en')).toBeNull();
    expect(parseFormattedValue('kr.', 'da')).toBeNull();
  });
});

describe('property: formatValue round-trips', () => {
  const languages = fc.constantFrom<Language>('da', 'en');
  // Integers and values with one or two decimals, as hundredths, signed.
  const hundredths = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => n / 100);
  const units = fc.constantFrom('number' as const, 'count' as const, 'DKK' as const);

  it('parseFormattedValue reads back what formatValue writes', () => {
    fc.assert(
      fc.property(hundredths, units, languages, (value, unit, language) => {
        expect(parseFormattedValue(formatValue(value, unit, language), language)).toBe(value);
      }),
    );
  });

  it('parseNumberText reads back every Danish number', () => {
    fc.assert(
      fc.property(hundredths, (value) => {
        expect(parseNumberText(formatValue(value, 'number', 'da'))).toBe(value);
      }),
    );
  });

  it('parseNumberText reads back English numbers below 1000 (no thousands groups)', () => {
    // English '1,234' is 1.234 to parseNumberText by design (SPEC §2: a lone comma is the
    // decimal mark), so larger English values are covered by parseFormattedValue above.
    const small = fc.integer({ min: -99_999, max: 99_999 }).map((n) => n / 100);
    fc.assert(
      fc.property(small, (value) => {
        expect(parseNumberText(formatValue(value, 'number', 'en'))).toBe(value);
      }),
    );
  });

  it('parseQuantity reads back Danish DKK amounts with their sign', () => {
    fc.assert(
      fc.property(hundredths, (value) => {
        expect(parseQuantity(formatValue(value, 'DKK', 'da'))).toEqual({ value, sign: 'kr' });
      }),
    );
  });
});
