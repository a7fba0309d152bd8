import { checkDeclaredSizes, createSizeBudget, inflateEveryEntry, readPackageDirectory, type InspectPackageOptions } from '../../src/xlsx/inspect-package';

/**
 * The whole-package checks the streaming reader makes part by part, run over every entry at once,
 * for the zip-bomb tests: the file's kind, the central directory's declared sizes, then every
 * entry inflated once against the same bounds (src/xlsx/inspect-package.ts), so a zip that
 * under-declares its sizes is refused too, in bounded memory.
 */

export interface PackageInspection {
  /** Every zip entry name, in package order. */
  entries: string[];
  /** The central directory's sums over all entries. */
  declaredBytes: { compressed: number; uncompressed: number };
  /** What the entries actually inflated to, summed (equal to `declaredBytes.uncompressed`, or the package is refused). */
  unpackedBytes: number;
}

/**
 * Checks the file's signature and sizes and lists its zip entries.
 *
 * @throws {XlsxError} `encrypted`, `legacy-xls`, `not-zip` or `too-large`.
 * @example const { unpackedBytes } = await inspectPackage(await fs.readFile('book.xlsx'), 'book.xlsx');
 */
export async function inspectPackage(buffer: Uint8Array, file: string, options: InspectPackageOptions = {}): Promise<PackageInspection> {
  const directory = readPackageDirectory(buffer, file);
  const declaredBytes = checkDeclaredSizes(directory, file, options);
  const budget = createSizeBudget(buffer, directory, file, declaredBytes.uncompressed, options);
  await inflateEveryEntry(buffer, directory, file, budget);
  return { entries: directory.map((e) => e.name), declaredBytes, unpackedBytes: budget.total };
}
