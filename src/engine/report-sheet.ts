import { normalizeHeader, quoteSheetName } from './cell-text';
import { COLUMN_WORDS, REPORT_WORDS, STATUS_COLOURS, statusLabel, statusPhrase } from './glossary';
import { goalDepth } from './goal-row';
import { planChangesSection } from './report-changes';
import { valueCell } from './plan';
import { statusLine } from './status-line';
import type { CellWrite, ContractChanges, DefinedNameWrite, Finding, Language, RowResult, SheetSetup, WorkbookSnapshot } from './types';
import { STATUS_IDS } from './types';

/**
 * The status report sheet of SPEC §8: one printable page (wide) per workbook, owned whole by
 * Trafiklys and marked by a workbook-scoped defined name, so a sheet of the user's that merely has
 * the same name is never written over.
 */

export const REPORT_SHEET_NAMES: Record<Language, string> = REPORT_WORDS.statusReport;

/** The mark: a workbook-scoped defined name referring to the report sheet. */
export const REPORT_DEFINED_NAME = 'Trafiklys_Statusrapport';

/** One goal sheet's part of the report. */
export interface ReportSection {
  name: string;
  year: number;
  /** The goal sheet has a Comment column: the report shows `Bemærkning`/`Comment`. */
  hasComment: boolean;
  rows: readonly RowResult[];
}

export interface ReportContent {
  title: string;
  /** ISO `YYYY-MM-DD`. */
  asOf: string;
  language: Language;
  sections: readonly ReportSection[];
  /** SPEC §9: each contract year's goal sheet beside the nearest earlier one; the report ends with them. */
  changes?: readonly ContractChanges[];
}

/**
 * The report's title without a `Titel` setting: the goal sheets' names, and the organisation when
 * the settings name one, never the file's name (docs/decisions.md, "The report sheet for a board").
 * @example reportTitle(null, ['Mål 2021'], 'Erhvervshus Nordjylland') // 'Mål 2021 – Erhvervshus Nordjylland'
 */
export function reportTitle(title: string | null, sheetNames: readonly string[], organisation: string | null): string {
  if (title?.trim()) return title.trim();
  const sheets = sheetNames.join(', ');
  const owner = organisation?.trim() ?? '';
  if (owner === '') return sheets;
  return sheets === '' ? owner : `${sheets} – ${owner}`;
}

/**
 * The line under the title: the statuses counted; when the goal sheets are judged against different
 * years (contract years, spec §9) counted sheet by sheet, so one year's waiting goals never blur
 * another's results.
 *
 * @example countsLine([{ name: 'Mål 2021', year: 2021, rows: [{ status: 'met' }] }, { name: 'Mål 2022', year: 2022, rows: [{ status: 'no-data' }] }], 'da') // 'Mål 2021: 1 opfyldt; Mål 2022: 1 afventer data'
 */
export function countsLine(sections: readonly { name: string; year: number; rows: readonly Pick<RowResult, 'status'>[] }[], language: Language): string {
  if (new Set(sections.map((section) => section.year)).size <= 1) return statusCounts(sections.flatMap((section) => section.rows), language);
  return sections.map((section) => `${section.name}: ${statusCounts(section.rows, language)}`).join('; ');
}

/**
 * The statuses counted, as the line under the report's title says them: every status that occurs,
 * in the order of SPEC §3.
 * @example statusCounts([{ status: 'met' }, { status: 'met' }, { status: 'at-risk' }], 'da') // '2 opfyldt · 1 i risiko'
 */
export function statusCounts(rows: readonly Pick<RowResult, 'status'>[], language: Language): string {
  return STATUS_IDS.map((id) => ({ id, count: rows.filter((row) => row.status === id).length }))
    .filter(({ count }) => count > 0)
    .map(({ id, count }) => `${count} ${statusPhrase(id, language)}`)
    .join(' · ');
}

/** Where the report goes: nowhere, into a named sheet (existing and marked, or new), or refused. */
export type ReportPlacement =
  | { kind: 'none' }
  | { kind: 'write'; sheet: string; exists: boolean }
  | { kind: 'refused'; finding: Finding };

