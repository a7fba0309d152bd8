import { inspectError } from './inspect-error';
/**
 * Zips whose headers lie: an entry that declares 1 KB but inflates to
 * gigabytes passes the central-directory check, so inspectPackage inflates every entry once,
 * streaming, and refuses on the real figures. The bombs are written byte by byte here: DEFLATE
 * output of 1 MiB of zeros, ended with a full flush, is a self-contained byte-aligned piece that
 * can be repeated (each piece refers to nothing before it), and `03 00` is the final empty block.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { inspectPackage } from '../support/inspect-package';
import { XlsxError } from '../../src/xlsx/errors';
import { runCli } from '../cli/cli-harness';

const MIB = 1024 * 1024;

interface RawEntry {
  name: string;
  /** 0 stored, 8 deflated (anything else to test the refusal). */
  method: number;
  /** The bytes stored in the zip (already deflated for method 8). */
  data: Buffer;
  /** What the headers claim the entry unpacks to: the lie. */
  declaredUncompressed: number;
}

/** A zip package written by hand: local headers, data, central directory, end record. CRCs are 0. */
function writeZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredUncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredUncompressed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** DEFLATE data for `mebibytes` MiB of zeros (about 1 KB per MiB). */
function deflatedZeros(mebibytes: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const finalBlock = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: mebibytes }, () => piece), finalBlock]);
}

/** Bytes that do not compress (a stand-in for a picture), from a fixed linear congruential sequence. */
function noise(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 2021;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const SHEET = 'xl/worksheets/sheet1.xml';

/** A workbook-looking package whose sheet is `mebibytes` MiB of zeros declared as 1 KB. */
function lyingBomb(mebibytes: number, extra: RawEntry[] = []): Buffer {
  const types = Buffer.from('<Types/>');
  return writeZip([
    { name: '[Content_Types].xml', method: 0, data: types, declaredUncompressed: types.length },
    { name: SHEET, method: 8, data: deflatedZeros(mebibytes), declaredUncompressed: 1024 },
    ...extra,
  ]);
}

/** 2 MiB stored: raises the package's compressed size so the size bound, not the ratio, is met first. */
const PICTURE: RawEntry = { name: 'xl/media/image1.png', method: 0, data: noise(2 * MIB), declaredUncompressed: 2 * MIB };


describe('zip bombs that under-declare their sizes', () => {
  it('refuses 5 GiB declared as 1 KB once the real output passes 1,024 MB, without holding it', async () => {
    const bomb = lyingBomb(5 * 1024, [PICTURE]);
    expect(bomb.length).toBeLessThan(8 * MIB);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 2);
    let error: XlsxError;
    try {
      error = await inspectError(bomb);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage.rss());
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'bomb.xlsx unpacks to more than 1,024 MB, the most Trafiklys reads, although its zip headers declare 2.0 MB; refusing to open it (a damaged file or a zip bomb)',
    );
    // Inflating into memory would need over 1 GB; streaming holds one 64 KB chunk at a time.
    expect(peak - before).toBeLessThan(200 * MIB);
  });

  it('refuses a real compression ratio over 200× once the output passes the 16 MB floor', async () => {
    // 100 MiB of zeros from about 100 KB: the ratio bound is met at 200 × the compressed size.
    const error = await inspectError(lyingBomb(100));
    expect(error.code).toBe('too-large');
    // 200 × 103,710 compressed bytes = 19.8 MiB, shown rounded as sizes of 10 MB and more are.
    expect(error.message).toBe(
      'bomb.xlsx unpacks to more than 20 MB from 0.1 MB (more than 200× compressed), although its zip headers declare 0.0 MB; refusing to open it (a damaged file or a zip bomb)',
    );
  });

  it('applies a lowered size bound to the real output', async () => {
    const error = await inspectError(lyingBomb(3), { maxUncompressedBytes: 2 * MIB });
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'bomb.xlsx unpacks to more than 2.0 MB, the most Trafiklys reads, although its zip headers declare 0.0 MB; refusing to open it (a damaged file or a zip bomb)',
    );
  });

  it('calls an entry that inflates to other than its declared size a damaged package', async () => {
    // 3 MiB of zeros is under every bound, so the lie itself is what is reported.
    const error = await inspectError(lyingBomb(3));
    expect(error.code).toBe('not-zip');
    expect(error.message).toBe(
      'bomb.xlsx is not an .xlsx workbook (damaged zip package: xl/worksheets/sheet1.xml unpacks to 3,145,728 bytes, but the zip declares 1,024)',
    );
  });

  it('counts a stored entry as it is, and calls a stored entry with a wrong declared size damaged', async () => {
    const text = Buffer.from('<worksheet/>');
    const honest = writeZip([{ name: SHEET, method: 0, data: text, declaredUncompressed: text.length }]);
    expect((await inspectPackage(honest, 'book.xlsx')).unpackedBytes).toBe(text.length);
    const lying = writeZip([{ name: SHEET, method: 0, data: text, declaredUncompressed: 5 }]);
    expect((await inspectError(lying)).message).toBe(
      'bomb.xlsx is not an .xlsx workbook (damaged zip package: xl/worksheets/sheet1.xml unpacks to 12 bytes, but the zip declares 5)',
    );
  });

  it('inflates an honest deflated package and reports its real size', async () => {
    const xml = Buffer.from('<sheetData>' + '<row/>'.repeat(5000) + '</sheetData>');
    const zip = writeZip([{ name: SHEET, method: 8, data: deflateRawSync(xml), declaredUncompressed: xml.length }]);
    const inspection = await inspectPackage(zip, 'book.xlsx');
    expect(inspection.unpackedBytes).toBe(xml.length);
    expect(inspection.declaredBytes.uncompressed).toBe(xml.length);
  });

  it('calls truncated DEFLATE data damaged', async () => {
    const xml = Buffer.from('<sheetData>' + '<row r="1"/>'.repeat(5000) + '</sheetData>');
    const deflated = deflateRawSync(xml);
    const zip = writeZip([{ name: SHEET, method: 8, data: deflated.subarray(0, deflated.length - 4), declaredUncompressed: xml.length }]);
    const error = await inspectError(zip);
    expect(error.code).toBe('not-zip');
    expect(error.message).toBe('bomb.xlsx is not an .xlsx workbook (damaged zip package: xl/worksheets/sheet1.xml cannot be inflated)');
  });

  it('refuses a compression method an .xlsx never uses', async () => {
    const zip = writeZip([{ name: SHEET, method: 12, data: Buffer.from('BZh9'), declaredUncompressed: 4 }]);
    expect((await inspectError(zip)).message).toBe(
      'bomb.xlsx is not an .xlsx workbook (damaged zip package: xl/worksheets/sheet1.xml uses compression method 12, which .xlsx packages do not)',
    );
  });

  describe('through the command line', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-lying-bomb-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 2 with the real figure and writes nothing', async () => {
      const file = path.join(dir, 'bomb.xlsx');
      writeFileSync(file, lyingBomb(100));
      const run = await runCli(['recalc', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `error: ${file} unpacks to more than 20 MB from 0.1 MB (more than 200× compressed), although its zip headers declare 0.0 MB; refusing to open it (a damaged file or a zip bomb)\n`,
      );
      expect(run.stdout).toBe('');
      expect(readdirSync(dir)).toEqual(['bomb.xlsx']);
    });
  });
});
