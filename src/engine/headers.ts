import { cellAddress } from './cells';
import { displayText, normalizeHeader } from './cell-text';
import { COLUMN_WORDS } from './glossary';
import { foldName, measureEditDistance } from './sources/closest-names';
import type { CellValue, Language } from './types';

/** The input columns of a goal sheet (SPEC §1). */
export type InputColumn =
  | 'id'
  | 'title'
  | 'indicator'
  | 'segment'
  | 'unit'
  | 'baseline'
  | 'target'
  | 'tolerance'
  | 'cumulative'
  | 'actual'
  | 'source'
  | 'manualStatus'
  | 'asOf'
  | 'comment';

/** The columns Trafiklys owns, besides the `Target Y` columns. */
export type OutputColumn = 'calculatedActual' | 'status' | 'gap' | 'trend' | 'explanation';

interface Aliases {
  en: string[];
  da: string[];
}

/** SPEC §1 aliases. A spelling in both lists (Segment, Tolerance) is shared and counts for neither language. */
const INPUT_ALIASES: Record<InputColumn, Aliases> = {
  id: { en: ['ID'], da: ['Nr', 'Nr.', 'Mål nr.', 'Målnr'] },
  title: { en: ['Title', 'Goal'], da: ['Titel', 'Mål'] },
  indicator: { en: ['Indicator'], da: ['Indikator', 'Succeskriterium'] },
  segment: { en: ['Segment'], da: ['Segment'] },
  unit: { en: ['Unit'], da: ['Enhed'] },
  baseline: { en: ['Baseline'], da: ['Udgangspunkt'] },
  target: { en: ['Target'], da: ['Måltal', 'Målsætning'] },
  tolerance: { en: ['Tolerance'], da: ['Tolerance'] },
  cumulative: { en: ['Cumulative'], da: ['Løbende'] },
  actual: { en: ['Actual'], da: ['Resultat'] },
  source: { en: ['Source'], da: ['Kilde', 'Datakilde'] },
  manualStatus: { en: ['Manual status'], da: ['Manuel status', 'Vurdering'] },
  asOf: { en: ['As of'], da: ['Opgjort pr.', 'Pr. dato'] },
  /** Free text for the status report (SPEC §1, §8); never evaluated. */
  comment: { en: ['Comment', 'Note', 'Status note'], da: ['Bemærkning', 'Kommentar', 'Statustekst'] },
};

/** The owned columns' headers (SPEC §1), from the glossary; Trend is written only when the history holds an earlier snapshot of the sheet (SPEC §8). */
export const OUTPUT_HEADERS: Record<OutputColumn, Record<Language, string>> = {
  calculatedActual: COLUMN_WORDS.calculatedActual,
  status: COLUMN_WORDS.status,
  gap: COLUMN_WORDS.gap,
  trend: COLUMN_WORDS.trend,
  explanation: COLUMN_WORDS.explanation,
};

/** The word before the year of a `Target 2022` column. */
export const TARGET_YEAR_PREFIX: Record<Language, string> = COLUMN_WORDS.target;

/** Header rows are looked for in the first 20 rows (SPEC §1). */
export const HEADER_SEARCH_ROWS = 20;

interface AliasEntry {
  column: InputColumn;
  language: Language | 'shared';
}

const ALIAS_INDEX: Map<string, AliasEntry> = buildAliasIndex();

function buildAliasIndex(): Map<string, AliasEntry> {
  const index = new Map<string, AliasEntry>();
  for (const [column, aliases] of Object.entries(INPUT_ALIASES) as [InputColumn, Aliases][]) {
    for (const alias of aliases.en) index.set(normalizeHeader(alias), { column, language: 'en' });
    for (const alias of aliases.da) {
      const key = normalizeHeader(alias);
      const existing = index.get(key);
      index.set(key, { column, language: existing && existing.column === column ? 'shared' : 'da' });
    }
  }
  return index;
}

const OUTPUT_INDEX: Map<string, OutputColumn> = new Map(
  (Object.entries(OUTPUT_HEADERS) as [OutputColumn, Record<Language, string>][]).flatMap(([column, names]) => [
    [normalizeHeader(names.en), column] as const,
    [normalizeHeader(names.da), column] as const,
  ]),
);

const TARGET_YEAR_PATTERN = /^(?:target|måltal)\s+(\d{4})$/;

export type HeaderMatch =
  | { kind: 'input'; column: InputColumn; language: Language | 'shared' }
  | { kind: 'output'; column: OutputColumn }
  | { kind: 'targetYear'; year: number };

/** What a header cell is to Trafiklys, or null for a column of the user's. */
export function matchHeader(value: CellValue): HeaderMatch | null {
  if (typeof value !== 'string') return null;
  const key = normalizeHeader(value);
  const input = ALIAS_INDEX.get(key);
  if (input) return { kind: 'input', ...input };
  const output = OUTPUT_INDEX.get(key);
  if (output) return { kind: 'output', column: output };
  const year = TARGET_YEAR_PATTERN.exec(key);
  if (year) return { kind: 'targetYear', year: Number(year[1]) };
  return null;
}

export interface GoalSheetHeader {
  /** 0-based row of the header. */
  row: number;
  inputs: Partial<Record<InputColumn, number>>;
  outputs: Partial<Record<OutputColumn, number>>;
  targetYears: Map<number, number>;
  /** 0-based index of the last non-blank header cell. */
  lastColumn: number;
  language: Language;
}

