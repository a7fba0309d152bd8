/**
 * Memory at a million rows: a data sheet's columns keep their values as 32-bit integers
 * (shared-string indices, text ids, counts, CVR numbers, date serials) and move to 64-bit floats
 * only when a number needs it. This is a model test: random columns of numbers (whole, beyond 32
 * bits, fractional, negative zero), shared and inline texts, booleans and errors, in any order and
 * with gaps that make the arrays grow before and after the move, read in `columns` mode and
 * compared cell by cell with what the XML says, plus each cell's text atom.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/engine';
import type { SheetContext } from '../../src/xlsx/cell-decoder';
import { createSheetReader } from '../../src/xlsx/sheet-reader';
import { XmlScanner } from '../../src/xlsx/xml-scanner';

const SHARED = ['Meget tilfreds', 'Drift', 'Ved ikke'];
const CONTEXT: SheetContext = {
  sharedStrings: SHARED,
  styles: { part: null, formatOfXf: ['General'], dateXf: [false] },
  date1904: false,
};

type Cell =
  | { kind: 'number'; value: number }
  | { kind: 'shared'; index: number }
  | { kind: 'inline'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; code: string };

const number = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 4_294_967_296, 12_345_678_901, 0.5, -0.25, 12.75, 1e-7, 1e300, -0, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: number.map((value) => ({ kind: 'number' as const, value })) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: SHARED.length - 1 }).map((index) => ({ kind: 'shared' as const, index })) },
  { weight: 2, arbitrary: fc.constantFrom('Drift', 'Ny', 'æøå', '12').map((text) => ({ kind: 'inline' as const, text })) },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: 'boolean' as const, value })) },
  { weight: 1, arbitrary: fc.constantFrom('#N/A', '#DIV/0!').map((code) => ({ kind: 'error' as const, code })) },
);

function cellXml(row: number, c: Cell): string {
  const r = `A${row + 1}`;
  switch (c.kind) {
    case 'number':
      // Object.is: String(-0) is '0', and the sheet should say -0 as a writer would.
      return `<c r="${r}"><v>${Object.is(c.value, -0) ? '-0' : String(c.value)}</v></c>`;
    case 'shared':
      return `<c r="${r}" t="s"><v>${c.index}</v></c>`;
    case 'inline':
      return `<c r="${r}" t="inlineStr"><is><t>${c.text}</t></is></c>`;
    case 'boolean':
      return `<c r="${r}" t="b"><v>${c.value ? 1 : 0}</v></c>`;
    case 'error':
      return `<c r="${r}" t="e"><v>${c.code}</v></c>`;
  }
}

function expected(c: Cell | undefined): CellValue {
  if (!c) return null;
  switch (c.kind) {
    case 'number':
      return c.value;
    case 'shared':
      return SHARED[c.index];
    case 'inline':
      return c.text;
    case 'boolean':
      return c.value;
    case 'error':
      return { error: c.code };
  }
}

function readColumn(cells: Map<number, Cell>) {
  const rows = [...cells].sort(([a], [b]) => a - b);
  const xml = `<worksheet><sheetData>${rows.map(([r, c]) => `<row r="${r + 1}">${cellXml(r, c)}</row>`).join('')}</sheetData></worksheet>`;
  const reader = createSheetReader(CONTEXT, { kind: 'columns', columns: [0] }, { file: 'test.xlsx', part: 'xl/worksheets/sheet1.xml' });
  const scanner = new XmlScanner(reader.handler, 'test.xlsx', 'xl/worksheets/sheet1.xml', reader.fastPath);
  scanner.push(xml);
  scanner.end();
  const columns = reader.result().columns!;
  return { rowCount: columns.rowCount, column: columns.columns.get(0)! };
}

describe('column storage of a data sheet (32-bit until a number needs 64)', () => {
  it('reads back every cell as the XML has it, wherever the first wide number falls', () => {
    // Rows up to 3,000 with gaps: the arrays start at 1,024 and grow, before and after the move.
    const column = fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), cell), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(column, (entries) => {
        const cells = new Map(entries);
        const { rowCount, column: read } = readColumn(cells);
        expect(rowCount).toBe(Math.max(...cells.keys()) + 1);
        // Inline texts and error codes are numbered together, in reading order, after the shared strings.
        const ownText = new Map<string, number>();
        const want: [CellValue, number][] = [];
        const got: [CellValue, number][] = [];
        for (let r = 0; r < rowCount; r++) {
          const c = cells.get(r);
          let atom = -1;
          if (c?.kind === 'inline' || c?.kind === 'error') {
            const text = c.kind === 'inline' ? c.text : c.code;
            if (!ownText.has(text)) ownText.set(text, SHARED.length + ownText.size);
            if (c.kind === 'inline') atom = ownText.get(text)!;
          } else if (c?.kind === 'shared') atom = c.index;
          want.push([expected(c), atom]);
          got.push([read.valueAt(r), read.textAtomAt!(r)]);
        }
        // toEqual compares numbers with Object.is, so -0 must stay -0.
        expect(got).toEqual(want);
        expect(read.valueAt(rowCount)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('keeps whole numbers and texts read before a fraction arrives at row 3,000', () => {
    const cells = new Map<number, Cell>();
    for (let r = 0; r < 3_000; r++) cells.set(r, r % 3 === 0 ? { kind: 'shared', index: r % SHARED.length } : { kind: 'number', value: 2 ** 31 - 1 - r });
    cells.set(3_000, { kind: 'number', value: 0.1 });
    cells.set(3_001, { kind: 'number', value: -(2 ** 31) });
    const { column } = readColumn(cells);
    expect(column.valueAt(1)).toBe(2 ** 31 - 2);
    expect(column.valueAt(2_997)).toBe(SHARED[0]);
    expect(column.valueAt(2_999)).toBe(2 ** 31 - 1 - 2_999);
    expect(column.textAtomAt!(2_997)).toBe(0);
    expect(column.valueAt(3_000)).toBe(0.1);
    expect(column.valueAt(3_001)).toBe(-(2 ** 31));
  });
});
