import JSZip from 'jszip';
import { XlsxError } from './errors';

/**
 * Looks inside a workbook file before exceljs does: tells a zip package from an OLE compound
 * file (encrypted workbook or legacy .xls) and lists the parts exceljs cannot keep when it
 * rewrites the package (TOOLCHAIN.md: charts, pivot tables, VBA), so an in-place write can be
 * refused instead of silently losing them (SPEC §6).
 */

/** `PK\x03\x04`, the local file header every zip (and so every .xlsx) starts with. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** `D0 CF 11 E0 A1 B1 1A E1`, the OLE compound file header (.xls, and encrypted .xlsx). */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A part of the package exceljs would drop, with the reason shown to the user. */
export interface UnkeepablePart {
  /** The zip entry (or folder) found, e.g. `xl/charts/chart1.xml`. */
  part: string;
  /** What the user would lose, e.g. `charts`. */
  kind: 'charts' | 'pivot tables' | 'macros' | 'slicers';
}

export interface PackageInspection {
  /** Every zip entry name, in package order. */
  entries: string[];
  unkeepable: UnkeepablePart[];
}

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

function classify(entry: string): UnkeepablePart['kind'] | null {
  if (entry.startsWith('xl/charts/') || entry.startsWith('xl/chartsheets/')) return 'charts';
  if (entry.startsWith('xl/pivotTables/') || entry.startsWith('xl/pivotCache/')) return 'pivot tables';
  if (entry === 'xl/vbaProject.bin' || entry.endsWith('/vbaProject.bin')) return 'macros';
  if (entry.startsWith('xl/slicers/') || entry.startsWith('xl/slicerCaches/')) return 'slicers';
  return null;
}

/**
 * Checks the file's signature and lists its zip entries.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls` or `not-zip`.
 * @example
 * const { unkeepable } = await inspectPackage(await fs.readFile('book.xlsx'), 'book.xlsx');
 * if (unkeepable.length) console.log(describeUnkeepable(unkeepable));
 */
export async function inspectPackage(buffer: Uint8Array, file: string): Promise<PackageInspection> {
  if (startsWith(buffer, CFB_SIGNATURE)) {
    if (holdsEncryptedPackage(buffer)) {
      throw new XlsxError('encrypted', file, `${file} is password-protected (encrypted); remove the password in Excel and save it as .xlsx`);
    }
    throw new XlsxError('legacy-xls', file, `${file} is a legacy Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx`);
  }
  if (!startsWith(buffer, ZIP_SIGNATURE)) {
    throw new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (not a zip package)`);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (cause) {
    throw new XlsxError('not-zip', file, `${file} is not an .xlsx workbook (damaged zip package)`, { cause });
  }
  const entries = Object.keys(zip.files);
  const unkeepable: UnkeepablePart[] = [];
  const seenKinds = new Set<string>();
  // Folder entries (`xl/charts/`) carry no content; name the first real part instead.
  for (const entry of entries.filter((e) => !zip.files[e]!.dir)) {
    const kind = classify(entry);
    // Drawings are only a problem when they anchor a chart; plain pictures survive in exceljs.
    if (kind && !seenKinds.has(kind)) {
      seenKinds.add(kind);
      unkeepable.push({ part: entry, kind });
    }
  }
  if (!seenKinds.has('charts')) {
    for (const rels of entries.filter((e) => /^xl\/drawings\/_rels\/.*\.rels$/.test(e))) {
      const text = await zip.file(rels)?.async('string');
      if (text && /relationships\/chart"/.test(text)) {
        unkeepable.push({ part: rels, kind: 'charts' });
        break;
      }
    }
  }
  return { entries, unkeepable };
}

/**
 * One sentence naming what would be lost, for refusals and warnings.
 *
 * @example describeUnkeepable([{ part: 'xl/charts/chart1.xml', kind: 'charts' }])
 * // 'charts (xl/charts/chart1.xml)'
 */
export function describeUnkeepable(parts: readonly UnkeepablePart[]): string {
  return parts.map((p) => `${p.kind} (${p.part})`).join(', ');
}
