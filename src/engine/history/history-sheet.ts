import { cellAddress, cellFormat, cellHasFormula, cellValue } from '../cells';
import { displayText, isBlank, isCellError, normalizeHeader } from '../cell-text';
import { excelSerialFromDay, dayFromIso, isoFromDay } from '../dates';
import { COLUMN_WORDS, STATUS_COLOURS, STATUS_LABELS, statusLabel, UNIT_WORDS } from '../glossary';
import { parseDateValue, parseFormattedValue, parseQuantity } from '../numbers';
import { valueCell } from '../plan';
import { milestoneStateText, parseMilestoneState } from '../status';
import type { CellValue, CellWrite, Finding, HistoryEntry, Language, SheetSetup, SheetSnapshot, StatusId, TargetValue, Unit, WorkbookSnapshot } from '../types';
import { parseUnit } from '../units';

/**
 * The history sheet of SPEC §8: one row per evaluated goal row per snapshot, keyed by (as-of date,
 * year, sheet). This module reads it back (tolerating the user's edits) and writes it whole.
 */

/** Either name is recognised; a new sheet takes the workbook's language. */
export const HISTORY_SHEET_NAMES: Record<Language, string> = { da: 'Trafiklys historik', en: 'Trafiklys history' };

type HistoryColumn = 'asOf' | 'year' | 'sheet' | 'id' | 'goal' | 'unit' | 'target' | 'actual' | 'status';

/** SPEC §8 header, columns A–I in this order. */
const HISTORY_COLUMNS: readonly HistoryColumn[] = ['asOf', 'year', 'sheet', 'id', 'goal', 'unit', 'target', 'actual', 'status'];

/** The header's words, the glossary's. */
const HISTORY_HEADERS: Record<HistoryColumn, Record<Language, string>> = COLUMN_WORDS;

const OWNED_COLUMNS = HISTORY_COLUMNS.length;
const COLUMN_WIDTHS = [12, 6, 14, 7, 36, 9, 11, 11, 14];
const DATE_FORMAT = 'dd-mm-yyyy';

/** A cell carried into the rewritten sheet as the user left it (a column of theirs, an unreadable row). */
export interface CarriedCell {
  col: number;
  value: string | number | null;
  numberFormat: string | null;
}

/** One non-blank row of the history sheet as read. */
export interface StoredRow {
  /** 0-based row on the history sheet, for messages and to keep the user's order within a snapshot. */
  rowIndex: number;
  /** `null`: the row cannot be read; it is reported and carried verbatim in `cells`. */
  entry: HistoryEntry | null;
  /** Readable rows: the cells right of column I. Unreadable rows: every cell. */
  cells: CarriedCell[];
}

export interface HistorySheet {
  /** The sheet's name in the workbook, or the name a new one gets. */
  name: string;
  /** `absent`: no such sheet (or an empty one); `foreign`: its header is not the history's, so it is left alone. */
  state: 'absent' | 'ours' | 'foreign';
  language: Language;
  /** Header cells right of column I (the user's columns), carried verbatim. */
  extraHeader: CarriedCell[];
  rows: StoredRow[];
  findings: Finding[];
}

/**
 * Finds and reads the history sheet. Never throws: a foreign header or an unreadable row is a
 * finding, and the row (or the whole sheet) is kept as it is.
 * @example readHistorySheet(snapshot, 'da').rows.filter((r) => r.entry).length // 21
 */
