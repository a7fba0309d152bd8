/**
 * On the streaming path, ordinary features cost only their bytes (a
 * whole-column drop-down and 50,000 merged ranges are neither expanded by the reader nor
 * rewritten by the writer), and a zip bomb inside a sheet part that under-declares its size is
 * refused by the inflate budget with the bomb error, nothing written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadBook } from '../../src/xlsx';
import { runCli } from '../cli/cli-harness';
import { makeFixtureDir, writeGoalSheetWorkbook } from '../fixtures/build-fixtures';

const GOAL_PART = 'xl/worksheets/sheet1.xml';
const DATA_PART = 'xl/worksheets/sheet3.xml';
const MERGES = 50_000;

let dir = '';
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-feature-cost-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** 50,000 two-cell merges in rows 101–50,100, below the goals: empty cells the reader must not make. */
function mergeCellsXml(): string {
  const refs = Array.from({ length: MERGES }, (_, i) => `<mergeCell ref="J${101 + i}:K${101 + i}"/>`);
  return `<mergeCells count="${MERGES}">${refs.join('')}</mergeCells>`;
}

const WHOLE_COLUMN_VALIDATION =
  '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="A1:A1048576"><formula1>"1,2,3,4"</formula1></dataValidation></dataValidations>';

/** The goal-sheet workbook with `xml` spliced into the goal sheet where the schema puts it (before pageMargins). */
async function withGoalSheetXml(name: string, xml: string): Promise<string> {
  const file = await writeGoalSheetWorkbook(dir, name);
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const sheet = await zip.file(GOAL_PART)!.async('string');
  expect(sheet).toContain('</sheetData>');
  expect(sheet).toContain('<pageMargins');
  zip.file(GOAL_PART, sheet.replace('<pageMargins', `${xml}<pageMargins`));
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

async function partText(file: string, part: string): Promise<string> {
  return (await JSZip.loadAsync(await fs.readFile(file))).file(part)!.async('string');
}

describe('ordinary features cost only their bytes', () => {
  it.each([
    ['a whole-column data validation (A1:A1048576)', 'validation.xlsx', WHOLE_COLUMN_VALIDATION],
    ['50,000 merged ranges', 'merges.xlsx', mergeCellsXml()],
  ])('recalc --out with %s: the snapshot stays at the used size and the XML is copied verbatim', async (_feature, name, xml) => {
    const file = await withGoalSheetXml(name, xml);
    const before = (await loadBook(file)).snapshot.sheets[0]!;
    // Header and four goals, eight columns: the feature's range adds no row and no column.
    expect(before.values.length).toBe(5);
    expect(Math.max(...before.values.map((row) => row.length))).toBe(8);

    const out = path.join(dir, `out-${name}`);
    const run = await runCli(['recalc', file, '--out', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);

    const written = await partText(out, GOAL_PART);
    expect(written).toContain(xml);
    const after = (await loadBook(out)).snapshot.sheets[0]!;
    // The owned columns (status and the like) are added to the right; no row beyond the goals.
    expect(after.values.length).toBe(5);
    expect(after.formulas!.length).toBe(5);
    expect(after.numberFormats!.length).toBe(5);
  });
});

/**
 * A valid worksheet whose XML holds `padding` bytes of whitespace before its cells (XML allows it
 * between elements), so it deflates about 1,000× and reads as well-formed until the budget stops it.
 */
function paddedSheet(padding: number, rows: string): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  return Buffer.concat([Buffer.from(head), Buffer.alloc(padding, 0x20), Buffer.from(`<sheetData>${rows}</sheetData></worksheet>`)]);
}

const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Rewrites `part` deflated as `data`, with both its headers declaring `declared` bytes unpacked (the lie). */
function replaceEntryLying(zip: Buffer, part: string, data: Buffer, declared: number): Buffer {
  // JSZip writes the sizes in both headers; the new data go in by rebuilding the zip with the
  // entry's raw bytes replaced, so every other entry keeps its offset arithmetic.
  const entries: { name: string; local: Buffer; body: Buffer; central: Buffer }[] = [];
  let at = 0;
  while (zip.readUInt32LE(at) === LOCAL_HEADER) {
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const compressed = zip.readUInt32LE(at + 18);
    const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const headerEnd = at + 30 + nameLength + extraLength;
    entries.push({ name, local: Buffer.from(zip.subarray(at, headerEnd)), body: zip.subarray(headerEnd, headerEnd + compressed), central: Buffer.alloc(0) });
    at = headerEnd + compressed;
  }
  let c = at;
  for (const entry of entries) {
    expect(zip.readUInt32LE(c)).toBe(CENTRAL_HEADER);
    const length = 46 + zip.readUInt16LE(c + 28) + zip.readUInt16LE(c + 30) + zip.readUInt16LE(c + 32);
    entry.central = Buffer.from(zip.subarray(c, c + length));
    c += length;
  }
  const end = Buffer.from(zip.subarray(c));
  const target = entries.find((e) => e.name === part);
  expect(target).toBeDefined();
  target!.body = data;
  for (const header of [target!.local, target!.central]) {
    const sizeAt = header === target!.local ? 18 : 20;
    header.writeUInt32LE(data.length, sizeAt);
    header.writeUInt32LE(declared, sizeAt + 4);
  }
  const pieces: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    entry.central.writeUInt32LE(offset, 42);
    pieces.push(entry.local, entry.body);
    offset += entry.local.length + entry.body.length;
  }
  const directory = Buffer.concat(entries.map((e) => e.central));
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...pieces, directory, end]);
}

/** The goal workbook plus a data sheet `Svar`, with `part` replaced by a 32 MiB sheet (past the 16 MB ratio floor) declared as 1 KB. */
async function writeSheetBomb(name: string, part: string): Promise<string> {
  const template = await writeGoalSheetWorkbook(dir, `template-${name}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  wb.addWorksheet('Svar').addRow(['Id', 'Svar']);
  const zip = Buffer.from(await wb.xlsx.writeBuffer());
  expect(Object.keys((await JSZip.loadAsync(zip)).files)).toContain(part);
  const bomb = paddedSheet(32 * 1024 * 1024, '<row r="1"><c r="A1" t="inlineStr"><is><t>Nr.</t></is></c></row>');
  const file = path.join(dir, name);
  await fs.writeFile(file, replaceEntryLying(zip, part, deflateRawSync(bomb, { level: 9 }), 1024));
  await fs.rm(template);
  return file;
}

describe('a zip bomb inside a sheet part, on the streaming path', () => {
  it.each([
    ['the goal sheet', 'goal-bomb.xlsx', GOAL_PART],
    ['a data sheet', 'data-bomb.xlsx', DATA_PART],
  ])('refuses %s that inflates past the budget with the bomb error, and writes nothing', async (_which, name, part) => {
    const file = await writeSheetBomb(name, part);
    const original = await fs.readFile(file);
    const out = path.join(dir, `out-${name}`);
    const listing = (await fs.readdir(dir)).sort();
    const run = await runCli(['recalc', file, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} unpacks to more than \\d+ MB from 0\\.\\d MB \\(more than 200× compressed\\), although its zip headers declare 0\\.\\d MB; refusing to open it \\(a damaged file or a zip bomb\\)\\n$`,
      ),
    );
    expect((await fs.readdir(dir)).sort()).toEqual(listing);
    expect((await fs.readFile(file)).equals(original)).toBe(true);
  });
});
