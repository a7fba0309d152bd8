/**
 * The functions' metadata and manifest (docs/spec.md §10, docs/decisions.md "Trafiklys functions"):
 * functions.json as the build generates it from the JSDoc tags, the Danish file the build derives
 * from it, and manifest-functions.xml, valid offline and asking for the custom functions runtime.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

const repoRoot = path.resolve(__dirname, '../..');
const schema = path.join(repoRoot, 'test/manifest-schemas/OfficeAppManifestV1_1.xsd');
const functionsManifest = fs.readFileSync(path.join(repoRoot, 'manifest-functions.xml'), 'utf8');
const mainManifest = fs.readFileSync(path.join(repoRoot, 'manifest.xml'), 'utf8');
const danishTable = JSON.parse(fs.readFileSync(path.join(repoRoot, 'src/functions/functions-da.json'), 'utf8')) as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localizeFunctionsMetadata, rewriteManifest } = require('../../webpack.config.js') as {
  localizeFunctionsMetadata: (json: string, table: unknown) => string;
  rewriteManifest: (content: string, url: string) => string;
};

interface Metadata {
  functions: { id: string; name: string; description: string; parameters: { name: string; optional?: boolean }[] }[];
}

function validate(content: string): { status: number; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trafiklys-functions-manifest-'));
  try {
    const file = path.join(dir, 'manifest.xml');
    fs.writeFileSync(file, content);
    const run = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let english: Metadata;
let danish: Metadata;
let englishJson: string;
beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata([path.join(repoRoot, 'src/functions/functions.ts')]);
  expect(generated.errors).toEqual([]);
  englishJson = generated.metadataJson;
  english = JSON.parse(englishJson) as Metadata;
  danish = JSON.parse(localizeFunctionsMetadata(englishJson, danishTable)) as Metadata;
}, 60_000);

describe('functions.json and functions-da.json', () => {
  it('list the same ids, in the same order, with the English and the Danish names', () => {
    const names = (metadata: Metadata) => metadata.functions.map((fn) => [fn.id, fn.name]);
    expect(names(english)).toEqual([['NPS', 'NPS'], ['SHARE', 'SHARE'], ['COUNTUNIQUE', 'COUNTUNIQUE'], ['TARGET', 'TARGET'], ['STATUS', 'STATUS']]);
    expect(names(danish)).toEqual([['NPS', 'NPS'], ['SHARE', 'ANDEL'], ['COUNTUNIQUE', 'ANTAL.UNIKKE'], ['TARGET', 'MÅLTAL'], ['STATUS', 'STATUS']]);
  });

  it('give the parameters of docs/spec.md §10, the same ones optional in both languages', () => {
    const params = (metadata: Metadata) => metadata.functions.map((fn) => [fn.id, fn.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}`)]);
    expect(params(english)).toEqual([
      ['NPS', ['answers', 'filter_range?', 'filter_value?']],
      ['SHARE', ['answers', 'answer', 'filter_range?', 'filter_value?']],
      ['COUNTUNIQUE', ['values', 'filter_range?', 'filter_value?']],
      ['TARGET', ['rule', 'year', 'baseline?']],
      ['STATUS', ['rule', 'actual', 'year?', 'as_of?']],
    ]);
    expect(params(danish)).toEqual([
      ['NPS', ['svar', 'filter_område?', 'filter_værdi?']],
      ['SHARE', ['svar', 'svaret', 'filter_område?', 'filter_værdi?']],
      ['COUNTUNIQUE', ['værdier', 'filter_område?', 'filter_værdi?']],
      ['TARGET', ['regel', 'år', 'udgangspunkt?']],
      ['STATUS', ['regel', 'resultat', 'år?', 'opgjort_pr?']],
    ]);
    // Ranges arrive as matrices, single values as they are, and no argument is converted by Excel (type any).
    const ranges = english.functions.flatMap((fn) => fn.parameters.filter((p) => (p as { dimensionality?: string }).dimensionality === 'matrix').map((p) => `${fn.id}.${p.name}`));
    expect(ranges).toEqual(['NPS.answers', 'NPS.filter_range', 'SHARE.answers', 'SHARE.filter_range', 'COUNTUNIQUE.values', 'COUNTUNIQUE.filter_range']);
    expect(new Set(english.functions.flatMap((fn) => fn.parameters.map((p) => (p as { type?: string }).type)))).toEqual(new Set(['any']));
    // Everything but names and descriptions is the generated file's.
    const shape = (metadata: Metadata) => JSON.stringify(metadata, (key, value) => (key === 'name' || key === 'description' ? undefined : value));
    expect(shape(danish)).toBe(shape(english));
    expect(danish.functions.every((fn) => fn.description !== english.functions.find((e) => e.id === fn.id)?.description)).toBe(true);
  });

  it('refuses to build a Danish file that misses a function or names one that is gone', () => {
    const { SHARE: _share, ...missing } = danishTable;
    expect(() => localizeFunctionsMetadata(englishJson, missing)).toThrow('functions-da.json has no Danish name for SHARE');
    expect(() => localizeFunctionsMetadata(englishJson, { ...danishTable, AVERAGE: danishTable.NPS })).toThrow('functions-da.json names functions that do not exist: AVERAGE');
  });
});

describe('manifest-functions.xml', () => {
  it('validates against the manifest schema (xmllint, offline), and fails it when broken', () => {
    expect(validate(functionsManifest)).toMatchObject({ status: 0 });
    expect(validate(functionsManifest.replace('<Script>', '<Scrip>')).status).not.toBe(0);
  });

  it('asks for CustomFunctionsRuntime 1.2 in its base Requirements, so an Excel without it never offers it', () => {
    const sets = [...functionsManifest.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(sets).toEqual(['CustomFunctionsRuntime 1.2']);
    expect(functionsManifest).toMatch(/<\/Hosts>\s*(<!--[^>]*-->\s*)?<Requirements>/);
  });

  it('declares the functions in the TRAFIKLYS namespace with the Danish metadata as the da-DK override of the metadata URL', () => {
    expect(functionsManifest).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">\s*<Script>\s*<SourceLocation resid="Functions.Script.Url"\/>/);
    expect(functionsManifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="TRAFIKLYS"/>');
    expect(functionsManifest).toMatch(
      /<bt:Url id="Functions.Metadata.Url" DefaultValue="https:\/\/localhost:3000\/functions.json">\s*<bt:Override Locale="da-DK" Value="https:\/\/localhost:3000\/functions-da.json"\/>\s*<\/bt:Url>/,
    );
    expect(functionsManifest).toContain('<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>');
    expect(functionsManifest).toContain('<Permissions>ReadDocument</Permissions>');
  });

  it('is another add-in: its own Id, and manifest.xml (pane and ribbon) declares no functions and no new requirement', () => {
    const id = (xml: string) => /<Id>([^<]*)<\/Id>/.exec(xml)?.[1];
    expect(id(functionsManifest)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id(functionsManifest)).not.toBe(id(mainManifest));
    expect(mainManifest).not.toContain('CustomFunctions');
    expect(mainManifest).not.toContain('<Runtimes>');
  });

  it('stays valid with its URLs rewritten for production', () => {
    const production = rewriteManifest(functionsManifest, 'https://addin.example.dk/trafiklys');
    expect(production).not.toContain('localhost');
    expect(production).toContain('Value="https://addin.example.dk/trafiklys/functions-da.json"');
    expect(validate(production).status).toBe(0);
  });
});
