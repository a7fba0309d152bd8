import type { SheetSnapshot } from '../types';
import { normalizeHeader } from '../cell-text';
import { textKeyOf } from './data-sheet';

/**
 * SurveyXact's code labels (SPEC §4): a headerless sheet of (variable, value, label) rows. A
 * text literal compared with a coded column matches the codes whose label it is.
 */

export interface CodedVariable {
  /** Code key → the label as written. */
  labelOfCode: Map<string, string>;
  /** Label key → the code keys carrying that label. */
  codesOfLabel: Map<string, string[]>;
}

export type SurveyLabels = Map<string, CodedVariable>;

/**
 * Reads a labels sheet. Rows without a variable, a value and a label are skipped, which also
 * skips a header row someone typed above the data.
 *
 * @example
 * readSurveyLabels({ name: 'Labels', values: [['s_3', 1, 'Meget tilfreds']] }).get('s_3')?.labelOfCode.get('1') // 'Meget tilfreds'
 */
export function readSurveyLabels(sheet: SheetSnapshot): SurveyLabels {
  const labels: SurveyLabels = new Map();
  for (const row of sheet.values) {
    const [variable, value, label] = row;
    if (typeof variable !== 'string' && typeof variable !== 'number') continue;
    const variableKey = normalizeHeader(String(variable));
    const codeKey = textKeyOf(value ?? null);
    const labelText = typeof label === 'string' || typeof label === 'number' ? String(label).trim() : '';
    if (variableKey === '' || codeKey === '' || labelText === '') continue;
    let coded = labels.get(variableKey);
    if (!coded) {
      coded = { labelOfCode: new Map(), codesOfLabel: new Map() };
      labels.set(variableKey, coded);
    }
    if (!coded.labelOfCode.has(codeKey)) coded.labelOfCode.set(codeKey, labelText);
    const labelKey = textKeyOf(labelText);
    const codes = coded.codesOfLabel.get(labelKey) ?? [];
    if (!codes.includes(codeKey)) codes.push(codeKey);
    coded.codesOfLabel.set(labelKey, codes);
  }
  return labels;
}
