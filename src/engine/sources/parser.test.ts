import { dayFromYmd } from '../dates';
import { parseSource, type AggregateSource } from './parser';
import { SourceSyntaxError, tokenizeSource } from './tokenizer';

function parseAggregate(text: string): AggregateSource {
  const parsed = parseSource(text);
  if (parsed.kind !== 'aggregate') throw new Error('expected an aggregate source');
  return parsed;
}

function syntaxErrorOf(text: string): SourceSyntaxError {
  try {
    parseSource(text);
  } catch (error) {
    if (error instanceof SourceSyntaxError) return error;
    throw error;
  }
  throw new Error(`no syntax error for ${text}`);
}

describe('tokenizeSource', () => {
  it('gives every token a 1-based position counted in characters, Danish letters included', () => {
    const tokens = tokenizeSource('nps(Æble!Øst)');
    expect(tokens.map((t) => [t.kind, t.value, t.position])).toEqual([
      ['ident', 'nps', 1],
      ['lparen', '(', 4],
      ['ident', 'Æble', 5],
      ['bang', '!', 9],
      ['ident', 'Øst', 10],
      ['rparen', ')', 13],
      ['end', '', 14],
    ]);
  });

  it('reads comparison operators, their Unicode forms included', () => {
    const ops = tokenizeSource('= <> < <= > >= ≠ ≤ ≥').filter((t) => t.kind === 'op').map((t) => t.value);
    expect(ops).toEqual(['=', '<>', '<', '<=', '>', '>=', '<>', '<=', '>=']);
  });

  it('keeps a comma between two digits inside the number and splits on other commas', () => {
    const tokens = tokenizeSource('3,5, 4;-2 −1.5');
    expect(tokens.map((t) => `${t.kind}:${t.value}`)).toEqual(['number:3.5', 'sep:,', 'number:4', 'sep:;', 'number:-2', 'number:-1.5', 'end:']);
  });

  it('reads doubled quotes inside text and sheet names, and curly quotes', () => {
    const tokens = tokenizeSource(`"Sig ""hej""" 'Bob''s data' “Meget tilfreds”`);
    expect(tokens.slice(0, 3).map((t) => [t.kind, t.value])).toEqual([
      ['text', 'Sig "hej"'],
      ['sheet', "Bob's data"],
      ['text', 'Meget tilfreds'],
    ]);
  });

  it('reads a date literal and a bracketed header with spaces and punctuation', () => {
    const tokens = tokenizeSource('2022-01-01 [Hvor tilfreds er du?]');
    expect(tokens.slice(0, 2).map((t) => [t.kind, t.value])).toEqual([
      ['date', '2022-01-01'],
      ['bracket', 'Hvor tilfreds er du?'],
    ]);
  });
});

