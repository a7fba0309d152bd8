import JSZip from 'jszip';
import { XlsxError } from './errors';

/**
 * Looks inside a workbook file before exceljs does: tells a zip package from an OLE compound
 * file (encrypted workbook or legacy .xls) and lists the parts exceljs cannot keep when it
 * rewrites the package (TOOLCHAIN.md: charts, pivot tables, VBA), so an in-place write can be
 * refused instead of silently losing them (SPEC §6).
 */

/** `PK\x03\x04`, the local file header every zip (and so every .xlsx) starts with. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** `D0 CF 11 E0 A1 B1 1A E1`, the OLE compound file header (.xls, and encrypted .xlsx). */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A part of the package exceljs would drop, with the reason shown to the user. */
export interface UnkeepablePart {
  /** The zip entry (or folder) found, e.g. `xl/charts/chart1.xml`. */
  part: string;
  /** What the user would lose, e.g. `charts`. */
  kind: 'charts' | 'pivot tables' | 'macros' | 'slicers';
}

/** Bounds on what a package may unpack to, checked on the central directory before unpacking. */
export interface InspectPackageOptions {
  /** The most the entries may declare uncompressed, summed. Default {@link MAX_UNCOMPRESSED_BYTES}. */
  maxUncompressedBytes?: number;
  /** The highest total uncompressed ÷ compressed ratio. Default {@link MAX_COMPRESSION_RATIO}. */
  maxCompressionRatio?: number;
}

/**
 * 1 GiB: a 1,048,576-row sheet of ten short columns is about 400 MB of XML, so a real workbook
 * stays well under; exceljs holds the whole unpacked package (and more) in memory.
 */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/**
 * Real workbooks deflate 5–30× (a generated 100,000-row survey sheet: about 8×, see
 * docs/benchmarks.md); DEFLATE cannot exceed about 1,032×, which is what bombs aim for.
 */
export const MAX_COMPRESSION_RATIO = 200;
/** Below this many declared bytes the ratio is not checked: a small package cannot hurt. */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;

export interface PackageInspection {
  /** Every zip entry name, in package order. */
  entries: string[];
  unkeepable: UnkeepablePart[];
  /** The central directory's sums over all entries. */
  declaredBytes: { compressed: number; uncompressed: number };
}

function startsWith(buffer: Uint8Array, signature: number[]): boolean {
  return buffer.length >= signature.length && signature.every((byte, i) => buffer[i] === byte);
}

/**
 * An encrypted OOXML file is a compound file with an `EncryptedPackage` stream; its directory
 * stores stream names in UTF-16LE, so the name is searched for in that form.
 */
function holdsEncryptedPackage(buffer: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).includes(name);
}

function classify(entry: string): UnkeepablePart['kind'] | null {
  if (entry.startsWith('xl/charts/') || entry.startsWith('xl/chartsheets/')) return 'charts';
  if (entry.startsWith('xl/pivotTables/') || entry.startsWith('xl/pivotCache/')) return 'pivot tables';
  if (entry === 'xl/vbaProject.bin' || entry.endsWith('/vbaProject.bin')) return 'macros';
  if (entry.startsWith('xl/slicers/') || entry.startsWith('xl/slicerCaches/')) return 'slicers';
  return null;
}

/**
 * Checks the file's signature and lists its zip entries.
 *
 * Refuses a zip bomb before anything is unpacked (issue 5, files item 3): the sizes the central
 * directory declares are summed and checked against `options`.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls`, `not-zip` or `too-large`.
 * @example
 * const { unkeepable } = await inspectPackage(await fs.readFile('book.xlsx'), 'book.xlsx');
 * if (unkeepable.length) console.log(describeUnkeepable(unkeepable));
 */
