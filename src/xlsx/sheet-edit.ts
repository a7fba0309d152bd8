import { cellAddress, columnLetter } from '../engine';
import type { CellWrite, SheetSetup } from '../engine';
import { columnOfReference } from './cell-reference';
import type { StyleBook } from './style-book';
import { childXml, joinChildren, setChild, splitChildren, WORKSHEET_ORDER, type XmlChildren } from './xml-children';
import { escapeXml, readAttribute } from './xml-scanner';

/**
 * Rewrites one worksheet part for the plan: its set-up (column widths, gridlines, printing) and
 * the owned cells spliced into its rows, every other byte of the part kept as it was. A cell
 * that holds a formula or lies inside a merge is never written (docs/spec.md §1).
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

export interface SheetEdit {
  writes: CellWrite[];
  setup?: SheetSetup;
}

/** Rewrites one sheet part: set-up first, then the owned cells spliced into the rows. */
export function editSheet(xml: string, file: string, part: string, edit: SheetEdit, styles: StyleBook, result: ApplyPlanResult): string {
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

