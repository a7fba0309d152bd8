import { XlsxError } from './errors';
import { inflateEntry, locateData, readCentralDirectory, ZIP_SIGNATURE, type CentralEntry, type InflateBudget } from './zip-archive';

/**
 * Looks inside a workbook file before any part is parsed: tells a zip package from an OLE
 * compound file (encrypted workbook or legacy .xls) and bounds what the package may unpack to.
 * The streaming reader (package-reader.ts) uses the checks one by one; {@link inspectPackage}
 * runs them all over a whole package.
 */

/** `D0 CF 11 E0 A1 B1 1A E1`, the OLE compound file header (.xls, and encrypted .xlsx). */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Bounds on what a package may unpack to: checked on the central directory, then on the real inflated sizes. */
export interface InspectPackageOptions {
  /** The most the entries may declare, and inflate to, summed. Default {@link MAX_UNCOMPRESSED_BYTES}. */
  maxUncompressedBytes?: number;
  /** The highest total uncompressed ÷ compressed ratio. Default {@link MAX_COMPRESSION_RATIO}. */
  maxCompressionRatio?: number;
}

/**
 * 1 GiB: a 1,048,576-row sheet of ten short columns is about 400 MB of XML, so a real workbook
 * stays well under. The streaming reader never holds a whole part, but a bomb must still stop early.
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

/**
 * Checks the file's signature and lists its zip entries.
 *
 * Refuses a zip bomb before anything is parsed (issue 5, files item 3): the sizes the
 * central directory declares are summed and checked against `options`; then every entry is
 * inflated once, streaming and discarding the output, and the real sizes are checked against
 * the same bounds, so a zip that under-declares its sizes is refused too, in bounded memory.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls`, `not-zip` or `too-large`.
 * @example
 * const { unpackedBytes } = await inspectPackage(await fs.readFile('book.xlsx'), 'book.xlsx');
 */
export async function inspectPackage(buffer: Uint8Array, file: string, options: InspectPackageOptions = {}): Promise<PackageInspection> {
  const directory = readPackageDirectory(buffer, file);
  const declaredBytes = checkDeclaredSizes(directory, file, options);
  const unpackedBytes = await checkActualSizes(buffer, directory, file, declaredBytes.uncompressed, options);
  const entries = directory.map((e) => e.name);
  return { entries, declaredBytes, unpackedBytes };
}

/**
 * A bare BIFF2–BIFF5 stream opens with a BOF record: id 0x0009, 0x0209, 0x0409 or 0x0809, then
 * a record length of 4 to 16 bytes, then a BIFF version or document type (xlrd reads these too).
 */
