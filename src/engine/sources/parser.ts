import { dayFromIso } from '../dates';
import type { Words } from '../rule-model';
import type { CalendarDay } from '../types';
import { findClosestNames } from './closest-names';
import { SourceSyntaxError, tokenizeSource, type Token } from './tokenizer';

/**
 * Recursive-descent parser for source expressions (SPEC §4; grammar in ./README.md). It checks
 * everything that can be checked without the workbook: function names, options, literal types.
 */

export type SourceFunction =
  | 'share'
  | 'nps'
  | 'count'
  | 'count_unique'
  | 'share_new'
  | 'coverage'
  | 'sum'
  | 'mean'
  | 'median';

export const SOURCE_FUNCTIONS: readonly SourceFunction[] = [
  'share',
  'nps',
  'count',
  'count_unique',
  'share_new',
  'coverage',
  'sum',
  'mean',
  'median',
];

export type OptionName = 'exclude' | 'previous' | 'all' | 'min' | 'labels';
const OPTION_NAMES: readonly OptionName[] = ['exclude', 'previous', 'all', 'min', 'labels'];
/** Options only some functions take; `exclude` and `labels` go with every function. */
const OPTION_OWNERS: Partial<Record<OptionName, SourceFunction>> = { previous: 'share_new', all: 'coverage', min: 'coverage' };

export type Literal =
  | { type: 'text'; value: string; raw: string }
  | { type: 'number'; value: number; raw: string }
  | { type: 'date'; value: CalendarDay; raw: string };

export interface ColumnRef {
  /** The sheet as written, or `null` for "the measured column's sheet". */
  sheet: string | null;
  /** The header (or column letter) as written, without brackets. */
  name: string;
  /** `[Header]` never falls back to a column letter. */
  bracketed: boolean;
  position: number;
}

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'compare'; column: ColumnRef; op: CompareOp; literal: Literal }
  | { kind: 'in'; column: ColumnRef; literals: Literal[] };

export interface SourceOptions {
  /** `exclude = (...)`: replaces the default exclude list. */
  exclude?: string[];
  previous?: ColumnRef;
  all?: ColumnRef;
  min?: number;
  labels?: string;
}

export interface AggregateSource {
  kind: 'aggregate';
  fn: SourceFunction;
  measured: ColumnRef & { sheet: string };
  /** `share`'s condition on the measured column; `null` for every other function. */
  condition: Condition | null;
  /** Filters on the measured sheet (for functions other than share, a condition on the measured column lands here). */
  filters: Condition[];
  options: SourceOptions;
}

export interface GoalSource {
  kind: 'goal';
  goalId: string;
}

export type ParsedSource = AggregateSource | GoalSource;

/**
 * Parses one Source cell's text.
 *
 * @example
 * parseSource('nps(Tilfredshed!Anbefaling; Segment = "Vækst")')
 * // { kind: 'aggregate', fn: 'nps', measured: { sheet: 'Tilfredshed', name: 'Anbefaling', ... }, filters: [...], ... }
 * parseSource('goal(10)') // { kind: 'goal', goalId: '10' }
 * @throws SourceSyntaxError naming the position and what was expected; never anything else.
 */
export function parseSource(text: string): ParsedSource {
  return new Parser(tokenizeSource(text)).parseSource();
}

const VALUE_HINT = 'a value (text in quotes, a number or a date YYYY-MM-DD)';

/** What the parser expected, in Danish; a phrase not here (a function's own name) is shown as it is. */
const EXPECTED_DA: Readonly<Record<string, string>> = {
  [VALUE_HINT]: 'en værdi (tekst i anførselstegn, et tal eller en dato ÅÅÅÅ-MM-DD)',
  'a function such as share(...), nps(...) or goal(...)': 'en funktion som share(...), nps(...) eller goal(...)',
  'a function name': 'et funktionsnavn',
  'a column (Sheet!Column)': 'en kolonne (Ark!Kolonne)',
  'a filter (Column = "value") or an option (exclude, labels, ...)': 'et filter (Kolonne = "værdi") eller en indstilling (exclude, labels, ...)',
  'a comparison (=, <>, <, <=, >, >= or in)': 'en sammenligning (=, <>, <, <=, >, >= eller in)',
  "';' or ')'": "';' eller ')'",
  "',' or ')'": "',' eller ')'",
  'the end of the expression': 'udtrykkets slutning',
  'a goal ID, e.g. goal(10)': 'et målnummer, fx goal(10)',
  'a whole number': 'et helt tal',
  'a sheet name': 'et arknavn',
  'a column name': 'et kolonnenavn',
};

