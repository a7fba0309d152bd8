import { cellAddress, columnLetter } from '../engine';
import type { CellWrite, DefinedNameWrite, SheetSetup, WritePlan } from '../engine';
import { CONTENT_TYPES_PART, CT_STYLES, CT_WORKSHEET, folderOf, NS_REL, partKey, REL_STYLES, REL_WORKSHEET, RelatedParts, relsPartOf } from './package-parts';
import { findEntry, readPartText, type PackageSheet } from './package-reader';
import type { LoadedBook } from './read-book';
import { columnOfReference } from './cell-reference';
import { EMPTY_STYLESHEET, StyleBook } from './style-book';
import { childXml, joinChildren, setChild, splitChildren, WORKBOOK_ORDER, WORKSHEET_ORDER, type XmlChildren } from './xml-children';
import { escapeXml, readAttribute } from './xml-scanner';
import { writeZipPieces, type ZipOutputEntry } from './zip-writer';

/**
 * Applies the engine's plan to the package: only the parts Trafiklys owns are rewritten
 * (the written sheets, styles.xml, the workbook part, and its rels and the content types when a
 * sheet is added), each by splicing into its existing XML; every other zip entry is copied with
 * its compressed bytes as they were.
 */

/** A write the adapter would not make, and why. */
export interface SkippedWrite {
  write: CellWrite;
  /** `'Mål 2021'!H7` */
  cell: string;
  reason: 'formula' | 'merged' | 'unknown-sheet';
}

/** How many of the plan's writes were made, and the ones refused. */
export interface ApplyPlanResult {
  written: number;
  skipped: SkippedWrite[];
}

