import path from 'node:path';
import { XlsxError } from './errors';
import { nodeFileSystem, type XlsxFileSystem } from './file-system';

/**
 * Whether a workbook may be written in place (docs/decisions.md, "In-place writes and the
 * workbook's owner"): not when its file is read-only, and not while Excel or LibreOffice holds it
 * open, told by the owner file each of them leaves beside the workbook.
 *
 * - Excel: `~$Book.xlsx` (the whole name, prefixed). The file (165 bytes) starts with the length
 *   of the user name in one byte (at most 52), then the name in the Windows code page, spaces up
 *   to byte 55, then the length again in two bytes (little-endian) and the name in UTF-16LE.
 *   The UTF-16 copy is read when its length agrees, else the first copy (as Latin-1).
 * - LibreOffice: `.~lock.Book.xlsx#`, one line of comma-separated fields, the first the user's
 *   name from LibreOffice's own settings (often empty), the second the system user, then the
 *   host, the date and the profile; a comma inside a field is escaped with a backslash.
 */

/** The program holding a workbook open, and who (when its owner file says so). */
export interface WorkbookHolder {
  application: 'Excel' | 'LibreOffice';
  /** The user name in the owner file; `null` when it holds none. */
  user: string | null;
  /** The owner file found beside the workbook. */
  ownerFile: string;
}

/** The user name of an Excel owner file, or `null` when it holds none that can be read. */
export function readExcelOwnerFile(bytes: Uint8Array): string | null {
  const length = bytes[0] ?? 0;
  if (length === 0 || length > 52 || bytes.length < 1 + length) return null;
  const wide = bytes[55]! | ((bytes[56] ?? 0) << 8);
  if (wide === length && bytes.length >= 57 + 2 * length) {
    let name = '';
    for (let i = 0; i < length; i++) name += String.fromCharCode(bytes[57 + 2 * i]! | (bytes[58 + 2 * i]! << 8));
    return name.trim() || null;
  }
  return String.fromCharCode(...bytes.subarray(1, 1 + length)).trim() || null;
}

/** The user of a LibreOffice lock file: its own user name, else the system user; `null` when both are empty. */
export function readLibreOfficeLockFile(text: string): string | null {
  const fields: string[] = [''];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) fields[fields.length - 1] += text[++i];
    else if (c === ',') fields.push('');
    else if (c === ';' || c === '\n' || c === '\r') break;
    else fields[fields.length - 1] += c;
  }
  return fields[0]!.trim() || fields[1]?.trim() || null;
}

/** The owner files Excel and LibreOffice leave beside `book` while it is open. */
export function ownerFilesOf(book: string): { excel: string; libreOffice: string } {
  const folder = path.dirname(book);
  const name = path.basename(book);
  return { excel: path.join(folder, `~$${name}`), libreOffice: path.join(folder, `.~lock.${name}#`) };
}

/**
 * Who holds `book` open, by the owner files beside it; `null` when neither is there.
 * @example await findWorkbookHolder('kontrakt.xlsx') // { application: 'Excel', user: 'Mette Hansen', ownerFile: '~$kontrakt.xlsx' }
 */
export async function findWorkbookHolder(book: string, fs: XlsxFileSystem = nodeFileSystem): Promise<WorkbookHolder | null> {
  const files = ownerFilesOf(book);
  const read = async (file: string): Promise<Uint8Array | null> => {
    try {
      return await fs.readFile(file);
    } catch {
      return null;
    }
  };
  const excel = await read(files.excel);
  if (excel) return { application: 'Excel', user: readExcelOwnerFile(excel), ownerFile: files.excel };
  const libreOffice = await read(files.libreOffice);
  if (libreOffice) return { application: 'LibreOffice', user: readLibreOfficeLockFile(new TextDecoder().decode(libreOffice)), ownerFile: files.libreOffice };
  return null;
}

/**
 * Whether permission bits say nobody may write the file: `chmod 444`, and on Windows the
 * read-only attribute (Node reports such a file with no write bit). Read from the bits, not by
 * trying, since an administrator (root) could write it anyway.
 */
export function isReadOnlyMode(mode: number): boolean {
  return (mode & 0o222) === 0;
}

/**
 * Refuses to overwrite an existing `target` that is read-only or open in Excel or LibreOffice;
 * with `force` it goes on and returns what it overrode, in words for a warning.
 *
 * @throws {XlsxError} `read-only` or `held-open`; the file is left as it was.
 * @example const overridden = await checkTargetIsFree('kontrakt.xlsx', { force: false });
 */
export async function checkTargetIsFree(target: string, options: { force: boolean; fs?: XlsxFileSystem }): Promise<string[]> {
  const fs = options.fs ?? nodeFileSystem;
  const modeOf = fs.modeOf ?? nodeFileSystem.modeOf!;
  const mode = await modeOf(target);
  if (mode === null) return [];
  const overridden: string[] = [];
  if (isReadOnlyMode(mode)) {
    if (!options.force) {
      throw new XlsxError(
        'read-only',
        target,
        `${target} is read-only, so Trafiklys did not write it. Make it writable (clear Read-only in its Properties, or chmod u+w), write a copy with --out, or run again with --force to write it anyway.`,
      );
    }
    overridden.push(`${target} is read-only; written anyway (--force)`);
  }
  const holder = await findWorkbookHolder(target, fs);
  if (holder) {
    const by = holder.user ? ` by ${holder.user}` : '';
    if (!options.force) {
      throw new XlsxError(
        'held-open',
        target,
        `${target} is open in ${holder.application}${by}, so Trafiklys did not write it: the next save there would throw away what Trafiklys writes. Close it in ${holder.application} first, then run again (or run with --force if ${path.basename(holder.ownerFile)} is left over from a crash).`,
      );
    }
    overridden.push(`${target} is open in ${holder.application}${by}; written anyway (--force)`);
  }
  return overridden;
}
