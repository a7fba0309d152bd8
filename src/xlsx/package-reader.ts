import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { XlsxError } from './errors';
import { refuseOtherZipFormats } from './file-kind';
import { checkDeclaredSizes, createSizeBudget, inflateEveryEntry, readPackageDirectory, type InspectPackageOptions, type SizeBudget } from './inspect-package';
import { parseRelationships, partKey, relsPartOf, resolveTarget, type Relationship } from './package-parts';
import { decodeXmlText, readAttribute, scanXml, StopReading, XmlScanner, type ElementFastPath, type XmlHandler } from './xml-scanner';
import { inflateEntry, type CentralEntry } from './zip-archive';

/**
 * An .xlsx package opened from its central directory: the small parts every command
 * needs (content types, the workbook and its relationships, styles, shared strings) parsed, and
 * everything else left as compressed bytes until a reader asks for a part.
 */

/** One worksheet of the workbook, in the workbook's order. */
export interface PackageSheet {
  name: string;
  sheetId: number;
  /** The relationship id in the workbook's rels. */
  relId: string;
  /** The zip entry, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export interface DefinedName {
  name: string;
  refersTo: string;
  /** The 0-based sheet index for a sheet-scoped name. */
  localSheetId?: number;
}

export interface PackageStyles {
  part: string | null;
  /** The number format code of each cell style (`cellXfs` index). */
  formatOfXf: string[];
  /** Whether each cell style's format shows a date. */
  dateXf: boolean[];
}