function expectedIn(expected: string): Words {
  return { en: expected, da: EXPECTED_DA[expected] ?? expected };
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private atEnd(): boolean {
    return this.tokens[this.index].kind === 'end';
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  /** `expected ')' after "Drift" at character 48`, with `, found "X"` when something else stands there. */
  private fail(expected: string): never {
    const token = this.token;
    const previous = this.index > 0 ? this.tokens[this.index - 1] : null;
    const wanted = expectedIn(expected);
    let en = `expected ${wanted.en}`;
    let da = `ventede ${wanted.da}`;
    if (previous) {
      en += ` after ${describeToken(previous)}`;
      da += ` efter ${describeToken(previous)}`;
    }
    en += ` at character ${token.position}`;
    da += ` ved tegn ${token.position}`;
    if (token.kind !== 'end') {
      en += `, found ${describeToken(token)}`;
      da += `, men fandt ${describeToken(token)}`;
    }
    throw new SourceSyntaxError({ en, da }, token.position, expected);
  }

  private static failAt(problem: Words, position: number, expected: string): never {
    throw new SourceSyntaxError({ en: `${problem.en} at character ${position}`, da: `${problem.da} ved tegn ${position}` }, position, expected);
  }

  private expect(kind: Token['kind'], expected: string): Token {
    if (this.token.kind !== kind) this.fail(expected);
    return this.next();
  }

  parseSource(): ParsedSource {
    if (this.token.kind === 'end') this.fail('a function such as share(...), nps(...) or goal(...)');
    const nameToken = this.expect('ident', 'a function name');
    const name = nameToken.value.toLowerCase();
    if (name === 'goal') return this.parseGoal();
    if (!(SOURCE_FUNCTIONS as readonly string[]).includes(name)) {
      const closest = findClosestNames(nameToken.value, [...SOURCE_FUNCTIONS, 'goal']);
      throw new SourceSyntaxError(
        {
          en: `unknown function "${nameToken.value}" at character ${nameToken.position}; closest: ${closest.join(', ')}`,
          da: `ukendt funktion "${nameToken.value}" ved tegn ${nameToken.position}; nærmeste: ${closest.join(', ')}`,
        },
        nameToken.position,
        'a function name',
      );
    }
    const fn = name as SourceFunction;
    this.expect('lparen', "'('");
    const first = this.parseConditionOrColumn('a column (Sheet!Column)');
    const measured = first.column;
    if (measured.sheet === null) {
      Parser.failAt(
        { en: `the first argument of ${fn} needs a sheet: write Sheet!${measured.name}`, da: `første argument til ${fn} skal have et ark: skriv Ark!${measured.name}` },
        measured.position,
        'a sheet',
      );
    }
    let condition: Condition | null = null;
    const filters: Condition[] = [];
    if (fn === 'share') {
      if (first.condition === null) {
        Parser.failAt(
          {
            en: `share needs a condition on its column, e.g. share(${measured.sheet}!${measured.name} = "Meget tilfreds"),`,
            da: `share skal have en betingelse på sin kolonne, fx share(${measured.sheet}!${measured.name} = "Meget tilfreds"),`,
          },
          measured.position,
          'a condition',
        );
      }
      condition = first.condition;
    } else if (first.condition) {
      // Counting, summing or scoring only the rows whose own value passes is what an analyst means.
      filters.push(first.condition);
    }
    const options: SourceOptions = {};
    while (this.token.kind === 'sep') {
      this.next();
      if (this.isOptionStart()) {
        this.parseOption(fn, options);
        continue;
      }
      const arg = this.parseConditionOrColumn('a filter (Column = "value") or an option (exclude, labels, ...)');
      if (arg.condition === null) {
        this.fail('a comparison (=, <>, <, <=, >, >= or in)');
      }
      const filterSheet = arg.column.sheet;
      if (filterSheet !== null && filterSheet.trim().toLowerCase() !== measured.sheet.trim().toLowerCase()) {
        Parser.failAt(
          {
            en: `the filter on ${filterSheet}!${arg.column.name} is on another sheet than the measured column (${measured.sheet})`,
            da: `filteret på ${filterSheet}!${arg.column.name} står på et andet ark end den målte kolonne (${measured.sheet})`,
          },
          arg.column.position,
          `a column of ${measured.sheet}`,
        );
      }
      filters.push(arg.condition);
    }
    if (this.atEnd()) this.fail("')'");
    this.expect('rparen', "';' or ')'");
    this.expect('end', 'the end of the expression');
    if (fn === 'share_new' && !options.previous) {
      Parser.failAt({ en: 'share_new needs previous = Sheet!Column', da: 'share_new skal have previous = Ark!Kolonne' }, this.token.position, 'previous = Sheet!Column');
    }
    if (fn === 'coverage' && !options.all) {
      Parser.failAt({ en: 'coverage needs all = Sheet!Column', da: 'coverage skal have all = Ark!Kolonne' }, this.token.position, 'all = Sheet!Column');
    }
    return { kind: 'aggregate', fn, measured: { ...measured, sheet: measured.sheet }, condition, filters, options };
  }

  private parseGoal(): GoalSource {
    this.expect('lparen', "'('");
    const token = this.token;
    if (token.kind !== 'number' && token.kind !== 'ident' && token.kind !== 'text') this.fail('a goal ID, e.g. goal(10)');
    this.next();
    // IDs compare as displayed text (SPEC §1); a Danish `3,1` is the goal written `3.1`.
    const goalId = token.kind === 'number' ? token.raw.replace(',', '.') : token.value.trim();
    if (goalId === '') Parser.failAt({ en: 'goal() needs a goal ID', da: 'goal() skal have et målnummer' }, token.position, 'a goal ID');
    if (this.atEnd()) this.fail("')'");
    this.expect('rparen', "')'");
    this.expect('end', 'the end of the expression');
    return { kind: 'goal', goalId };
  }

  private isOptionStart(): boolean {
    const token = this.token;
    return (
      token.kind === 'ident' &&
      (OPTION_NAMES as readonly string[]).includes(token.value.toLowerCase()) &&
      this.peek().kind === 'op' &&
      this.peek().value === '='
    );
  }

  private parseOption(fn: SourceFunction, options: SourceOptions): void {
    const nameToken = this.next();
    const name = nameToken.value.toLowerCase() as OptionName;
    const owner = OPTION_OWNERS[name];
    if (owner && owner !== fn) {
      Parser.failAt(
        { en: `option "${name}" works only with ${owner}, not ${fn},`, da: `indstillingen "${name}" virker kun med ${owner}, ikke ${fn},` },
        nameToken.position,
        'an option of ' + fn,
      );
    }
    if (options[name] !== undefined) Parser.failAt({ en: `option "${name}" is given twice`, da: `indstillingen "${name}" står to gange` }, nameToken.position, 'each option once');
    this.next(); // '='
    switch (name) {
      case 'exclude': {
        const values = this.token.kind === 'lparen' ? this.parseLiteralList() : [this.parseLiteral()];
        options.exclude = values.map((v) => (v.type === 'text' ? v.value : v.raw));
        return;
      }
      case 'previous':
      case 'all':
        options[name] = this.parseColumn('a column (Sheet!Column)');
        return;
      case 'min': {
        const token = this.token;
        if (token.kind !== 'number') this.fail('a whole number');
        this.next();
        const value = Number(token.value);
        if (!Number.isInteger(value) || value < 1) {
          Parser.failAt({ en: `min must be a whole number of at least 1, not ${token.raw},`, da: `min skal være et helt tal på mindst 1, ikke ${token.raw},` }, token.position, 'a whole number');
        }
        options.min = value;
        return;
      }
      case 'labels': {
        const token = this.token;
        if (token.kind !== 'ident' && token.kind !== 'sheet') this.fail('a sheet name');
        this.next();
        options.labels = token.value;
        return;
      }
    }
  }

  private parseColumn(expected: string): ColumnRef {
    const token = this.token;
    if (token.kind === 'sheet' || (token.kind === 'ident' && this.peek().kind === 'bang')) {
      this.next();
      this.next(); // '!'
      const column = this.token;
      if (column.kind !== 'ident' && column.kind !== 'bracket') this.fail('a column name');
      this.next();
      return { sheet: token.value, name: column.value, bracketed: column.kind === 'bracket', position: token.position };
    }
    if (token.kind === 'ident' || token.kind === 'bracket') {
      this.next();
      return { sheet: null, name: token.value, bracketed: token.kind === 'bracket', position: token.position };
    }
    return this.fail(expected);
  }

  private parseConditionOrColumn(expected: string): { column: ColumnRef; condition: Condition | null } {
    const column = this.parseColumn(expected);
    const token = this.token;
    if (token.kind === 'op') {
      this.next();
      const op = token.value as CompareOp;
      const literal = this.parseLiteral();
      if (literal.type === 'text' && op !== '=' && op !== '<>') {
        Parser.failAt(
          { en: `'${op}' compares numbers and dates, not text ("${literal.value}"),`, da: `'${op}' sammenligner tal og datoer, ikke tekst ("${literal.value}"),` },
          token.position,
          "'=' or '<>'",
        );
      }
      return { column, condition: { kind: 'compare', column, op, literal } };
    }
    if (token.kind === 'ident' && token.value.toLowerCase() === 'in') {
      this.next();
      const literals = this.parseLiteralList();
      if (literals.length === 0) Parser.failAt({ en: 'in () needs at least one value', da: 'in () skal have mindst én værdi' }, token.position, VALUE_HINT);
      if (new Set(literals.map((l) => l.type)).size > 1) {
        Parser.failAt(
          { en: 'the values of in (...) must all be text, all numbers or all dates', da: 'værdierne i in (...) skal alle være tekst, alle tal eller alle datoer' },
          token.position,
          'values of one kind',
        );
      }
      return { column, condition: { kind: 'in', column, literals } };
    }
    return { column, condition: null };
  }

  private parseLiteralList(): Literal[] {
    this.expect('lparen', "'('");
    const literals: Literal[] = [];
    if (this.token.kind === 'rparen') {
      this.next();
      return literals;
    }
    literals.push(this.parseLiteral());
    while (this.token.kind === 'sep') {
      this.next();
      literals.push(this.parseLiteral());
    }
    if (this.atEnd()) this.fail("')'");
    this.expect('rparen', "',' or ')'");
    return literals;
  }

  private parseLiteral(): Literal {
    const token = this.token;
    switch (token.kind) {
      case 'text':
        this.next();
        return { type: 'text', value: token.value, raw: token.raw };
      case 'number':
        this.next();
        return { type: 'number', value: Number(token.value), raw: token.raw };
      case 'date': {
        this.next();
        const day = dayFromIso(token.value);
        if (day === null) Parser.failAt({ en: `${token.value} is not a date`, da: `${token.value} er ikke en dato` }, token.position, 'a date YYYY-MM-DD');
        return { type: 'date', value: day, raw: token.raw };
      }
      default:
        return this.fail(VALUE_HINT);
    }
  }
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'text':
      return `"${token.value}"`;
    case 'lparen':
    case 'rparen':
    case 'bang':
    case 'sep':
    case 'op':
      return `'${token.raw}'`;
    default:
      return `"${token.raw}"`;
  }
}
