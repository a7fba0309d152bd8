/**
 * The million-row read: data sheets are read by a byte-level fast path for the common
 * cell shapes and row boundaries, and everything else token by token. The fast path must store
 * exactly what the token path stores, wherever the part is split into pieces, in every mode. This
 * is a differential test: random worksheet XML (every shape the fast path takes and many it must
 * decline: prefixes, white space, entities, single quotes, CDATA, comments, inline and non-Latin-1
 * text, formulas whose attributes hold `>`, odd references and styles, malformed endings), read
 * with the fast path from pieces split at random, against the token path reading the whole text
 * in one piece. Failures must match too: the same message, or both reads succeed.
 */
import fc from 'fast-check';
import type { SheetContext } from '../../src/xlsx/cell-decoder';
import { createSheetReader } from '../../src/xlsx/sheet-reader';
import type { SheetReadMode } from '../../src/xlsx/sheet-sinks';
import { StopReading, XmlScanner } from '../../src/xlsx/xml-scanner';

const CONTEXT: SheetContext = {
  sharedStrings: ['Meget tilfreds', 'Drift', 'æøå', ''],
  styles: { part: null, formatOfXf: ['General', '0.00', 'dd-mm-yyyy', '0%'], dateXf: [false, false, true, false] },
  date1904: false,
};

/** Reads `xml` through a scanner fed `pieces`; the result as plain data, or the error's message. */
function read(xml: string, mode: SheetReadMode, context: SheetContext, options: { fast: boolean; cuts: number[] }): unknown {
  const reader = createSheetReader(context, mode, { file: 'test.xlsx', part: 'xl/worksheets/sheet1.xml' });
  const scanner = new XmlScanner(reader.handler, 'test.xlsx', 'xl/worksheets/sheet1.xml', options.fast ? reader.fastPath : undefined);
  const bytes = Buffer.from(xml, 'utf8');
  const cuts = [...new Set(options.cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  let stopped = false;
  try {
    let from = 0;
    for (const to of [...cuts, bytes.length]) {
      const piece = bytes.subarray(from, to);
      from = to;
      if (piece.length === 0) continue;
      // As streamPart does: ASCII pieces as bytes, others as text (a cut never splits a character here).
      if (piece.every((b) => b < 0x80)) scanner.pushAscii(piece);
      else scanner.push(piece.toString('utf8'));
    }
  } catch (error) {
    if (!(error instanceof StopReading)) return { error: (error as Error).message };
    stopped = true;
  }
  try {
    if (!stopped) scanner.end();
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { values, numberFormats, formulas, columns } = reader.result();
  const columnValues = columns
    ? { rowCount: columns.rowCount, columns: [...columns.columns].map(([c, column]) => [c, Array.from({ length: columns.rowCount }, (_, r) => column.valueAt(r))]) }
    : null;
  return { values, numberFormats, formulas, columnValues };
}

/** Byte offsets where a UTF-8 character starts (cuts inside a character would be the decoder's business). */
function characterStarts(xml: string): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const ch of xml) {
    starts.push(offset);
    offset += Buffer.byteLength(ch, 'utf8');
  }
  return starts;
}

const ws = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', '\r\n');
const quote = fc.constantFrom('"', '"', '"', "'");

const reference = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 30 })).map(([c, r]) => `${String.fromCharCode(65 + c)}${r}`) },
  { weight: 1, arbitrary: fc.constantFrom('a3', 'AB012', 'A', '7', 'A0', 'XFD1', 'A99999999999999999', 'A1B', '&#65;5', '') },
);
const cellType = fc.constantFrom(undefined, undefined, 's', 's', 'n', 'str', 'b', 'e', 'd', 'inlineStr', 'x', '&#115;');
const styleIndex = fc.constantFrom(undefined, undefined, '0', '1', '2', '3', '01', 'abc', '', '&#50;');
const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '3', '7', '44902', '12.5', '-4', '1e3', ' 8 ', '', '1234567890123456789', 'TRUE', '1', 'true', '#N/A', '2021-06-30', '2021-06-30T12:00:00', 'a &amp; b', '&#x41;') },
);
const extraAttr = fc.constantFrom('', '', '', ' cm="1"', ' x14ac:dyDescent="0.25"', " vm='2'", ' ph="1"', ' rr="B2"', ' ss="4"');