export function readHistorySheet(snapshot: WorkbookSnapshot, language: Language): HistorySheet {
  const sheet = findHistorySheet(snapshot);
  if (!sheet || sheet.values.every((row) => row.every((cell) => isBlank(cell)))) {
    return { name: sheet?.name ?? HISTORY_SHEET_NAMES[language], state: 'absent', language, extraHeader: [], rows: [], findings: [] };
  }
  const headerLanguage = readHeaderLanguage(sheet.values[0] ?? []);
  if (headerLanguage === null) {
    const expected = HISTORY_COLUMNS.map((column) => HISTORY_HEADERS[column][language]).join(', ');
    return {
      name: sheet.name,
      state: 'foreign',
      language,
      extraHeader: [],
      rows: [],
      findings: [
        {
          cell: cellAddress(sheet.name, 0, 0),
          message: `${sheet.name} does not start with the history header (${expected}); the sheet is left as it is and no history is kept`,
        },
      ],
    };
  }
  const findings: Finding[] = [];
  const rows: StoredRow[] = [];
  for (let row = 1; row < sheet.values.length; row++) {
    const cells = sheet.values[row] ?? [];
    if (cells.every((cell) => isBlank(cell))) continue;
    const read = readHistoryRow(sheet, row, headerLanguage);
    if ('message' in read) {
      findings.push(read);
      rows.push({ rowIndex: row, entry: null, cells: carryCells(sheet, row, 0) });
    } else {
      rows.push({ rowIndex: row, entry: read, cells: carryCells(sheet, row, OWNED_COLUMNS) });
    }
  }
  const formula = firstFormula(sheet);
  if (formula) {
    findings.push({ cell: formula, message: `${sheet.name} holds formulas; Trafiklys rewrites the sheet and keeps their values, not the formulas` });
  }
  return { name: sheet.name, state: 'ours', language: headerLanguage, extraHeader: carryCells(sheet, 0, OWNED_COLUMNS), rows, findings };
}

/** The history sheet by either name (compared as Excel does, ignoring case). */
export function findHistorySheet(snapshot: WorkbookSnapshot): SheetSnapshot | null {
  const names = new Set(Object.values(HISTORY_SHEET_NAMES).map((name) => normalizeHeader(name)));
  return snapshot.sheets.find((sheet) => names.has(normalizeHeader(sheet.name))) ?? null;
}

/** The header's language, or `null` when columns A–I are not the history header (either language per cell). */
function readHeaderLanguage(header: readonly CellValue[]): Language | null {
  let danish = 0;
  let english = 0;
  for (const [col, column] of HISTORY_COLUMNS.entries()) {
    const text = normalizeHeader(displayText(header[col]));
    const names = HISTORY_HEADERS[column];
    const isDa = text === normalizeHeader(names.da);
    const isEn = text === normalizeHeader(names.en);
    if (!isDa && !isEn) return null;
    if (isDa && !isEn) danish += 1;
    if (isEn && !isDa) english += 1;
  }
  return danish > english ? 'da' : 'en';
}

/** A readable row's entry, or the finding for an unreadable one. */
function readHistoryRow(sheet: SheetSnapshot, row: number, language: Language): HistoryEntry | Finding {
  const at = (column: HistoryColumn): CellValue => cellValue(sheet, row, HISTORY_COLUMNS.indexOf(column));
  const address = (column: HistoryColumn): string => cellAddress(sheet.name, row, HISTORY_COLUMNS.indexOf(column));
  const problem = (column: HistoryColumn, what: string): Finding => ({
    cell: address(column),
    message: `${what}; the history row is kept as it is and left out of trends`,
  });
  for (const column of HISTORY_COLUMNS) {
    const value = at(column);
    if (isCellError(value)) return problem(column, `${HISTORY_HEADERS[column][language]} holds the error ${value.error}`);
  }

  const asOfCell = at('asOf');
  const asOf = typeof asOfCell === 'string' ? (dayFromIso(asOfCell) ?? parseDateValue(asOfCell)) : parseDateValue(asOfCell);
  if (asOf === null) return problem('asOf', `${HISTORY_HEADERS.asOf[language]} "${displayText(asOfCell)}" is not a date`);
  const yearText = displayText(at('year'));
  if (!/^\d{4}$/.test(yearText)) return problem('year', `${HISTORY_HEADERS.year[language]} "${yearText}" is not a year`);
  const sheetName = displayText(at('sheet'));
  if (sheetName === '') return problem('sheet', `${HISTORY_HEADERS.sheet[language]} is blank`);
  const id = displayText(at('id'));
  if (id === '') return problem('id', `${HISTORY_HEADERS.id[language]} is blank`);

  const unit = readUnit(displayText(at('unit')));
  if (unit === 'bad') return problem('unit', `${HISTORY_HEADERS.unit[language]} "${displayText(at('unit'))}" is not a unit`);
  const target = readTarget(at('target'), unit, language);
  if (target === undefined) return problem('target', `${HISTORY_HEADERS.target[language]} "${displayText(at('target'))}" is not a number or a range`);
  const actual = readActual(at('actual'), unit, language);
  if (actual === undefined) return problem('actual', `${HISTORY_HEADERS.actual[language]} "${displayText(at('actual'))}" cannot be read`);
  const status = readStatus(displayText(at('status')));
  if (status === null) return problem('status', `${HISTORY_HEADERS.status[language]} "${displayText(at('status'))}" is not a status label`);
  const title = displayText(at('goal'));
  return { asOf: isoFromDay(asOf), year: Number(yearText), sheet: sheetName, id, title: title === '' ? null : title, unit, target, actual, status };
}

