import { RuleError } from './target-rule';
import { inferUnit, inferUnitFromCell, parseUnit, signConflicts, unitRange } from './units';

describe('parseUnit (SPEC §1 aliases)', () => {
  it.each([
    ['%', '%'],
    ['pct', '%'],
    ['pct.', '%'],
    ['Procent', '%'],
    ['percent', '%'],
    ['pp', 'pp'],
    ['PP', 'pp'],
    ['NPS', 'NPS'],
    ['nps', 'NPS'],
    ['count', 'count'],
    ['antal', 'count'],
    ['Stk', 'count'],
    ['#', 'count'],
    ['number', 'number'],
    ['tal', 'number'],
    ['DKK', 'DKK'],
    ['kr', 'DKK'],
    ['kr.', 'DKK'],
    ['milestone', 'milestone'],
    ['Milepæl', 'milestone'],
    ['  antal\u00A0', 'count'],
  ])('%j → %p', (text, unit) => {
    expect(parseUnit(text)).toBe(unit);
  });

  it('gives null for a blank cell', () => {
    expect(parseUnit('')).toBeNull();
    expect(parseUnit(' \u00A0 ')).toBeNull();
  });

  it('rejects an unknown unit by name', () => {
    expect(() => parseUnit(' xyz ')).toThrow(new RuleError('unknown unit "xyz"'));
    expect(() => parseUnit('kroner')).toThrow(RuleError);
  });
});

describe('inferUnit (SPEC §1 "Unit inference")', () => {
  it.each([
    ['done by 2021-12-31', 'milestone'],
    ['udført senest 31-12-2021', 'milestone'],
    ['2021: gennemført; 2022: udgår', 'milestone'],
    ['≥ 80%', '%'],
    ['mindst 45 pct.', '%'],
    ['45 procent', '%'],
    ['+5 pp', '%'],
    ['+5 procentpoint', '%'],
    ['2021: 45%; 2022: 47%', '%'],
    ['1.234 kr', 'DKK'],
    ['DKK 500', 'DKK'],
    ['NPS ≥ 70', 'NPS'],
    ['≥ 70 NPS', 'NPS'],
    ['min. 800', 'count'],
    ['2021: 350; 2022: 800', 'count'], // schedule years do not count as numbers
    ['-2', 'count'], // a decrease of two is still whole
    ['≥ 0,5', 'number'],
    ['≥ 0', 'number'],
    ['between 1,5 and 3', 'number'],
    ['højst 2.5', 'number'],
    ['udgår', 'number'], // no numbers at all
    ['pending talks', 'number'],
  ])('%j → %p', (text, unit) => {
    expect(inferUnit(text)).toBe(unit);
  });

  it('does not take a word inside another word', () => {
    expect(inferUnit('abandoned 5')).toBe('count');
    expect(inferUnit('skrotning 5')).toBe('count'); // holds "kr" inside a word
  });
});

describe('inferUnitFromCell', () => {
  it('reads number cells', () => {
    expect(inferUnitFromCell(0.8, '0%')).toBe('%');
    expect(inferUnitFromCell(350)).toBe('count');
    expect(inferUnitFromCell(0.8)).toBe('number');
  });

  it('reads text through inferUnit', () => {
    expect(inferUnitFromCell('≥ 80%')).toBe('%');
  });
});

describe('unitRange', () => {
  it.each([
    ['%', [0, 100]],
    ['NPS', [-100, 100]],
    ['count', [0, Number.POSITIVE_INFINITY]],
    ['pp', null],
    ['number', null],
    ['DKK', null],
    ['milestone', null],
  ] as const)('%s → %p', (unit, range) => {
    expect(unitRange(unit)).toEqual(range);
  });
});

describe('signConflicts', () => {
  it.each([
    ['%', '%', false],
    ['%', 'count', true],
    ['%', 'NPS', true],
    ['%', 'pp', true],
    ['pp', '%', false],
    ['pp', 'pp', false],
    ['pp', 'count', true],
    ['pp', 'NPS', true],
    ['kr', 'DKK', false],
    ['kr', '%', true],
    ['kr', 'number', true],
    ['NPS', 'NPS', false],
    ['NPS', '%', true],
    ['%', 'milestone', true],
  ] as const)('%s on a %s row: %p', (sign, unit, expected) => {
    expect(signConflicts(sign, unit)).toBe(expected);
  });
});
