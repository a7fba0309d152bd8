import { findGoalSheetHeader } from './headers';
import { readSettingsSheet } from './settings';
import { goalSheetTemplate } from './template';
import type { WorkbookSnapshot } from './types';

function snapshotOf(language: 'da' | 'en', year?: number): WorkbookSnapshot {
  const book = goalSheetTemplate(language, { year });
  return { sheets: book.sheets.map((s) => ({ name: s.name, values: s.values, numberFormats: s.numberFormats })) };
}

describe('goalSheetTemplate', () => {
  it.each(['da', 'en'] as const)('makes a goal sheet the header reader recognises in %s', (language) => {
    const header = findGoalSheetHeader(goalSheetTemplate(language).sheets[0]!.values);
    expect(header).not.toBeNull();
    expect(header!.language).toBe(language);
    expect(Object.keys(header!.inputs).sort()).toEqual(
      ['actual', 'baseline', 'comment', 'id', 'indicator', 'manualStatus', 'source', 'target', 'title', 'tolerance', 'unit'].sort(),
    );
  });

  it('shows a level, a schedule over a dated baseline and a milestone', () => {
    const [, level, schedule, milestone] = goalSheetTemplate('da').sheets[0]!.values;
    expect(level![5]).toBe('≥ 80%');
    expect(schedule!.slice(4, 6)).toEqual(['40 % (2020)', '2021: 45%; 2022: 47%; 2023: 50%']);
    expect(milestone!.slice(3, 8)).toEqual(['milepæl', null, 'udført senest 31-12-2021', null, 'i gang']);
  });

  it('formats the per-cent actuals as per cents so 0.75 reads as 75 %', () => {
    const sheet = goalSheetTemplate('en').sheets[0]!;
    expect(sheet.values[1]![7]).toBe(0.75);
    expect(sheet.numberFormats![1]![7]).toBe('0%');
    expect(sheet.numberFormats![3]![7]).toBeNull();
  });

  it('moves the example years with the year option', () => {
    const [, , schedule, milestone] = goalSheetTemplate('en', { year: 2026 }).sheets[0]!.values;
    expect(schedule![5]).toBe('2026: 45%; 2027: 47%; 2028: 50%');
    expect(milestone![5]).toBe('done by 2026-12-31');
  });

  it.each(['da', 'en'] as const)('has a settings sheet the settings reader takes the year from (%s)', (language) => {
    const settings = readSettingsSheet(snapshotOf(language, 2024));
    expect(settings.sheet?.name).toBe('Trafiklys');
    expect(settings.global.year).toBe(2024);
    expect(settings.global.asOf).toBeUndefined();
    expect(settings.findings).toEqual([]);
  });

  it('returns a fresh workbook each call (callers may mutate it)', () => {
    const a = goalSheetTemplate('da');
    a.sheets[0]!.values[1]![0] = 'changed';
    expect(goalSheetTemplate('da').sheets[0]!.values[1]![0]).toBe('1');
  });
});
