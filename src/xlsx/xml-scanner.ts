import { XlsxError } from './errors';

/**
 * A small streaming XML tokenizer for the parts of a package. Hand-written rather than
 * saxes: a sheet of a million rows is about 35 million tags, and a tokenizer that jumps with
 * `indexOf` from `<` to `>` and hands out slices is several times faster than one that looks at
 * every character (docs/decisions.md, "Reading speed"). It checks what the readers rely on: tags nest and
 * close by name, one root, no text outside it, and no DOCTYPE (entity expansion is refused, so a
 * "billion laughs" part cannot blow up). Names are handed out without their namespace prefix,
 * so `<x:row>` (the .NET Open XML SDK's way) reads as `row`.
 */

export interface XmlHandler {
  /** A start tag; `attrs` is the raw text after the name; offsets are absolute in the part. */
  open(name: string, attrs: string, selfClosing: boolean, start: number, end: number): void;
  close(name: string, start: number, end: number): void;
  /** Character data, raw (entities not decoded) unless `cdata`; may come in several pieces. */
  text(raw: string, cdata: boolean): void;
}

/**
 * An optional fast path for one element (the million-row read, docs/decisions.md): called at a start tag
 * inside the root, it either consumes whole elements from `lt` on (start tag, content and end tag,
 * all checked; the next siblings too, and an end tag of `top`, the innermost open element, when
 * a start tag of the same name follows it) and returns the index just after them, or returns -1
 * to have the element read token by token as usual. It must not change any state when it
 * returns -1. `bytes` holds the same
 * text one byte per character (`bytes[k]` is `s.charCodeAt(k)`), because a byte array is read
 * about twice as fast as a string's characters; it is `null` when the text has a character
 * above U+00FF, and the fast path then declines.
 */
export type ElementFastPath = (s: string, lt: number, bytes: Uint8Array | null, top: string) => number;

/** Thrown from a handler to stop reading a part early (a sheet's head is enough). */
export class StopReading extends Error {}