export interface AppliedPackage extends ApplyPlanResult {
  /** The new package as the pieces it is made of, in order (views of the old package where copied). */
  pieces: Uint8Array[];
  /** The plan changed no part (a workbook with no goal sheet): every entry is copied as it was. */
  unchanged: boolean;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

interface ExistingCell {
  col: number;
  start: number;
  end: number;
  hasR: boolean;
  style: number;
  formula: boolean;
}

interface ExistingRow {
  row: number;
  hasR: boolean;
  start: number;
  /** End of the start tag. */
  openEnd: number;
  end: number;
  selfClosing: boolean;
  cells: ExistingCell[];
}

/** The rows and cells of a sheet part's sheetData, with their offsets in the part. */
function mapSheetData(xml: string, file: string, part: string): { doc: XmlChildren; rows: ExistingRow[]; merges: { r0: number; c0: number; r1: number; c1: number }[] } {
  const rows: ExistingRow[] = [];
  const merges: { r0: number; c0: number; r1: number; c1: number }[] = [];
  let row: ExistingRow | null = null;
  let cell: ExistingCell | null = null;
  let nextCol = 0;
  const doc = splitChildren(xml, file, part, {
    open(name, attrs, selfClosing, start, end) {
      if (name === 'row') {
        const r = readAttribute(attrs, 'r');
        const n = r === undefined ? Number.NaN : Number(r) - 1;
        const index = Number.isInteger(n) && n >= 0 ? n : (rows[rows.length - 1]?.row ?? -1) + 1;
        row = { row: index, hasR: r !== undefined, start, openEnd: end, end, selfClosing, cells: [] };
        rows.push(row);
        nextCol = 0;
      } else if (name === 'c' && row) {
        const ref = readAttribute(attrs, 'r');
        const c = ref === undefined ? -1 : columnOfReference(ref);
        const col = c >= 0 ? c : nextCol;
        nextCol = col + 1;
        cell = { col, start, end, hasR: ref !== undefined, style: Number(readAttribute(attrs, 's') ?? 0), formula: false };
        row.cells.push(cell);
        if (selfClosing) cell = null;
      } else if (name === 'f' && cell) cell.formula = true;
      else if (name === 'mergeCell') {
        const m = /^([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?$/.exec(readAttribute(attrs, 'ref') ?? '');
        if (m) merges.push({ c0: columnOfReference(m[1]), r0: Number(m[2]) - 1, c1: columnOfReference(m[3] ?? m[1]), r1: Number(m[4] ?? m[2]) - 1 });
      }
    },
    close(name, _start, end) {
      if (name === 'row' && row) {
        row.end = end;
        row = null;
      } else if (name === 'c' && cell) {
        cell.end = end;
        cell = null;
      }
    },
    text() {},
  });
  return { doc, rows, merges };
}

function cellXml(p: string, ref: string, style: number, value: string | number | null): string {
  const s = style > 0 ? ` s="${style}"` : '';
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return `<${p}c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

/** Adds ` r="…"` to a start tag that lacks it (its position becomes explicit before cells are inserted). */
function withReference(tag: string, ref: string): string {
  return tag.replace(/^<([^\s/>]+)/, `<$1 r="${ref}"`);
}

/** A row's start tag with a custom height in points (`<row … ht="30" customHeight="1">`), an old height replaced. */
function withHeight(openTag: string, height: number): string {
  const attrs = openTag.replace(/\s+(?:ht|customHeight)="[^"]*"/g, '');
  return attrs.replace(/\s*(\/?)>$/, ` ht="${height}" customHeight="1"$1>`);
}

interface SheetEdit {
  writes: CellWrite[];
  setup?: SheetSetup;
}

/** Rewrites one sheet part: set-up first, then the owned cells spliced into the rows. */
function editSheet(xml: string, file: string, part: string, edit: SheetEdit, styles: StyleBook, result: ApplyPlanResult): string {
  const { doc, rows: mapped, merges } = mapSheetData(xml, file, part);
  const p = doc.prefix;
  const setup = edit.setup;
  const rows = setup?.clear ? [] : mapped;
  if (setup?.clear) setChild(doc, WORKSHEET_ORDER, 'mergeCells', null);
  const liveMerges = setup?.clear ? [] : merges;
  const byRow = new Map<number, Map<number, CellWrite>>();
  for (const write of edit.writes) {
    const cell = cellAddress(write.sheet, write.row, write.col);
    const existing = rows.find((r) => r.row === write.row)?.cells.find((c) => c.col === write.col);
    if (existing?.formula) {
      result.skipped.push({ write, cell, reason: 'formula' });
      continue;
    }
    if (liveMerges.some((m) => write.row >= m.r0 && write.row <= m.r1 && write.col >= m.c0 && write.col <= m.c1 && (write.row !== m.r0 || write.col !== m.c0))) {
      result.skipped.push({ write, cell, reason: 'merged' });
      continue;
    }
    let cells = byRow.get(write.row);
    if (!cells) byRow.set(write.row, (cells = new Map()));
    cells.set(write.col, write);
    result.written++;
  }
  const heights = new Map((setup?.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rowXml = (row: ExistingRow | null, index: number, writes: Map<number, CellWrite> | undefined): string => {
    const height = heights.get(index);
    if (height !== undefined) {
      const text = rowXmlAsIs(row, index, writes);
      const openEnd = text.indexOf('>') + 1;
      return withHeight(text.slice(0, openEnd), height) + text.slice(openEnd);
    }
    return rowXmlAsIs(row, index, writes);
  };
  const rowXmlAsIs = (row: ExistingRow | null, index: number, writes: Map<number, CellWrite> | undefined): string => {
    if (row && !writes) return row.hasR ? xml.slice(row.start, row.end) : withReference(xml.slice(row.start, row.openEnd), String(index + 1)) + xml.slice(row.openEnd, row.end);
    const parts: { col: number; text: string }[] = [];
    for (const c of row?.cells ?? []) {
      if (writes?.has(c.col)) continue;
      const text = xml.slice(c.start, c.end);
      parts.push({ col: c.col, text: c.hasR ? text : withReference(text, `${columnLetter(c.col)}${index + 1}`) });
    }
    for (const [col, write] of writes ?? []) {
      const base = row?.cells.find((c) => c.col === col)?.style ?? 0;
      parts.push({ col, text: cellXml(p, `${columnLetter(col)}${index + 1}`, styles.styleFor(base, write), write.value) });
    }
    parts.sort((a, b) => a.col - b.col);
    // `spans` is only a hint, and would be stale once cells are added.
    const open = row ? xml.slice(row.start, row.openEnd).replace(/\s+spans="[^"]*"/, '').replace(/\s*\/>$/, '>') : `<${p}row>`;
    const tag = row?.hasR ? open : withReference(open, String(index + 1));
    return `${tag}${parts.map((x) => x.text).join('')}</${p}row>`;
  };
  const out: string[] = [];
  const pending = [...new Set([...byRow.keys(), ...heights.keys()])].filter((r) => !rows.some((x) => x.row === r)).sort((a, b) => a - b);
  let k = 0;
  for (const row of rows) {
    while (k < pending.length && pending[k] < row.row) {
      out.push(rowXml(null, pending[k], byRow.get(pending[k])));
      k++;
    }
    out.push(rowXml(row, row.row, byRow.get(row.row)));
  }
  for (; k < pending.length; k++) out.push(rowXml(null, pending[k], byRow.get(pending[k])));
  const sheetData = doc.children.find((c) => c.name === 'sheetData');
  const sheetDataAttrs = sheetData?.attrs ?? '';
  const unchanged = !setup?.clear && byRow.size === 0 && heights.size === 0;
  if (!unchanged || !sheetData) setChild(doc, WORKSHEET_ORDER, 'sheetData', out.length === 0 ? `<${p}sheetData${sheetDataAttrs}/>` : `<${p}sheetData${sheetDataAttrs}>${out.join('')}</${p}sheetData>`, sheetDataAttrs);
  if (setup) applySetup(doc, setup);
  return joinChildren(doc);
}

function applySetup(doc: XmlChildren, setup: SheetSetup): void {
  const p = doc.prefix;
  if (setup.columnWidths && setup.columnWidths.some((w) => w !== null)) {
    const cols = doc.children.find((c) => c.name === 'cols');
    const set = new Map<number, number>();
    setup.columnWidths.forEach((w, i) => {
      if (w !== null) set.set(i + 1, w);
    });
    // A `<col>` range that covers a column being set is replaced; the others stay as they were.
    const kept: string[] = [];
    if (cols) {
      for (const m of childXml(cols).matchAll(/<(?:\w+:)?col\b[^>]*?\/>/g)) {
        const min = Number(readAttribute(m[0], 'min'));
        const max = Number(readAttribute(m[0], 'max'));
        if (![...set.keys()].some((c) => c >= min && c <= max)) kept.push(m[0]);
      }
    }
    const added = [...set].map(([c, w]) => ({ min: c, text: `<${p}col min="${c}" max="${c}" width="${w}" customWidth="1"/>` }));
    const all = [...kept.map((text) => ({ min: Number(readAttribute(text, 'min')), text })), ...added].sort((a, b) => a.min - b.min);
    setChild(doc, WORKSHEET_ORDER, 'cols', `<${p}cols>${all.map((x) => x.text).join('')}</${p}cols>`);
  }
  if (setup.showGridlines !== undefined) {
    const value = setup.showGridlines ? '1' : '0';
    const views = doc.children.find((c) => c.name === 'sheetViews');
    if (views) {
      const xml = childXml(views).replace(/<((?:\w+:)?sheetView)\b([^>]*?)(\/?)>/g, (_m, tag: string, attrs: string, close: string) => `<${tag}${attrs.replace(/\s+showGridLines="[^"]*"/, '')} showGridLines="${value}"${close}>`);
      setChild(doc, WORKSHEET_ORDER, 'sheetViews', xml);
    } else setChild(doc, WORKSHEET_ORDER, 'sheetViews', `<${p}sheetViews><${p}sheetView showGridLines="${value}" workbookViewId="0"/></${p}sheetViews>`);
  }
  if (setup.print) {
    const print = setup.print;
    const existing = doc.children.find((c) => c.name === 'pageSetup');
    // A printer-settings relationship on the old element is kept.
    const relId = existing ? /\s(\w+:id="[^"]*")/.exec(existing.attrs)?.[1] : undefined;
    const fit = print.fitToPagesWide !== undefined ? ` fitToWidth="${print.fitToPagesWide}" fitToHeight="0"` : '';
    setChild(doc, WORKSHEET_ORDER, 'pageSetup', `<${p}pageSetup paperSize="9" orientation="${print.orientation}"${fit}${relId ? ` ${relId}` : ''}/>`);
    if (!doc.children.some((c) => c.name === 'pageMargins')) {
      setChild(doc, WORKSHEET_ORDER, 'pageMargins', `<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`);
    }
    if (print.fitToPagesWide !== undefined) {
      const sheetPr = doc.children.find((c) => c.name === 'sheetPr');
      const fitTag = `<${p}pageSetUpPr fitToPage="1"/>`;
      if (!sheetPr) setChild(doc, WORKSHEET_ORDER, 'sheetPr', `<${p}sheetPr>${fitTag}</${p}sheetPr>`);
      else {
        let xml = childXml(sheetPr);
        if (/<(?:\w+:)?pageSetUpPr\b/.test(xml)) xml = xml.replace(/<((?:\w+:)?pageSetUpPr)\b([^>]*?)\/>/, (_m, tag: string, attrs: string) => `<${tag}${attrs.replace(/\s+fitToPage="[^"]*"/, '')} fitToPage="1"/>`);
        else if (/\/>$/.test(xml)) xml = xml.replace(/\s*\/>$/, `>${fitTag}</${p}sheetPr>`);
        // CT_SheetPr: tabColor, outlinePr, then pageSetUpPr.
        else xml = xml.replace(/<\/(?:\w+:)?sheetPr>$/, `${fitTag}$&`);
        setChild(doc, WORKSHEET_ORDER, 'sheetPr', xml);
      }
    }
  }
}

/**
 * A sheet name in quotes whatever it is: the print titles have always been written so (the
 * engine's quoteSheetName quotes only where Excel must, which would change the bytes written).
 */
function quoteSheetAlways(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

interface WorkbookEdit {
  addSheets: { name: string; sheetId: number; relId: string }[];
  definedNames: (DefinedNameWrite & { localSheetId?: number })[];
}

function editWorkbook(xml: string, file: string, part: string, edit: WorkbookEdit): string {
  const doc = splitChildren(xml, file, part);
  const p = doc.prefix;
  const relPrefix = new RegExp(`xmlns:(\\w+)="${NS_REL.replace(/[./]/g, '\\$&')}"`).exec(doc.rootAttrs)?.[1];
  if (edit.addSheets.length > 0) {
    const sheets = doc.children.find((c) => c.name === 'sheets');
    const added = edit.addSheets
      .map((s) => `<${p}sheet name="${escapeXml(s.name)}" sheetId="${s.sheetId}" ${relPrefix ? `${relPrefix}:id` : `xmlns:r="${NS_REL}" r:id`}="${s.relId}"/>`)
      .join('');
    const body = sheets ? childXml(sheets) : `<${p}sheets/>`;
    setChild(doc, WORKBOOK_ORDER, 'sheets', /\/>$/.test(body) ? body.replace(/\s*\/>$/, `>${added}</${p}sheets>`) : body.replace(/<\/(?:\w+:)?sheets>$/, `${added}$&`));
  }
  if (edit.definedNames.length > 0) {
    const names = doc.children.find((c) => c.name === 'definedNames');
    let body = names ? childXml(names) : `<${p}definedNames></${p}definedNames>`;
    if (/\/>$/.test(body)) body = body.replace(/\s*\/>$/, `></${p}definedNames>`);
    for (const dn of edit.definedNames) {
      const local = dn.localSheetId === undefined ? '' : ` localSheetId="${dn.localSheetId}"`;
      const element = `<${p}definedName name="${escapeXml(dn.name)}"${local}>${escapeXml(dn.refersTo)}</${p}definedName>`;
      let replaced = false;
      body = body.replace(/<(?:\w+:)?definedName\b([^>]*)>[\s\S]*?<\/(?:\w+:)?definedName>/g, (whole, attrs: string) => {
        const sameName = (readAttribute(attrs, 'name') ?? '').toLowerCase() === dn.name.toLowerCase();
        const l = readAttribute(attrs, 'localSheetId');
        if (!replaced && sameName && (l === undefined ? dn.localSheetId === undefined : Number(l) === dn.localSheetId)) {
          replaced = true;
          return element;
        }
        return whole;
      });
      if (!replaced) body = body.replace(/<\/(?:\w+:)?definedNames>$/, `${element}$&`);
    }
    setChild(doc, WORKBOOK_ORDER, 'definedNames', body);
  }
  // Ask Excel to recalculate on open: a user's formula that reads an owned cell is never stale.
  const calc = doc.children.find((c) => c.name === 'calcPr');
  if (!calc) setChild(doc, WORKBOOK_ORDER, 'calcPr', `<${p}calcPr fullCalcOnLoad="1"/>`);
  else if (readAttribute(calc.attrs, 'fullCalcOnLoad') !== '1') {
    const xml2 = childXml(calc).replace(/^<([^\s/>]+)([^>]*?)(\/?)>/, (_m, tag: string, attrs: string, close: string) => `<${tag}${attrs.replace(/\s+fullCalcOnLoad="[^"]*"/, '')} fullCalcOnLoad="1"${close}>`);
    setChild(doc, WORKBOOK_ORDER, 'calcPr', xml2, calc.attrs);
  }
  return joinChildren(doc);
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

