/**
 * The add-in manifest: schema-valid offline (xmllint against test/manifest-schemas, kept in the repository),
 * least privilege, a stable Id, a Danish override, and icons that exist at their stated sizes.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';

const repoRoot = path.resolve(__dirname, '..');
// Microsoft's manifest XSDs live in the repository (test/manifest-schemas/README.md: source, licence).
const schema = path.join(repoRoot, 'test/manifest-schemas/OfficeAppManifestV1_1.xsd');
const manifestPath = path.join(repoRoot, 'manifest.xml');
const manifest = fs.readFileSync(manifestPath, 'utf8');

/** Runs xmllint and returns its exit status and combined output. */
function validate(file: string): { status: number; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

/** Samples per pixel for each PNG colour type (PNG spec, IHDR). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Width and height of a PNG, after checking that the whole image is there: the signature, IHDR
 * first, IEND last, and IDAT data that inflates to exactly the bytes the stated size needs (one
 * filter byte per row plus its pixels). A truncated, resized-but-not-restated or non-PNG file fails.
 */
function readPngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const [bitDepth, colourType, , , interlace] = bytes.subarray(24, 29);
  const idat: Buffer[] = [];
  let at = 8;
  let last = '';
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    last = bytes.toString('ascii', at + 4, at + 8);
    if (last === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  if (last !== 'IEND' || at !== bytes.length) throw new Error(`${file} does not end with IEND`);
  if (interlace !== 0) throw new Error(`${file} is interlaced`);
  const rowBytes = 1 + Math.ceil((width * PNG_CHANNELS[colourType] * bitDepth) / 8);
  expect({ file, pixelBytes: zlib.inflateSync(Buffer.concat(idat)).length }).toEqual({ file, pixelBytes: height * rowBytes });
  return { width, height };
}

/** Every image the manifest names, with the size it states: IconUrl 32, HighResolutionIconUrl 64, `Icon.WxH`. */
function listManifestImages(): { url: string; width: number; height: number }[] {
  const stated = (url: string, size: number) => ({ url, width: size, height: size });
  return [
    ...[...manifest.matchAll(/<IconUrl DefaultValue="([^"]+)"\/>/g)].map((m) => stated(m[1], 32)),
    ...[...manifest.matchAll(/<HighResolutionIconUrl DefaultValue="([^"]+)"\/>/g)].map((m) => stated(m[1], 64)),
    ...[...manifest.matchAll(/<bt:Image id="[^"]*?(\d+)x(\d+)" DefaultValue="([^"]+)"\/>/g)].map((m) => ({ url: m[3], width: Number(m[1]), height: Number(m[2]) })),
  ];
}

function withTempFile(content: string, use: (file: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trafiklys-manifest-'));
  const file = path.join(dir, 'manifest.xml');
  fs.writeFileSync(file, content);
  try {
    use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('manifest.xml', () => {
  it('validates against the Office add-in manifest schema (xmllint, offline)', () => {
    expect(fs.existsSync(schema)).toBe(true);
    const result = validate(manifestPath);
    expect(result.output).toContain('manifest.xml validates');
    expect(result.status).toBe(0);
  });

  it('is rejected by the same check when it asks for more than the document', () => {
    withTempFile(manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>'), (file) => {
      const result = validate(file);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('Permissions');
    });
  });

  it('asks for ReadWriteDocument and nothing more, in Excel only', () => {
    expect(manifest.match(/<Permissions>([^<]*)<\/Permissions>/g)).toEqual(['<Permissions>ReadWriteDocument</Permissions>']);
    expect(manifest.match(/<Host Name="[^"]*"\/>/g)).toEqual(['<Host Name="Workbook"/>']);
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
  });

  it('declares the ExcelApi floor the adapter checks at start, and only that set', async () => {
    const { EXCEL_API_FLOOR } = await import('../src/excel/requirements');
    const sets = [...manifest.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(sets).toEqual([`ExcelApi ${EXCEL_API_FLOOR}`]);
    expect(manifest).toMatch(/<\/Hosts>\s*(<!--[^>]*-->\s*)?<Requirements>/);
    // Without it the check is not the manifest's: the same schema rejects a <Requirements> out of order.
    const misplaced = manifest.replace(/<Requirements>[\s\S]*?<\/Requirements>/, '').replace('<Permissions>', '<Requirements><Sets><Set Name="ExcelApi" MinVersion="1.2"/></Sets></Requirements><Permissions>');
    withTempFile(misplaced, (file) => expect(validate(file).status).not.toBe(0));
  });

  it('has a stable GUID Id', () => {
    const id = /<Id>([^<]*)<\/Id>/.exec(manifest)?.[1];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe('aee22bf3-e244-4011-93e9-a3594519df1b');
  });

  it('names and describes itself in English with a Danish override', () => {
    expect(manifest).toMatch(/<DisplayName DefaultValue="Trafiklys">\s*<Override Locale="da-DK" Value="Trafiklys"\/>/);
    expect(manifest).toMatch(/<Description DefaultValue="Traffic-light status[^"]*">\s*<Override Locale="da-DK" Value="Trafiklys-status for resultatkontrakter[^"]*"\/>/);
    expect(manifest).toMatch(/<bt:String id="Recalculate.Label" DefaultValue="Recalculate">\s*<bt:Override Locale="da-DK" Value="Genberegn"\/>/);
    expect(manifest).toMatch(/<bt:String id="Open.Label" DefaultValue="Open">\s*<bt:Override Locale="da-DK" Value="Åbn"\/>/);
    expect(manifest).toMatch(/<SupportUrl DefaultValue="https:\/\/[^"]+"\/>/);
  });

  it('puts a Trafiklys group on the Home tab with Recalculate (function) and Open (task pane)', () => {
    expect(manifest).toMatch(/<OfficeTab id="TabHome">\s*<Group id="Trafiklys.Group">/);
    expect(manifest).toMatch(/<bt:String id="Group.Label" DefaultValue="Trafiklys">/);
    expect(manifest).toMatch(/<Action xsi:type="ExecuteFunction">\s*<FunctionName>recalculate<\/FunctionName>/);
    expect(manifest).toMatch(/<FunctionFile resid="Commands.Url"\/>/);
    expect(manifest).toContain('<bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>');
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>[^<]+<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(manifest).toContain('<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>');
  });

  it('uses only https://localhost:3000/ URLs (rewritten by the production build)', () => {
    const urls = manifest.match(/https?:\/\/[^"<\s]+/g) ?? [];
    const schemaNamespaces = urls.filter((url) => url.startsWith('http://schemas.microsoft.com/') || url.startsWith('http://www.w3.org/'));
    const addinUrls = urls.filter((url) => !schemaNamespaces.includes(url));
    expect(addinUrls.length).toBeGreaterThan(5);
    expect(addinUrls.filter((url) => !url.startsWith('https://localhost:3000/'))).toEqual([]);
  });

  it.each([
    ['IconUrl', 32],
    ['HighResolutionIconUrl', 64],
  ])('%s names an existing %i px icon', (element, size) => {
    const url = new RegExp(`<${element} DefaultValue="https://localhost:3000/([^"]+)"/>`).exec(manifest)?.[1];
    expect(url).toBe(`assets/icon-${size}.png`);
    expect(readPngSize(path.join(repoRoot, url as string))).toEqual({ width: size, height: size });
  });

  it.each([16, 32, 80].map((size) => [`${size}x${size}`, size] as const))('ribbon image Icon.%s is an existing PNG of that size', (_name, size) => {
    const url = new RegExp(`<bt:Image id="Icon.${size}x${size}" DefaultValue="https://localhost:3000/([^"]+)"/>`).exec(manifest)?.[1];
    expect(url).toBe(`assets/icon-${size}.png`);
    expect(readPngSize(path.join(repoRoot, url as string))).toEqual({ width: size, height: size });
  });

  it('names every image as a whole PNG in assets/ of the size it states, and every icon in assets/ is named', () => {
    const images = listManifestImages();
    // Every .png the manifest names is one of the sized images above: none slips past unchecked.
    expect((manifest.match(/[^"]+\.png(?=")/g) ?? []).sort()).toEqual(images.map((image) => image.url).sort());
    for (const { url, width, height } of images) {
      const file = url.replace('https://localhost:3000/', '');
      expect({ url, file: file.startsWith('assets/') && fs.existsSync(path.join(repoRoot, file)) }).toEqual({ url, file: true });
      expect({ url, size: readPngSize(path.join(repoRoot, file)) }).toEqual({ url, size: { width, height } });
    }
    const named = new Set(images.map((image) => path.basename(image.url)));
    expect(fs.readdirSync(path.join(repoRoot, 'assets')).filter((name) => name.endsWith('.png') && !named.has(name))).toEqual([]);
  });

  it('ships the icon source SVG: a dark housing with red, amber and green lamps', () => {
    const svg = fs.readFileSync(path.join(repoRoot, 'assets/trafiklys.svg'), 'utf8');
    expect(svg).toContain('fill="#263238"');
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toMatch(/glow-red[\s\S]*glow-amber[\s\S]*glow-green/);
  });

  it('the production rewrite keeps it valid and leaves no localhost URL', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { rewriteManifest } = require('../webpack.config.js') as { rewriteManifest: (content: string, url: string) => string };
    const production = rewriteManifest(manifest, 'https://addin.example.dk/trafiklys');
    expect(production).not.toContain('localhost');
    expect(production).toContain('<SourceLocation DefaultValue="https://addin.example.dk/trafiklys/taskpane.html"/>');
    withTempFile(production, (file) => expect(validate(file).status).toBe(0));
  });
});
