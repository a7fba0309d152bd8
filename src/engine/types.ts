/**
 * The engine's plain data shapes: what adapters hand in (a {@link WorkbookSnapshot}) and what
 * the engine hands back (a {@link Recalculation}: per-row results plus a {@link WritePlan}).
 * Nothing here knows about the Excel host, exceljs, the file system or the browser.
 */

/** An Excel error value in a cell, such as `#N/A` or `#DIV/0!`. */
export interface CellError {
  error: string;
}

/**
 * One cell's value as both hosts can give it. Dates arrive as Excel serial numbers (1900 date
 * system) with a date number format; adapters convert host date objects to serials.
 */
export type CellValue = string | number | boolean | null | CellError;

/** A worksheet's cells from A1 through its used range, row-major, 0-based. Rows may be ragged. */
export interface SheetSnapshot {
  name: string;
  values: CellValue[][];
  /** Number formats in the same shape as `values`; missing entries mean `General`. */
  numberFormats?: (string | null | undefined)[][];
  /** `true` where the cell holds a formula (its value is the formula's result). */
  formulas?: (boolean | undefined)[][];
  /**
   * A data sheet read only in the columns sources name, stored by column (the .xlsx adapter's
   * streaming read). When present, `values` holds only the sheet's first rows (its head, every
   * column), and `columns` holds the named columns for every row; any other cell below the head
   * reads as blank. Absent: `values` is the whole sheet.
   */
  columns?: ColumnarCells;
}

/** Some columns of a sheet, each for rows 0…`rowCount` − 1. */
export interface ColumnarCells {
  rowCount: number;
  /** By 0-based column index. */
  columns: ReadonlyMap<number, CellColumn>;
}

/** One column's cells; `valueAt(r)` for a row past the column's end is `null`. */
export interface CellColumn {
  valueAt(row: number): CellValue;
  /**
   * Optional, for speed: a whole number in `0 … textAtomCount - 1` that names the cell's text
   * (equal numbers, the very same text: a shared-string index, say), or -1 when the cell holds no
   * such text. The engine then dictionary-encodes the column with an array look-up per row
   * instead of a hash look-up.
   */
  textAtomAt?(row: number): number;
  readonly textAtomCount?: number;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /**
   * The workbook-scoped defined names, as adapters read them (`refersTo` without the leading `=`).
   * Absent: the adapter does not read them, and a sheet named like the status report is taken to be
   * the user's (SPEC §8), so the report is refused rather than written over an unknown sheet.
   */
  definedNames?: DefinedNameWrite[];
}

export type Language = 'da' | 'en';

export type StatusId = 'met' | 'on-track' | 'at-risk' | 'off-track' | 'no-data' | 'not-applicable' | 'no-target' | 'error';

export const STATUS_IDS: readonly StatusId[] = ['met', 'on-track', 'at-risk', 'off-track', 'no-data', 'not-applicable', 'no-target', 'error'];

export type Unit = '%' | 'pp' | 'NPS' | 'count' | 'number' | 'DKK' | 'milestone';

/** A calendar day as the number of days since 1970-01-01 (UTC, no time of day). See dates.ts. */
export type CalendarDay = number;

/** Year Y's target in the JSON report: a number, `[lo, hi]` for a range, `null` for none. */
export type TargetValue = number | [number, number] | null;

/** One cell the engine wants written. Rows and columns are 0-based. */
export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  /** `null` clears the value. Strings are written as text, never as formulas. */
  value: string | number | null;
  /** Applied when present. */
  numberFormat?: string;
  /** `#RRGGBB`; `null` removes the fill; absent leaves the fill alone. */
  fill?: string | null;
  /** `#RRGGBB`; `null` resets to automatic; absent leaves it alone. */
  fontColor?: string | null;
  /** Header cells the engine appends are bold. */
  bold?: boolean;
  /** Left indent in levels (sub-goals in the status report). */
  indent?: number;
  /** Wrap long text within the cell. */
  wrap?: boolean;
  /** Vertical alignment: the status report's table reads from the top of each row (absent leaves it alone). */
  verticalAlignment?: 'top';
}

export interface WritePlan {
  /** Sheets to add (at the end of the workbook) before the writes run. */
  addSheets: string[];
  writes: CellWrite[];
  /**
   * Sheets Trafiklys owns whole (the history and status report sheets of SPEC §8): how to set them
   * up before this plan's writes for them run. Absent or empty: no such sheet is touched.
   */
  sheetSetups?: SheetSetup[];
  /** Workbook-scoped defined names to create, or to point elsewhere when they exist. */
  definedNames?: DefinedNameWrite[];
}