describe('parseSource: constructs', () => {
  it('parses share with a condition on the measured column and a filter (SPEC §4 example)', () => {
    const source = parseAggregate('share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift")');
    expect(source.fn).toBe('share');
    expect(source.measured).toEqual({ sheet: 'Tilfredshed', name: 'Kompetencer', bracketed: false, position: 7 });
    expect(source.condition).toEqual({
      kind: 'compare',
      column: source.measured,
      op: '=',
      literal: { type: 'text', value: 'Meget tilfreds', raw: '"Meget tilfreds"' },
    });
    expect(source.filters).toEqual([
      {
        kind: 'compare',
        column: { sheet: null, name: 'Segment', bracketed: false, position: 51 },
        op: '=',
        literal: { type: 'text', value: 'Drift', raw: '"Drift"' },
      },
    ]);
  });

  it('parses a quoted sheet name, a bracketed header, in (...) and exclude', () => {
    const source = parseAggregate(`share('Survey 2022'![Positiv effekt] in ("I høj grad"); exclude = ("Ved ikke", "Ønsker ikke at svare"))`);
    expect(source.measured).toMatchObject({ sheet: 'Survey 2022', name: 'Positiv effekt', bracketed: true });
    expect(source.condition).toMatchObject({ kind: 'in', literals: [{ type: 'text', value: 'I høj grad' }] });
    expect(source.options.exclude).toEqual(['Ved ikke', 'Ønsker ikke at svare']);
  });

  it('accepts a single exclude value without parentheses, and an empty list', () => {
    expect(parseAggregate('count(A!B; exclude = "Ved ikke")').options.exclude).toEqual(['Ved ikke']);
    expect(parseAggregate('count(A!B; exclude = ())').options.exclude).toEqual([]);
  });

  it('parses date filters separated by commas', () => {
    const source = parseAggregate('count(Vejledninger!CVR, Dato >= 2022-01-01, Dato <= 2022-12-31)');
    expect(source.filters.map((f) => (f.kind === 'compare' ? [f.op, f.literal] : null))).toEqual([
      ['>=', { type: 'date', value: dayFromYmd(2022, 1, 1), raw: '2022-01-01' }],
      ['<=', { type: 'date', value: dayFromYmd(2022, 12, 31), raw: '2022-12-31' }],
    ]);
  });

  it('reads a Danish decimal comma in a number literal', () => {
    const source = parseAggregate('mean(Data!Score; Vægt >= 2,5)');
    expect(source.filters[0]).toMatchObject({ op: '>=', literal: { type: 'number', value: 2.5 } });
  });

  it('parses every function name, case-insensitively', () => {
    expect(parseAggregate('NPS(T!A)').fn).toBe('nps');
    expect(parseAggregate('Count_Unique(T!A)').fn).toBe('count_unique');
    expect(parseAggregate('sum(T!A)').fn).toBe('sum');
    expect(parseAggregate('mean(T!A)').fn).toBe('mean');
    expect(parseAggregate('median(T!A)').fn).toBe('median');
  });

  it('parses share_new with previous, and coverage with all and min', () => {
    expect(parseAggregate('share_new(V2022!CVR; previous = V2021!CVR)').options.previous).toMatchObject({ sheet: 'V2021', name: 'CVR' });
    const coverage = parseAggregate('coverage(Vejledninger!Kommune; all = Kommuner!Navn; min = 5)');
    expect(coverage.options).toMatchObject({ all: { sheet: 'Kommuner', name: 'Navn' }, min: 5 });
  });

  it('parses a labels option with a bare or quoted sheet name', () => {
    expect(parseAggregate('count(D!s_1; labels = Koder)').options.labels).toBe('Koder');
    expect(parseAggregate(`count(D!s_1; labels = 'Mine koder')`).options.labels).toBe('Mine koder');
  });

  it('turns a condition on the measured column of a non-share function into a filter', () => {
    const source = parseAggregate('count(T!Segment = "Drift")');
    expect(source.condition).toBeNull();
    expect(source.filters).toHaveLength(1);
  });

  it('reads a bracketed [min] as a column, not the option', () => {
    const source = parseAggregate('count(T!A; [min] = 3)');
    expect(source.filters[0]).toMatchObject({ column: { name: 'min', bracketed: true } });
    expect(source.options.min).toBeUndefined();
  });

  it('allows a filter to repeat the measured sheet', () => {
    expect(parseAggregate('count(T!A; t!B = 1)').filters).toHaveLength(1);
  });

  it('parses goal(ID) with a number, a dotted ID, a Danish comma or text', () => {
    expect(parseSource('goal(10)')).toEqual({ kind: 'goal', goalId: '10' });
    expect(parseSource('goal(3.1)')).toEqual({ kind: 'goal', goalId: '3.1' });
    expect(parseSource('goal(3,1)')).toEqual({ kind: 'goal', goalId: '3.1' });
    expect(parseSource('goal("12a")')).toEqual({ kind: 'goal', goalId: '12a' });
  });
});

