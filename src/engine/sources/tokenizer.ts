import type { Words } from '../rule-model';
/**
 * The source language's tokenizer (SPEC §4). Positions are 1-based characters, as analysts
 * count them in the cell, so an error can say `at character 48`.
 */

export type TokenKind =
  | 'ident' // a bare name: letters (Danish ones too), digits, `_`, `.`; starts with a letter or `_`
  | 'number' // 12, -3, 3,5, 3.5
  | 'date' // 2022-01-01
  | 'text' // "Meget tilfreds" (also “…” as Excel's autocorrect types them)
  | 'sheet' // 'Survey 2022'
  | 'bracket' // [Hvor tilfreds er du?]
  | 'op' // = <> < <= > >=
  | 'lparen'
  | 'rparen'
  | 'bang' // !
  | 'sep' // ; or ,
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The token's meaning: the name without brackets or quotes, the operator in ASCII form. */
  value: string;
  /** The characters as written, for messages. */
  raw: string;
  /** 1-based character position of the token's first character. */
  position: number;
}

/**
 * A syntax error in a source expression: where, what was expected, and what was found. The only
 * exception {@link tokenizeSource} and `parseSource` throw.
 */
export class SourceSyntaxError extends Error {
  override readonly name = 'SourceSyntaxError';
  /** The message in both languages (`message` is the English). */
  readonly words: Words;
  constructor(
    message: Words,
    /** 1-based character position. */
    readonly position: number,
    /** What the parser wanted, e.g. `')'`. */
    readonly expected: string,
  ) {
    super(message.en);
    this.words = message;
  }
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_.\p{M}]/u;
const DIGIT = /[0-9]/;
const SPACE = /\s/u; // includes the non-breaking space

/** Closing quote for each opening text quote: plain, and the curly forms Word/Excel autocorrect types. */
const TEXT_QUOTES: Record<string, string[]> = { '"': ['"'], '“': ['”', '“'], '„': ['“', '”'], '”': ['”'] };

/**
 * Splits a source expression into tokens; the last token is always `end`.
 *
 * @example
 * tokenizeSource('nps(T!A)').map((t) => t.kind) // ['ident','lparen','ident','bang','ident','rparen','end']
 * @throws SourceSyntaxError on an unterminated text, sheet name or bracket, or a stray character.
 */
export function tokenizeSource(text: string): Token[] {
  const chars = Array.from(text); // code points, so Danish letters and emoji count as one character
  const tokens: Token[] = [];
  let i = 0;
  const at = (k: number): string => chars[k] ?? '';
  const push = (kind: TokenKind, value: string, start: number, end: number): void => {
    tokens.push({ kind, value, raw: chars.slice(start, end).join(''), position: start + 1 });
  };

  while (i < chars.length) {
    const c = chars[i];
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(') {
      push('lparen', c, i, ++i);
    } else if (c === ')') {
      push('rparen', c, i, ++i);
    } else if (c === '!') {
      push('bang', c, i, ++i);
    } else if (c === ';' || c === ',') {
      // A comma between two digits belongs to a number (3,5); the number branch consumes those.
      push('sep', c, i, ++i);
    } else if (c === '=') {
      push('op', '=', i, ++i);
    } else if (c === '≠') {
      push('op', '<>', i, ++i);
    } else if (c === '≤') {
      push('op', '<=', i, ++i);
    } else if (c === '≥') {
      push('op', '>=', i, ++i);
    } else if (c === '<') {
      if (at(i + 1) === '>') push('op', '<>', i, (i += 2));
      else if (at(i + 1) === '=') push('op', '<=', i, (i += 2));
      else push('op', '<', i, ++i);
    } else if (c === '>') {
      if (at(i + 1) === '=') push('op', '>=', i, (i += 2));
      else push('op', '>', i, ++i);
    } else if (c in TEXT_QUOTES) {
      const closers = TEXT_QUOTES[c];
      // Excel's own escape for a quote inside text: write it twice.
      const read = readDelimited(chars, i + 1, closers, '"', () => ({
        en: `expected a closing '${closers[0]}' for the text starting at character ${start + 1}`,
        da: `mangler et afsluttende '${closers[0]}' til teksten, der begynder ved tegn ${start + 1}`,
      }));
      i = read.end;
      push('text', read.value, start, i);
    } else if (c === "'" || c === '[') {
      const close = c === "'" ? "'" : ']';
      const kind: TokenKind = c === "'" ? 'sheet' : 'bracket';
      const what = kind === 'sheet' ? { en: 'sheet name', da: 'arknavnet' } : { en: 'column name', da: 'kolonnenavnet' };
      // Excel escapes a quote in a sheet name by doubling it: 'Bob''s data'.
      const read = readDelimited(chars, i + 1, [close], "'", () => ({
        en: `expected a closing '${close}' for the ${what.en} starting at character ${start + 1}`,
        da: `mangler et afsluttende '${close}' til ${what.da}, der begynder ved tegn ${start + 1}`,
      }));
      i = read.end;
      push(kind, read.value, start, i);
    } else if (DIGIT.test(c) || ((c === '-' || c === '−') && DIGIT.test(at(i + 1)))) {
      const date = /^\d{4}-\d{2}-\d{2}/.exec(chars.slice(i, i + 10).join(''));
      if (date && !DIGIT.test(at(i + 10))) {
        push('date', date[0], i, (i += 10));
        continue;
      }
      let value = c === '−' ? '-' : c;
      i++;
      while (DIGIT.test(at(i))) value += chars[i++];
      if ((at(i) === ',' || at(i) === '.') && DIGIT.test(at(i + 1))) {
        value += '.';
        i++;
        while (DIGIT.test(at(i))) value += chars[i++];
      }
      if (IDENT_START.test(at(i))) {
        const found = chars.slice(start, i + 1).join('');
        throw new SourceSyntaxError(
          {
            en: `expected a number, found "${found}" at character ${start + 1} (a name cannot start with a digit: put it in [brackets])`,
            da: `ventede et tal, men fandt "${found}" ved tegn ${start + 1} (et navn kan ikke begynde med et ciffer: sæt det i [kantede parenteser])`,
          },
          start + 1,
          'a number',
        );
      }
      push('number', value, start, i);
    } else if (IDENT_START.test(c)) {
      i++;
      while (i < chars.length && IDENT_PART.test(chars[i])) i++;
      push('ident', chars.slice(start, i).join(''), start, i);
    } else {
      throw new SourceSyntaxError({ en: `unexpected character "${c}" at character ${start + 1}`, da: `uventet tegn "${c}" ved tegn ${start + 1}` }, start + 1, 'a token');
    }
  }
  tokens.push({ kind: 'end', value: '', raw: '', position: chars.length + 1 });
  return tokens;
}

/**
 * Reads up to the first of `closers` from `from`, a doubled `escaped` character standing for itself.
 * Returns the text and the index after the closer; an unclosed run is a syntax error at the end.
 */
function readDelimited(
  chars: readonly string[],
  from: number,
  closers: readonly string[],
  escaped: string,
  unclosed: () => Words,
): { value: string; end: number } {
  let value = '';
  let i = from;
  for (;;) {
    if (i >= chars.length) throw new SourceSyntaxError(unclosed(), chars.length + 1, `'${closers[0]}'`);
    const d = chars[i];
    if (closers.includes(d)) {
      if (d === escaped && chars[i + 1] === escaped) {
        value += d;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += d;
    i++;
  }
}