const formula = fc.constantFrom(
  '',
  '',
  '',
  '<f>SUM(A1:A2)</f>',
  '<f t="shared" si="0"/>',
  '<f t="shared" ref="A1:A9" si="0">A1&amp;"&gt;"</f>',
  "<f t='array' ref='B1'>IF(A1>2,1,0)</f>",
  '<f t="x" ref="a>b"/>',
  '<f/>',
);

const cell: fc.Arbitrary<string> = fc
  .record({
    ref: fc.option(reference, { nil: undefined }),
    type: cellType,
    style: styleIndex,
    extra: extraAttr,
    order: fc.integer({ min: 0, max: 5 }),
    formula,
    value,
    shape: fc.constantFrom('v', 'v', 'v', 'v', 'self', 'empty-v', 'v-self', 'is', 'is-rph', 'cdata', 'ws', 'prefixed', 'nonlatin'),
    refAttr: fc.constantFrom('r', 'r', 'r', 'r', 'x:r'),
    w: ws,
    q: quote,
  })
  .map(({ ref, type, style, extra, order, formula: f, value: v, shape, refAttr, w, q }) => {
    const attrs = [
      ref === undefined ? '' : `${w}${refAttr}=${q}${ref}${q}`,
      type === undefined ? '' : ` t="${type}"`,
      style === undefined ? '' : ` s=${q}${style}${q}`,
      extra,
    ];
    const rotated = [...attrs.slice(order % attrs.length), ...attrs.slice(0, order % attrs.length)].join('');
    const name = shape === 'prefixed' ? 'x:c' : 'c';
    const vName = shape === 'prefixed' ? 'x:v' : 'v';
    switch (shape) {
      case 'self':
        return `<${name}${rotated}/>`;
      case 'empty-v':
        return `<c${rotated}>${f}<v></v></c>`;
      case 'v-self':
        return `<c${rotated}>${f}<v/></c>`;
      case 'is':
        return `<c${rotated}><is><t>${v}</t></is></c>`;
      case 'is-rph':
        return `<c${rotated}><is><r><t>${v}</t></r><rPh><t>fon</t></rPh></is></c>`;
      case 'cdata':
        return `<c${rotated}>${f}<v><![CDATA[${v}]]></v></c>`;
      case 'ws':
        return `<c${rotated}>\n  ${f}<v>${v}</v>\n</c>`;
      case 'nonlatin':
        return `<c${rotated} t="inlineStr"><is><t>€ ${v} æøå</t></is></c>`;
      default:
        return `<${name}${rotated}>${f}<${vName}>${v}</${vName}></${name}>`;
    }
  });

const row: fc.Arbitrary<string> = fc
  .record({
    r: fc.option(fc.integer({ min: 0, max: 40 }).map(String), { nil: undefined }),
    cells: fc.array(cell, { maxLength: 8 }),
    spans: fc.boolean(),
    between: fc.constantFrom('', '', '', '', '\n', '<!-- x -->'),
    selfClosing: fc.constantFrom(false, false, false, false, false, true),
  })
  .map(({ r, cells, spans, between, selfClosing }) => {
    const attrs = `${r === undefined ? '' : ` r="${r}"`}${spans ? ' spans="1:7" x14ac:dyDescent="0.25"' : ''}`;
    return selfClosing ? `<row${attrs}/>` : `<row${attrs}>${cells.join(between)}</row>`;
  });

const ending = fc.constantFrom('</sheetData></worksheet>', '</sheetData></worksheet>', '</sheetData></worksheet>', '</sheetData>', '</row></sheetData></worksheet>', '<c r="A1"><v>1</v></c></worksheet>');

