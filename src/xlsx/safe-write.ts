import { promises as nodeFs } from 'node:fs';
import path from 'node:path';
import { XlsxError } from './errors';

/**
 * Safe file writes without exceljs (so `recalc` starts without loading it): a temporary file in
 * the target's folder, flushed, then renamed over the target.
 */

/** The few file-system calls the adapter makes; injectable so tests can make one fail. */
export interface XlsxFileSystem {
  readFile(file: string): Promise<Uint8Array>;
  /** Writes the pieces one after the other as the file's bytes. */
  writeFile(file: string, pieces: readonly Uint8Array[]): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Creates a folder and its parents; only needed with `createFolder`. */
  mkdir?(folder: string): Promise<void>;
  /** The file's permission bits, or `null` when it does not exist; an in-place write keeps them. */
  modeOf?(file: string): Promise<number | null>;
  chmod?(file: string, mode: number): Promise<void>;
}

/** Buffers per writev call, well under any system's IOV_MAX (1,024 on Linux). */
const WRITEV_BATCH = 256;

/** One `writev` call: writes some prefix of the buffers (all of them, usually) and says how many bytes. */
export type WritevCall = (buffers: Uint8Array[]) => Promise<{ bytesWritten: number }>;

/**
 * Writes the pieces one after the other through `writev`, in batches of at most
 * {@link WRITEV_BATCH} buffers, and goes on where a short write stopped (a call may write fewer
 * bytes than it was given, as write(2) may): the file gets every byte, in order.
 *
 * @throws Error when a call writes nothing although bytes remain (it would loop for ever).
 * @example await writeAllPieces((b) => handle.writev(b), pieces);
 */
export async function writeAllPieces(writev: WritevCall, pieces: readonly Uint8Array[]): Promise<void> {
  let index = 0; // the first piece not yet written whole
  let offset = 0; // bytes of pieces[index] already written
  while (index < pieces.length) {
    const batch: Uint8Array[] = [];
    let expected = 0;
    for (let i = index; i < pieces.length && batch.length < WRITEV_BATCH; i++) {
      const piece = i === index ? pieces[i].subarray(offset) : pieces[i];
      batch.push(piece);
      expected += piece.length;
    }
    if (expected === 0) return; // only empty pieces are left
    const { bytesWritten } = await writev(batch);
    if (bytesWritten <= 0) throw new Error(`wrote 0 of ${expected} bytes`);
    // Advance past what was written, piece by piece.
    let left = bytesWritten;
    while (index < pieces.length && left >= pieces[index].length - offset) {
      left -= pieces[index].length - offset;
      index += 1;
      offset = 0;
    }
    offset += left;
  }
}

/** The real file system (node:fs/promises). */
export const nodeFileSystem: XlsxFileSystem = {
  readFile: (file) => nodeFs.readFile(file),
  // Flushed to disk before the rename, so a crash cannot leave a renamed but empty file.
  writeFile: async (file, pieces) => {
    const handle = await nodeFs.open(file, 'w');
    try {
      await writeAllPieces((buffers) => handle.writev(buffers), pieces);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  modeOf: (file) => nodeFs.stat(file).then(
    (s) => s.mode & 0o7777,
    () => null,
  ),
  chmod: (file, mode) => nodeFs.chmod(file, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (file) => nodeFs.unlink(file),
  mkdir: async (folder) => {
    await nodeFs.mkdir(folder, { recursive: true });
  },
};

export interface SaveWorkbookOptions {
  fs?: XlsxFileSystem;
  /** Makes the temporary file name unique; tests pin it. Default: pid, time and a counter. */
  tempSuffix?: string;
  /** Create the target's folder when missing (for an explicit `--out`). Default false. */
  createFolder?: boolean;
}

let tempCounter = 0;

/** A suffix unique in this process: time and a counter. */
export function nextTempSuffix(): string {
  tempCounter += 1;
  return `${Date.now().toString(36)}-${tempCounter}`;
}

/** The temporary file beside the target; `.trafiklys-tmp-*` is in .gitignore. */
export function tempFileFor(target: string, suffix: string): string {
  return path.join(path.dirname(target), `.trafiklys-tmp-${suffix}-${path.basename(target)}`);
}

/**
 * Writes bytes (or pieces of them, one after the other) to `target` through a temporary file in
 * the same folder, flushed and then renamed over the target; an existing target's permissions are
 * kept. Any failure removes the temporary file and leaves the target as it was.
 *
 * @throws {XlsxError} `write-failed`.
 * @example await writeFileSafely('contract.xlsx', bytes);
 */
export async function writeFileSafely(target: string, data: Uint8Array | readonly Uint8Array[], options: SaveWorkbookOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const temp = tempFileFor(target, options.tempSuffix ?? nextTempSuffix());
  let wroteTemp = false;
  try {
    if (options.createFolder) await fs.mkdir?.(path.dirname(target));
    const mode = (await fs.modeOf?.(target)) ?? null;
    wroteTemp = true;
    // Array.isArray, not instanceof Uint8Array: a Buffer from another realm (a test's) is no instance of ours.
    await fs.writeFile(temp, Array.isArray(data) ? (data as readonly Uint8Array[]) : [data as Uint8Array]);
    if (mode !== null) await fs.chmod?.(temp, mode);
    await fs.rename(temp, target);
  } catch (cause) {
    if (wroteTemp) await fs.unlink(temp).catch(() => undefined);
    throw new XlsxError('write-failed', target, `cannot write ${target}: ${(cause as Error).message}`, { cause });
  }
}
