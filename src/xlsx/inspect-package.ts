import { createInflateRaw } from 'node:zlib';
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

/** Bounds on what a package may unpack to: checked on the central directory, then on the real inflated sizes. */
export interface InspectPackageOptions {
  /** The most the entries may declare, and inflate to, summed. Default {@link MAX_UNCOMPRESSED_BYTES}. */
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
  /** What the entries actually inflated to, summed (equal to `declaredBytes.uncompressed`, or the package is refused). */
  unpackedBytes: number;
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
 * Refuses a zip bomb before exceljs unpacks anything (issue 5, files item 3): the sizes the
 * central directory declares are summed and checked against `options`; then every entry is
 * inflated once, streaming and discarding the output, and the real sizes are checked against
 * the same bounds, so a zip that under-declares its sizes is refused too, in bounded memory.
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
  const directory = readCentralDirectory(buffer, file);
  const declaredBytes = checkDeclaredSizes(directory, file, options);
  const unpackedBytes = await checkActualSizes(buffer, directory, file, declaredBytes.uncompressed, options);
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
  return { entries, unkeepable, declaredBytes, unpackedBytes };
}

const MIB = 1024 * 1024;

function formatMib(bytes: number): string {
  return bytes >= 10 * MIB ? `${Math.round(bytes / MIB).toLocaleString('en-US')} MB` : `${(bytes / MIB).toFixed(1)} MB`;
}

function tooLarge(file: string, message: string): XlsxError {
  return new XlsxError('too-large', file, `${file} ${message}; refusing to open it (a damaged file or a zip bomb)`);
}