describe('parseSource: errors name the position and what was expected', () => {
  const cases: [string, string][] = [
    ['share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift"', `expected ')' after "Drift" at character 68`],
    [
      'share(Tilfredshed!Kompetencer = "Meget tilfreds"; Segment = "Drift" Segment',
      `expected ';' or ')' after "Drift" at character 69, found "Segment"`,
    ],
    ['', 'expected a function such as share(...), nps(...) or goal(...) at character 1'],
    ['shar(A!B = "x")', 'unknown function "shar" at character 1; closest: share, sum, mean'],
    ['count A!B', `expected '(' after "count" at character 7, found "A"`],
    ['count(', `expected a column (Sheet!Column) after '(' at character 7`],
    ['count(A!)', `expected a column name after '!' at character 9, found ')'`],
    ['share(A!B)', 'share needs a condition on its column, e.g. share(A!B = "Meget tilfreds"), at character 7'],
    ['count(B)', 'the first argument of count needs a sheet: write Sheet!B at character 7'],
    ['count(A!B; C)', `expected a comparison (=, <>, <, <=, >, >= or in) after "C" at character 13, found ')'`],
    ['count(A!B;)', `expected a filter (Column = "value") or an option (exclude, labels, ...) after ';' at character 11, found ')'`],
    ['sum(A!B; C > "x")', `'>' compares numbers and dates, not text ("x"), at character 12`],
    ['count(A!B; X = 2022-02-30)', '2022-02-30 is not a date at character 16'],
    ['count(A!B; X = "a', `expected a closing '"' for the text starting at character 16`],
    ["count('A!B)", "expected a closing ''' for the sheet name starting at character 7"],
    ['count(A![B)', "expected a closing ']' for the column name starting at character 9"],
    ['count(A!B; min = 2)', 'option "min" works only with coverage, not count, at character 12'],
    ['coverage(A!B; all = C!D; min = 0)', 'min must be a whole number of at least 1, not 0, at character 32'],
    ['coverage(A!B; all = C!D; min = x)', `expected a whole number after '=' at character 32, found "x"`],
    ['count(A!B; exclude = "x"; exclude = "y")', 'option "exclude" is given twice at character 27'],
    ['count(A!B; X in (1, "a"))', 'the values of in (...) must all be text, all numbers or all dates at character 14'],
    ['count(A!B; X in ())', 'in () needs at least one value at character 14'],
    ['count(A!B; X in ("a" "b"))', `expected ',' or ')' after "a" at character 22, found "b"`],
    ['count(A!B; X = Drift)', `expected a value (text in quotes, a number or a date YYYY-MM-DD) after '=' at character 16, found "Drift"`],
    ['count(A!B; 3x = 1)', 'expected a number, found "3x" at character 12 (a name cannot start with a digit: put it in [brackets])'],
    ['count(A!B; X # 1)', 'unexpected character "#" at character 14'],
    ['count(A!B) extra', `expected the end of the expression after ')' at character 12, found "extra"`],
    ['share_new(A!B)', 'share_new needs previous = Sheet!Column at character 15'],
    ['coverage(A!B)', 'coverage needs all = Sheet!Column at character 14'],
    ['count(A!B; Other!C = 1)', 'the filter on Other!C is on another sheet than the measured column (A) at character 12'],
    ['count(A!B; labels = 5)', `expected a sheet name after '=' at character 21, found "5"`],
    ['goal()', `expected a goal ID, e.g. goal(10) after '(' at character 6, found ')'`],
    ['goal(10', `expected ')' after "10" at character 8`],
    ['goal(10; 11)', `expected ')' after "10" at character 8, found ';'`],
    ['goal("  ")', 'goal() needs a goal ID at character 6'],
  ];

  it.each(cases)('%s', (text, message) => {
    const error = syntaxErrorOf(text);
    expect(error.message).toBe(message);
  });

  it('carries the position and the expectation as fields', () => {
    const error = syntaxErrorOf('nps(T!A; S = "x"');
    expect(error.position).toBe(17);
    expect(error.expected).toBe("')'");
    expect(error.name).toBe('SourceSyntaxError');
  });
});
