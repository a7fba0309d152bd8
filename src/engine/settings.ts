import { displayText, isBlank, isCellError, normalizeHeader } from './cell-text';
import { cellAddress, cellValue } from './cells';
import { dayFromIso } from './dates';
import { parseDateValue, parseNumberText } from './numbers';
import type { CalendarDay, CellValue, Finding, Language, SheetSnapshot, WorkbookSnapshot } from './types';

/** SPEC §5: the sheet that holds settings, by any of its names. */
const SETTINGS_SHEET_NAMES = ['Trafiklys', 'Settings', 'Indstillinger'];

export type SettingKey =
  | 'year'
  | 'asOf'
  | 'targetYears'
  | 'language'
  | 'defaultTolerance'
  | 'history'
  | 'title'
  | 'organisation'
  | 'lastRecalculated';

export const SETTING_KEYS: Record<SettingKey, Record<Language, string>> = {
  year: { en: 'Year', da: 'År' },
  asOf: { en: 'As of', da: 'Opgjort pr.' },
  targetYears: { en: 'Target years', da: 'Målår' },
  language: { en: 'Language', da: 'Sprog' },
  defaultTolerance: { en: 'Default tolerance', da: 'Standardtolerance' },
  history: { en: 'History', da: 'Historik' },
  title: { en: 'Title', da: 'Titel' },
  organisation: { en: 'Organisation', da: 'Organisation' },
  lastRecalculated: { en: 'Last recalculated', da: 'Sidst beregnet' },
};

const KEY_INDEX: Map<string, SettingKey> = new Map(
  (Object.entries(SETTING_KEYS) as [SettingKey, Record<Language, string>][]).flatMap(([key, names]) => [
    [normalizeHeader(names.en), key] as const,
    [normalizeHeader(names.da), key] as const,
  ]),
);

const SHEET_COLUMN_HEADERS = new Set(['sheet', 'ark']);

/** @example isSettingsSheetName('indstillinger') // true */
export function isSettingsSheetName(name: string): boolean {
  const key = normalizeHeader(name);
  return SETTINGS_SHEET_NAMES.some((candidate) => normalizeHeader(candidate) === key);
}

/** Settings that apply to one goal sheet; every field optional (missing = the default). */
export interface SheetSettings {
  year?: number;
  asOf?: CalendarDay;
  targetYears?: [number, number];
  language?: Language;
  /** The raw cell; parsed per row because its meaning depends on the row's unit. */
  defaultTolerance?: { value: CellValue; numberFormat: string | null; cell: string };
  /** SPEC §5/§8: keep the history sheet; default yes. */
  history?: boolean;
  /** The status report's title (SPEC §5); default the file name. */
  title?: string;
  /** The name an overview of many workbooks shows (SPEC §5); default the file name. */
  organisation?: string;
}

export interface Settings {
  sheet: SheetSnapshot | null;
  global: SheetSettings;
  perSheet: Map<string, SheetSettings>;
  /** 0-based row of the `Last recalculated` key, when present. */
  lastRecalculatedRow: number | null;
  findings: Finding[];
}

/** Reads the settings sheet, if any. Bad values become findings and are ignored. */
export function readSettingsSheet(snapshot: WorkbookSnapshot): Settings {
  const sheet = snapshot.sheets.find((candidate) => isSettingsSheetName(candidate.name)) ?? null;
  const settings: Settings = { sheet, global: {}, perSheet: new Map(), lastRecalculatedRow: null, findings: [] };
  if (!sheet) return settings;
  sheet.values.forEach((_, row) => {
    const key = KEY_INDEX.get(normalizeHeader(displayText(cellValue(sheet, row, 0))));
    if (!key) return;
    if (key === 'lastRecalculated') {
      settings.lastRecalculatedRow ??= row;
      return;
    }
    const value = cellValue(sheet, row, 1);
    if (isBlank(value)) return;
    const address = cellAddress(sheet.name, row, 1);
    const limit = displayText(cellValue(sheet, row, 2));
    const target =
      limit === '' || SHEET_COLUMN_HEADERS.has(normalizeHeader(limit)) ? settings.global : perSheet(settings, limit);
    const problem = applySetting(target, key, value, sheet.numberFormats?.[row]?.[1] ?? null, address);
    if (problem) settings.findings.push({ cell: address, message: problem });
  });
  return settings;
}

