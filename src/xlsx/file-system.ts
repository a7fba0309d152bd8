import { promises as nodeFs } from 'node:fs';

/**
 * The file system as the adapter and the command line use it, for reading a book and for writing
 * any file; injectable so tests can make one call fail.
 */
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

/**
 * Whether a file (or folder) exists, by the file system's {@link XlsxFileSystem.modeOf}.
 * @example if (await fileExists(nodeFileSystem, 'mål.xlsx')) refuse();
 */
export async function fileExists(fs: XlsxFileSystem, file: string): Promise<boolean> {
  const modeOf = fs.modeOf ?? nodeFileSystem.modeOf!;
  return (await modeOf(file)) !== null;
}
