import fc from 'fast-check';
import { dayFromYmd } from './dates';
import { messageIn } from './rule-model';
import {
  namedYears,
  parseBaselineCell,
  parseTargetCell,
  parseTargetRule,
  parseToleranceCell,
  RuleError,
  type RuleEntry,
  type TargetRule,
} from './target-rule';

function single(text: string): RuleEntry {
  const rule = parseTargetRule(text);
  if (rule.kind !== 'single') throw new Error(`expected a single rule for ${text}`);
  return rule.entry;
}

function errorOf(action: () => unknown): RuleError {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error('expected a RuleError');
}

describe('parseTargetRule: levels and comparators', () => {
  it.each([
    ['≥ 80%', 80, '%'],
    ['>= 70', 70, null],
    ['=> 70', 70, null],
    ['min. 800', 800, null],
    ['min 800', 800, null],
    ['mindst 45 pct.', 45, '%'],
    ['minimum 3', 3, null],
    ['at least 65%', 65, '%'],
    ['At Least 65 %', 65, '%'],
    ['80 %', 80, '%'], // no comparator: higher is better
    ['≥80%', 80, '%'],
    ['NPS 70', 70, 'NPS'],
    ['≥ -10', -10, null], // a negative level needs its comparator
    ['mindst 1.234 kr.', 1234, 'kr'],
  ])('%j is a higher-is-better level %p (%p)', (text, value, sign) => {
    expect(single(text)).toEqual({ kind: 'level', value, direction: 'higher', sign });
  });

  it.each([
    ['≤ 10', 10, null],
    ['<= 10', 10, null],
    ['=< 10', 10, null],
    ['højst 5', 5, null],
    ['max 3', 3, null],
    ['max. 3', 3, null],
    ['maksimalt 2,5 %', 2.5, '%'],
    ['maximum 4', 4, null],
    ['at most 12', 12, null],
  ])('%j is a lower-is-better level %p (%p)', (text, value, sign) => {
    expect(single(text)).toEqual({ kind: 'level', value, direction: 'lower', sign });
  });

  it('ignores non-breaking and repeated spaces', () => {
    expect(single('\u00A0mindst\u00A0\u00A045\u00A0%  ')).toEqual({ kind: 'level', value: 45, direction: 'higher', sign: '%' });
  });

  it('rejects strict comparators with a hint', () => {
    expect(errorOf(() => parseTargetRule('> 80%')).message).toBe('"> 80%": use ≥ (at least) or ≤ (at most), not a strict < or >');
  });

  it('does not read "mindst" as "min" followed by text', () => {
    expect(errorOf(() => parseTargetRule('mindstens 5')).message).toBe('cannot read "mindstens 5" as a target');
  });
});

describe('parseTargetRule: increments', () => {
  it.each([
    ['+5 pp', 5, 'additive', false, 'pp'],
    ['+5 procentpoint', 5, 'additive', false, 'pp'],
    ['+10%', 10, 'relative', false, '%'],
    ['+5 pp/år', 5, 'additive', true, 'pp'],
    ['+5 pp / år', 5, 'additive', true, 'pp'],
    ['+5 pp per år', 5, 'additive', true, 'pp'],
    ['+5 pp per year', 5, 'additive', true, 'pp'],
    ['+5 pp pr. år', 5, 'additive', true, 'pp'],
    ['-2 pp', -2, 'additive', false, 'pp'],
    ['\u22122 pp', -2, 'additive', false, 'pp'],
    ['+50', 50, 'additive', false, null],
    ['+ 3,5 %/år', 3.5, 'relative', true, '%'],
  ])('%j', (text, amount, mode, perYear, sign) => {
    expect(single(text)).toEqual({ kind: 'increment', amount, mode, perYear, sign });
  });

  it('reports an unreadable increment', () => {
    expect(errorOf(() => parseTargetRule('+lots')).message).toBe('cannot read "+lots" as a target');
    expect(errorOf(() => parseTargetRule('+5 apples')).message).toBe('cannot read "+5 apples" as an increment');
  });
});

