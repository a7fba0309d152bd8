import { quoteSheetName } from '../cell-text';
import type { SourceFunctionDefinition } from './base';

/**
 * `share_new(col; previous = Sheet!Col)`: the % of the distinct values in the base not found in
 * the previous list (CVR numbers by their digits when either column holds CVR numbers).
 */
export const shareNew: SourceFunctionDefinition = {
  unit: '%',
  aggregate({ source, book, sheet, measured, base, words, value, noData }) {
    const ref = source.options.previous!;
    const { sheet: previousSheet, column: previous } = book.column(ref, sheet.name);
    const asCvr = measured.isCvr || previous.isCvr;
    const current = asCvr ? measured.cvr : measured.text;
    const currentIds = new Set<string>();
    for (const r of base) currentIds.add(current.keys[current.ids[r]]);
    if (currentIds.size === 0) return noData(0);
    const previousIds = new Set((asCvr ? previous.cvr : previous.text).keys);
    let fresh = 0;
    for (const id of currentIds) if (!previousIds.has(id)) fresh++;
    const where = `${quoteSheetName(previousSheet.name)}!${ref.name}`;
    return value((fresh / currentIds.size) * 100, currentIds.size, [words.notIn(fresh, currentIds.size, where)]);
  },
};
