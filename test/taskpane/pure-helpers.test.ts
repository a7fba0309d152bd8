import { STATUS_IDS } from '../../src/engine/types';
import { formatRowAddress, parseCellReference } from '../../src/taskpane/cell-reference';
import { pickLanguage, STATUS_COLOURS, STRINGS } from '../../src/ui/i18n';
import { readSettings } from '../../src/taskpane/settings';
import { measureContrast, measureLuminance, pickThemeKind } from '../../src/ui/theme';

describe('pickLanguage', () => {
  it.each([
    ['da-DK', 'da'],
    ['da', 'da'],
    ['DA-dk', 'da'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['dan', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (input, expected) => expect(pickLanguage(input)).toBe(expected));
});

describe('pickThemeKind', () => {
  it.each([
    ['#262626', 'dark'],
    ['#000', 'dark'],
    ['#444444', 'dark'],
    ['#FFFFFF', 'light'],
    ['#E6E6E6', 'light'],
    ['not a colour', 'light'],
    [undefined, 'light'],
  ])('%s → %s', (input, expected) => expect(pickThemeKind(input)).toBe(expected));

  it('refuses a non-colour in measureLuminance with the exact message', () => {
    expect(() => measureLuminance('red')).toThrow('Not a hex colour: "red"');
  });
});

describe('status colours and labels', () => {
  it('gives every status a label in both languages and distinct labels within a language', () => {
    for (const language of ['da', 'en'] as const) {
      const labels = STATUS_IDS.map((status) => STRINGS[language].status[status]);
      expect(labels.every((label) => label.length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(STATUS_IDS.length);
    }
    expect(STRINGS.da.status['off-track']).toBe('Ikke opfyldt');
    expect(STRINGS.en.status['no-data']).toBe('No data');
  });

  it.each(STATUS_IDS.map((status) => [status]))('%s badge text meets WCAG AA contrast (4.5:1)', (status) => {
    const { background, foreground } = STATUS_COLOURS[status];
    expect(measureContrast(background, foreground)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the sheet fills of SPEC 1 for met, at-risk, off-track and error', () => {
    expect(STATUS_COLOURS.met.background).toBe('#C6EFCE');
    expect(STATUS_COLOURS['at-risk'].background).toBe('#FFEB9C');
    expect(STATUS_COLOURS['off-track']).toEqual({ background: '#FFC7CE', foreground: '#9C0006' });
    expect(STATUS_COLOURS.error).toEqual({ background: '#F8CBAD', foreground: '#833C0B' });
  });
});

describe('parseCellReference', () => {
  it.each([
    ["'Mål 2021'!F7", { sheet: 'Mål 2021', address: 'F7' }],
    ['Data!B2', { sheet: 'Data', address: 'B2' }],
    ["'Ann''s sheet'!$c$3", { sheet: "Ann's sheet", address: 'C3' }],
    ['Data!A1:B2', { sheet: 'Data', address: 'A1:B2' }],
  ])('%s', (input, expected) => expect(parseCellReference(input)).toEqual(expected));

  it.each(['F7', "'Unclosed!F7", 'Data!', 'Data!not-a-cell', "'Mål'F7", '!A1'])('refuses %s', (input) => {
    expect(parseCellReference(input)).toBeNull();
  });

  it('formats a goal row from column A', () => {
    expect(formatRowAddress(7)).toBe('A7:Z7');
    expect(formatRowAddress(12, 'M')).toBe('A12:M12');
  });
});

describe('readSettings', () => {
  it('turns blank inputs into an empty request', () => {
    expect(readSettings({ year: ' ', asOf: '' }, STRINGS.en)).toEqual({ ok: true, request: {} });
  });

  it('reads a year and a date', () => {
    expect(readSettings({ year: '2021', asOf: '2021-10-13' }, STRINGS.en)).toEqual({ ok: true, request: { year: 2021, asOf: '2021-10-13' } });
  });

  it('refuses a bad year and an impossible date with exact messages', () => {
    expect(readSettings({ year: '20x1', asOf: '2021-02-30' }, STRINGS.en)).toEqual({
      ok: false,
      yearError: 'The year must be a whole number from 1900 to 9999, not "20x1".',
      asOfError: 'Write the date as YYYY-MM-DD, not "2021-02-30".',
    });
    expect(readSettings({ year: '1899', asOf: '13-10-2021' }, STRINGS.da)).toEqual({
      ok: false,
      yearError: 'Året skal være et helt tal mellem 1900 og 9999, ikke "1899".',
      asOfError: 'Datoen skal skrives ÅÅÅÅ-MM-DD, ikke "13-10-2021".',
    });
  });
});
