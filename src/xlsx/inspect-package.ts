import { XlsxError } from './errors';
import { refuseOtherFiles } from './file-kind';
import { inflateEntry, locateData, readCentralDirectory, type CentralEntry, type InflateBudget } from './zip-archive';

/**
 * Looks inside a workbook file before any part is parsed: tells a zip package from an OLE
 * compound file (encrypted workbook or legacy .xls) and bounds what the package may unpack to.
 * The streaming reader (package-reader.ts) uses the checks one by one.
 */

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

/**
 * Tells a zip package from an OLE compound file (an encrypted workbook or a legacy .xls) and
 * from anything else, and reads the zip's central directory.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls` or `not-zip`.
 * @example readPackageDirectory(buffer, 'book.xlsx').length // the number of zip entries
 */
export function readPackageDirectory(buffer: Uint8Array, file: string): CentralEntry[] {
  refuseOtherFiles(buffer, file);
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
 * Inflates every entry once, streaming, counting the real output against `budget` and
 * discarding it: the refusal comes at the first chunk past a bound, with at most one chunk held.
 * Every entry is counted, however small it claims to be: a lying entry's declared size is exactly
 * what cannot be trusted. An entry that inflates to a size other than the declared one is a
 * damaged package (`not-zip`, naming the entry); when the lie passes a bound first, `too-large` wins.
 *
 * @throws {XlsxError} `too-large` or `not-zip`.
 * @example await inflateEveryEntry(buffer, directory, 'book.xlsx', budget);
 */
export async function inflateEveryEntry(buffer: Uint8Array, directory: readonly CentralEntry[], file: string, budget: SizeBudget): Promise<void> {
  for (const entry of directory) await inflateEntry(buffer, file, entry, budget, () => undefined);
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