/** Reads one row as a header; null unless it has both an ID and a Target column. */
function readHeaderRow(cells: readonly CellValue[], row: number): GoalSheetHeader | null {
  const inputs: Partial<Record<InputColumn, number>> = {};
  const outputs: Partial<Record<OutputColumn, number>> = {};
  const targetYears = new Map<number, number>();
  let danish = 0;
  let english = 0;
  let lastColumn = -1;
  cells.forEach((cell, col) => {
    if (displayText(cell) !== '') lastColumn = col;
    const match = matchHeader(cell);
    if (!match) return;
    if (match.kind === 'input') {
      // The first column with a given meaning wins; a second one is the user's.
      if (inputs[match.column] !== undefined) return;
      inputs[match.column] = col;
      if (match.language === 'da') danish += 1;
      if (match.language === 'en') english += 1;
    } else if (match.kind === 'output') {
      if (outputs[match.column] === undefined) outputs[match.column] = col;
    } else if (!targetYears.has(match.year)) {
      targetYears.set(match.year, col);
    }
  });
  if (inputs.id === undefined || inputs.target === undefined) return null;
  return { row, inputs, outputs, targetYears, lastColumn, language: danish > english ? 'da' : 'en' };
}

/** The header of a goal sheet: the first of the first 20 rows that has an ID and a Target column. */
export function findGoalSheetHeader(values: readonly (readonly CellValue[])[]): GoalSheetHeader | null {
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < limit; row++) {
    const header = readHeaderRow(values[row] ?? [], row);
    if (header) return header;
  }
  return null;
}

/**
 * True when a sheet whose first rows are `values` is a goal sheet. Adapters call it to decide which
 * sheets need number formats and formulas read.
 * @example isGoalSheetHead([['Nr.', 'Mål', 'Måltal']]) // true
 */
export function isGoalSheetHead(values: readonly (readonly CellValue[])[]): boolean {
  return findGoalSheetHeader(values) !== null;
}

/** A header cell spelled almost like the ID or Target column's name, in a sheet that lacks that column. */
export interface HeaderNearMiss {
  /** 0-based row and column of the cell. */
  row: number;
  col: number;
  found: string;
  /** The name it was surely meant to be, in the language it is written in. */
  meant: string;
  language: Language;
}

/** The columns without which a sheet is no goal sheet (SPEC §1): a near miss of these is worth telling. */
const REQUIRED_COLUMNS: readonly InputColumn[] = ['id', 'target'];

/**
 * The header cells of a sheet that is no goal sheet which are one or two letters from the ID or
 * Target column's name (`Maaltal` for `Måltal`, `Traget` for `Target`), so that the analyst learns
 * why the sheet was passed over. Only a row that already has two other columns of a goal sheet
 * counts, so a data sheet's headers are not taken for misspellings; names under four letters are
 * never guessed at (docs/decisions.md, "What the analyst reads: errors in the sheet's language,
 * near misses, whole counts").
 * @example findHeaderNearMisses([['Nr.', 'Mål', 'Maaltal', 'Resultat']]) // [{ row: 0, col: 2, found: 'Maaltal', meant: 'Måltal', language: 'da' }]
 */
export function findHeaderNearMisses(values: readonly (readonly CellValue[])[]): HeaderNearMiss[] {
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < limit; row++) {
    const cells = values[row] ?? [];
    const matched = new Set<InputColumn>();
    for (const cell of cells) {
      const match = matchHeader(cell);
      if (match?.kind === 'input') matched.add(match.column);
    }
    const missing = REQUIRED_COLUMNS.filter((column) => !matched.has(column));
    if (matched.size < 2 || missing.length === 0) continue;
    const misses: HeaderNearMiss[] = [];
    cells.forEach((cell, col) => {
      if (typeof cell !== 'string' || matchHeader(cell)) return;
      const found = cell.trim();
      const near = nearestAlias(found, missing);
      if (near) misses.push({ row, col, found, ...near });
    });
    if (misses.length > 0) return misses;
  }
  return [];
}

/**
 * A near miss in words, in the language of the name it was meant to be.
 * @example describeNearMiss('Mål 2022', miss) // "`Maaltal` i 'Mål 2022'!C1 — mente du `Måltal`?"
 */
export function describeNearMiss(sheet: string, miss: HeaderNearMiss): { cell: string; message: string; language: Language } {
  const cell = cellAddress(sheet, miss.row, miss.col);
  const message =
    miss.language === 'da' ? `\`${miss.found}\` i ${cell} — mente du \`${miss.meant}\`?` : `\`${miss.found}\` in ${cell} — did you mean \`${miss.meant}\`?`;
  return { cell, message, language: miss.language };
}

function nearestAlias(text: string, columns: readonly InputColumn[]): { meant: string; language: Language } | null {
  const folded = foldName(text);
  let best: { meant: string; language: Language; distance: number } | null = null;
  for (const column of columns) {
    for (const language of ['da', 'en'] as const) {
      for (const alias of INPUT_ALIASES[column][language]) {
        const target = foldName(alias);
        if (target.length < 4) continue;
        const distance = measureEditDistance(folded, target);
        const allowed = target.length >= 6 ? 2 : 1;
        if (distance <= allowed && (best === null || distance < best.distance)) best = { meant: alias, language, distance };
      }
    }
  }
  return best && { meant: best.meant, language: best.language };
}

/** The Danish/English header of a column for messages: the sheet's own header text when it has one. */
export function inputLabel(column: InputColumn, language: Language): string {
  return language === 'da' ? INPUT_ALIASES[column].da[0] : INPUT_ALIASES[column].en[0];
}
