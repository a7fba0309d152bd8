import { quoteSheetName } from '../cell-text';
import type { SourceFunctionDefinition } from './base';
import { textKeyOf } from './data-sheet';
import { SourceProblem } from './source-workbook';

/**
 * `coverage(col; all = Sheet!Col; min = N)`: the % of the entries of the `all` list that have at
 * least `min` rows in the base, naming the entries not covered.
 */
export const coverage: SourceFunctionDefinition = {
  unit: '%',
  aggregate({ source, book, sheet, measured, coded, base, words, value, noData }) {
    const ref = source.options.all!;
    const min = source.options.min ?? 1;
    const { sheet: allSheet, column: all } = book.column(ref, sheet.name);
    const asCvr = measured.isCvr || all.isCvr;
    const allDictionary = asCvr ? all.cvr : all.text;
    const entries = allDictionary.keys.slice(1);
    const where = `${quoteSheetName(allSheet.name)}!${ref.name}`;
    if (entries.length === 0) throw new SourceProblem({ en: `the list all = ${where} has no entries`, da: `listen all = ${where} har ingen rækker` });
    if (base.length === 0) return noData(0);
    // A coded answer compares as its label, so the list can hold names while the data holds codes.
    const dictionary = asCvr ? measured.cvr : measured.text;
    const keyOfId = dictionary.keys.map((key) => {
      const label = asCvr ? undefined : coded?.labelOfCode.get(key);
      return label !== undefined ? textKeyOf(label) : key;
    });
    const rowsPerId = new Int32Array(dictionary.keys.length);
    for (const r of base) rowsPerId[dictionary.ids[r]]++;
    const counts = new Map<string, number>();
    rowsPerId.forEach((rows, id) => {
      if (rows > 0) counts.set(keyOfId[id], (counts.get(keyOfId[id]) ?? 0) + rows);
    });
    const missing = entries
      .map((key, i) => ({ key, shown: String(allDictionary.samples[i + 1]).trim() }))
      .filter(({ key }) => (counts.get(key) ?? 0) < min)
      .map(({ shown }) => shown);
    const covered = entries.length - missing.length;
    const extras = [words.covered(covered, entries.length, where, min)];
    if (missing.length > 0) extras.push(words.notCovered(missing));
    return value((covered / entries.length) * 100, base.length, extras);
  },
};