export interface OpenedPackage {
  file: string;
  buffer: Uint8Array;
  entries: CentralEntry[];
  entryByName: Map<string, CentralEntry>;
  budget: SizeBudget;
  workbookPart: string;
  sheets: PackageSheet[];
  definedNames: DefinedName[];
  date1904: boolean;
  styles: PackageStyles;
  sharedStrings: string[];
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRICT_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/** ECMA-376 §18.8.30: the built-in number formats, as exceljs names them (so both readers agree). */
export const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/**
 * Whether a number format shows a date or time: after dropping quoted text, escaped characters
 * and `[...]` sections other than elapsed time, any of d m y h s is left (as exceljs decides).
 * @example isDateFormat('dd-mm-yyyy') // true
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare.split(';')[0] ?? '');
}

/** The entry for a part, tolerating a leading slash, `\` separators and case differences (zip tools vary). */
export function findEntry(pkg: Pick<OpenedPackage, 'entryByName'>, part: string): CentralEntry | undefined {
  const name = part.replace(/^\//, '');
  return pkg.entryByName.get(name) ?? pkg.entryByName.get(partKey(name));
}

/**
 * Streams a part's text to `onText` in pieces (UTF-8, or UTF-16 with a byte-order mark).
 * A UTF-8 chunk of pure ASCII (nearly every chunk of a sheet) is copied to a string as Latin-1,
 * several times faster than UTF-8 decoding and the same text, or handed to `onAscii` as bytes
 * when it is given; the decoder is used otherwise, and whenever it may hold the first bytes of a
 * character split across chunks.
 */
export async function streamPart(pkg: OpenedPackage, entry: CentralEntry, onText: (text: string) => void, onAscii?: (bytes: Buffer) => void): Promise<void> {
  let decoder: StringDecoder | null = null;
  let utf8 = true;
  // Whether the decoder may hold an incomplete character: only when the last byte it saw was not ASCII.
  let pending = false;
  await inflateEntry(pkg.buffer, pkg.file, entry, pkg.budget, (chunk) => {
    if (!decoder) {
      utf8 = !(chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe);
      decoder = new StringDecoder(utf8 ? 'utf8' : 'utf16le');
    }
    if (utf8 && !pending && isAscii(chunk)) {
      if (chunk.length === 0) return;
      if (onAscii) onAscii(chunk);
      else onText(chunk.toString('latin1'));
      return;
    }
    const text = decoder.write(chunk);
    pending = chunk.length > 0 && chunk[chunk.length - 1] >= 0x80;
    if (text.length > 0) onText(text);
  }).catch((error: unknown) => {
    if (!(error instanceof StopReading)) throw error;
  });
  const rest = (decoder as StringDecoder | null)?.end() ?? '';
  if (rest.length > 0) onText(rest);
}

/** Scans a part as a stream with `handler`; a handler may throw {@link StopReading} to stop early. */
export async function scanPart(pkg: OpenedPackage, entry: CentralEntry, handler: XmlHandler, fastPath?: ElementFastPath): Promise<void> {
  const scanner = new XmlScanner(handler, pkg.file, entry.name, fastPath);
  let stopped = false;
  try {
    // Notes a handler's StopReading (so the part is not required to end) and passes it on.
    const guarded =
      <T>(push: (piece: T) => void) =>
      (piece: T): void => {
        try {
          push(piece);
        } catch (error) {
          if (error instanceof StopReading) stopped = true;
          throw error;
        }
      };
    await streamPart(
      pkg,
      entry,
      guarded((text: string) => scanner.push(text)),
      guarded((bytes: Buffer) => scanner.pushAscii(bytes)),
    );
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
    stopped = true;
  }
  if (!stopped) scanner.end();
}

/** A small part's whole text (workbook, rels, styles: never a sheet's data). */
export async function readPartText(pkg: OpenedPackage, entry: CentralEntry): Promise<string> {
  const pieces: string[] = [];
  await streamPart(pkg, entry, (text) => pieces.push(text));
  return pieces.join('').replace(/^\uFEFF/, '');
}

async function readRelationships(pkg: OpenedPackage, part: string): Promise<Relationship[]> {
  const entry = findEntry(pkg, relsPartOf(part));
  if (!entry) return [];
  return parseRelationships(await readPartText(pkg, entry), pkg.file, entry.name);
}

/**
 * Opens a package: checks its signature and sizes, then parses the workbook part, its
 * relationships, styles and shared strings. Sheets are not read here.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls`, `not-zip`, `too-large` or `unreadable`.
 * @example const pkg = await openPackage(await fs.readFile('book.xlsx'), 'book.xlsx');
 */
export async function openPackage(buffer: Uint8Array, file: string, options: InspectPackageOptions = {}): Promise<OpenedPackage> {
  const entries = readPackageDirectory(buffer, file);
  const declared = checkDeclaredSizes(entries, file, options);
  const budget = createSizeBudget(buffer, entries, file, declared.uncompressed, options);
  const entryByName = new Map<string, CentralEntry>();
  for (const entry of entries) {
    entryByName.set(entry.name, entry);
    if (!entryByName.has(partKey(entry.name))) entryByName.set(partKey(entry.name), entry);
  }
  refuseOtherZipFormats(file, entries);
  const pkg: OpenedPackage = {
    file,
    buffer,
    entries,
    entryByName,
    budget,
    workbookPart: '',
    sheets: [],
    definedNames: [],
    date1904: false,
    styles: { part: null, formatOfXf: [], dateXf: [] },
    sharedStrings: [],
  };
  const rootRels = await readRelationships(pkg, '');
  const office = rootRels.find((r) => /\/officeDocument$/.test(r.type) && !r.external);
  const workbookPart = office ? resolveTarget('', office.target) : 'xl/workbook.xml';
  const workbookEntry = findEntry(pkg, workbookPart);
  if (!workbookEntry) {
    // Not a workbook: a zip bomb is named as one first (every entry inflated, counted, dropped).
    await inflateEveryEntry(buffer, entries, file, budget);
    throw new XlsxError('unreadable', file, `${file} is a zip package but not an .xlsx workbook (it has no workbook part ${workbookPart})`);
  }
  // The part's name with `/` separators, whatever the zip entry uses: relative targets resolve against it.
  pkg.workbookPart = workbookEntry.name.replace(/\\/g, '/');
  const workbookRels = await readRelationships(pkg, pkg.workbookPart);
  const relById = new Map(workbookRels.map((r) => [r.id, r]));
  await readWorkbookPart(pkg, workbookEntry, relById);
  const stylesRel = workbookRels.find((r) => /\/styles$/.test(r.type) && !r.external);
  const stylesEntry = stylesRel ? findEntry(pkg, resolveTarget(pkg.workbookPart, stylesRel.target)) : undefined;
  if (stylesEntry) pkg.styles = await readStyles(pkg, stylesEntry);
  const stringsRel = workbookRels.find((r) => /\/sharedStrings$/.test(r.type) && !r.external);
  const stringsEntry = stringsRel ? findEntry(pkg, resolveTarget(pkg.workbookPart, stringsRel.target)) : undefined;
  if (stringsEntry) pkg.sharedStrings = await readSharedStrings(pkg, stringsEntry);
  return pkg;
}

async function readWorkbookPart(pkg: OpenedPackage, entry: CentralEntry, relById: Map<string, Relationship>): Promise<void> {
  const { file } = pkg;
  let namespace: string | undefined;
  let definedName: { name: string; localSheetId?: number; text: string[] } | null = null;
  scanXml(await readPartText(pkg, entry), file, entry.name, {
    open(name, attrs) {
      if (namespace === undefined) {
        // The root's default or prefixed namespace, whichever names the element.
        namespace = /xmlns(?::\w+)?="(http:\/\/(?:schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main|purl\.oclc\.org\/ooxml\/spreadsheetml\/main))"/.exec(attrs)?.[1] ?? '';
        if (namespace === STRICT_NS) {
          throw new XlsxError('unreadable', file, `${file} is saved as Strict Open XML, which Trafiklys does not read; open it in Excel and save it as Excel Workbook (.xlsx)`);
        }
        if (namespace !== MAIN_NS) throw new XlsxError('unreadable', file, `${file} is a zip package but its workbook part ${entry.name} is not a SpreadsheetML workbook`);
      }
      if (name === 'workbookPr') {
        const value = readAttribute(attrs, 'date1904');
        pkg.date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        const relId = readAttribute(attrs, 'id', true) ?? '';
        const rel = relById.get(relId);
        // A chart sheet or dialog sheet has a sheet entry too; only worksheets hold cells.
        if (!rel || rel.external || !/\/worksheet$/.test(rel.type)) return;
        const state = readAttribute(attrs, 'state');
        pkg.sheets.push({
          name: readAttribute(attrs, 'name') ?? '',
          sheetId: Number(readAttribute(attrs, 'sheetId') ?? pkg.sheets.length + 1),
          relId,
          part: resolveTarget(pkg.workbookPart, rel.target),
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        });
      } else if (name === 'definedName') {
        const local = readAttribute(attrs, 'localSheetId');
        definedName = { name: readAttribute(attrs, 'name') ?? '', localSheetId: local === undefined ? undefined : Number(local), text: [] };
      }
    },
    close(name) {
      if (name === 'definedName' && definedName) {
        pkg.definedNames.push({ name: definedName.name, refersTo: decodeXmlText(definedName.text.join('')), localSheetId: definedName.localSheetId });
        definedName = null;
      }
    },
    text(raw) {
      definedName?.text.push(raw);
    },
  });
  if (namespace === undefined) throw new XlsxError('unreadable', file, `${file}: its workbook part ${entry.name} is empty`);
}

async function readStyles(pkg: OpenedPackage, entry: CentralEntry): Promise<PackageStyles> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  scanXml(await readPartText(pkg, entry), pkg.file, entry.name, {
    open(name, attrs, selfClosing) {
      if (name === 'numFmt') custom.set(Number(readAttribute(attrs, 'numFmtId')), readAttribute(attrs, 'formatCode') ?? 'General');
      else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(readAttribute(attrs, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  const formatOfXf = xfFormats.map((id) => custom.get(id) ?? BUILT_IN_FORMATS[id] ?? 'General');
  // Ids 27–36 and 50–58 are locale-dependent dates (East Asian calendars).
  const dateXf = xfFormats.map((id, i) => (id >= 27 && id <= 36) || (id >= 50 && id <= 58) || isDateFormat(formatOfXf[i]));
  return { part: entry.name, formatOfXf, dateXf };
}

/** Shared strings, streamed: rich-text runs joined, phonetic runs (`rPh`) left out as Excel shows them. */
async function readSharedStrings(pkg: OpenedPackage, entry: CentralEntry): Promise<string[]> {
  const strings: string[] = [];
  let pieces: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await scanPart(pkg, entry, {
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        if (selfClosing) strings.push('');
        else pieces = [];
      } else if (name === 'rPh') {
        if (!selfClosing) phonetic++;
      } else if (name === 't') inText = !selfClosing && phonetic === 0;
    },
    close(name) {
      if (name === 'si' && pieces) {
        strings.push(pieces.join(''));
        pieces = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(raw, cdata) {
      if (inText && pieces) pieces.push(cdata ? raw : decodeXmlText(raw));
    },
  });
  return strings;
}