function perSheet(settings: Settings, name: string): SheetSettings {
  const key = normalizeHeader(name);
  let found = settings.perSheet.get(key);
  if (!found) {
    found = {};
    settings.perSheet.set(key, found);
  }
  return found;
}

/** Only the rows given for that one goal sheet (column C), without the global ones: SPEC §3's and §9's "the sheet's own Year". */
export function ownSettingsFor(settings: Settings, sheetName: string): SheetSettings {
  return settings.perSheet.get(normalizeHeader(sheetName)) ?? {};
}

/** The settings for one goal sheet: its own rows over the global ones. */
export function settingsFor(settings: Settings, sheetName: string): SheetSettings {
  return { ...settings.global, ...(settings.perSheet.get(normalizeHeader(sheetName)) ?? {}) };
}

function applySetting(
  target: SheetSettings,
  key: Exclude<SettingKey, 'lastRecalculated'>,
  value: CellValue,
  numberFormat: string | null,
  cell: string,
): string | null {
  if (isCellError(value)) return `${SETTING_KEYS[key].en} holds the error ${value.error}; ignored`;
  const text = displayText(value);
  switch (key) {
    case 'year': {
      const year = parseYear(value);
      if (year === null) return `Year "${text}" is not a year (write e.g. 2021); ignored`;
      target.year = year;
      return null;
    }
    case 'asOf': {
      const day = typeof value === 'string' ? (dayFromIso(value) ?? parseDateValue(value)) : parseDateValue(value);
      if (day === null) return `As of "${text}" is not a date (write e.g. 2021-10-13); ignored`;
      target.asOf = day;
      return null;
    }
    case 'targetYears': {
      const years = parseYearSpan(value);
      if (!years) return `Target years "${text}" is not a year range (write e.g. 2021-2023); ignored`;
      target.targetYears = years;
      return null;
    }
    case 'language': {
      const language = parseLanguage(text);
      if (!language) return `Language "${text}" is neither da nor en; ignored`;
      target.language = language;
      return null;
    }
    case 'defaultTolerance':
      target.defaultTolerance = { value, numberFormat, cell };
      return null;
    case 'history': {
      const keep = parseYesNo(value);
      if (keep === null) return `History "${text}" is neither yes nor no (ja/nej); ignored`;
      target.history = keep;
      return null;
    }
    case 'title':
      target.title = text;
      return null;
    case 'organisation':
      target.organisation = text;
      return null;
  }
}

function parseYear(value: CellValue): number | null {
  const n = typeof value === 'number' ? value : parseNumberText(displayText(value).replace(/\./g, ''));
  return n !== null && Number.isInteger(n) && n >= 1900 && n <= 9999 ? n : null;
}

/** `2021-2023`, `2021–2023`, `2021 - 2023` or one year. */
export function parseYearSpan(value: CellValue): [number, number] | null {
  const text = displayText(value);
  const single = parseYear(value);
  if (single !== null && /^\d{4}$/.test(text)) return [single, single];
  const m = /^(\d{4})\s*[-–—]\s*(\d{4})$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from <= to ? [from, to] : null;
}

/** `ja`/`nej`, `yes`/`no`, `x`, `1`/`0`, TRUE/FALSE, as the Cumulative column reads them (SPEC §1). */
function parseYesNo(value: CellValue): boolean | null {
  if (typeof value === 'boolean') return value;
  const key = displayText(value).toLocaleLowerCase('da');
  if (['ja', 'yes', 'y', 'j', 'x', '1', 'true', 'sand'].includes(key)) return true;
  if (['nej', 'no', 'n', '0', 'false', 'falsk'].includes(key)) return false;
  return null;
}

function parseLanguage(text: string): Language | null {
  const key = text.trim().toLowerCase();
  if (['da', 'dansk', 'danish', 'da-dk'].includes(key)) return 'da';
  if (['en', 'engelsk', 'english', 'en-us', 'en-gb'].includes(key)) return 'en';
  return null;
}