/** A number cell in a % row holds a fraction, as Trafiklys writes it (`0.0%`). */
function fromCellNumber(value: number, unit: Unit | null): number {
  return unit === '%' ? Number((value * 100).toPrecision(12)) : value;
}

function readNumberText(text: string, language: Language): number | null {
  const formatted = parseFormattedValue(text, language);
  if (formatted !== null) return formatted;
  return parseQuantity(text)?.value ?? null;
}

/** `undefined` when the cell cannot be read. */
function readTarget(value: CellValue, unit: Unit | null, language: Language): TargetValue | undefined {
  if (isBlank(value)) return null;
  if (typeof value === 'number') return fromCellNumber(value, unit);
  if (typeof value !== 'string') return undefined;
  const range = /^(.+?)\s*[–—]\s*(.+)$/.exec(value.trim());
  if (range) {
    const lo = readNumberText(range[1], language);
    const hi = readNumberText(range[2], language);
    return lo === null || hi === null ? undefined : [lo, hi];
  }
  return readNumberText(value, language) ?? undefined;
}

function readActual(value: CellValue, unit: Unit | null, language: Language): number | string | null | undefined {
  if (isBlank(value)) return null;
  if (typeof value === 'number') return fromCellNumber(value, unit);
  if (typeof value !== 'string') return undefined;
  const state = parseMilestoneState(value);
  if (state !== null && state !== 'blank' && (unit === 'milestone' || unit === null)) return milestoneStateText(state, 'en');
  return readNumberText(value, language) ?? undefined;
}

const STATUS_BY_LABEL: Map<string, StatusId> = new Map(
  (Object.entries(STATUS_LABELS) as [StatusId, Record<Language, string>][]).flatMap(([id, names]) => [
    [normalizeHeader(id), id] as const,
    [normalizeHeader(names.da), id] as const,
    [normalizeHeader(names.en), id] as const,
  ]),
);

/** Labels exactly as Trafiklys writes them: the common case, looked up before normalising. */
const STATUS_BY_EXACT_LABEL: Map<string, StatusId> = new Map(
  (Object.entries(STATUS_LABELS) as [StatusId, Record<Language, string>][]).flatMap(([id, names]) => [[names.da, id] as const, [names.en, id] as const]),
);

function readStatus(text: string): StatusId | null {
  return STATUS_BY_EXACT_LABEL.get(text) ?? STATUS_BY_LABEL.get(normalizeHeader(text)) ?? null;
}

/** parseUnit, remembered per text: a history repeats a handful of unit words thousands of times. */
const UNIT_CACHE = new Map<string, Unit | null | 'bad'>();