function isBiffStream(buffer: Uint8Array): boolean {
  if (buffer.length < 8 || buffer[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(buffer[1])) return false;
  const length = buffer[2] | (buffer[3] << 8);
  return length >= 4 && length <= 16 && buffer[3] === 0;
}

/**
 * Tells a zip package from an OLE compound file (an encrypted workbook or a legacy .xls) and
 * from anything else, and reads the zip's central directory.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls` or `not-zip`.
 * @example readPackageDirectory(buffer, 'book.xlsx').length // the number of zip entries
 */
export function readPackageDirectory(buffer: Uint8Array, file: string): CentralEntry[] {
  // A file cut off by a failed download or copy: said plainly, not "not a zip package".
  if (buffer.length === 0) throw new XlsxError('not-zip', file, `${file} is empty (0 bytes), not an .xlsx workbook; copy or save the workbook again`);
  if (startsWith(buffer, CFB_SIGNATURE)) {
    if (holdsEncryptedPackage(buffer)) {
      throw new XlsxError('encrypted', file, `${file} is password-protected (encrypted); remove the password in Excel and save it as .xlsx`);
    }
    throw new XlsxError('legacy-xls', file, `${file} is a legacy Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx`);
  }
  if (isBiffStream(buffer)) {
    // Excel 2.1–5.0 wrote the workbook as a bare BIFF record stream, before the OLE container.
    throw new XlsxError('legacy-xls', file, `${file} is a legacy Excel 2.1-5.0 workbook (.xls); open it in Excel and save it as .xlsx`);
  }
  if (!startsWith(buffer, ZIP_SIGNATURE)) {
    const csv = /\.(csv|tsv|txt)$/i.test(file) ? '; it is a text file: open it in Excel and save it as .xlsx (Excel Workbook)' : '';
    throw new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (not a zip package)${csv}`);
  }
  return readCentralDirectory(buffer, file);
}

const MIB = 1024 * 1024;

function formatMib(bytes: number): string {
  return bytes >= 10 * MIB ? `${Math.round(bytes / MIB).toLocaleString('en-US')} MB` : `${(bytes / MIB).toFixed(1)} MB`;
}

function tooLarge(file: string, message: string): XlsxError {
  return new XlsxError('too-large', file, `${file} ${message}; refusing to open it (a damaged file or a zip bomb)`);
}

/** Sums the central directory's sizes and throws `too-large` when they are beyond the bounds. */
export function checkDeclaredSizes(directory: readonly CentralEntry[], file: string, options: InspectPackageOptions): { compressed: number; uncompressed: number } {
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

/**
 * The declared sizes are only what the zip says. A crafted zip can declare 1 KB for an entry that
 * inflates to gigabytes. The streaming reader counts what it inflates against the same budget
 * (zip-archive.ts) as it goes; this whole-package check ({@link inspectPackage}) inflates every
 * entry once, streaming, counting the real output and discarding it, and the same
 * bounds are applied to the running total: the refusal comes at the first chunk past a bound, with
 * at most {@link INFLATE_CHUNK_BYTES} held at any time.
 *
 * Every entry is checked, however small it claims to be: a lying entry's declared size is exactly
 * what cannot be trusted, so a threshold on it would let the bomb through. The cost is one extra
 * inflate of the package: about 35 ms (warm; 165 ms cold) on the 29.5 MB of the 100,000-row
 * bench workbook (docs/benchmarks.md).
 *
 * An entry that inflates to a size other than the declared one is a corrupt package: `not-zip`, "damaged zip
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
  const budget = createSizeBudget(buffer, directory, file, declaredTotal, options);
  for (const entry of directory) await inflateEntry(buffer, file, entry, budget, () => undefined);
  return budget.total;
}

/** An {@link InflateBudget} that also tells how much it has counted. */
export interface SizeBudget extends InflateBudget {
  readonly total: number;
}

/**
 * The bounds of {@link InspectPackageOptions} on what a package really inflates to, counted over
 * every entry that is inflated: the streaming reader passes it to each part it reads, so a zip
 * that under-declares its sizes is refused at the first chunk past a bound.
 *
 * @throws {XlsxError} `not-zip` when an entry's data lie outside the file.
 * @example const budget = createSizeBudget(buffer, directory, 'book.xlsx', declared.uncompressed);
 */
export function createSizeBudget(
  buffer: Uint8Array,
  directory: readonly CentralEntry[],
  file: string,
  declaredTotal: number,
  options: InspectPackageOptions = {},
): SizeBudget {
  const maxBytes = options.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES;
  const maxRatio = options.maxCompressionRatio ?? MAX_COMPRESSION_RATIO;
  // The ratio is judged against the compressed bytes really in the file: a declared compressed
  // size can lie as well, but no entry's data can be longer than the file.
  const compressedTotal = Math.min(
    directory.reduce((sum, entry) => sum + locateData(buffer, file, entry).length, 0),
    buffer.length,
  );
  // total > floor and total ÷ compressed > ratio, as one threshold on the running total.
  const ratioLimit = Math.max(RATIO_FLOOR_BYTES, maxRatio * compressedTotal);
  const declaredNote = `, although its zip headers declare ${formatMib(declaredTotal)}`;
  let total = 0;
  return {
    get total() {
      return total;
    },
    count(bytes: number): void {
      total += bytes;
      if (total > maxBytes) throw tooLarge(file, `unpacks to more than ${formatMib(maxBytes)}, the most Trafiklys reads${declaredNote}`);
      if (total > ratioLimit) {
        throw tooLarge(file, `unpacks to more than ${formatMib(ratioLimit)} from ${formatMib(compressedTotal)} (more than ${maxRatio}× compressed)${declaredNote}`);
      }
    },
  };
}

function sumDeclaredSizes(entries: readonly CentralEntry[]): { compressed: number; uncompressed: number } {
  return entries.reduce((sum, e) => ({ compressed: sum.compressed + e.compressed, uncompressed: sum.uncompressed + e.uncompressed }), { compressed: 0, uncompressed: 0 });
}
