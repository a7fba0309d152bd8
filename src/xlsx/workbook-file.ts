import path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxError, isXlsxError } from './errors';
import { describeUnkeepable, inspectPackage, type PackageInspection } from './inspect-package';
import { nodeFileSystem, nextTempSuffix, tempFileFor, type SaveWorkbookOptions, type XlsxFileSystem } from './safe-write';

export { nodeFileSystem, tempFileFor, writeFileSafely, type SaveWorkbookOptions, type XlsxFileSystem } from './safe-write';

/**
 * Loading and saving .xlsx files safely: every read is checked before exceljs sees it, and every
 * write goes to a temporary file in the target's directory and is then renamed over the target,
 * so a failed write never leaves a half-written workbook behind (SPEC §6).
 */

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

/**
 * Writes the workbook to `target` through a temporary file in the same directory and a rename
 * (atomic on one file system), removing the temporary file when anything fails.
 *
 * @throws {XlsxError} `write-failed`; the target is then as it was.
 * @example await saveWorkbookFile(workbook, 'contract.xlsx');
 */
export async function saveWorkbookFile(workbook: ExcelJS.Workbook, target: string, options: SaveWorkbookOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const temp = tempFileFor(target, options.tempSuffix ?? nextTempSuffix());
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

