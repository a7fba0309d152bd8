import { CellDecoder, type SheetContext } from './cell-decoder';
import { columnOfReference, rowOfReference } from './cell-reference';
import { findEntry, scanPart, type OpenedPackage, type PackageSheet } from './package-reader';
import { createSheetFastPath } from './sheet-fast-path';
import { createSink, type SheetRead, type SheetReadMode } from './sheet-sinks';
import { SheetState } from './sheet-state';
import { decodeXmlText, readAttribute, type ElementFastPath, type XmlHandler } from './xml-scanner';
import { XlsxError } from './errors';

/**
 * Reads one worksheet part as a stream, in the pieces calamine keeps apart: finding the cells
 * (the token path here, the byte-level fast path in sheet-fast-path.ts, both moving one
 * {@link SheetState}), decoding their values (cell-decoder.ts) and keeping them as the read mode
 * asks (sheet-sinks.ts).
 */

/**
 * Reads a worksheet part.
 *
 * @throws {XlsxError} when the part is missing, damaged or not well-formed (naming the part).
 * @example const { values } = await readSheet(pkg, pkg.sheets[0], { kind: 'whole' });
 */
export async function readSheet(pkg: OpenedPackage, sheet: PackageSheet, mode: SheetReadMode): Promise<SheetRead> {
  const entry = findEntry(pkg, sheet.part);
  if (!entry) throw new XlsxError('unreadable', pkg.file, `cannot read ${pkg.file}: the sheet '${sheet.name}' has no part ${sheet.part} in the package`);
  const reader = createSheetReader(pkg, mode, { file: pkg.file, part: entry.name });
  await scanPart(pkg, entry, reader.handler, reader.fastPath);
  return reader.result();
}

/** A worksheet part's reader: the scanner's handler and fast path, and what they read. */
export interface SheetReader {
  handler: XmlHandler;
  /** The byte-level fast path for cells and row boundaries; reading without it gives the same result, slower. */
  fastPath: ElementFastPath;
  result(): SheetRead;
}

/**
 * The reader of one worksheet part, to feed to an {@link XmlScanner} (readSheet streams the part
 * into it; tests push pieces split anywhere, with and without the fast path).
 */
export function createSheetReader(context: SheetContext, mode: SheetReadMode, where: { file: string; part: string }): SheetReader {
  const decoder = new CellDecoder(context);
  const sink = createSink(context, mode);
  const state = new SheetState(sink, decoder, mode.kind === 'head' ? mode.rows : Infinity, where);
  return {
    handler: createTokenHandler(state),
    fastPath: createSheetFastPath(state, decoder, context.sharedStrings.length),
    result: () => sink.result(state.maxRow + 1),
  };
}

/** The token-by-token path: every cell shape, inline strings and phonetic runs included. */
function createTokenHandler(state: SheetState): XmlHandler {
  const sink = state.sink;
  // The cell being read, as far as only this path needs it.
  let wanted = false;
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  return {
    open(name, attrs, selfClosing) {
      if (!state.inSheetData) {
        if (name === 'sheetData') state.inSheetData = !selfClosing;
        return;
      }
      if (name === 'c') {
        const ref = readAttribute(attrs, 'r');
        if (ref !== undefined) state.enterCellRow(rowOfReference(ref));
        state.placeCell(ref === undefined ? -1 : columnOfReference(ref));
        wanted = sink.wants(state.col);
        if (!wanted) return;
        state.type = readAttribute(attrs, 't');
        const s = readAttribute(attrs, 's');
        state.style = s === undefined ? 0 : Number(s);
        state.hasFormula = false;
        state.text = '';
        state.gotValue = false;
        capture = null;
        inInline = false;
        phonetic = 0;
        if (selfClosing) {
          if (sink.keepsBlanks) state.finishCell();
          wanted = false;
        }
        return;
      }
      if (name === 'row') {
        const r = readAttribute(attrs, 'r');
        state.startRow(r === undefined ? Number.NaN : Number(r));
        return;
      }
      if (!wanted) return;
      if (name === 'v') {
        if (!selfClosing) capture = 'v';
        state.gotValue = true;
      } else if (name === 'f') state.hasFormula = true;
      else if (name === 'is') inInline = !selfClosing;
      else if (name === 'rPh') {
        if (!selfClosing) phonetic++;
      } else if (name === 't' && inInline) {
        state.gotValue = true;
        if (!selfClosing && phonetic === 0) capture = 't';
      }
    },
    close(name) {
      if (!state.inSheetData) return;
      if (name === 'sheetData') {
        state.inSheetData = false;
        return;
      }
      if (!wanted) return;
      if (name === 'c') {
        state.finishCell();
        wanted = false;
      } else if (name === 'v' || name === 't') capture = null;
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') phonetic--;
    },
    text(raw, cdata) {
      if (capture === null) return;
      // Inline text is decoded here; a <v> is decoded only when it is text (numbers have no entities).
      state.text += capture === 't' && !cdata ? decodeXmlText(raw) : raw;
    },
  };
}
