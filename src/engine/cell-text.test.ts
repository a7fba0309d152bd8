import { displayText, isBlank, isCellError, normalizeHeader, quoteSheetName } from './cell-text';

describe('isBlank', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty text', ''],
    ['spaces and a tab', ' \t '],
    ['non-breaking spaces', '\u00a0\u00a0'],
  ])('is blank for %s', (_name, value) => {
    expect(isBlank(value)).toBe(true);
  });

  it.each([
    ['zero', 0],
    ['false', false],
    ['a dash', '-'],
    ['an error value', { error: '#N/A' }],
    ['text inside NBSP', '\u00a0x\u00a0'],
  ])('is not blank for %s', (_name, value) => {
    expect(isBlank(value)).toBe(false);
  });
});

describe('isCellError', () => {
  it('accepts an error value and refuses its text, blanks and numbers', () => {
    expect(isCellError({ error: '#DIV/0!' })).toBe(true);
    expect(isCellError('#DIV/0!')).toBe(false);
    expect(isCellError(null)).toBe(false);
    expect(isCellError(undefined)).toBe(false);
    expect(isCellError(0)).toBe(false);
  });
});

describe('displayText', () => {
  it.each([
    ['a dotted ID typed as a number', 3.1, '3.1'],
    ['a float sum shown to 15 digits', 0.1 + 0.2, '0.3'],
    ['a whole number', 600, '600'],
    ['a negative number', -0.05, '-0.05'],
    ['TRUE', true, 'TRUE'],
    ['FALSE', false, 'FALSE'],
    ['an error value as its code', { error: '#N/A' }, '#N/A'],
    ['text with NBSP at both ends', '\u00a0Drift\u00a0', 'Drift'],
    ['text with an inner NBSP', 'Kort\u00a0forløb', 'Kort forløb'],
    ['null', null, ''],
    ['undefined', undefined, ''],
  ])('shows %s', (_name, value, expected) => {
    expect(displayText(value)).toBe(expected);
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['trims and collapses NBSP runs, drops a colon, ignores case', '  Mål\u00a0\u00a0 NR.:  ', 'mål nr.'],
    ['folds Danish capitals', 'MÅLTAL', 'måltal'],
    ['drops the space before a trailing colon', 'Kilde :', 'kilde'],
    ['drops only one trailing colon', 'Kilde::', 'kilde:'],
    ['keeps a colon inside', 'Pr.: dato', 'pr.: dato'],
    ['collapses a tab and a line break', 'Manual\t\nstatus', 'manual status'],
  ])('%s', (_name, header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });
});

describe('quoteSheetName', () => {
  it.each([
    ['a plain name stays bare', 'Tilfredshed', 'Tilfredshed'],
    ['Danish letters stay bare', 'Vækst', 'Vækst'],
    ['a dot and digits after a letter stay bare', 'Data.2021', 'Data.2021'],
    ['a space is quoted', 'Mål 2021', "'Mål 2021'"],
    ['a leading digit is quoted', '2021', "'2021'"],
    ['an inner quote is doubled', "Anne's", "'Anne''s'"],
    ['a dash is quoted', 'Survey-1', "'Survey-1'"],
  ])('%s', (_name, name, expected) => {
    expect(quoteSheetName(name)).toBe(expected);
  });
});
