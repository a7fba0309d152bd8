/**
 * What an .xlsx writer may legally produce and the streaming reader
 * must read right (rich-text runs, cells and rows without `r`), and Strict Open XML, which it
 * refuses in plain words with nothing written. Packages are written by hand (jszip) so each
 * case holds exactly the XML it names.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { loadBook } from '../../src/xlsx/index';
import { runCli } from '../cli/cli-harness';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

async function writePackage(file: string, sheetData: string, options: { sharedStrings?: string; strict?: boolean } = {}): Promise<string> {
  const main = options.strict ? STRICT_MAIN : MAIN;
  const rel = options.strict ? STRICT_REL : REL;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      (options.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
      '</Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
      (options.sharedStrings ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
      '</Relationships>',
  );
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`);
  if (options.sharedStrings) zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}">${options.sharedStrings}</sst>`);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trafiklys-reader-cases-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the streaming reader, case by case', () => {
  it('joins rich-text runs of shared and inline strings, leaving out phonetic runs', async () => {
    const file = await writePackage(
      path.join(dir, 'rich.xlsx'),
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>Meget </t></r><r><t xml:space="preserve">tilfreds &amp; glad</t></r></is></c></row>',
      { sharedStrings: '<si><r><rPr><i/></rPr><t>Seg</t></r><r><t>ment</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>' },
    );
    const { snapshot } = await loadBook(file);
    expect(snapshot.sheets[0]?.values).toEqual([['Segment', 'Meget tilfreds & glad']]);
  });

  it('places cells without `r` after the previous cell, and rows without `r` after the previous row', async () => {
    const file = await writePackage(path.join(dir, 'no-r.xlsx'), '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row r="3"><c><v>7</v></c></row><row><c r="B4"><v>8</v></c></row>');
    const { snapshot } = await loadBook(file);
    expect(snapshot.sheets[0]?.values).toEqual([[1, 2, null, null, 5, 6], [], [7], [null, 8]]);
  });

  it('refuses Strict Open XML in plain words and writes nothing', async () => {
    const file = await writePackage(path.join(dir, 'strict.xlsx'), '<row r="1"><c r="A1"><v>1</v></c></row>', { strict: true });
    const out = path.join(dir, 'strict.trafiklys.xlsx');
    const run = await runCli(['recalc', file, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${file} is saved as Strict Open XML, which Trafiklys does not read; open it in Excel and save it as Excel Workbook (.xlsx)\n`);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