function damagedZip(file: string, what: string): XlsxError {
  return new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (damaged zip package: ${what})`);
}

/** Sums the central directory's sizes and throws `too-large` when they are beyond the bounds. */
function checkDeclaredSizes(directory: readonly CentralEntry[], file: string, options: InspectPackageOptions): { compressed: number; uncompressed: number } {
  const maxBytes = options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES;
  const maxRatio = options.maxCompressionRatio ?? MAX_COMPRESSION_RATIO;
  const sizes = sumDeclaredSizes(directory);
  if (sizes.uncompressed > maxBytes) {
    throw tooLarge(file, `would unpack to ${formatMib(sizes.uncompressed)}, more than the ${formatMib(maxBytes)} Trafiklys reads`);
  }
  const ratio = sizes.uncompressed / Math.max(sizes.compressed, 1);
  if (sizes.uncompressed > RATIO_FLOOR_BYTES && ratio > maxRatio) {
    throw tooLarge(
      file,
      `would unpack to ${formatMib(sizes.uncompressed)} from ${formatMib(sizes.compressed)} (${Math.round(ratio)}× compressed, more than ${maxRatio}×)`,
    );
  }
  return sizes;
}

/** Inflated bytes are read and dropped in pieces this big, so checking costs no more memory than this. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * The declared sizes are only what the zip says. A crafted zip can declare 1 KB for an entry that
 * inflates to gigabytes, and JSZip (inside exceljs) would then hold all of it in memory. So every
 * entry is inflated here once, streaming, counting the real output and discarding it, and the same
 * bounds are applied to the running total: the refusal comes at the first chunk past a bound, with
 * at most {@link INFLATE_CHUNK_BYTES} held at any time.
 *
 * Every entry is checked, however small it claims to be: a lying entry's declared size is exactly
 * what cannot be trusted, so a threshold on it would let the bomb through. The cost is one extra
 * inflate of the package: about 35 ms (warm; 165 ms cold) on the 29.5 MB of the 100,000-row
 * bench workbook, against about 2,300 ms for exceljs to load it, so 1.5–7 % (docs/benchmarks.md).
 *
 * An entry that inflates to a size other than the declared one is a corrupt package (JSZip would
 * stop on it too, with an "uncompressed data size mismatch" bug message): `not-zip`, "damaged zip
 * package", naming the entry. When the lie is big enough to pass a bound first, `too-large` wins,
 * because it says what the file is likely to be.
 */
async function checkActualSizes(
  buffer: Uint8Array,
  directory: readonly CentralEntry[],
  file: string,
  declaredTotal: number,
  options: InspectPackageOptions,
): Promise<number> {
  const maxBytes = options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES;
  const maxRatio = options.maxCompressionRatio ?? MAX_COMPRESSION_RATIO;
  const located = directory.map((entry) => ({ entry, data: locateData(buffer, file, entry) }));
  // The ratio is judged against the compressed bytes really in the file: a declared compressed
  // size can lie as well, but no entry's data can be longer than the file.
  const compressedTotal = Math.min(
    located.reduce((sum, { data }) => sum + data.length, 0),
    buffer.length,
  );
  // total > floor and total ÷ compressed > ratio, as one threshold on the running total.
  const ratioLimit = Math.max(RATIO_FLOOR_BYTES, maxRatio * compressedTotal);
  const declaredNote = `, although its zip headers declare ${formatMib(declaredTotal)}`;
  let total = 0;
  const count = (bytes: number): void => {
    total += bytes;
    if (total > maxBytes) throw tooLarge(file, `unpacks to more than ${formatMib(maxBytes)}, the most Trafiklys reads${declaredNote}`);
    if (total > ratioLimit) {
      throw tooLarge(file, `unpacks to more than ${formatMib(ratioLimit)} from ${formatMib(compressedTotal)} (more than ${maxRatio}× compressed)${declaredNote}`);
    }
  };
  for (const { entry, data } of located) {
    if (entry.flags & 0x0001) throw damagedZip(file, `${entry.name} is encrypted`);
    let actual: number;
    if (entry.method === 0) {
      actual = data.length;
      count(actual);
    } else if (entry.method === 8) {
      actual = await inflateCounting(data, count, () => damagedZip(file, `${entry.name} cannot be inflated`));
    } else {
      throw damagedZip(file, `${entry.name} uses compression method ${entry.method}, which .xlsx packages do not`);
    }
    if (actual !== entry.uncompressed) {
      throw damagedZip(file, `${entry.name} unpacks to ${actual.toLocaleString('en-US')} bytes, but the zip declares ${entry.uncompressed.toLocaleString('en-US')}`);
    }
  }
  return total;
}

/**
 * Inflates raw DEFLATE data, calling `onBytes` with each output chunk's length and dropping the
 * chunk. Rejects with what `onBytes` throws (the stream is stopped at once), or with `damaged()`
 * when the data are not a complete DEFLATE stream.
 */
function inflateCounting(data: Uint8Array, onBytes: (bytes: number) => void, damaged: () => XlsxError): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
    let produced = 0;
    let stopped = false;
    inflate.on('data', (chunk: Buffer) => {
      if (stopped) return;
      produced += chunk.length;
      try {
        onBytes(chunk.length);
      } catch (error) {
        stopped = true;
        inflate.destroy();
        reject(error);
      }
    });
    inflate.on('error', (cause) => {
      if (stopped) return;
      stopped = true;
      const error = damaged();
      error.cause = cause;
      reject(error);
    });
    inflate.on('end', () => {
      if (!stopped) resolve(produced);
    });
    inflate.end(data);
  });
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/** One central directory record, with the 64-bit values of its Zip64 extra field applied. */
interface CentralEntry {
  name: string;
  /** General purpose bit flag; bit 0 = encrypted. */
  flags: number;
  /** 0 stored, 8 deflated (the only two an .xlsx uses). */
  method: number;
  compressed: number;
  uncompressed: number;
  localHeaderOffset: number;
}

function sumDeclaredSizes(entries: readonly CentralEntry[]): { compressed: number; uncompressed: number } {
  return entries.reduce((sum, e) => ({ compressed: sum.compressed + e.compressed, uncompressed: sum.uncompressed + e.uncompressed }), { compressed: 0, uncompressed: 0 });
}

/** The entry's compressed bytes, after its local header (APPNOTE.TXT §4.3.7), as a view on `buffer`. */
function locateData(buffer: Uint8Array, file: string, entry: CentralEntry): Uint8Array {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || view.getUint32(at, true) !== LOCAL_HEADER_SIGNATURE) throw damagedZip(file, `no local header for ${entry.name}`);
  // The local header's own name and extra lengths, which may differ from the central record's.
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressed > buffer.length) throw damagedZip(file, `${entry.name} is cut off`);
  return buffer.subarray(start, start + entry.compressed);
}

/**
 * Reads the central directory (APPNOTE.TXT §4.3.12–4.3.16, with the Zip64 records of §4.3.14
 * and the Zip64 extra field of §4.5.3) without inflating anything.
 */
function readCentralDirectory(buffer: Uint8Array, file: string): CentralEntry[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const damaged = (what: string): XlsxError => damagedZip(file, what);
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
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE) throw damaged('bad central directory entry');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressed = view.getUint32(at + 20, true);
    let uncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > buffer.length) throw damaged('bad central directory entry');
    const name = Buffer.from(buffer.buffer, buffer.byteOffset + at + 46, nameLength).toString('utf8');
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // The Zip64 extra field holds the 64-bit values, in this order, each only when its
      // 32-bit field is 0xFFFFFFFF.
      let extra = at + 46 + nameLength;
      const end = Math.min(extra + extraLength, buffer.length);
      while (extra + 4 <= end) {
        const id = view.getUint16(extra, true);
        const size = view.getUint16(extra + 2, true);
        if (id === 0x0001) {
          let field = extra + 4;
          const next64 = (): number | null => {
            if (field + 8 > end) return null;
            const value = Number(view.getBigUint64(field, true));
            field += 8;
            return value;
          };
          if (uncompressed === 0xffffffff) uncompressed = next64() ?? uncompressed;
          if (compressed === 0xffffffff) compressed = next64() ?? compressed;
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next64() ?? localHeaderOffset;
          break;
        }
        extra += 4 + size;
      }
    }
    entries.push({ name, flags, method, compressed, uncompressed, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
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