function readUnit(text: string): Unit | null | 'bad' {
  let unit = UNIT_CACHE.get(text);
  if (unit === undefined) {
    try {
      unit = parseUnit(text);
    } catch {
      unit = 'bad';
    }
    UNIT_CACHE.set(text, unit);
  }
  return unit;
}

function carriedValue(value: CellValue): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  // Booleans and error values have no plain-cell form in a write plan; their text is kept.
  return displayText(value);
}

function carryCells(sheet: SheetSnapshot, row: number, fromCol: number): CarriedCell[] {
  const cells: CarriedCell[] = [];
  const values = sheet.values[row] ?? [];
  for (let col = fromCol; col < values.length; col++) {
    const value = values[col];
    if (value === null || value === undefined) continue;
    cells.push({ col, value: carriedValue(value), numberFormat: cellFormat(sheet, row, col) });
  }
  return cells;
}

function firstFormula(sheet: SheetSnapshot): string | null {
  for (let row = 0; row < sheet.values.length; row++) {
    const cols = sheet.values[row]?.length ?? 0;
    for (let col = 0; col < cols; col++) if (cellHasFormula(sheet, row, col)) return cellAddress(sheet.name, row, col);
  }
  return null;
}

/** One row of the rewritten sheet: a history entry (with the user's cells of that row) or an unreadable row. */
export type HistoryLine = { entry: HistoryEntry; carried: CarriedCell[] } | { entry: null; carried: CarriedCell[] };

/**
 * The writes and set-up that make the history sheet exactly `lines` under its header. The sheet is
 * owned whole (cleared first), so the user's extra columns and unreadable rows are carried in `lines`.
 */
export function planHistorySheet(history: HistorySheet, lines: HistoryLine[]): { setup: SheetSetup; writes: CellWrite[] } {
  const { name, language } = history;
  const writes: CellWrite[] = [];
  const carry = (row: number, cells: CarriedCell[]): void => {
    for (const cell of cells) {
      writes.push({ sheet: name, row, col: cell.col, value: cell.value, ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}) });
    }
  };
  HISTORY_COLUMNS.forEach((column, col) => writes.push({ sheet: name, row: 0, col, value: HISTORY_HEADERS[column][language], bold: true }));
  carry(0, history.extraHeader);
  lines.forEach((line, index) => {
    const row = index + 1;
    if (line.entry) entryWrites(name, row, line.entry, language, writes);
    carry(row, line.carried);
  });
  return { setup: { sheet: name, clear: true, columnWidths: COLUMN_WIDTHS }, writes };
}

function entryWrites(sheet: string, row: number, entry: HistoryEntry, language: Language, writes: CellWrite[]): void {
  // Object literals rather than a spreading helper: a long history has hundreds of thousands of these.
  const { unit } = entry;
  const day = dayFromIso(entry.asOf);
  const colours = STATUS_COLOURS[entry.status];
  const target = valueCell(entry.target, unit, language);
  const actual = valueCell(entry.actual, unit, language);
  writes.push(
    day === null ? { sheet, row, col: 0, value: entry.asOf } : { sheet, row, col: 0, value: excelSerialFromDay(day), numberFormat: DATE_FORMAT },
    { sheet, row, col: 1, value: entry.year, numberFormat: '0' },
    { sheet, row, col: 2, value: entry.sheet },
    { sheet, row, col: 3, value: entry.id, numberFormat: '@' },
    { sheet, row, col: 4, value: entry.title },
    { sheet, row, col: 5, value: unit ? UNIT_WORDS[unit][language] : null },
    { sheet, row, col: 6, value: target.value, ...(target.numberFormat ? { numberFormat: target.numberFormat } : {}) },
    { sheet, row, col: 7, value: actual.value, ...(actual.numberFormat ? { numberFormat: actual.numberFormat } : {}) },
    { sheet, row, col: 8, value: statusLabel(entry.status, language), fill: colours.fill, fontColor: colours.font },
  );
}

