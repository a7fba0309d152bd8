/**
 * The writer's styles.xml edits (src/xlsx/style-book.ts) on stylesheets that lack the entries
 * every cell falls back on. ClosedXML's EmptyStyles.xlsx has a `<styleSheet>` with no children:
 * appending a bold font and a fill to it made them index 0, so every cell of the workbook turned
 * bold and green (and exceljs could not read the result).
 */
import { StyleBook } from '../../src/xlsx/style-book';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function itemsOf(xml: string, list: string, item: string): string[] {
  const body = new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? '';
  return [...body.matchAll(new RegExp(`<${item}\\b[^>]*/>|<${item}\\b[^>]*>[\\s\\S]*?</${item}>`, 'g'))].map((m) => m[0]);
}

describe('StyleBook on a stylesheet without defaults', () => {
  const write = { sheet: 'S', row: 0, col: 0, value: 'Opfyldt', bold: true, fill: '#C6EFCE', fontColor: '#006100' } as const;

  it('puts the defaults first, so cells without a style keep the plain look, and appends after them', () => {
    const book = new StyleBook(`<styleSheet xmlns="${NS}"></styleSheet>`, 'empty.xlsx', 'xl/styles.xml');
    const id = book.styleFor(0, write);
    const xml = book.toXml();
    const xfs = itemsOf(xml, 'cellXfs', 'xf');
    const fonts = itemsOf(xml, 'fonts', 'font');
    const fills = itemsOf(xml, 'fills', 'fill');
    expect(xfs[0]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(fonts[0]).not.toContain('<b/>');
    expect(fills.slice(0, 2)).toEqual(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
    expect(itemsOf(xml, 'borders', 'border')).toHaveLength(1);
    expect(itemsOf(xml, 'cellStyleXfs', 'xf')).toHaveLength(1);
    expect(itemsOf(xml, 'cellStyles', 'cellStyle')).toEqual(['<cellStyle name="Normal" xfId="0" builtinId="0"/>']);
    // The status cell's own format: a bold green font and the solid fill, after the defaults.
    expect(id).toBe(1);
    expect(xfs[1]).toMatch(/fontId="1" fillId="2"/);
    expect(fonts[1]).toContain('<b/>');
    expect(fills[2]).toContain('FFC6EFCE');
    expect(xml).toMatch(/<fonts count="2">/);
    expect(xml).toMatch(/<fills count="3">/);
  });

  it('completes a fills list that has only the first reserved fill, and leaves a whole stylesheet as it was but for its appends', () => {
    const partial = new StyleBook(
      `<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills></styleSheet>`,
      'partial.xlsx',
      'xl/styles.xml',
    );
    partial.styleFor(0, write);
    const xml = partial.toXml();
    expect(itemsOf(xml, 'fonts', 'font')[0]).toBe('<font><sz val="10"/><name val="Arial"/></font>');
    expect(itemsOf(xml, 'fills', 'fill').slice(0, 3).map((f) => /patternType="(\w+)"/.exec(f)?.[1])).toEqual(['none', 'gray125', 'solid']);

    const whole = `<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
    const book = new StyleBook(whole, 'whole.xlsx', 'xl/styles.xml');
    book.styleFor(0, write);
    const after = book.toXml();
    for (const [list, item] of [['borders', 'border'], ['cellStyleXfs', 'xf'], ['cellStyles', 'cellStyle']]) {
      expect(itemsOf(after, list, item)).toEqual(itemsOf(whole, list, item));
    }
    expect(after).toContain('<borders count="1"><border/></borders>');
  });

  it('changes nothing when no write touches a style', () => {
    const book = new StyleBook(`<styleSheet xmlns="${NS}"></styleSheet>`, 'empty.xlsx', 'xl/styles.xml');
    expect(book.styleFor(0, { sheet: 'S', row: 0, col: 0, value: 'x' })).toBe(0);
    expect(book.changed).toBe(false);
  });
});