/** The sheet a `refersTo` such as `'Statusrapport'!$A$1` points into, or null. */
function referredSheet(refersTo: string): string | null {
  const text = refersTo.trim().replace(/^=/, '');
  const quoted = /^'((?:[^']|'')+)'!/.exec(text);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bare = /^([^!]+)!/.exec(text);
  return bare ? bare[1] : null;
}

/**
 * The name of the sheet the report's mark refers to, when the workbook has that sheet; else null.
 * @example findMarkedReportSheet({ sheets: [] }) // null
 */
export function findMarkedReportSheet(snapshot: WorkbookSnapshot): string | null {
  const mark = snapshot.definedNames?.find((name) => name.name.toLowerCase() === REPORT_DEFINED_NAME.toLowerCase());
  const markedName = mark ? referredSheet(mark.refersTo) : null;
  const marked = markedName === null ? undefined : snapshot.sheets.find((sheet) => normalizeHeader(sheet.name) === normalizeHeader(markedName));
  return marked === undefined ? null : marked.name;
}

/**
 * Decides where the report goes (SPEC §8). A marked report sheet is rewritten on every
 * recalculation; a new one is made only when `requested`; a sheet with the report's name and no
 * mark is the user's, and a requested report is then refused with a finding naming it.
 *
 * @example locateReportSheet({ sheets: [] }, 'da', true) // { kind: 'write', sheet: 'Statusrapport', exists: false }
 */
export function locateReportSheet(snapshot: WorkbookSnapshot, language: Language, requested: boolean): ReportPlacement {
  const marked = findMarkedReportSheet(snapshot);
  if (marked !== null) return { kind: 'write', sheet: marked, exists: true };
  if (!requested) return { kind: 'none' };
  const name = REPORT_SHEET_NAMES[language];
  const taken = snapshot.sheets.find((sheet) => normalizeHeader(sheet.name) === normalizeHeader(name));
  if (taken) {
    return {
      kind: 'refused',
      finding: {
        cell: `${quoteSheetName(taken.name)}!A1`,
        message: `the status report was not written: the sheet "${taken.name}" is the workbook's own (it lacks the defined name ${REPORT_DEFINED_NAME}); rename or delete it and recalculate again. Nothing was written`,
      },
    };
  }
  return { kind: 'write', sheet: name, exists: false };
}

/** The report's columns, named by their words in the glossary. */
type ReportColumn = 'id' | 'goal' | 'target' | 'actual' | 'status' | 'trend' | 'comment' | 'explanation';

/**
 * Each column is as wide as its longest text (plus a margin), within these bounds; text past a
 * bound wraps, and its row is made as tall as its lines (`rowHeights`), since LibreOffice does not
 * grow a row for wrapped text that has no stored height. The maxima keep the table about 170
 * characters wide at most, so A4 landscape prints it at about 80 % rather than shrinking the page
 * to fit one long Explanation (it printed at about 60 % with a bound of 100).
 */
const WIDTH_BOUNDS: Record<ReportColumn, { min: number; max: number }> = {
  id: { min: 5, max: 8 },
  goal: { min: 14, max: 30 },
  target: { min: 8, max: 14 },
  actual: { min: 8, max: 14 },
  status: { min: 12, max: 16 },
  trend: { min: 10, max: 34 },
  comment: { min: 12, max: 28 },
  explanation: { min: 16, max: 42 },
};

/** Excel's default row height in points (Calibri 11), the height of one line of text; the add-in resets rows to it. */
export const DEFAULT_ROW_HEIGHT = 15;
/** Excel's tallest row, in points (its specifications and limits). */
const MAX_ROW_HEIGHT = 409;

/**
 * Calibri's advance widths (units of 1/2048 em, from its `hmtx` table) of the characters a report
 * shows; a digit is 1038, the unit of a column width. Excel prints the sheet in Calibri and
 * LibreOffice in Carlito, which has the same metrics, so a row is made as tall as its text needs
 * and no taller (docs/decisions.md, "The report sheet for a board").
 */
