/**
 * Which changes start an automatic recalculation (docs/spec.md §10, "Recalculate automatically";
 * docs/decisions.md, "Recalculate automatically"): a change to a goal sheet's input cells, or to a
 * sheet a Source names. A change only to cells Trafiklys owns (its output columns, the columns its
 * last write plan wrote, the sheets it owns whole) never does: that is how the add-in's own writes
 * are told from the analyst's on every Excel, with or without `triggerSource` (ExcelApi 1.14).
 */
import type { CellValue, SourceColumns, WorkbookSnapshot, WritePlan } from '../engine/index';

/** The engine functions the watch map is built with. */
export interface WatchEngine {
  /** The engine's `findGoalSheetHeader`; only its output columns are used here. */
  findGoalSheetHeader(values: readonly (readonly CellValue[])[]): { outputs: Partial<Record<string, number>> } | null;
  listSourceColumns(snapshot: WorkbookSnapshot): SourceColumns;
  isSettingsSheetName(name: string): boolean;
}

/** What the last read of the workbook says about its sheets; names are lower-case (Excel's are case-insensitive). */
export interface WatchedCells {
  /** Every sheet the read saw, and every sheet its plan adds. */
  known: ReadonlySet<string>;
  /** Goal sheets and the sheets a Source names. */
  watched: ReadonlySet<string>;
  /** The columns Trafiklys owns per sheet (0-based), or `'all'` for a sheet it owns whole. */
  owned: ReadonlyMap<string, ReadonlySet<number> | 'all'>;
}

/**
 * Builds the watch map from a snapshot and the write plan made from it.
 *
 * @example
 * const watch = describeWatchedCells(snapshot, result.plan, engine);
 * isRelevantChange(watch, 'Data', 'A2:F100001') // true when a Source names Data
 */
export function describeWatchedCells(snapshot: WorkbookSnapshot, plan: WritePlan, engine: WatchEngine): WatchedCells {
  const known = new Set<string>();
  const watched = new Set<string>();
  const owned = new Map<string, Set<number> | 'all'>();
  const own = (sheet: string, col: number | 'all'): void => {
    const key = sheet.toLowerCase();
    const current = owned.get(key);
    if (current === 'all') return;
    if (col === 'all') owned.set(key, 'all');
    else if (current) current.add(col);
    else owned.set(key, new Set([col]));
  };
  for (const sheet of snapshot.sheets) {
    known.add(sheet.name.toLowerCase());
    const header = engine.findGoalSheetHeader(sheet.values);
    if (!header) continue;
    watched.add(sheet.name.toLowerCase());
    for (const col of Object.values(header.outputs)) if (col !== undefined) own(sheet.name, col);
  }
  for (const [name, need] of engine.listSourceColumns(snapshot)) {
    const key = name.toLowerCase();
    if (watched.has(key) || engine.isSettingsSheetName(name)) continue;
    if (need === 'all' || need.length > 0) watched.add(key);
  }
  for (const name of plan.addSheets) known.add(name.toLowerCase());
  for (const setup of plan.sheetSetups ?? []) if (setup.clear) own(setup.sheet, 'all');
  for (const write of plan.writes) own(write.sheet, write.col);
  return { known, watched, owned };
}

/** The columns an event's address spans (`B5`, `A2:F9`, `C:F`, `3:7` = every column); `null` when it cannot be read. */
export function columnSpan(address: string): { left: number; right: number } | null {
  const parts = address.replace(/\$/g, '').toUpperCase().split(':');
  if (parts.length > 2) return null;
  const columns: number[] = [];
  for (const part of parts) {
    const match = /^([A-Z]{0,3})(\d*)$/.exec(part);
    if (!match || (match[1] === '' && match[2] === '')) return null;
    if (match[1] === '') return { left: 0, right: Number.MAX_SAFE_INTEGER }; // whole rows
    columns.push([...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1);
  }
  return { left: Math.min(...columns), right: Math.max(...columns) };
}

/**
 * Whether a change to `address` on `sheet` should start a recalculation: a sheet the last read
 * did not know (added or renamed since) always does; otherwise the sheet must be watched and the
 * change must touch a column Trafiklys does not own. A multi-area address counts when any area does.
 *
 * @example isRelevantChange(watch, 'Mål 2021', 'J7') // false: J is the Status column
 */
export function isRelevantChange(watch: WatchedCells, sheet: string, address: string): boolean {
  const key = sheet.toLowerCase();
  if (!watch.known.has(key)) return true;
  if (!watch.watched.has(key)) return false;
  const owned = watch.owned.get(key);
  if (owned === 'all') return false;
  return address.split(/[,;]/).some((area) => {
    const span = columnSpan(area.trim());
    if (!span || !owned) return true;
    if (span.right - span.left > owned.size) return true;
    for (let col = span.left; col <= span.right; col++) if (!owned.has(col)) return true;
    return false;
  });
}
