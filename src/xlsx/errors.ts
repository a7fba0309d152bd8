/**
 * Typed failures of the .xlsx adapter. The CLI maps every one of them to exit code 2 (docs/spec.md §6:
 * "an unreadable file") and prints `message`; `code` lets callers and tests tell them apart.
 */

export type XlsxErrorCode =
  /** The file does not exist or cannot be read. */
  | 'not-found'
  /** Not a zip package at all (a CSV, a text file, a truncated download), or a damaged one (an entry that does not inflate to its declared size). */
  | 'not-zip'
  /** An OLE compound file holding an encrypted (password-protected) workbook. */
  | 'encrypted'
  /** An OLE compound file that is not encrypted: a legacy binary .xls workbook. */
  | 'legacy-xls'
  /** A zip whose declared or actual unpacked size or compression ratio is beyond the bounds (a zip bomb). */
  | 'too-large'
  /** A zip, but not a workbook Trafiklys can read (no workbook part, Strict Open XML, malformed XML). */
  | 'unreadable'
  /** Writing the output failed; the target file was left as it was. */
  | 'write-failed'
  /** The file to overwrite is read-only (docs/decisions.md, "In-place writes and the workbook's owner"); it was left as it was. */
  | 'read-only'
  /** The file to overwrite is open in Excel or LibreOffice (their owner file is beside it); it was left as it was. */
  | 'held-open';

/** An error the adapter raises on purpose, with a message meant for the user. */
export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  readonly file: string;

  constructor(code: XlsxErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XlsxError';
    this.code = code;
    this.file = file;
  }
}

/** @example isXlsxError(err) && err.code === 'encrypted' */
export function isXlsxError(value: unknown): value is XlsxError {
  return value instanceof XlsxError;
}