const CALIBRI_WIDTHS: Readonly<Record<string, number>> = {
  ' ': 463, '!': 544, '"': 821, '#': 1038, $: 1038, '%': 1468, '&': 1398, "'": 452, '(': 621, ')': 621, '*': 1038, '+': 1038,
  ',': 511, '-': 627, '.': 517, '/': 791, ':': 548, ';': 548, '<': 1038, '=': 1038, '>': 1038, '?': 943, '@': 1823,
  A: 1185, B: 1114, C: 1092, D: 1260, E: 1000, F: 941, G: 1292, H: 1276, I: 516, J: 653, K: 1064, L: 861, M: 1751,
  N: 1322, O: 1356, P: 1058, Q: 1378, R: 1112, S: 941, T: 998, U: 1314, V: 1162, W: 1822, X: 1063, Y: 998, Z: 959,
  a: 981, b: 1076, c: 866, d: 1076, e: 1019, f: 625, g: 964, h: 1076, i: 470, j: 490, k: 931, l: 470, m: 1636,
  n: 1076, o: 1080, p: 1076, q: 1076, r: 714, s: 801, t: 686, u: 1076, v: 925, w: 1464, x: 887, y: 927, z: 809,
  æ: 1541, Æ: 1751, ø: 1080, Ø: 1356, '–': 1038, '—': 2048, '−': 1038, '…': 1434,
};
const DIGIT_WIDTH = 1038;

/**
 * A character's width in thousandths of a column-width unit (the width of a digit), rounded up:
 * an accented letter as its base letter, anything unknown 1.2 units, on the safe side.
 */
function charThousandths(ch: string): number {
  if (/\d/.test(ch)) return 1000;
  const known = CALIBRI_WIDTHS[ch] ?? CALIBRI_WIDTHS[ch.normalize('NFD').charAt(0)];
  return known === undefined ? 1200 : Math.ceil((known * 1000) / DIGIT_WIDTH);
}

function textThousandths(text: string): number {
  let thousandths = 0;
  for (const ch of text) thousandths += charThousandths(ch);
  return thousandths;
}

/**
 * The lines a text takes when wrapped at word boundaries in a column `width` units wide (one unit
 * of it kept for the cell's padding); a word longer than a line is broken.
 *
 * @example wrappedLines('intet resultat endnu', 10) // 3
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1000, Math.round((width - 1) * 1000));
  const space = charThousandths(' ');
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(' ')) {
      const units = textThousandths(word);
      if (used > 0 && used + space + units <= room) {
        used += space + units;
        continue;
      }
      if (used > 0) lines += 1;
      // A word wider than the room fills whole lines, and the rest starts the next one.
      const whole = Math.max(0, Math.ceil(units / room) - 1);
      lines += whole;
      used = units - whole * room;
    }
  }
  return lines;
}

/** A number's printed width: formatted numbers here are short (`45,0%`, `1.234`). */
const NUMBER_WIDTH = 7;

function textWidth(value: string | number | null): number {
  if (value === null) return 0;
  return typeof value === 'number' ? NUMBER_WIDTH : value.length;
}

/** The fill of the report's table headers: Excel's light grey, so the header reads as one. */
const HEADER_FILL = '#D9D9D9';

function columnsOf(section: ReportSection): ReportColumn[] {
  return ['id', 'goal', 'target', 'actual', 'status', 'trend', ...(section.hasComment ? (['comment'] as const) : []), 'explanation'];
}


/**
 * The report sheet's whole content, its print set-up and its mark (SPEC §8): the title and status
 * line, then per goal sheet its name and a table, one row per goal row in sheet order, sub-goals
 * indented by their depth. Printed A4 landscape, one page wide, the first table's header row
 * repeated on every page, no gridlines.
 *
 * @example planReportSheet('Statusrapport', content).definedName // { name: 'Trafiklys_Statusrapport', refersTo: 'Statusrapport!$A$1' }
 */