const sheetXml = fc
  .record({ rows: fc.array(row, { maxLength: 25 }), between: fc.constantFrom('', '', '\n'), ending })
  .map(({ rows, between, ending: end }) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join(between)}${end}`);

const mode: fc.Arbitrary<SheetReadMode> = fc.oneof(
  fc.constant<SheetReadMode>({ kind: 'whole' }),
  fc.integer({ min: 0, max: 12 }).map((rows): SheetReadMode => ({ kind: 'head', rows })),
  fc.subarray([0, 1, 2, 3, 4, 5, 6, 30]).map((columns): SheetReadMode => ({ kind: 'columns', columns })),
);

describe('the sheet fast path reads exactly what the token path reads', () => {
  it('on random worksheet XML split into pieces anywhere, in every mode, 1904 dates too', () => {
    fc.assert(
      fc.property(sheetXml, mode, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (xml, m, rawCuts, date1904) => {
        const context = { ...CONTEXT, date1904 };
        const starts = characterStarts(xml);
        const cuts = rawCuts.map((c) => starts[c % starts.length]);
        const expected = read(xml, m, context, { fast: false, cuts: [] });
        expect(read(xml, m, context, { fast: true, cuts })).toEqual(expected);
      }),
      { numRuns: 600 },
    );
  });

  it('with every cut position through a row of common cells (each byte boundary once)', () => {
    const rowXml = '<row r="2" spans="1:3"><c r="A2" t="s"><v>1</v></c><c r="B2" s="2"><f>A1+1</f><v>44902</v></c><c r="C2"/><c r="D2" t="str"><v>a &amp; b</v></c></row>';
    const xml = `<worksheet><sheetData><row r="1"><c r="A1"><v>7</v></c></row>${rowXml}<row r="3"><c r="A3" t="s"><v>2</v></c></row></sheetData></worksheet>`;
    const expected = read(xml, { kind: 'whole' }, CONTEXT, { fast: false, cuts: [] });
    // The fast path stored something (a guard against comparing two empty reads).
    expect((expected as { values: unknown[][] }).values[1]).toEqual(['Drift', 44902, null, 'a & b']);
    for (let cut = 1; cut < xml.length; cut++) {
      expect(read(xml, { kind: 'whole' }, CONTEXT, { fast: true, cuts: [cut] })).toEqual(expected);
      expect(read(xml, { kind: 'columns', columns: [1, 3] }, CONTEXT, { fast: true, cuts: [cut, cut + 20] })).toEqual(
        read(xml, { kind: 'columns', columns: [1, 3] }, CONTEXT, { fast: false, cuts: [] }),
      );
    }
  });

  it('takes the common shapes itself: a sheet of them is read with no token-path cell at all', () => {
    const xml = `<worksheet><sheetData>${Array.from({ length: 50 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>0</v></c><c r="B${r + 1}"><v>${r}</v></c></row>`).join('')}</sheetData></worksheet>`;
    const reader = createSheetReader(CONTEXT, { kind: 'columns', columns: [0, 1] }, { file: 'test.xlsx', part: 'sheet.xml' });
    const opened: string[] = [];
    const handler = { ...reader.handler, open: (...args: Parameters<typeof reader.handler.open>) => (opened.push(args[0]), reader.handler.open(...args)) };
    const scanner = new XmlScanner(handler, 'test.xlsx', 'sheet.xml', reader.fastPath);
    scanner.pushAscii(Buffer.from(xml, 'latin1'));
    scanner.end();
    // Only the first row's start tag reaches the token path; every cell and later row is the fast path's.
    expect(opened).toEqual(['worksheet', 'sheetData', 'row']);
    const { columns } = reader.result();
    expect(columns!.rowCount).toBe(50);
    expect(columns!.columns.get(1)!.valueAt(49)).toBe(49);
    expect(columns!.columns.get(0)!.valueAt(10)).toBe('Meget tilfreds');
  });
});
