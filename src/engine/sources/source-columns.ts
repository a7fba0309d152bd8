import { displayText } from '../cell-text';
import { findGoalSheetHeader } from '../headers';
import { isSettingsSheetName } from '../settings';
import type { SheetSnapshot, WorkbookSnapshot } from '../types';
import { DataSheet } from './data-sheet';
import { parseSource, type ColumnRef, type ParsedSource } from './parser';
import { findSheetNamed, LABELS_SHEET } from './source-workbook';
import { SourceSyntaxError } from './tokenizer';

/**
 * Which columns of which sheets the Source cells of a workbook read (docs/benchmarks.md),
 * so an adapter can leave out the 20–140 columns of a survey export no source names.
 *
 * It works on a snapshot whose goal sheets and settings sheet are whole but whose data sheets may
 * be only their first rows (the head): headers, the Qualtrics rows and column letters are all
 * decided there. Pruning is exact because of one property of the source functions (SPEC §4,
 * sources/README.md "The base"): a data row whose cells are blank in every column a source names
 * never counts for that source (a blank measured cell is out of the base, and a blank filter cell
 * fails or passes without being counted), and row numbers come from a row's position, which the
 * adapter keeps. Whatever depends on more than that gets `'all'`.
 */

/** One sheet's need: every cell, or the sorted 0-based indices of the columns sources read. */
export type SheetColumnNeed = 'all' | readonly number[];

/** The need of every sheet of the snapshot, by its real name. */
export type SourceColumns = ReadonlyMap<string, SheetColumnNeed>;

/**
 * The non-empty rows a data sheet needs in its head before the rest can be pruned: the header
 * and the two rows after it that decide the Qualtrics skip (data-sheet.ts). A row further down
 * that is non-empty only in columns left out would otherwise drop out of that count.
 */
const DECIDING_ROWS = 3;


/**
 * Lists, for every sheet of `snapshot`, the columns the Source cells of its goal sheets read:
 * measured columns, filter columns, `previous =` and `all =` columns, found by header or by
 * column letter as the evaluator finds them.
 *
 * `'all'` means "read it whole": goal sheets and the settings sheet (the engine reads them
 * whole), labels sheets (a `labels =` sheet or one named `Labels`), a data sheet without a
 * header or with fewer than three non-empty rows in what was given, and a sheet a reference
 * names a column of that it cannot resolve (the engine then reports the error from the
 * whole sheet). `[]`: no source reads the sheet; it need not be read beyond its head.
 *
 * @example
 * listSourceColumns({ sheets: [goals, { name: 'Data', values: [['Id', 'Segment', 'Svar'], ...] }] })
 * // Map { 'Mål 2021' => 'all', 'Data' => [1, 2] }   for share(Data!Svar = "Ja"; Segment = "Drift")
 */
export function listSourceColumns(snapshot: WorkbookSnapshot): SourceColumns {
  const lister = new ColumnLister(snapshot);
  for (const sheet of snapshot.sheets) {
    if (isSettingsSheetName(sheet.name)) lister.needAll(sheet);
    const header = findGoalSheetHeader(sheet.values);
    if (!header) continue;
    lister.needAll(sheet);
    const sourceColumn = header.inputs.source;
    if (sourceColumn === undefined) continue;
    for (let row = header.row + 1; row < sheet.values.length; row++) {
      const text = displayText(sheet.values[row]?.[sourceColumn]);
      if (text !== '') lister.addSource(text);
    }
  }
  return lister.result();
}


class ColumnLister {
  private readonly needs = new Map<SheetSnapshot, 'all' | Set<number>>();
  private readonly dataSheets = new Map<SheetSnapshot, DataSheet>();
  private readonly seen = new Set<string>();

  constructor(private readonly snapshot: WorkbookSnapshot) {
    for (const sheet of snapshot.sheets) this.needs.set(sheet, new Set());
    // Every aggregate source consults a sheet named Labels when one exists (SPEC §4, SurveyXact).
    const labels = this.findSheet(LABELS_SHEET);
    if (labels) this.needAll(labels);
  }

  /** As the evaluator finds sheets ({@link findSheetNamed}). */
  private findSheet(name: string): SheetSnapshot | null {
    return findSheetNamed(this.snapshot.sheets, name);
  }

  needAll(sheet: SheetSnapshot): void {
    this.needs.set(sheet, 'all');
  }

  addSource(text: string): void {
    // A contract repeats a source in a few rows at most, but a Source column may be long.
    if (this.seen.has(text)) return;
    this.seen.add(text);
    let source: ParsedSource;
    try {
      source = parseSource(text);
    } catch (error) {
      // A syntax error is the row's outcome whatever the data holds: nothing to read for it.
      if (error instanceof SourceSyntaxError) return;
      throw error;
    }
    if (source.kind === 'goal') return;
    const measuredSheet = this.findSheet(source.measured.sheet);
    // An unknown measured sheet is an error outcome that reads nothing.
    if (!measuredSheet) return;
    if (source.options.labels !== undefined) {
      const labels = this.findSheet(source.options.labels);
      if (labels) this.needAll(labels);
    }
    const refs: ColumnRef[] = [source.measured, ...source.filters.map((f) => f.column)];
    if (source.condition) refs.push(source.condition.column);
    if (source.options.previous) refs.push(source.options.previous);
    if (source.options.all) refs.push(source.options.all);
    for (const ref of refs) this.addColumn(ref, measuredSheet.name);
  }

  /** Adds the column a reference names; a reference without a sheet is on the measured sheet. */
  private addColumn(ref: ColumnRef, defaultSheet: string): void {
    const snapshot = this.findSheet(ref.sheet ?? defaultSheet);
    if (!snapshot) return;
    const need = this.needs.get(snapshot);
    if (need === 'all' || need === undefined) return;
    const sheet = this.dataSheet(snapshot);
    if (!sheet) {
      this.needAll(snapshot);
      return;
    }
    const index = sheet.findColumn(ref.name, ref.bracketed);
    if (index === null) this.needAll(snapshot);
    else need.add(index);
  }

  /** The sheet as the evaluator reads it, or null when its head cannot decide the header and the Qualtrics rows. */
  private dataSheet(snapshot: SheetSnapshot): DataSheet | null {
    let sheet = this.dataSheets.get(snapshot);
    if (!sheet) {
      sheet = new DataSheet(snapshot);
      this.dataSheets.set(snapshot, sheet);
    }
    if (!sheet.hasHeader) return null;
    return sheet.nonEmptyRowCount >= DECIDING_ROWS ? sheet : null;
  }

  result(): SourceColumns {
    const out = new Map<string, SheetColumnNeed>();
    for (const [sheet, need] of this.needs) out.set(sheet.name, need === 'all' ? 'all' : [...need].sort((a, b) => a - b));
    return out;
  }
}
