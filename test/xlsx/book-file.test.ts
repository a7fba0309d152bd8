import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { XlsxError, loadBook, nodeFileSystem, writeFileSafely, type XlsxFileSystem } from '../../src/xlsx';
import { applyPlanToBook } from '../support/apply-plan-to-book';
import { writeAllPieces } from '../../src/xlsx/file-system';
import { loadWorkbookFile } from '../support/exceljs-reference';
import { runCli } from '../cli/cli-harness';
import { rawEntries } from './raw-entries';
import {
  chartParts,
  drawingChartParts,
  macroParts,
  makeFixtureDir,
  pivotParts,
  writeEncryptedXlsx,
  writeGoalSheetWorkbook,
  writeLegacyXls,
  writeNotZip,
  writeWorkbookWithParts,
} from '../fixtures/build-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function loadError(file: string): Promise<XlsxError> {
  try {
    await loadBook(file);
  } catch (error) {
    if (error instanceof XlsxError) return error;
    throw error;
  }
  throw new Error('expected an XlsxError');
}

/** Recalculates `file` in place through the product path and returns the zip's bytes per entry, before and after. */
async function writeInPlace(file: string): Promise<{ before: Map<string, Buffer>; after: Map<string, Buffer> }> {
  const entries = async (): Promise<Map<string, Buffer>> => {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const out = new Map<string, Buffer>();
    for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) out.set(name, await zip.files[name]!.async('nodebuffer'));
    return out;
  };
  const before = await entries();
  const { bytes } = await applyPlanToBook(await loadBook(file), { addSheets: [], writes: [{ sheet: 'Mål 2021', row: 0, col: 8, value: 'Status' }] });
  await writeFileSafely(file, bytes);
  return { before, after: await entries() };
}

async function listDir(sub: string): Promise<string[]> {
  return (await fs.readdir(sub)).sort();
}