/** The set-up of a sheet Trafiklys owns whole. Rows and columns are 0-based. */
export interface SheetSetup {
  sheet: string;
  /** Remove every cell's value and format first, so the plan's writes are the sheet's whole content. */
  clear?: boolean;
  /** Column widths in characters, from column A; `null` leaves a column as it is. */
  columnWidths?: (number | null)[];
  /**
   * Heights in points of rows whose wrapped text needs more than one line (readers do not all grow
   * a row for wrapped text on their own). With `clear`: when present (even empty), every row not
   * listed has the default height, so a row that was tall in an earlier version does not stay so.
   */
  rowHeights?: { row: number; height: number }[];
  /** `false` hides the gridlines on screen and on paper. */
  showGridlines?: boolean;
  print?: PrintSetup;
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  paper: 'A4';
  /** Scale to this many pages wide (any number of pages tall). */
  fitToPagesWide?: number;
  /** Rows repeated at the top of every printed page, 0-based and inclusive. */
  repeatRows?: { first: number; last: number };
}

export interface DefinedNameWrite {
  name: string;
  /** A reference without the leading `=`, e.g. `'Statusrapport'!$A$1`. */
  refersTo: string;
}

export interface RowResult {
  id: string;
  /** 1-based Excel row number on its sheet. */
  row: number;
  title: string | null;
  status: StatusId;
  /** In the row's unit (75 means 75 %); a milestone's state as text (`done`, `in progress`, `not done`). */
  actual: number | string | null;
  target: TargetValue;
  unit: Unit | null;
  gap: number | null;
  targets: Record<string, TargetValue>;
  explanation: string;
  /** Where the problem is, for error rows: `'Mål 2021'!F7`. */
  errorCell?: string;
  /**
   * The target rule in the canonical form of SPEC §2 (`2022: >= 72 %; 2023: >= 75 %`), for rows with
   * a Target, whether it was written so or read from prose (SPEC §2 Prose).
   */
  rule?: string;
  /** For a Target read from the contract's prose, its reading as the Explanation begins with it: `læst som: 2023: ≥ 50 %`. */
  reading?: string;
  /** The goal sheet's Comment cell, when the sheet has that column (SPEC §1, §8). */
  comment?: string | null;
  /** The change since the latest earlier snapshot in the history (SPEC §8); absent or `null`: none. */
  trend?: Trend | null;
}

/** A row's change since the latest earlier snapshot of the same year, sheet and ID (SPEC §8). */
export interface Trend {
  /** `up`/`down`/`same` when both statuses are ranked (met > on-track > at-risk > off-track); else `changed`. */
  direction: 'up' | 'down' | 'same' | 'changed';
  previousStatus: StatusId;
  /** ISO `YYYY-MM-DD` of the earlier snapshot. */
  since: string;
  /** The Trend cell's text in the sheet's language: `▲ fra I risiko (30-06-2021)`. */
  text: string;
}

/** One goal row of one snapshot in the history sheet (SPEC §8). */
export interface HistoryEntry {
  /** ISO `YYYY-MM-DD`. */
  asOf: string;
  year: number;
  sheet: string;
  id: string;
  title: string | null;
  unit: Unit | null;
  /** Year Y's target, in the row's unit. */
  target: TargetValue;
  /** In the row's unit; a milestone's state as text. */
  actual: number | string | null;
  status: StatusId;
}

export interface SheetResult {
  name: string;
  language: Language;
  /** The year this sheet was judged against (SPEC §3: sheets of one book may differ). */
  year: number;
  rows: RowResult[];
}

export type StatusSummary = Record<StatusId, number>;

/** SPEC §9: how a goal changed from one contract year to the next. */
export type ChangeKind = 'unchanged' | 'adjusted' | 'removed' | 'new';

export const CHANGE_KINDS: readonly ChangeKind[] = ['unchanged', 'adjusted', 'removed', 'new'];

/**
 * One side of a goal's change (SPEC §9): each compared year's target (`null`: none that year), or,
 * for a goal without a target rule, its Target cell's text.
 */
export type ChangeSide =
  | { kind: 'years'; unit: Unit | null; years: { year: number; target: YearTargetValue | null }[] }
  | { kind: 'text'; text: string };

/** A year's target as the comparison holds it (the engine's year target). */
export type YearTargetValue =
  | { kind: 'level'; value: number; direction: 'higher' | 'lower' }
  | { kind: 'range'; lo: number; hi: number }
  | { kind: 'milestone'; due: CalendarDay }
  | { kind: 'dropped' };