export function planReportSheet(sheet: string, content: ReportContent): { setup: SheetSetup; writes: CellWrite[]; definedName: DefinedNameWrite } {
  const { language } = content;
  const writes: CellWrite[] = [];
  const put = (row: number, col: number, cell: Omit<CellWrite, 'sheet' | 'row' | 'col'>): void => {
    writes.push({ sheet, row, col, ...cell });
  };
  put(0, 0, { value: content.title, bold: true });
  put(1, 0, { value: statusLine(content.asOf, language) });
  put(2, 0, { value: countsLine(content.sections, language) });
  let row = 4;
  let firstHeader: number | null = null;
  const widths: number[] = [];
  const rowTexts: { row: number; writes: CellWrite[] }[] = [];
  for (const section of content.sections) {
    put(row, 0, { value: section.name, bold: true });
    row += 1;
    const columns = columnsOf(section);
    columns.forEach((column, col) => {
      const heading = column === 'target' ? `${COLUMN_WORDS.target[language]} ${section.year}` : COLUMN_WORDS[column][language];
      put(row, col, { value: heading, bold: true, fill: HEADER_FILL, wrap: true, verticalAlignment: 'top' });
      widths[col] = Math.max(widths[col] ?? 0, WIDTH_BOUNDS[column].min, heading.length + 1);
    });
    firstHeader ??= row;
    row += 1;
    section.rows.forEach((result, index) => {
      const depth = goalDepth(result.id);
      const colours = STATUS_COLOURS[result.status];
      // A goal with sub-goals under it is bold, its sub-goals indented by their depth, so each group reads as one.
      const next = section.rows[index + 1];
      const parent = next !== undefined && goalDepth(next.id) > depth && next.id.startsWith(`${result.id}.`) ? { bold: true } : {};
      columns.forEach((column, col) => {
        switch (column) {
          case 'id':
            return put(row, col, { value: result.id, numberFormat: '@', ...parent });
          case 'goal':
            return put(row, col, { value: result.title, wrap: true, ...parent, ...(depth > 0 ? { indent: depth } : {}) });
          case 'target':
            return put(row, col, valueCell(result.target, result.unit, language));
          case 'actual':
            return put(row, col, valueCell(result.actual, result.unit, language));
          case 'status':
            return put(row, col, { value: statusLabel(result.status, language), fill: colours.fill, fontColor: colours.font });
          case 'trend':
            return put(row, col, { value: result.trend?.text ?? null });
          case 'comment':
            return put(row, col, { value: result.comment ?? null, wrap: true });
          case 'explanation':
            return put(row, col, { value: result.explanation, wrap: true });
        }
      });
      // The row's writes are the last ones pushed, one per column; each reads from the top of the row.
      const rowWrites = writes.slice(-columns.length);
      for (const write of rowWrites) write.verticalAlignment = 'top';
      rowWrites.forEach((write, col) => {
        const wanted = textWidth(write.value) + 2 * (write.indent ?? 0) + 2;
        widths[col] = Math.max(widths[col] ?? 0, Math.min(wanted, WIDTH_BOUNDS[columns[col]!].max));
      });
      rowTexts.push({ row, writes: rowWrites });
      row += 1;
    });
    row += 1;
  }
  for (const pair of content.changes ?? []) {
    const section = planChangesSection(sheet, row, pair, language, HEADER_FILL);
    section.widths.forEach((width, col) => (widths[col] = Math.max(widths[col] ?? 0, width)));
    writes.push(...section.writes);
    rowTexts.push(...section.rows);
    row = section.nextRow;
  }
  // Heights once the widths are final: a row is as tall as its longest wrapped cell.
  const rowHeights: { row: number; height: number }[] = [];
  for (const { row: r, writes: cells } of rowTexts) {
    const lines = Math.max(
      1,
      ...cells.map((write, col) => (write.wrap && typeof write.value === 'string' ? wrappedLines(write.value, widths[col]! - 2 * (write.indent ?? 0)) : 1)),
    );
    if (lines > 1) rowHeights.push({ row: r, height: Math.min(lines * DEFAULT_ROW_HEIGHT, MAX_ROW_HEIGHT) });
  }

  return {
    setup: {
      sheet,
      clear: true,
      columnWidths: widths,
      rowHeights,
      showGridlines: false,
      print: {
        orientation: 'landscape',
        paper: 'A4',
        fitToPagesWide: 1,
        ...(firstHeader === null ? {} : { repeatRows: { first: firstHeader, last: firstHeader } }),
      },
    },
    writes,
    definedName: { name: REPORT_DEFINED_NAME, refersTo: `${quoteSheetName(sheet)}!$A$1` },
  };
}
