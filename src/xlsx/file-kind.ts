import path from 'node:path';
import { XlsxError } from './errors';
import { ZIP_SIGNATURE, type CentralEntry } from './zip-archive';
import { partKey } from './package-parts';

/**
 * What kind of file a book is, decided here and nowhere else: its name (which extensions are a
 * workbook's), its first bytes (a zip package, an OLE compound file, a bare BIFF stream, anything
 * else) and, for a zip, its parts (another format's package). Each refusal says what the file is
 * and what to do instead (docs/spec.md §6: an unreadable file).
 */

/** `D0 CF 11 E0 A1 B1 1A E1`, the OLE compound file header (.xls, and encrypted .xlsx). */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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
 * A bare BIFF2–BIFF5 stream opens with a BOF record: id 0x0009, 0x0209, 0x0409 or 0x0809, then
 * a record length of 4 to 16 bytes, then a BIFF version or document type (xlrd reads these too).
 */
function isBiffStream(buffer: Uint8Array): boolean {
  if (buffer.length < 8 || buffer[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(buffer[1])) return false;
  const length = buffer[2] | (buffer[3] << 8);
  return length >= 4 && length <= 16 && buffer[3] === 0;
}

/**
 * Refuses a file that is not a zip package, saying what it is: empty, an encrypted workbook, a
 * legacy .xls (OLE or bare BIFF), a text file or anything else.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls` or `not-zip`.
 * @example refuseOtherFiles(await fs.readFile('book.xls'), 'book.xls') // throws legacy-xls
 */
export function refuseOtherFiles(buffer: Uint8Array, file: string): void {
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
}

function notAWorkbook(file: string, what: string, instead: string): XlsxError {
  return new XlsxError('unreadable', file, `${file} is ${what}, not an .xlsx workbook; ${instead}`);
}

/**
 * Names the zip packages that are not OOXML workbooks (.xlsb, .ods, Numbers, Word, PowerPoint),
 * with what to do instead.
 *
 * @throws {XlsxError} `unreadable`.
 */
export function refuseOtherZipFormats(file: string, entries: readonly CentralEntry[]): void {
  const names = new Set(entries.map((e) => partKey(e.name)));
  if (names.has('xl/workbook.bin')) throw notAWorkbook(file, 'an Excel binary workbook (.xlsb)', 'open it in Excel and save it as Excel Workbook (.xlsx)');
  if (names.has('mimetype') && names.has('content.xml')) {
    throw notAWorkbook(file, 'an OpenDocument spreadsheet (.ods)', 'open it in LibreOffice Calc or Excel and save it as Excel 2007-365 (.xlsx)');
  }
  if ([...names].some((n) => n.startsWith('index/') || n === 'index.zip' || n.endsWith('.iwa'))) {
    throw notAWorkbook(file, 'an Apple Numbers document', 'in Numbers choose File → Export To → Excel and use the .xlsx');
  }
  if (names.has('word/document.xml')) throw notAWorkbook(file, 'a Word document', 'point Trafiklys at an .xlsx workbook');
  if (names.has('ppt/presentation.xml')) throw notAWorkbook(file, 'a PowerPoint presentation', 'point Trafiklys at an .xlsx workbook');
}

/** The extensions of a workbook Trafiklys reads, lower case. */
const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'];

/**
 * A book's path without its workbook extension, for the files written beside it.
 * @example workbookStem('data/contract.xlsx') // 'data/contract'; workbookStem('notes.txt') // 'notes.txt'
 */
export function workbookStem(book: string): string {
  const ext = path.extname(book);
  return WORKBOOK_EXTENSIONS.includes(ext.toLowerCase()) ? book.slice(0, -ext.length) : book;
}