/** One goal of a comparison, matched by ID (SPEC §9). */
export interface GoalChange {
  id: string;
  /** The later sheet's title, else the earlier's. */
  title: string | null;
  change: ChangeKind;
  /** The earlier rule restricted to the compared years, canonical form of SPEC §2 (`2022: —; 2023: >= 50 %`); `null` when the goal is new. */
  before: string | null;
  /** The later rule likewise; `null` when the goal is not in the later sheet. */
  after: string | null;
  beforeSide: ChangeSide | null;
  afterSide: ChangeSide | null;
}

/** A goal sheet beside the sheet of the nearest earlier contract year (SPEC §9). */
export interface ContractChanges {
  from: string;
  to: string;
  fromYear: number;
  toYear: number;
  /** Every ID of either sheet, in ID order. */
  goals: GoalChange[];
}

/** A problem that is not a goal row's: a bad setting, say. */
export interface Finding {
  cell: string;
  message: string;
}

export interface Recalculation {
  year: number;
  /** ISO date `YYYY-MM-DD`. */
  asOf: string;
  sheets: SheetResult[];
  summary: StatusSummary;
  findings: Finding[];
  /** Empty in check mode. */
  plan: WritePlan;
  /**
   * The history as it stands after this recalculation (SPEC §8): the stored snapshots, with this
   * recalculation's own keys (as-of date, year, sheet) replaced by its rows; ordered by as-of date,
   * sheet order, row order. With the setting History = no: the stored snapshots only.
   */
  history?: HistoryEntry[];
  /** SPEC §9: each goal sheet with a contract year beside the nearest earlier one; empty when there is no pair. */
  changes?: ContractChanges[];
  /** The `Title` and `Organisation` settings (SPEC §5), `null` when not set. */
  title?: string | null;
  organisation?: string | null;
  /**
   * Set when the recalculation was refused as a whole (a requested status report whose sheet name is
   * the user's, SPEC §8): the plan is then empty, and the finding (also in `findings`) says why.
   */
  refused?: Finding;
  /**
   * Header cells of sheets passed over as no goal sheet that are spelled almost like the ID or
   * Target column (`Maaltal`), each with its fix, in the language the header is written in.
   */
  nearMisses?: (Finding & { language: Language })[];
}

export interface RecalculateOptions {
  /** The evaluation year; overrides the settings sheet. */
  year?: number;
  /** ISO `YYYY-MM-DD`; overrides the settings sheet. */
  asOf?: string;
  /** Output language; overrides the settings sheet and the sheet's own headers. */
  language?: Language;
  /** The clock, passed in so the engine stays pure: default as-of day and `Last recalculated`. */
  now: Date;
  /** `false` for `check`: evaluate, plan nothing. Default `true`. */
  write?: boolean;
  /** Also plan the status report sheet (SPEC §8: `recalc --report`, the pane's Status report button). */
  report?: boolean;
}

/** What a row's Source expression produced. `goal(ID)` is a mirror the evaluator resolves. */
export type SourceOutcome =
  | {
      kind: 'value';
      value: number;
      /** The function's natural unit: `%` for share/share_new/coverage, `NPS`, `count`, `number`. */
      unit: Unit;
      /** Reported in the Explanation, e.g. `n = 212; 14 "Ved ikke" left out`. */
      base: string;
    }
  | { kind: 'no-data'; base: string }
  | { kind: 'mirror'; goalId: string }
  | { kind: 'error'; message: string };

export interface SourceEvaluator {
  /**
   * Evaluates one Source cell's text. `cell` is the cell's address (`'Mål 2021'!J7`) for messages;
   * `label` the localised column name (`Kilde`/`Source`) used in syntax errors; `language` the
   * sheet's, for the base reported with a value (`n = 212; 14 "Ved ikke" udeladt`). Default English.
   */
  evaluate(expression: string, cell: string, label: string, language?: Language): SourceOutcome;
}

/** A sheet to create from scratch: the goal-sheet template, the example workbook's sheets. */
export interface NewSheet {
  name: string;
  values: CellValue[][];
  numberFormats?: (string | null | undefined)[][];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  /** 0-based rows to make bold (header rows). */
  boldRows?: number[];
  /** Fills, font colours and layout of single cells (the report's `--xlsx` overview). */
  cellStyles?: NewSheetCellStyle[];
  /** Formulas to write (text without the leading `=`), with the result to cache where the writer can. */
  formulas?: { row: number; col: number; formula: string; result?: number | string | boolean }[];
}

/** Fill, font colour and layout of one cell of a new sheet. Rows and columns are 0-based. */
export interface NewSheetCellStyle {
  row: number;
  col: number;
  /** A solid fill `#RRGGBB`; absent or `null`: none. */
  fill?: string | null;
  fontColor?: string;
  bold?: boolean;
  wrap?: boolean;
  /** Left indent in levels (sub-goals). */
  indent?: number;
}

export interface NewWorkbook {
  sheets: NewSheet[];
}
