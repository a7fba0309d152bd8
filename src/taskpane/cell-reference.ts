/**
 * Splits the engine's cell references (`'Mål 2021'!F7`, `Data!B2`) into a sheet and an
 * address, so an error's cell can become a link that selects it.
 */

export interface CellReference {
  sheet: string;
  address: string;
}

const ADDRESS = /^\$?[A-Z]{1,3}\$?[0-9]{1,7}(:\$?[A-Z]{1,3}\$?[0-9]{1,7})?$/i;

/**
 * Parses `Sheet!A1` or `'Sheet name'!A1` (a quote inside a quoted name is doubled, as Excel
 * writes it). Returns `null` for anything else, so the caller shows the text without a link.
 *
 * @example
 * parseCellReference("'Mål 2021'!F7"); // { sheet: 'Mål 2021', address: 'F7' }
 * parseCellReference('Data!B2');       // { sheet: 'Data', address: 'B2' }
 * parseCellReference('F7');            // null (no sheet)
 */
export function parseCellReference(reference: string): CellReference | null {
  const text = reference.trim();
  let sheet: string;
  let rest: string;
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    for (;;) {
      if (i >= text.length) return null;
      const ch = text[i];
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i += 1;
    }
    if (text[i + 1] !== '!') return null;
    sheet = name;
    rest = text.slice(i + 2);
  } else {
    const bang = text.lastIndexOf('!');
    if (bang <= 0) return null;
    sheet = text.slice(0, bang);
    rest = text.slice(bang + 1);
  }
  if (sheet === '' || !ADDRESS.test(rest)) return null;
  return { sheet, address: rest.replace(/\$/g, '').toUpperCase() };
}

/**
 * The address of a goal row on its sheet, for selecting the whole row's cells from column A.
 * `lastColumn` is the rightmost column to include (default `Z`, wide enough for every
 * input and output column of a goal sheet in practice).
 *
 * @example
 * formatRowAddress(7);        // 'A7:Z7'
 * formatRowAddress(7, 'M');   // 'A7:M7'
 */
export function formatRowAddress(row: number, lastColumn = 'Z'): string {
  return `A${row}:${lastColumn}${row}`;
}
