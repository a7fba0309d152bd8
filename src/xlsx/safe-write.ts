import path from 'node:path';
import { XlsxError } from './errors';
import { nodeFileSystem, type XlsxFileSystem } from './file-system';

/**
 * Safe file writes without exceljs (so `recalc` starts without loading it): a temporary file in
 * the target's folder, flushed, then renamed over the target (docs/spec.md §6, `--in-place`).
 */

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
    throw new XlsxError('write-failed', target, describeWriteFailure(target, cause), { cause });
  }
}

/** Errors of the system that mean the folder itself refuses new files. */
const FOLDER_REFUSALS = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * What is said of a failed write: a folder that refuses new files is named, with what to do,
 * rather than the temporary file the system names (docs/decisions.md, "In-place writes and the
 * workbook's owner").
 */
function describeWriteFailure(target: string, cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && FOLDER_REFUSALS.has(code)) {
    const folder = path.dirname(path.resolve(target));
    const why = code === 'EROFS' ? 'it is on a read-only drive' : 'you may not create files there';
    return `cannot write ${target}: the folder ${folder} cannot be written (${why}). Nothing was written; write to another folder with --out, or ask for write access to ${folder}.`;
  }
  return `cannot write ${target}: ${(cause as Error).message}`;
}