describe('loadBook: files it refuses', () => {
  it('rejects a legacy .xls with a typed error', async () => {
    const file = await writeLegacyXls(dir);
    const error = await loadError(file);
    expect(error.code).toBe('legacy-xls');
    expect(error.message).toBe(`${file} is a legacy Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx`);
  });

  it('rejects an encrypted workbook', async () => {
    const file = await writeEncryptedXlsx(dir);
    const error = await loadError(file);
    expect(error.code).toBe('encrypted');
    expect(error.message).toBe(`${file} is password-protected (encrypted); remove the password in Excel and save it as .xlsx`);
  });

  it('rejects a file that is not a zip package', async () => {
    const file = await writeNotZip(dir);
    const error = await loadError(file);
    expect(error.code).toBe('not-zip');
    expect(error.message).toBe(`${file} is not an .xlsx workbook (not a zip package)`);
  });

  it('rejects an empty file, saying it is empty', async () => {
    const file = path.join(dir, 'empty.xlsx');
    await fs.writeFile(file, '');
    const error = await loadError(file);
    expect(error.code).toBe('not-zip');
    expect(error.message).toBe(`${file} is empty (0 bytes), not an .xlsx workbook; copy or save the workbook again`);
    const run = await runCli(['recalc', file, '--in-place']);
    expect([run.code, run.stderr]).toEqual([2, `error: ${error.message}\n`]);
    expect((await fs.readFile(file)).length).toBe(0);
  });

  it('rejects a missing file', async () => {
    const file = path.join(dir, 'missing.xlsx');
    const error = await loadError(file);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`cannot read ${file}: no such file`);
  });

  // Zips that are not workbooks, with the entries their own software writes; each is named, with what to do instead.
  it.each([
    ['numbers.xlsx', ['Index/Document.iwa', 'Metadata/Properties.plist'], 'an Apple Numbers document, not an .xlsx workbook; in Numbers choose File → Export To → Excel and use the .xlsx'],
    ['letter.xlsx', ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'], 'a Word document, not an .xlsx workbook; point Trafiklys at an .xlsx workbook'],
    ['slides.xlsx', ['[Content_Types].xml', '_rels/.rels', 'ppt/presentation.xml'], 'a PowerPoint presentation, not an .xlsx workbook; point Trafiklys at an .xlsx workbook'],
  ])('names %s for what it is, on the command line too, and writes nothing', async (name, entries, what) => {
    const sub = await fs.mkdtemp(path.join(dir, 'other-'));
    const file = path.join(sub, name);
    const zip = new JSZip();
    for (const entry of entries) zip.file(entry, '<x/>');
    await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const before = await fs.readFile(file);
    const error = await loadError(file);
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(`${file} is ${what}`);
    const run = await runCli(['recalc', file, '--in-place']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${file} is ${what}\n`);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(await listDir(sub)).toEqual([name]);
  });

  it('reads a plain workbook', async () => {
    const file = await writeGoalSheetWorkbook(dir, 'plain.xlsx');
    expect((await loadBook(file)).snapshot.sheets.map((s) => s.name)).toEqual(['Mål 2021', 'Trafiklys']);
  });
});

describe('zip entries named with backslashes (xl\\workbook.xml), as some writers store them and Excel opens', () => {
  it('reads the workbook, writes the statuses in place, keeps every other entry and its name, and adds no second copy of a part', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'backslash-'));
    const plain = await writeGoalSheetWorkbook(sub, 'plain.xlsx');
    const source = await JSZip.loadAsync(await fs.readFile(plain));
    const renamed = new JSZip();
    for (const [name, entry] of Object.entries(source.files)) {
      if (!entry.dir) renamed.file(name.replace(/\//g, '\\'), await entry.async('nodebuffer'));
    }
    const book = path.join(sub, 'backslash.xlsx');
    await fs.writeFile(book, await renamed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const before = await rawEntries(book);
    expect([...before.keys()]).toContain('xl\\workbook.xml');

    const run = await runCli(['recalc', book, '--in-place', '--as-of', '2021-10-13']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 opfyldt');
    const after = await rawEntries(book);
    // Rewritten under their own names: the goal sheet and settings sheet, styles, workbook part, its rels and the content types.
    const owned = ['xl\\worksheets\\sheet1.xml', 'xl\\worksheets\\sheet2.xml', 'xl\\styles.xml', 'xl\\workbook.xml', 'xl\\_rels\\workbook.xml.rels', '[Content_Types].xml'];
    for (const [name, entry] of before) if (!owned.includes(name)) expect({ name, data: after.get(name)?.data }).toEqual({ name, data: entry.data });
    for (const name of owned) expect(after.has(name)).toBe(true);
    // The one new part, the history sheet, does not take the name of a part that exists under backslashes.
    const added = [...after.keys()].filter((name) => !before.has(name));
    expect(added).toEqual(['xl/worksheets/sheet3.xml']);
    const reread = await loadBook(book);
    expect(reread.snapshot.sheets.map((s) => s.name)).toEqual(['Mål 2021', 'Trafiklys', 'Trafiklys historik']);
    expect(reread.snapshot.sheets[0]!.values[0]).toContain('Status');
  });
});

// The exceljs writer refused these in place (it would have dropped the parts); the streaming
// writer copies every part it does not own, so the write goes through and the part is kept.
describe('in-place writes keep what the exceljs writer refused to', () => {
  it.each([
    ['charts', chartParts, 'charts (xl/charts/chart1.xml)'],
    ['pivot tables', pivotParts, 'pivot tables (xl/pivotTables/pivotTable1.xml)'],
    ['macros', macroParts, 'macros (xl/vbaProject.bin)'],
    ['a drawing with a chart', drawingChartParts, 'charts (xl/drawings/_rels/drawing1.xml.rels)'],
  ])('writes a workbook with %s in place and keeps the part byte for byte', async (_kind, parts, named) => {
    const file = await writeWorkbookWithParts(dir, `parts-${Object.keys(parts)[0]!.replace(/\W/g, '')}.xlsx`, parts);
    const part = /\((.+)\)$/.exec(named)![1]!;
    const { before, after } = await writeInPlace(file);
    expect(before.has(part)).toBe(true);
    expect(after.get(part)?.equals(before.get(part)!)).toBe(true);
    expect([...after.keys()].filter((name) => !before.has(name))).toEqual([]);
  });
});

describe('writeFileSafely', () => {
  function recordingFs(overrides: Partial<XlsxFileSystem> = {}): XlsxFileSystem & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      readFile: nodeFileSystem.readFile,
      writeFile: async (file, data) => {
        calls.push(`write ${path.basename(file)}`);
        return (overrides.writeFile ?? nodeFileSystem.writeFile)(file, data);
      },
      rename: async (from, to) => {
        calls.push(`rename ${path.basename(from)} -> ${path.basename(to)}`);
        return (overrides.rename ?? nodeFileSystem.rename)(from, to);
      },
      unlink: async (file) => {
        calls.push(`unlink ${path.basename(file)}`);
        return nodeFileSystem.unlink(file);
      },
    };
  }

  it('writes in place through a temporary file in the same folder and a rename', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'inplace-'));
    const file = await writeGoalSheetWorkbook(sub, 'book.xlsx');
    const { bytes } = await applyPlanToBook(await loadBook(file), { addSheets: [], writes: [{ sheet: 'Mål 2021', row: 0, col: 8, value: 'Status' }] });
    const recorder = recordingFs();
    await writeFileSafely(file, bytes, { fs: recorder, tempSuffix: 't1' });
    expect(recorder.calls).toEqual(['write .trafiklys-tmp-t1-book.xlsx', 'rename .trafiklys-tmp-t1-book.xlsx -> book.xlsx']);
    expect(await listDir(sub)).toEqual(['book.xlsx']);
    const reread = await loadWorkbookFile(file);
    expect(reread.workbook.getWorksheet('Mål 2021')!.getCell('I1').value).toBe('Status');
  });

  it('writes pieces one after the other, across writev batches, as the bytes they join to', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'pieces-'));
    const file = path.join(sub, 'pieces.bin');
    // 700 pieces of varied sizes (some empty): three batches of writev.
    const pieces = Array.from({ length: 700 }, (_, i) => Buffer.alloc(i % 7 === 0 ? 0 : (i * 37) % 500, i % 251));
    await writeFileSafely(file, pieces);
    expect((await fs.readFile(file)).equals(Buffer.concat(pieces))).toBe(true);
    expect(await listDir(sub)).toEqual(['pieces.bin']);
  });

  it('goes on where a short writev stopped, and never hands writev more than 256 buffers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 700 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 20 }),
        async (pieces, shortBy) => {
          const file: number[] = [];
          let calls = 0;
          let largestCall = 0;
          // A writev that writes a prefix of what it is given, shorter each call by a chosen amount (at least 1 byte).
          const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
          const shortWritev = async (buffers: Uint8Array[]) => {
            // Every call writes at least a byte, so more calls than bytes means the writer is not advancing.
            if (calls > total) throw new Error(`writev called ${calls} times for ${total} bytes`);
            largestCall = Math.max(largestCall, buffers.length);
            const given = Buffer.concat(buffers);
            const bytesWritten = Math.max(1, given.length - shortBy[calls++ % shortBy.length]);
            file.push(...given.subarray(0, bytesWritten));
            return { bytesWritten };
          };
          await writeAllPieces(shortWritev, pieces);
          expect(Buffer.from(file).equals(Buffer.concat(pieces))).toBe(true);
          expect(largestCall).toBeLessThanOrEqual(256);
        },
      ),
      // Also 700 pieces: three batches, so a batch over 256 buffers would show.
      { numRuns: 200, examples: [[Array.from({ length: 700 }, (_, i) => Uint8Array.of(i % 256, 1, 2)), [5, 1]]] },
    );
  });

  it('refuses a writev that writes nothing, instead of looping', async () => {
    await expect(writeAllPieces(async () => ({ bytesWritten: 0 }), [Buffer.from('abc'), Buffer.from('de')])).rejects.toThrow('wrote 0 of 5 bytes');
  });

  it('leaves the original intact and no temporary file when the rename fails', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'rename-'));
    const file = await writeGoalSheetWorkbook(sub, 'book.xlsx');
    const original = await fs.readFile(file);
    const { bytes } = await applyPlanToBook(await loadBook(file), { addSheets: [], writes: [{ sheet: 'Mål 2021', row: 1, col: 8, value: 'changed' }] });
    const recorder = recordingFs({
      rename: async () => {
        throw new Error('EXDEV: cross-device link not permitted');
      },
    });
    await expect(writeFileSafely(file, bytes, { fs: recorder, tempSuffix: 't2' })).rejects.toMatchObject({
      code: 'write-failed',
      message: `cannot write ${file}: EXDEV: cross-device link not permitted`,
    });
    expect(recorder.calls).toContain('unlink .trafiklys-tmp-t2-book.xlsx');
    expect(await listDir(sub)).toEqual(['book.xlsx']);
    expect((await fs.readFile(file)).equals(original)).toBe(true);
  });

  it('leaves the original intact and no temporary file when the write fails half way', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'write-'));
    const file = await writeGoalSheetWorkbook(sub, 'book.xlsx');
    const original = await fs.readFile(file);
    const { bytes } = await applyPlanToBook(await loadBook(file), { addSheets: [], writes: [] });
    const recorder = recordingFs({
      writeFile: async (target, data) => {
        await fs.writeFile(target, data[0].subarray(0, 10));
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await expect(writeFileSafely(file, bytes, { fs: recorder, tempSuffix: 't3' })).rejects.toThrow(
      `cannot write ${file}: ENOSPC: no space left on device`,
    );
    expect(await listDir(sub)).toEqual(['book.xlsx']);
    expect((await fs.readFile(file)).equals(original)).toBe(true);
  });
});
