import { isGoalSheetHead, isSettingsSheetName, listSourceColumns } from '../engine';
import { HEADER_SEARCH_ROWS } from '../engine';
import type { SheetSnapshot, WorkbookSnapshot } from '../engine';
import { XlsxError } from './errors';
import { nodeFileSystem, type XlsxFileSystem } from './file-system';
import type { InspectPackageOptions } from './inspect-package';
import { openPackage, type OpenedPackage } from './package-reader';
import { readSheet } from './sheet-reader';

/**
 * The streaming read of a workbook file into the engine's snapshot, in three steps:
 * every sheet's head (its first rows) to tell goal and settings sheets from data sheets; those
 * sheets whole; then the data sheets only in the columns their Sources name
 * (`listSourceColumns`), by column.
 */

export interface LoadedBook {
  snapshot: WorkbookSnapshot;
  /** The opened package, for {@link applyPlanToBook} (write-book.ts). */
  pkg: OpenedPackage;
}

export interface LoadBookOptions extends InspectPackageOptions {
  /** The file system the book is read from. Default node:fs. */
  fs?: Pick<XlsxFileSystem, 'readFile'>;
}

async function readBytes(file: string, fs: Pick<XlsxFileSystem, 'readFile'>): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String((cause as Error).message);
    throw new XlsxError('not-found', file, `cannot read ${file}: ${reason}`, { cause });
  }
}

/** Reads an opened package into a snapshot. */
async function readPackageSnapshot(pkg: OpenedPackage): Promise<WorkbookSnapshot> {
  const sheets: SheetSnapshot[] = [];
  const whole = new Set<number>();
  for (const [i, sheet] of pkg.sheets.entries()) {
    const head = await readSheet(pkg, sheet, { kind: 'head', rows: HEADER_SEARCH_ROWS });
    if (isSettingsSheetName(sheet.name) || isGoalSheetHead(head.values)) {
      const read = await readSheet(pkg, sheet, { kind: 'whole' });
      sheets.push({ name: sheet.name, values: read.values, numberFormats: read.numberFormats, formulas: read.formulas });
      whole.add(i);
    } else sheets.push({ name: sheet.name, values: head.values });
  }
  const needs = listSourceColumns({ sheets });
  for (const [i, sheet] of pkg.sheets.entries()) {
    if (whole.has(i)) continue;
    const need = needs.get(sheet.name) ?? 'all';
    if (need === 'all') {
      const read = await readSheet(pkg, sheet, { kind: 'whole' });
      sheets[i] = { name: sheet.name, values: read.values, numberFormats: read.numberFormats, formulas: read.formulas };
    } else if (need.length > 0) {
      const read = await readSheet(pkg, sheet, { kind: 'columns', columns: need });
      sheets[i] = { name: sheet.name, values: sheets[i].values, columns: read.columns };
    }
  }
  // Workbook-scoped names only: the engine tells its own status report sheet by one (docs/spec.md §8).
  const definedNames = pkg.definedNames.filter((n) => n.localSheetId === undefined).map((n) => ({ name: n.name, refersTo: n.refersTo }));
  return { sheets, definedNames };
}

/**
 * Opens and reads a workbook file for `recalc`, `check` and `report`.
 *
 * @throws {XlsxError} `not-found`, `not-zip`, `encrypted`, `legacy-xls`, `too-large` or `unreadable`.
 * @example
 * const { snapshot, pkg } = await loadBook('contract.xlsx');
 * const recalculation = recalculate(snapshot, { now: new Date() });
 */
export async function loadBook(file: string, options: LoadBookOptions = {}): Promise<LoadedBook> {
  const buffer = await readBytes(file, options.fs ?? nodeFileSystem);
  const pkg = await openPackage(buffer, file, options);
  const snapshot = await readPackageSnapshot(pkg);
  return { snapshot, pkg };
}
