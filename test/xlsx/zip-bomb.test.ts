import { inspectError } from './inspect-error';
/**
 * A zip that would unpack to gigabytes is refused from its central
 * directory, before anything is inflated. Real bombs are slow to build, so the tests craft the
 * declared sizes in a small real zip, or pass lowered bounds.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { MAX_COMPRESSION_RATIO } from '../../src/xlsx/inspect-package';
import { inspectPackage } from '../support/inspect-package';
import { runCli } from '../cli/cli-harness';

const CENTRAL_HEADER = 0x02014b50;

/** A small valid zip: a workbook-looking part list, the sheet deflated. */
async function makeZip(sheetBytes = 1000): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('xl/workbook.xml', '<workbook/>');
  zip.file('xl/worksheets/sheet1.xml', '0'.repeat(sheetBytes));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Overwrites the central directory's uncompressed size of `entry` (the local header is left). */
function declareUncompressed(zip: Buffer, entry: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) continue;
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === entry) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no central directory entry ${entry}`);
}


describe('zip bomb refusal', () => {
  it('reads the declared sizes of an ordinary package and accepts it', async () => {
    const inspection = await inspectPackage(await makeZip(), 'book.xlsx');
    expect(inspection.declaredBytes.uncompressed).toBe('<Types/>'.length + '<workbook/>'.length + 1000);
    expect(inspection.declaredBytes.compressed).toBeGreaterThan(0);
    expect(inspection.declaredBytes.compressed).toBeLessThan(inspection.declaredBytes.uncompressed);
    expect(inspection.entries).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a central directory declaring more than 1 GiB unpacked', async () => {
    const bomb = declareUncompressed(await makeZip(), 'xl/worksheets/sheet1.xml', 0xfffffff0);
    const error = await inspectError(bomb);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'bomb.xlsx would unpack to 4,096 MB, more than the 1,024 MB Trafiklys reads; refusing to open it (a damaged file or a zip bomb)',
    );
  });

  it('refuses an absurd compression ratio under the size bound', async () => {
    // 100 MB declared from a few hundred compressed bytes: far beyond any real workbook.
    const bomb = declareUncompressed(await makeZip(), 'xl/worksheets/sheet1.xml', 100 * 1024 * 1024);
    const error = await inspectError(bomb);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      new RegExp(`^bomb\\.xlsx would unpack to 100 MB from 0\\.0 MB \\(\\d+× compressed, more than ${MAX_COMPRESSION_RATIO}×\\); refusing to open it \\(a damaged file or a zip bomb\\)$`),
    );
  });

  it('does not judge the ratio of a small package, however well it compresses', async () => {
    // 2 MB of zeros deflates about 1000×, but 2 MB cannot exhaust anything.
    const inspection = await inspectPackage(await makeZip(2 * 1024 * 1024), 'zeros.xlsx');
    expect(inspection.declaredBytes.uncompressed / inspection.declaredBytes.compressed).toBeGreaterThan(MAX_COMPRESSION_RATIO);
  });

  it('refuses a real highly compressible entry under a lowered bound', async () => {
    const zeros = await makeZip(3 * 1024 * 1024);
    const error = await inspectError(zeros, { maxUncompressedBytes: 1024 * 1024 });
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'bomb.xlsx would unpack to 3.0 MB, more than the 1.0 MB Trafiklys reads; refusing to open it (a damaged file or a zip bomb)',
    );
  });

  it('calls a zip without a central directory damaged', async () => {
    const zip = await makeZip();
    const error = await inspectError(zip.subarray(0, zip.length - 30));
    expect(error.code).toBe('not-zip');
    expect(error.message).toBe('bomb.xlsx is not an .xlsx workbook (damaged zip package: no central directory)');
  });

  describe('through the command line', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-bomb-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 2 with the message and writes nothing', async () => {
      const file = path.join(dir, 'bomb.xlsx');
      writeFileSync(file, declareUncompressed(await makeZip(), 'xl/worksheets/sheet1.xml', 0xfffffff0));
      const run = await runCli(['recalc', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `error: ${file} would unpack to 4,096 MB, more than the 1,024 MB Trafiklys reads; refusing to open it (a damaged file or a zip bomb)\n`,
      );
      expect(run.stdout).toBe('');
      expect(readdirSync(dir)).toEqual(['bomb.xlsx']);
    });
  });
});
