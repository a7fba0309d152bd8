/**
 * A column that names its texts by atoms (CellColumn.textAtomAt, a shared-string index in the
 * .xlsx adapter) is dictionary-encoded by array look-ups instead of hash look-ups. The result
 * must be the very dictionary the row arrays give: the same ids, keys, first cells and error ids,
 * for texts repeated under one atom, the same text under two atoms, texts with no atom, numbers,
 * blanks, booleans and errors mixed in any order (a differential property test).
 */
import fc from 'fast-check';
import type { CellColumn, CellValue, SheetSnapshot } from '../types';
import { DataSheet } from './data-sheet';

/** Texts by atom: 0 and 3 are the same text, 1 and 2 differ only as the comparison ignores. */
const POOL = ['Ja', 'ja ', 'JA', 'Ja', '10150817', 'DK 10150817', ' ', ''];

type Cell = { atom: number } | { value: CellValue };

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: POOL.length - 1 }).map((atom) => ({ atom })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(fc.constantFrom<CellValue>(null, true, false, 0, 7, 10150817, 'Ja', 'nej', 'JA', '10150817', { error: '#N/A' }, { error: '#DIV/0!' }), fc.string({ maxLength: 3 }))
      .map((value) => ({ value })),
  },
);

const valueOf = (cell: Cell): CellValue => ('atom' in cell ? POOL[cell.atom] : cell.value);

function column(cells: readonly Cell[]): CellColumn {
  // Row 0 is the header; data row r is cells[r - 1].
  return {
    valueAt: (row) => (row === 0 ? 'Svar CVR' : row - 1 < cells.length ? valueOf(cells[row - 1]) : null),
    textAtomAt: (row) => {
      const cell = row === 0 || row - 1 >= cells.length ? undefined : cells[row - 1];
      return cell !== undefined && 'atom' in cell ? cell.atom : -1;
    },
    textAtomCount: POOL.length,
  };
}

describe('a column with text atoms', () => {
  it('encodes to the dictionary its row arrays give (text and CVR digits)', () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 60 }), (cells) => {
        const rows: SheetSnapshot = { name: 'Data', values: [['Svar CVR'], ...cells.map((cell) => [valueOf(cell)])] };
        const columnar: SheetSnapshot = { name: 'Data', values: [['Svar CVR']], columns: { rowCount: cells.length + 1, columns: new Map([[0, column(cells)]]) } };
        const plain = new DataSheet(rows).column(0);
        const atoms = new DataSheet(columnar).column(0);
        expect(atoms.text).toEqual(plain.text);
        expect(atoms.cvr).toEqual(plain.cvr);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same text under two atoms one id, and rows follow their first cell', () => {
    const cells: Cell[] = [{ atom: 0 }, { atom: 3 }, { atom: 1 }, { value: 'Ja' }, { atom: 0 }];
    const sheet = new DataSheet({ name: 'Data', values: [['Svar CVR']], columns: { rowCount: 6, columns: new Map([[0, column(cells)]]) } });
    const { ids, keys, samples } = sheet.column(0).text;
    // 'Ja', 'Ja', 'ja ' and 'Ja' all compare as 'ja'.
    expect([...ids]).toEqual([1, 1, 1, 1, 1]);
    expect(keys).toEqual(['', 'ja']);
    expect(samples).toEqual([null, 'Ja']);
  });
});
