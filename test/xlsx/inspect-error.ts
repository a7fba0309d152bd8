import { XlsxError } from '../../src/xlsx';
import type { InspectPackageOptions } from '../../src/xlsx/inspect-package';
import { inspectPackage } from '../support/inspect-package';

/** The XlsxError `inspectPackage` refuses a package with; fails the test when it accepts it. */
export async function inspectError(buffer: Uint8Array, options?: InspectPackageOptions): Promise<XlsxError> {
  try {
    await inspectPackage(buffer, 'bomb.xlsx', options);
  } catch (error) {
    if (error instanceof XlsxError) return error;
    throw error;
  }
  throw new Error('inspectPackage accepted the package');
}