/** The error for a part that is not well-formed XML: names the file and the part. */
export function malformedPart(file: string, part: string, reason: string): XlsxError {
  return new XlsxError('unreadable', file, `cannot read ${file}: its part ${part} is not well-formed XML (${reason})`);
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Whether every character of `text` is at most U+00FF (so it has one Latin-1 byte each). */
function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

function isWhiteSpace(text: string): boolean {
  return /^[\s\uFEFF]*$/.test(text);
}

/** Scans a part pushed to it in pieces. */
export class XmlScanner {
  private carry = '';
  /** `carry` one byte per character, when it came from bytes (a fast path only). */
  private carryBytes: Buffer | null = null;
  /** Absolute offset of `carry[0]` in the part. */
  private base = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly file: string,
    private readonly part: string,
    private readonly fastPath?: ElementFastPath,
  ) {}

  private fail(reason: string): never {
    throw malformedPart(this.file, this.part, reason);
  }

  /** Scans the next piece of the part. */
  push(chunk: string): void {
    const s = this.carry.length === 0 ? chunk : this.carry + chunk;
    // A fast path reads bytes; text with no character above U+00FF has them, one per character.
    this.scanPiece(s, this.fastPath !== undefined && isLatin1(s) ? Buffer.from(s, 'latin1') : null);
  }

  /**
   * Scans the next piece of the part given as ASCII bytes: decoded once, together with the
   * carry, as Latin-1 (the same text), and handed to a fast path as they are.
   */
  pushAscii(chunk: Buffer): void {
    const { carry, carryBytes } = this;
    if (carry.length === 0 || carryBytes !== null) {
      const bytes = carry.length === 0 ? chunk : Buffer.concat([carryBytes!, chunk]);
      this.scanPiece(bytes.toString('latin1'), this.fastPath === undefined ? null : bytes);
    } else this.push(chunk.toString('latin1'));
  }

  private scanPiece(s: string, bytes: Buffer | null): void {
    const consumed = this.scan(s, bytes);
    this.carry = s.slice(consumed);
    this.carryBytes = bytes === null ? null : bytes.subarray(consumed);
    this.base += consumed;
  }

  /** Ends the part: everything opened must be closed. */
  end(): void {
    if (this.carry.length > 0 && !isWhiteSpace(this.carry)) this.fail(this.stack.length > 0 ? `<${this.stack[this.stack.length - 1]}> is not closed` : 'text after the root element');
    if (this.stack.length > 0) this.fail(`<${this.stack[this.stack.length - 1]}> is not closed`);
    if (!this.sawRoot) this.fail('no root element');
  }

  /** Scans complete tokens of `s`; returns how much was consumed. */
  private scan(s: string, bytes: Uint8Array | null): number {
    const { handler, stack, fastPath } = this;
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) return i;
      if (lt > i) {
        const text = s.slice(i, lt);
        if (stack.length > 0) handler.text(text, false);
        else if (!isWhiteSpace(text)) this.fail(this.sawRoot ? 'text after the root element' : 'text before the root element');
      }
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return lt;
      if (next === 47 /* / */) {
        const gt = s.indexOf('>', lt);
        if (gt < 0) return lt;
        const name = s.slice(lt + 2, gt).trim();
        const open = stack.pop();
        if (open !== name) this.fail(open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>`);
        handler.close(localName(name), this.base + lt, this.base + gt + 1);
        i = gt + 1;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt);
        if (end < 0) return lt;
        i = end + 2;
        continue;
      }
      if (next === 33 /* ! */) {
        if (s.length < lt + 9) return lt;
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          i = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          if (stack.length === 0) this.fail('character data outside the root element');
          handler.text(s.slice(lt + 9, end), true);
          i = end + 3;
          continue;
        }
        this.fail('a DOCTYPE or other declaration, which workbook parts never have');
      }
      if (fastPath !== undefined && stack.length > 0) {
        const after = fastPath(s, lt, bytes, stack[stack.length - 1]);
        if (after >= 0) {
          i = after;
          continue;
        }
      }
      const gt = this.findTagEnd(s, lt);
      if (gt < 0) return lt;
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      const innerEnd = selfClosing ? gt - 1 : gt;
      let nameEnd = lt + 1;
      while (nameEnd < innerEnd) {
        const c = s.charCodeAt(nameEnd);
        if (c === 32 || c === 9 || c === 10 || c === 13) break;
        nameEnd++;
      }
      const name = s.slice(lt + 1, nameEnd);
      if (name === '') this.fail(`a '<' that starts no tag at offset ${this.base + lt}`);
      if (stack.length === 0) {
        if (this.sawRoot) this.fail('a second root element');
        this.sawRoot = true;
      }
      if (!selfClosing) stack.push(name);
      handler.open(localName(name), s.slice(nameEnd, innerEnd), selfClosing, this.base + lt, this.base + gt + 1);
      i = gt + 1;
    }
  }

  /** The `>` ending the tag at `lt`, outside quoted attribute values; -1 when not in `s` yet. */
  private findTagEnd(s: string, lt: number): number {
    const gt = s.indexOf('>', lt);
    if (gt < 0) return -1;
    // Fast path: a tag without single quotes whose double quotes pair up before the first '>'
    // (counted in place: a slice per tag was a measurable share of a million-row read).
    let quotes = 0;
    let single = false;
    for (let k = lt + 1; k < gt; k++) {
      const c = s.charCodeAt(k);
      if (c === 34) quotes++;
      else if (c === 39) {
        single = true;
        break;
      }
    }
    if (!single && quotes % 2 === 0) return gt;
    let quote = 0;
    for (let k = lt + 1; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) return k;
    }
    return -1;
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes the five XML entities and character references.
 * @example decodeXmlText('a &amp; b &#x41;') // 'a & b A'
 */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const code = body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * Escapes text for element content or a double-quoted attribute.
 * @example escapeXml('a < "b"') // 'a &lt; &quot;b&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'));
}

/**
 * One attribute's value from a tag's raw attribute text, decoded; matched by local name, so
 * `r:id` is found as `id` when `local` is true. `undefined` when absent.
 * @example readAttribute(' r="A1" t="s"', 'r') // 'A1'
 */
export function readAttribute(attrs: string, name: string, local = false): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = attrs.charCodeAt(at - 1);
    const boundary = at === 0 || before === 32 || before === 9 || before === 10 || before === 13 || (local && before === 58);
    if (!boundary) continue;
    let k = at + name.length;
    while (attrs.charCodeAt(k) === 32) k++;
    if (attrs.charCodeAt(k) !== 61 /* = */) continue;
    k++;
    while (attrs.charCodeAt(k) === 32) k++;
    const quote = attrs[k];
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, k + 1);
    if (end < 0) return undefined;
    return decodeXmlText(attrs.slice(k + 1, end));
  }
}

/**
 * Scans a whole (small) part held as a string.
 * @example scanXml(text, 'book.xlsx', 'xl/workbook.xml', handler)
 */
export function scanXml(text: string, file: string, part: string, handler: XmlHandler): void {
  const scanner = new XmlScanner(handler, file, part);
  scanner.push(text);
  scanner.end();
}