export async function inspectPackage(buffer: Uint8Array, file: string, options: InspectPackageOptions = {}): Promise<PackageInspection> {
  if (startsWith(buffer, CFB_SIGNATURE)) {
    if (holdsEncryptedPackage(buffer)) {
      throw new XlsxError('encrypted', file, `${file} is password-protected (encrypted); remove the password in Excel and save it as .xlsx`);
    }
    throw new XlsxError('legacy-xls', file, `${file} is a legacy Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx`);
  }
  if (!startsWith(buffer, ZIP_SIGNATURE)) {
    throw new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (not a zip package)`);
  }
  const declaredBytes = checkDeclaredSizes(buffer, file, options);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (cause) {
    throw new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (damaged zip package)`, { cause });
  }
  const entries = Object.keys(zip.files);
  const unkeepable: UnkeepablePart[] = [];
  const seenKinds = new Set<string>();
  // Folder entries (`xl/charts/`) carry no content; name the first real part instead.
  for (const entry of entries.filter((e) => !zip.files[e]!.dir)) {
    const kind = classify(entry);
    // Drawings are only a problem when they anchor a chart; plain pictures survive in exceljs.
    if (kind && !seenKinds.has(kind)) {
      seenKinds.add(kind);
      unkeepable.push({ part: entry, kind });
    }
  }
  if (!seenKinds.has('charts')) {
    for (const rels of entries.filter((e) => /^xl\/drawings\/_rels\/.*\.rels$/.test(e))) {
      const text = await zip.file(rels)?.async('string');
      if (text && /relationships\/chart"/.test(text)) {
        unkeepable.push({ part: rels, kind: 'charts' });
        break;
      }
    }
  }
  return { entries, unkeepable, declaredBytes };
}

const MIB = 1024 * 1024;

function formatMib(bytes: number): string {
  return bytes >= 10 * MIB ? `${Math.round(bytes / MIB).toLocaleString('en-US')} MB` : `${(bytes / MIB).toFixed(1)} MB`;
}

/** Sums the central directory's sizes and throws `too-large` when they are beyond the bounds. */
function checkDeclaredSizes(buffer: Uint8Array, file: string, options: InspectPackageOptions): { compressed: number; uncompressed: number } {
  const maxBytes = options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES;
  const maxRatio = options.maxCompressionRatio ?? MAX_COMPRESSION_RATIO;
  const sizes = readDeclaredSizes(buffer, file);
  if (sizes.uncompressed > maxBytes) {
    throw new XlsxError(
      'too-large',
      file,
      `${file} would unpack to ${formatMib(sizes.uncompressed)}, more than the ${formatMib(maxBytes)} Trafiklys reads; refusing to open it (a damaged file or a zip bomb)`,
    );
  }
  const ratio = sizes.uncompressed / Math.max(sizes.compressed, 1);
  if (sizes.uncompressed > RATIO_FLOOR_BYTES && ratio > maxRatio) {
    throw new XlsxError(
      'too-large',
      file,
      `${file} would unpack to ${formatMib(sizes.uncompressed)} from ${formatMib(sizes.compressed)} (${Math.round(ratio)}× compressed, more than ${maxRatio}×); refusing to open it (a damaged file or a zip bomb)`,
    );
  }
  return sizes;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;

/**
 * Reads the central directory (APPNOTE.TXT §4.3.12–4.3.16, with the Zip64 records of §4.3.14
 * and the Zip64 extra field of §4.5.3) without inflating anything.
 */
function readDeclaredSizes(buffer: Uint8Array, file: string): { compressed: number; uncompressed: number } {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const damaged = (what: string): XlsxError => new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (damaged zip package: ${what})`);
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged('no central directory');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE) {
    const record = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (record + 56 > buffer.length || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) throw damaged('bad Zip64 record');
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  let compressed = 0;
  let uncompressed = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE) throw damaged('bad central directory entry');
    let entryCompressed = view.getUint32(at + 20, true);
    let entryUncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (entryCompressed === 0xffffffff || entryUncompressed === 0xffffffff) {
      // The Zip64 extra field holds the 64-bit sizes, uncompressed first, each only when its
      // 32-bit field is 0xFFFFFFFF.
      let extra = at + 46 + nameLength;
      const end = Math.min(extra + extraLength, buffer.length);
      while (extra + 4 <= end) {
        const id = view.getUint16(extra, true);
        const size = view.getUint16(extra + 2, true);
        if (id === 0x0001) {
          let field = extra + 4;
          if (entryUncompressed === 0xffffffff && field + 8 <= end) {
            entryUncompressed = Number(view.getBigUint64(field, true));
            field += 8;
          }
          if (entryCompressed === 0xffffffff && field + 8 <= end) entryCompressed = Number(view.getBigUint64(field, true));
          break;
        }
        extra += 4 + size;
      }
    }
    compressed += entryCompressed;
    uncompressed += entryUncompressed;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { compressed, uncompressed };
}

/**
 * One sentence naming what would be lost, for refusals and warnings.
 *
 * @example describeUnkeepable([{ part: 'xl/charts/chart1.xml', kind: 'charts' }])
 * // 'charts (xl/charts/chart1.xml)'
 */
export function describeUnkeepable(parts: readonly UnkeepablePart[]): string {
  return parts.map((p) => `${p.kind} (${p.part})`).join(', ');
}
