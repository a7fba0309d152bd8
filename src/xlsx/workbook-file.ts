import { promises as nodeFs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxError, isXlsxError } from './errors';
import { describeUnkeepable, inspectPackage, type PackageInspection } from './inspect-package';

/**
 * Loading and saving .xlsx files safely: every read is checked before exceljs sees it, and every
 * write goes to a temporary file in the target's directory and is then renamed over the target,
 * so a failed write never leaves a half-written workbook behind (SPEC §6).
 */

/** The few file-system calls the adapter makes; injectable so tests can make one fail. */
export interface XlsxFileSystem {
  readFile(file: string): Promise<Uint8Array>;
  writeFile(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Creates a folder and its parents; only needed with `createFolder`. */
  mkdir?(folder: string): Promise<void>;
  /** The file's permission bits, or `null` when it does not exist; an in-place write keeps them. */
  modeOf?(file: string): Promise<number | null>;
  chmod?(file: string, mode: number): Promise<void>;
}

/** The real file system (node:fs/promises). */
export const nodeFileSystem: XlsxFileSystem = {
  readFile: (file) => nodeFs.readFile(file),
  // Flushed to disk before the rename, so a crash cannot leave a renamed but empty file.
  writeFile: async (file, data) => {
    const handle = await nodeFs.open(file, 'w');
    try {
      await handle.writeFile(data);
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

export interface LoadWorkbookOptions {
  fs?: XlsxFileSystem;
  /**
   * The memory the process may use (Node's heap limit). A package whose unpacked size times
   * {@link MEMORY_PER_UNPACKED_BYTE} is more is refused before exceljs loads it: a clear message
   * at once instead of Node running out of memory minutes later. Unchecked when absent.
   */
  memoryBytes?: number;
}

/**
 * What reading, recalculating and writing a workbook takes of Node's heap per byte of its unpacked
 * package, at the least: exceljs holds every cell as an object. Measured with the bench's 7-column
 * survey workbooks (docs/benchmarks.md, "Memory bound"): 100,000 rows (27.8 MB unpacked) run in a
 * 700 MB heap, so at most 25×; 1,000,000 rows (285.8 MB) fail in Node's default 4.1 GB heap, so more
 * than 14×, and run in 8 GB. 20 lets the first through and refuses the second up front; a workbook
 * between the two may still pass this check and then run out of memory.
 */
export const MEMORY_PER_UNPACKED_BYTE = 20;
/** The heap to suggest per unpacked byte: the 1,000,000-row workbook ran in 8,192 MB, 28.7× its 285.8 MB. */
const SUGGESTED_HEAP_PER_UNPACKED_BYTE = 30;

const MB = 1024 * 1024;

/** @throws {XlsxError} `too-large` when the package needs more memory than the process has. */
function assertFitsMemory(inspection: PackageInspection, memoryBytes: number, file: string): void {
  const needed = inspection.unpackedBytes * MEMORY_PER_UNPACKED_BYTE;
  if (needed <= memoryBytes) return;
  const gb = (bytes: number): string => (bytes / (1024 * MB)).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const suggestedMb = Math.ceil((inspection.unpackedBytes * SUGGESTED_HEAP_PER_UNPACKED_BYTE) / (1024 * MB)) * 1024;
  throw new XlsxError(
    'too-large',
    file,
    `${file} unpacks to ${Math.round(inspection.unpackedBytes / MB).toLocaleString('en-US')} MB; reading and writing it takes at least ${gb(needed)} GB of memory, ` +
      `and Node may use ${gb(memoryBytes)} GB here; run again with NODE_OPTIONS=--max-old-space-size=${suggestedMb} on a machine with that much memory to spare`,
  );
}

export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  /** The zip entries and the parts exceljs would drop on a rewrite. */
  inspection: PackageInspection;
}

/**
 * Reads and checks a workbook file.
 *
 * @throws {XlsxError} `not-found`, `not-zip`, `encrypted`, `legacy-xls` or `unreadable`.
 * @example
 * const { workbook, inspection } = await loadWorkbookFile('contract.xlsx');
 */
export async function loadWorkbookFile(file: string, options: LoadWorkbookOptions = {}): Promise<LoadedWorkbook> {
  const fs = options.fs ?? nodeFileSystem;
  let buffer: Uint8Array;
  try {
    buffer = await fs.readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String((cause as Error).message);
    throw new XlsxError('not-found', file, `cannot read ${file}: ${reason}`, { cause });
  }
  const inspection = await inspectPackage(buffer, file);
  if (options.memoryBytes !== undefined) assertFitsMemory(inspection, options.memoryBytes, file);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer look-alike; a Node Buffer is what it wants.
    await workbook.xlsx.load(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new XlsxError('unreadable', file, `cannot read ${file} as an .xlsx workbook: ${(cause as Error).message}`, { cause });
  }
  return { workbook, inspection };
}

/**
 * Refuses an in-place write when exceljs would drop parts of the package (charts, pivot tables,
 * macros) and names them.
 *
 * @throws {XlsxError} `unsupported-parts`.
 * @example assertKeepable(inspection, 'book.xlsx');
 */
export function assertKeepable(inspection: PackageInspection, file: string): void {
  if (inspection.unkeepable.length === 0) return;
  throw new XlsxError(
    'unsupported-parts',
    file,
    `refusing to write ${file} in place: it holds ${describeUnkeepable(inspection.unkeepable)}, which the .xlsx writer cannot keep; use --out to write a copy`,
  );
}

export interface SaveWorkbookOptions {
  fs?: XlsxFileSystem;
  /** Makes the temporary file name unique; tests pin it. Default: pid, time and a counter. */
  tempSuffix?: string;
  /** Create the target's folder when missing (for an explicit `--out`). Default false. */
  createFolder?: boolean;
}

let tempCounter = 0;

/** The temporary file beside the target; `.trafiklys-tmp-*` is in .gitignore. */
export function tempFileFor(target: string, suffix: string): string {
  return path.join(path.dirname(target), `.trafiklys-tmp-${suffix}-${path.basename(target)}`);
}

/**
 * Writes the workbook to `target` through a temporary file in the same directory and a rename
 * (atomic on one file system), removing the temporary file when anything fails.
 *
 * @throws {XlsxError} `write-failed`; the target is then as it was.
 * @example await saveWorkbookFile(workbook, 'contract.xlsx');
 */
export async function saveWorkbookFile(workbook: ExcelJS.Workbook, target: string, options: SaveWorkbookOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  tempCounter += 1;
  const temp = tempFileFor(target, options.tempSuffix ?? `${Date.now().toString(36)}-${tempCounter}`);
  let wroteTemp = false;
  try {
    if (options.createFolder) await fs.mkdir?.(path.dirname(target));
    const data = await workbook.xlsx.writeBuffer();
    wroteTemp = true;
    await fs.writeFile(temp, data as unknown as Uint8Array);
    await fs.rename(temp, target);
  } catch (cause) {
    if (wroteTemp) await fs.unlink(temp).catch(() => undefined);
    if (isXlsxError(cause)) throw cause;
    throw new XlsxError('write-failed', target, `cannot write ${target}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Writes bytes to `target` through a temporary file in the same folder, flushed and then renamed
 * over the target; an existing target's permissions are kept. Any failure removes the temporary
 * file and leaves the target as it was.
 *
 * @throws {XlsxError} `write-failed`.
 * @example await writeFileSafely('contract.xlsx', bytes);
 */
export async function writeFileSafely(target: string, data: Uint8Array, options: SaveWorkbookOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  tempCounter += 1;
  const temp = tempFileFor(target, options.tempSuffix ?? `${Date.now().toString(36)}-${tempCounter}`);
  let wroteTemp = false;
  try {
    if (options.createFolder) await fs.mkdir?.(path.dirname(target));
    const mode = (await fs.modeOf?.(target)) ?? null;
    wroteTemp = true;
    await fs.writeFile(temp, data);
    if (mode !== null) await fs.chmod?.(temp, mode);
    await fs.rename(temp, target);
  } catch (cause) {
    if (wroteTemp) await fs.unlink(temp).catch(() => undefined);
    throw new XlsxError('write-failed', target, `cannot write ${target}: ${(cause as Error).message}`, { cause });
  }
}