describe('parseTargetRule: ranges', () => {
  it.each([
    ['40–60%', 40, 60, '%'],
    ['40-60 %', 40, 60, '%'],
    ['40 % – 60 %', 40, 60, '%'],
    ['40—60', 40, 60, null],
    ['between 40 and 60', 40, 60, null],
    ['Between 40 % and 60 %', 40, 60, '%'],
    ['mellem 40 og 60', 40, 60, null],
    ['mellem 0,5 og 1,5', 0.5, 1.5, null],
    ['1.000-2.000 kr', 1000, 2000, 'kr'],
    ['-10 – 10', -10, 10, null], // a negative low end, not an increment
    ['50-50', 50, 50, null],
  ])('%j is the range %p–%p (%p)', (text, lo, hi, sign) => {
    expect(single(text)).toEqual({ kind: 'range', lo, hi, sign });
  });

  it('rejects a backwards range', () => {
    expect(errorOf(() => parseTargetRule('60-40')).message).toBe('the range "60-40" runs backwards: write the low end first');
  });

  it('rejects a range that mixes signs', () => {
    expect(errorOf(() => parseTargetRule('40 % - 60 kr')).message).toBe('the range "40 % - 60 kr" mixes "%" and "kr"');
  });

  it('rejects an unreadable end of a between-range', () => {
    expect(errorOf(() => parseTargetRule('between 40 and lots')).message).toBe('cannot read "lots" as the high end of a range');
  });
});

describe('parseTargetRule: drops and milestones', () => {
  it.each(['udgår', 'Udgår', 'dropped', 'n/a', 'N/A', '-', '–'])('%j is a drop', (text) => {
    expect(single(text)).toEqual({ kind: 'drop' });
  });

  it.each(['done', 'Done', 'udført', 'gennemført'])('%j is a milestone without a date', (text) => {
    expect(single(text)).toEqual({ kind: 'milestone', due: null });
  });

  it.each([
    ['done by 2021-12-31', dayFromYmd(2021, 12, 31)],
    ['udført senest 31-12-2021', dayFromYmd(2021, 12, 31)],
    ['gennemført inden 1.7.2022', dayFromYmd(2022, 7, 1)],
    ['done 30/06/2022', dayFromYmd(2022, 6, 30)],
    ['done by 2022', dayFromYmd(2022, 12, 31)], // a bare year: its 31 December
  ])('%j is due on the given day', (text, due) => {
    expect(single(text)).toEqual({ kind: 'milestone', due });
  });

  it('reports a bad due date', () => {
    expect(errorOf(() => parseTargetRule('done by 31-02-2021')).message).toBe('"31-02-2021" is not a date (write 2021-12-31 or 31-12-2021)');
    expect(errorOf(() => parseTargetRule('done by')).message).toBe('"by" is not a date (write 2021-12-31 or 31-12-2021)');
  });
});

describe('parseTargetRule: schedules', () => {
  const expected: TargetRule = {
    kind: 'schedule',
    entries: [
      { year: 2021, entry: { kind: 'level', value: 45, direction: 'higher', sign: '%' } },
      { year: 2022, entry: { kind: 'level', value: 47, direction: 'higher', sign: '%' } },
      { year: 2023, entry: { kind: 'level', value: 50, direction: 'higher', sign: '%' } },
    ],
  };

  it.each([
    ['2021: 45%; 2022: 47%; 2023: 50%'],
    ['2021: 45%; 2022: 47%; 2023: 50%;'],
    ['2021: 45%\n2022: 47%\n2023: 50%'],
    ['2021: 45%\r\n2022: 47%\r\n2023: 50%\r\n'],
    ['2021:45%;2022:47%;2023:50%'],
    ['2023: 50%; 2021: 45%; 2022: 47%'], // out of order: sorted
    ['2021: 45%, 2022: 47%, 2023: 50%'],
  ])('reads %j', (text) => {
    expect(parseTargetRule(text)).toEqual(expected);
  });

  it('reads a one-entry schedule', () => {
    expect(parseTargetRule('2023: ≥ 50%')).toEqual({
      kind: 'schedule',
      entries: [{ year: 2023, entry: { kind: 'level', value: 50, direction: 'higher', sign: '%' } }],
    });
  });

  it('takes every entry kind', () => {
    const rule = parseTargetRule('2021: +5 pp; 2022: 40-60 %; 2023: udgår; 2024: done; 2025: ≤ 3');
    expect(rule).toEqual({
      kind: 'schedule',
      entries: [
        { year: 2021, entry: { kind: 'increment', amount: 5, mode: 'additive', perYear: false, sign: 'pp' } },
        { year: 2022, entry: { kind: 'range', lo: 40, hi: 60, sign: '%' } },
        { year: 2023, entry: { kind: 'drop' } },
        { year: 2024, entry: { kind: 'milestone', due: null } },
        { year: 2025, entry: { kind: 'level', value: 3, direction: 'lower', sign: null } },
      ],
    });
  });

  it('rejects a year named twice', () => {
    expect(errorOf(() => parseTargetRule('2022: 45%; 2022: 47%')).message).toBe('year 2022 is named twice');
  });

  it('rejects an entry without a year', () => {
    expect(errorOf(() => parseTargetRule('2021: 45%; 47%')).message).toBe('expected "year: target" in a schedule, got "47%"');
  });

  it('rejects a year without a target', () => {
    expect(errorOf(() => parseTargetRule('2021: 45%; 2022:')).message).toBe('year 2022 has no target');
  });

  it('names the bad entry', () => {
    expect(errorOf(() => parseTargetRule('2021: 45%; 2022: lots')).message).toBe('cannot read "lots" as a target');
  });
});

