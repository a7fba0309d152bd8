import { createInflateRaw } from 'node:zlib';
import { XlsxError } from './errors';

/**
 * The zip layer of the streaming .xlsx path (docs/decisions.md, "the streaming, lossless .xlsx path"): the central directory read without
 * inflating anything, entries inflated as streams under one budget that refuses a zip bomb at the
 * first chunk past a bound, and every entry's compressed bytes available as they are, so the
 * writer can copy a part it did not change without inflating and deflating it again.
 */

/** `PK\x03\x04`, the local file header every zip (and so every .xlsx) starts with. */
export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** One central directory record, with the 64-bit values of its Zip64 extra field applied. */
export interface CentralEntry {
  name: string;
  /** General purpose bit flag; bit 0 = encrypted, bit 3 = sizes in a data descriptor, bit 11 = UTF-8 names. */
  flags: number;
  /** 0 stored, 8 deflated (the only two an .xlsx uses). */
  method: number;
  crc32: number;
  compressed: number;
  uncompressed: number;
  localHeaderOffset: number;
  /** DOS time and date of the record, kept when the entry is copied. */
  modTime: number;
  modDate: number;
}

export function damagedZip(file: string, what: string): XlsxError {
  return new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (damaged zip package: ${what})`);
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/**
 * Reads the central directory (APPNOTE.TXT §4.3.12–4.3.16, with the Zip64 records of §4.3.14
 * and the Zip64 extra field of §4.5.3) without inflating anything.
 *
 * @throws {XlsxError} `not-zip` naming what is damaged.
 * @example readCentralDirectory(buffer, 'book.xlsx').map((e) => e.name) // ['[Content_Types].xml', ...]
 */
export function readCentralDirectory(buffer: Uint8Array, file: string): CentralEntry[] {
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
    const modTime = view.getUint16(at + 12, true);
    const modDate = view.getUint16(at + 14, true);
    const crc32 = view.getUint32(at + 16, true);
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
    entries.push({ name, flags, method, crc32, compressed, uncompressed, localHeaderOffset, modTime, modDate });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's compressed bytes, after its local header (APPNOTE.TXT §4.3.7), as a view on `buffer`. */
export function locateData(buffer: Uint8Array, file: string, entry: CentralEntry): Uint8Array {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || view.getUint32(at, true) !== LOCAL_HEADER_SIGNATURE) throw damagedZip(file, `no local header for ${entry.name}`);
  // The local header's own name and extra lengths, which may differ from the central record's.
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressed > buffer.length) throw damagedZip(file, `${entry.name} is cut off`);
  return buffer.subarray(start, start + entry.compressed);
}

/**
 * Inflated bytes arrive in pieces this big, so no part is ever held whole on the streaming path.
 * 64 KB rather than 256 KB: each piece becomes a string, and strings past V8's regular-object limit
 * (about 128 KB) are allocated in large-object space, one mapping each; a million-row read spent
 * seconds of system time on that (docs/decisions.md, "Reading speed").
 */
export const INFLATE_CHUNK_BYTES = 64 * 1024;

/**
 * Counts inflated bytes across a package against its bounds; throws from `count` at the first
 * chunk past one. Built by `openPackage` (package-reader.ts) with the messages of the bomb checks.
 */
export interface InflateBudget {
  count(bytes: number): void;
}

/**
 * Inflates one entry as a stream, handing each decoded piece to `onChunk` and dropping it.
 * Each chunk is counted against `budget` first; the entry's real size must equal the declared one.
 *
 * @throws {XlsxError} what the budget throws, or `not-zip` when the entry is damaged.
 * @example await inflateEntry(buffer, 'book.xlsx', entry, budget, (chunk) => scanner.push(chunk));
 */
export function inflateEntry(
  buffer: Uint8Array,
  file: string,
  entry: CentralEntry,
  budget: InflateBudget,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  if (entry.flags & 0x0001) return Promise.reject(damagedZip(file, `${entry.name} is encrypted`));
  let data: Uint8Array;
  try {
    data = locateData(buffer, file, entry);
  } catch (error) {
    return Promise.reject(error);
  }
  const checkSize = (actual: number): XlsxError | null =>
    actual === entry.uncompressed
      ? null
      : damagedZip(file, `${entry.name} unpacks to ${actual.toLocaleString('en-US')} bytes, but the zip declares ${entry.uncompressed.toLocaleString('en-US')}`);
  if (entry.method === 0) {
    return new Promise((resolve, reject) => {
      try {
        for (let at = 0; at < data.length; at += INFLATE_CHUNK_BYTES) {
          const piece = Buffer.from(data.buffer, data.byteOffset + at, Math.min(INFLATE_CHUNK_BYTES, data.length - at));
          budget.count(piece.length);
          onChunk(piece);
        }
        const bad = checkSize(data.length);
        if (bad) reject(bad);
        else resolve(data.length);
      } catch (error) {
        reject(error);
      }
    });
  }
  if (entry.method !== 8) {
    return Promise.reject(damagedZip(file, `${entry.name} uses compression method ${entry.method}, which .xlsx packages do not`));
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
    let produced = 0;
    let stopped = false;
    const stop = (error: unknown): void => {
      if (stopped) return;
      stopped = true;
      inflate.destroy();
      reject(error);
    };
    // Chunks are handed on from a microtask rather than inside 'data': by then zlib has already
    // started inflating the next chunk on its thread, so inflating and scanning overlap instead of
    // taking turns (about 1.8 s of a million-row read was the main thread waiting). At most a
    // chunk or two wait here, in order; 'error' and 'end' hand on what waits first, so what
    // the caller sees, and in which order, is what zlib emitted.
    const waiting: Buffer[] = [];
    let scheduled = false;
    const handOn = (): void => {
      scheduled = false;
      while (waiting.length > 0 && !stopped) {
        const chunk = waiting.shift()!;
        try {
          budget.count(chunk.length);
          onChunk(chunk);
        } catch (error) {
          stop(error);
        }
      }
      waiting.length = 0;
    };
    inflate.on('data', (chunk: Buffer) => {
      if (stopped) return;
      produced += chunk.length;
      waiting.push(chunk);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(handOn);
      }
    });
    inflate.on('error', (cause) => {
      handOn();
      const error = damagedZip(file, `${entry.name} cannot be inflated`);
      error.cause = cause;
      stop(error);
    });
    inflate.on('end', () => {
      handOn();
      if (stopped) return;
      const bad = checkSize(produced);
      if (bad) reject(bad);
      else resolve(produced);
    });
    inflate.end(data);
  });
}
