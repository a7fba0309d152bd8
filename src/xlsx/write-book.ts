import { cellAddress } from '../engine';
import type { WritePlan } from '../engine';
import { CONTENT_TYPES_PART, CT_STYLES, CT_WORKSHEET, folderOf, NS_REL, partKey, REL_STYLES, REL_WORKSHEET, RelatedParts, relsPartOf } from './package-parts';
import { findEntry, readPartText, type PackageSheet } from './package-reader';
import type { LoadedBook } from './read-book';
import { EMPTY_STYLESHEET, StyleBook } from './style-book';
import { editSheet, type ApplyPlanResult, type SheetEdit } from './sheet-edit';
import { editWorkbook, type WorkbookEdit } from './workbook-edit';
import { writeZipPieces, type ZipOutputEntry } from './zip-writer';

/**
 * Applies the engine's plan to the package: only the parts Trafiklys owns are rewritten
 * (the written sheets, styles.xml, the workbook part, and its rels and the content types when a
 * sheet is added), each by splicing into its existing XML; every other zip entry is copied with
 * its compressed bytes as they were.
 */

export interface AppliedPackage extends ApplyPlanResult {
  /** The new package as the pieces it is made of, in order (views of the old package where copied). */
  pieces: Uint8Array[];
  /** The plan changed no part (a workbook with no goal sheet): every entry is copied as it was. */
  unchanged: boolean;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * A sheet name in quotes whatever it is: the print titles have always been written so (the
 * engine's quoteSheetName quotes only where Excel must, which would change the bytes written).
 */
function quoteSheetAlways(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Applies a plan to a loaded book and returns the new package as pieces, for
 * {@link writeFileSafely} to write one after the other. Only the package is needed, so a caller
 * can let the snapshot (a data sheet's columns) go before the write.
 *
 * @example
 * const { pieces, skipped } = await applyPlanToPackage({ pkg }, recalculation.plan);
 * await writeFileSafely('contract.trafiklys.xlsx', pieces);
 */
export async function applyPlanToPackage(book: Pick<LoadedBook, 'pkg'>, plan: WritePlan, now: Date = new Date()): Promise<AppliedPackage> {
  const { pkg } = book;
  const file = pkg.file;
  const result: ApplyPlanResult = { written: 0, skipped: [] };
  const replaced = new Map<string, string>();
  const added: { name: string; text: string }[] = [];
  const sheets: (PackageSheet & { isNew?: boolean })[] = [...pkg.sheets];
  const byName = (name: string): PackageSheet | undefined => sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());

  // The workbook's rels and content types change only when a part is added.
  const relsName = relsPartOf(pkg.workbookPart);
  const relsEntry = findEntry(pkg, relsName);
  const typesEntry = findEntry(pkg, CONTENT_TYPES_PART);
  const related = new RelatedParts(pkg.workbookPart, relsEntry ? await readPartText(pkg, relsEntry) : null, typesEntry ? await readPartText(pkg, typesEntry) : '');
  const workbookDir = folderOf(pkg.workbookPart);
  const taken = new Set(pkg.entries.map((e) => partKey(e.name)));
  const newSheets: WorkbookEdit['addSheets'] = [];
  let maxSheetId = Math.max(0, ...pkg.sheets.map((s) => s.sheetId));
  for (const name of plan.addSheets) {
    if (byName(name)) continue;
    let n = sheets.length + 1;
    while (taken.has(`${workbookDir}worksheets/sheet${n}.xml`.toLowerCase())) n++;
    const part = `${workbookDir}worksheets/sheet${n}.xml`;
    taken.add(part.toLowerCase());
    const relId = related.add(part, REL_WORKSHEET, CT_WORKSHEET);
    maxSheetId++;
    sheets.push({ name, sheetId: maxSheetId, relId, part, state: 'visible', isNew: true });
    newSheets.push({ name, sheetId: maxSheetId, relId });
  }

  let stylesPart = pkg.styles.part;
  let stylesXml: string;
  if (stylesPart) stylesXml = await readPartText(pkg, findEntry(pkg, stylesPart)!);
  else {
    stylesPart = `${workbookDir}styles.xml`;
    stylesXml = EMPTY_STYLESHEET;
  }
  const styles = new StyleBook(stylesXml, file, stylesPart);

  const edits = new Map<PackageSheet, SheetEdit>();
  const editOf = (sheet: PackageSheet): SheetEdit => {
    let e = edits.get(sheet);
    if (!e) edits.set(sheet, (e = { writes: [] }));
    return e;
  };
  for (const setup of plan.sheetSetups ?? []) {
    const sheet = byName(setup.sheet);
    if (sheet) editOf(sheet).setup = setup;
  }
  for (const write of plan.writes) {
    const sheet = byName(write.sheet);
    if (!sheet) result.skipped.push({ write, cell: cellAddress(write.sheet, write.row, write.col), reason: 'unknown-sheet' });
    else editOf(sheet).writes.push(write);
  }
  for (const sheet of sheets.filter((s) => s.isNew)) editOf(sheet);
  for (const [sheet, edit] of edits) {
    const isNew = (sheet as { isNew?: boolean }).isNew === true;
    const entry = isNew ? undefined : findEntry(pkg, sheet.part);
    const xml = entry
      ? await readPartText(pkg, entry)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData/></worksheet>`;
    const text = editSheet(xml, file, entry?.name ?? sheet.part, edit, styles, result);
    if (entry) replaced.set(entry.name, text);
    else added.push({ name: sheet.part, text });
  }

  if (styles.changed) {
    const text = styles.toXml();
    if (pkg.styles.part) replaced.set(findEntry(pkg, pkg.styles.part)!.name, text);
    else {
      added.push({ name: stylesPart, text });
      related.add(stylesPart, REL_STYLES, CT_STYLES);
    }
  }

  const definedNames: WorkbookEdit['definedNames'] = [...(plan.definedNames ?? [])];
  for (const setup of plan.sheetSetups ?? []) {
    const repeat = setup.print?.repeatRows;
    const index = sheets.findIndex((s) => s.name.toLowerCase() === setup.sheet.toLowerCase());
    if (repeat && index >= 0) definedNames.push({ name: '_xlnm.Print_Titles', refersTo: `${quoteSheetAlways(sheets[index].name)}!$${repeat.first + 1}:$${repeat.last + 1}`, localSheetId: index });
  }
  // A plan that changes nothing leaves the workbook part alone too (no recalculation asked for):
  // the new package is the old one, entry for entry.
  const unchanged = replaced.size === 0 && added.length === 0 && newSheets.length === 0 && definedNames.length === 0;
  const workbookEntry = findEntry(pkg, pkg.workbookPart)!;
  if (!unchanged) replaced.set(workbookEntry.name, editWorkbook(await readPartText(pkg, workbookEntry), file, workbookEntry.name, { addSheets: newSheets, definedNames }));
  if (related.changed) {
    if (relsEntry) replaced.set(relsEntry.name, related.relationshipsXml);
    else added.push({ name: relsName, text: related.relationshipsXml });
    if (typesEntry) replaced.set(typesEntry.name, related.contentTypesXml);
  }

  const out: ZipOutputEntry[] = pkg.entries.map((entry) => {
    const text = replaced.get(entry.name);
    return text === undefined ? { kind: 'copy', entry } : { kind: 'new', name: entry.name, data: Buffer.from(text, 'utf8'), modTime: entry.modTime, modDate: entry.modDate };
  });
  for (const a of added) out.push({ kind: 'new', name: a.name, data: Buffer.from(a.text, 'utf8') });
  return { ...result, unchanged, pieces: writeZipPieces(pkg.buffer, out, now) };
}

