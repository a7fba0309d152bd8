import { describeNearMiss, findGoalSheetHeader, findHeaderNearMisses, isGoalSheetHead, matchHeader } from './headers';
import { statusLabel } from './glossary';
import { parseManualStatus } from './labels';
import { isSettingsSheetName, parseYearSpan } from './settings';

describe('matchHeader', () => {
  it.each([
    ['Nr.', 'id', 'da'],
    ['Målnr', 'id', 'da'],
    ['ID', 'id', 'en'],
    ['Mål', 'title', 'da'],
    ['Goal', 'title', 'en'],
    ['Succeskriterium', 'indicator', 'da'],
    ['Segment', 'segment', 'shared'],
    ['Tolerance', 'tolerance', 'shared'],
    ['Målsætning', 'target', 'da'],
    ['Datakilde', 'source', 'da'],
    ['Vurdering', 'manualStatus', 'da'],
    ['Pr. dato', 'asOf', 'da'],
    ['Løbende', 'cumulative', 'da'],
  ])('%s is the %s column (%s)', (text, column, language) => {
    expect(matchHeader(text)).toEqual({ kind: 'input', column, language });
  });

  it('recognises owned columns in either language and target-year columns', () => {
    expect(matchHeader('Forklaring')).toEqual({ kind: 'output', column: 'explanation' });
    expect(matchHeader('Gap')).toEqual({ kind: 'output', column: 'gap' });
    expect(matchHeader('Beregnet resultat')).toEqual({ kind: 'output', column: 'calculatedActual' });
    expect(matchHeader('Måltal 2022')).toEqual({ kind: 'targetYear', year: 2022 });
    expect(matchHeader('target  2023:')).toEqual({ kind: 'targetYear', year: 2023 });
  });

  it('leaves the user’s own columns alone', () => {
    expect(matchHeader('Noter til chefen')).toBeNull();
    expect(matchHeader('Bemærkning')).toEqual({ kind: 'input', column: 'comment', language: 'da' });
    expect(matchHeader('Status note:')).toEqual({ kind: 'input', column: 'comment', language: 'en' });
    expect(matchHeader(2021)).toBeNull();
  });
});

describe('findGoalSheetHeader', () => {
  it('needs an ID and a Target column within the first 20 rows', () => {
    expect(isGoalSheetHead([['ID', 'Title']])).toBe(false);
    const late: (string | null)[][] = Array.from({ length: 20 }, () => [null]);
    expect(isGoalSheetHead([...late, ['ID', 'Target']])).toBe(false);
    expect(isGoalSheetHead([...late.slice(1), ['ID', 'Target']])).toBe(true);
  });

  it('is Danish when more headers are Danish-only than English-only; shared spellings count for neither', () => {
    expect(findGoalSheetHeader([['Nr.', 'Target', 'Segment', 'Tolerance']])?.language).toBe('en');
    expect(findGoalSheetHeader([['Nr.', 'Måltal', 'Segment', 'Actual']])?.language).toBe('da');
    expect(findGoalSheetHeader([['ID', 'Måltal', 'Segment']])?.language).toBe('en');
  });

  it('reuses existing owned columns and the first of two same-meaning columns', () => {
    const header = findGoalSheetHeader([['ID', 'Target', 'Status', 'Target', 'Target 2021', 'Note']]);
    expect(header).toMatchObject({ inputs: { id: 0, target: 1 }, outputs: { status: 2 }, lastColumn: 5 });
    expect(header?.targetYears.get(2021)).toBe(4);
  });
});

describe('labels and settings words', () => {
  it.each([
    ['grøn', 'met'],
    ['G', 'met'],
    ['amber', 'at-risk'],
    ['Y', 'at-risk'],
    ['rød', 'off-track'],
    ['Afventer data', 'no-data'],
    ['not-applicable', 'not-applicable'],
    ['lilla', null],
  ])('manual status %s is %s', (text, status) => {
    expect(parseManualStatus(text)).toBe(status);
  });

  it('labels statuses in both languages', () => {
    expect(statusLabel('off-track', 'da')).toBe('Ikke opfyldt');
    expect(statusLabel('on-track', 'en')).toBe('On track');
  });

  it('knows the settings sheet by any of its names and reads year spans', () => {
    expect(isSettingsSheetName('Indstillinger')).toBe(true);
    expect(isSettingsSheetName(' settings ')).toBe(true);
    expect(isSettingsSheetName('Mål 2021')).toBe(false);
    expect(parseYearSpan('2021–2023')).toEqual([2021, 2023]);
    expect(parseYearSpan(2022)).toEqual([2022, 2022]);
    expect(parseYearSpan('2023-2021')).toBeNull();
  });
});

describe('findHeaderNearMisses and describeNearMiss', () => {
  it('finds a Target or ID column spelled one or two letters off, in the language of the name it resembles', () => {
    const [miss] = findHeaderNearMisses([['Nr.', 'Mål', 'Maaltal', 'Resultat']]);
    expect(miss).toEqual({ row: 0, col: 2, found: 'Maaltal', meant: 'Måltal', language: 'da' });
    expect(describeNearMiss('Mål 2022', miss!)).toEqual({ cell: "'Mål 2022'!C1", message: "`Maaltal` i 'Mål 2022'!C1 — mente du `Måltal`?", language: 'da' });
    const [english] = findHeaderNearMisses([[null], ['Goal', 'Traget', 'Actual', 'ID']]);
    expect(describeNearMiss('Goals', english!).message).toBe('`Traget` in Goals!B2 — did you mean `Target`?');
  });

  it('guesses nothing in a row with fewer than two goal-sheet columns, nor for a word far off', () => {
    expect(findHeaderNearMisses([['Navn', 'Maaltal', 'Antal']])).toEqual([]);
    expect(findHeaderNearMisses([['Nr.', 'Mål', 'Budget', 'Resultat']])).toEqual([]);
  });
});