describe('parseTargetRule: blank and unreadable', () => {
  it.each(['', '   ', ';', '\n'])('%j is blank', (text) => {
    expect(errorOf(() => parseTargetRule(text)).message).toBe('the target is blank');
  });

  it('shortens a long unreadable text in its message', () => {
    const text = 'x'.repeat(100);
    expect(errorOf(() => parseTargetRule(text)).message).toBe(`cannot read "${'x'.repeat(57)}..." as a target`);
  });

  it('throws nothing but RuleError on arbitrary strings (property)', () => {
    const pieces = fc.constantFrom(
      '≥', '≤', '>=', 'min.', 'mindst', 'højst', '+', '-', '−', '–', '%', 'pp', 'kr', 'NPS', 'pct.', '/år', 'per year',
      'between', 'mellem', 'og', 'and', 'done', 'by', 'udført', 'senest', 'udgår', 'n/a', '2021:', ';', '\n', ',', '.',
      '(', ')', ' ', '\u00A0', '45', '1.234', '0,5', '2021-12-31', '31-12-2021', '2022',
    );
    const text = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseTargetRule(input);
        } catch (error) {
          expect(error).toBeInstanceOf(RuleError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('property: the cell readers throw nothing but RuleError', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom('40 % (2020)', '2020: 40%', '5 pp', '10%', '- 5', '(2020)', '40 % ()', 'kr', 'NPS'),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant({ error: '#N/A' }),
  );
  const units = fc.constantFrom('%' as const, 'pp' as const, 'NPS' as const, 'count' as const, 'number' as const, 'DKK' as const);

  it('parseBaselineCell, parseToleranceCell and parseTargetCell', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(null, '0%', 'General'), units, (value, format, unit) => {
        for (const read of [() => parseBaselineCell(value, format), () => parseToleranceCell(value, format, unit), () => parseTargetCell(value, format)]) {
          try {
            read();
          } catch (error) {
            expect(error).toBeInstanceOf(RuleError);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('long input', () => {
  it('reads long pasted text (a cell holds up to 32,767 characters)', () => {
    const text = `${'- '.repeat(20000)}x`;
    expect(() => parseTargetRule(text)).toThrow(RuleError);
    expect(() => parseTargetRule(' '.repeat(30000) + '45 %' + ' '.repeat(30000))).not.toThrow();
  });
});

describe('parseTargetCell', () => {
  it('reads a number cell as a higher-is-better level', () => {
    expect(parseTargetCell(350)).toEqual({ kind: 'single', entry: { kind: 'level', value: 350, direction: 'higher', sign: null } });
  });

  it('reads a percent-formatted number as per cent', () => {
    expect(parseTargetCell(0.8, '0%')).toEqual({ kind: 'single', entry: { kind: 'level', value: 80, direction: 'higher', sign: '%' } });
    expect(parseTargetCell(0.455, '0.0%')).toEqual({
      kind: 'single',
      entry: { kind: 'level', value: 45.5, direction: 'higher', sign: '%' },
    });
  });

  it('reads text as a rule', () => {
    expect(parseTargetCell('højst 5')).toEqual({ kind: 'single', entry: { kind: 'level', value: 5, direction: 'lower', sign: null } });
  });

  it.each([
    [null, 'the target is blank'],
    ['', 'the target is blank'],
    [true, 'cannot read TRUE as a target'],
    [{ error: '#N/A' }, 'the cell holds the Excel error #N/A'],
  ])('rejects %j', (value, message) => {
    expect(errorOf(() => parseTargetCell(value)).message).toBe(message);
  });
});

describe('namedYears', () => {
  it('lists schedule years in order', () => {
    expect(namedYears(parseTargetRule('2023: 50%; 2021: 45%'))).toEqual([2021, 2023]);
  });

  it('includes milestone due years, once', () => {
    expect(namedYears(parseTargetRule('done by 2022-06-30'))).toEqual([2022]);
    expect(namedYears(parseTargetRule('2021: done by 2022-06-30; 2022: done'))).toEqual([2021, 2022]);
  });

  it('names no year for a level, range, undated milestone or increment', () => {
    expect(namedYears(parseTargetRule('≥ 80%'))).toEqual([]);
    expect(namedYears(parseTargetRule('40-60'))).toEqual([]);
    expect(namedYears(parseTargetRule('done'))).toEqual([]);
    expect(namedYears(parseTargetRule('+5 pp'))).toEqual([]);
  });
});

describe('parseBaselineCell', () => {
  it.each([
    ['40%', 40, null, '%'],
    ['40 % (2020)', 40, 2020, '%'],
    ['40 % (sep. 2020)', 40, 2020, '%'],
    ['2020: 40%', 40, 2020, '%'],
    ['40 % i 2020', 40, 2020, '%'],
    ['1.234', 1234, null, null],
    ['350 (2020)', 350, 2020, null],
    ['NPS 62 (2020)', 62, 2020, 'NPS'],
  ])('reads %j', (text, value, year, sign) => {
    expect(parseBaselineCell(text)).toEqual({ value, year, sign });
  });

  it('reads number cells, percent format aware', () => {
    expect(parseBaselineCell(0.4, '0%')).toEqual({ value: 40, year: null, sign: '%' });
    expect(parseBaselineCell(40)).toEqual({ value: 40, year: null, sign: null });
  });

  it('gives null for a blank cell', () => {
    expect(parseBaselineCell(null)).toBeNull();
    expect(parseBaselineCell('  ')).toBeNull();
  });

  it.each([
    ['about 40', 'en', 'cannot place "40": an approximate number cannot be judged against; write e.g. "40 % (2020)"'],
    ['40 % i 2020 og 45 % i 2021', 'da', 'kan ikke placere "45 %": et udgangspunkt har ét tal; skriv fx "40 % (2020)"'],
    ['40 % i 2020 og 45 % i 2021', 'en', 'cannot place "45 %": a baseline has one value; write e.g. "40 % (2020)"'],
    [{ error: '#DIV/0!' }, 'en', 'the cell holds the Excel error #DIV/0!'],
    [false, 'en', 'cannot read FALSE as a baseline'],
    [false, 'da', 'kan ikke læse FALSK som et udgangspunkt'],
  ] as const)('rejects %j in %s', (value, language, message) => {
    expect(messageIn(errorOf(() => parseBaselineCell(value)), language)).toBe(message);
  });
});

describe('parseToleranceCell', () => {
  it.each([
    ['5 pp', '%', { kind: 'absolute', value: 5 }],
    ['5%', '%', { kind: 'absolute', value: 5 }], // on a % row 5 % means 5 pp
    ['5', '%', { kind: 'absolute', value: 5 }],
    ['3', 'count', { kind: 'absolute', value: 3 }],
    ['10%', 'count', { kind: 'relative', fraction: 0.1 }],
    ['10 %', 'DKK', { kind: 'relative', fraction: 0.1 }],
    ['2,5', 'number', { kind: 'absolute', value: 2.5 }],
    ['500 kr', 'DKK', { kind: 'absolute', value: 500 }],
    ['5 NPS', 'NPS', { kind: 'absolute', value: 5 }],
    ['2 pp', 'pp', { kind: 'absolute', value: 2 }],
  ] as const)('%j on a %s row', (text, unit, expected) => {
    expect(parseToleranceCell(text, null, unit)).toEqual(expected);
  });

  it('reads number cells, percent format aware', () => {
    expect(parseToleranceCell(0.05, '0%', '%')).toEqual({ kind: 'absolute', value: 5 });
    expect(parseToleranceCell(0.1, '0%', 'count')).toEqual({ kind: 'relative', fraction: 0.1 });
    expect(parseToleranceCell(3, 'General', 'count')).toEqual({ kind: 'absolute', value: 3 });
  });

  it('gives null for a blank cell', () => {
    expect(parseToleranceCell(null, null, '%')).toBeNull();
    expect(parseToleranceCell(' ', null, '%')).toBeNull();
  });

  it.each([
    ['-5', '%', 'the tolerance "-5" is negative'],
    ['5 pp', 'count', 'the tolerance "5 pp" is in "pp" but the row\'s unit is count'],
    ['5 kr', '%', 'the tolerance "5 kr" is in "kr" but the row\'s unit is %'],
    ['a little', '%', 'cannot read "a little" as a tolerance'],
  ] as const)('rejects %j on a %s row', (text, unit, message) => {
    expect(errorOf(() => parseToleranceCell(text, null, unit)).message).toBe(message);
  });

  it('rejects error values', () => {
    expect(errorOf(() => parseToleranceCell({ error: '#REF!' }, null, '%')).message).toBe('the cell holds the Excel error #REF!');
  });
});
