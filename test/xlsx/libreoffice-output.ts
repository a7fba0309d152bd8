/**
 * Reading what LibreOffice wrote for libreoffice-reader.test.ts: its CSV export of every sheet,
 * and the .ods it saved (the objects it kept, and each cell with its style). Nothing here knows
 * Trafiklys; it reads LibreOffice's files only.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

/** The value of attribute `name` (with its prefix) in a start tag's text. */
export function attributeOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
}

/** RFC 4180 CSV as LibreOffice writes it: quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface SheetFile {
  sheet: string;
  file: string;
}

/**
 * The sheets LibreOffice wrote in a CSV batch conversion, by input file name, in its order: the
 * `Writing sheet S -> FILE` lines after each `convert INPUT …` line of its output.
 */
export function readSheetFiles(stdout: string): Map<string, SheetFile[]> {
  const out = new Map<string, SheetFile[]>();
  let current: SheetFile[] | null = null;
  for (const line of stdout.split('\n')) {
    const convert = /^convert (.+?)(?: -> .+?)? using filter : /.exec(line);
    if (convert) out.set(path.basename(convert[1]), (current = []));
    const writing = /^Writing sheet (.*) -> (\/.*\.csv)$/.exec(line);
    if (writing && current) current.push({ sheet: writing[1], file: writing[2] });
  }
  return out;
}

/** The start tags of `name` in `xml`, each as its attributes without the automatic style names LibreOffice numbers afresh on every save. */
function startTags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?=[\\s/>])([^>]*?)/?>`, 'g'))].map((m) => m[1].replace(/\s[\w-]+:(?:text-)?style-name="[^"]*"/g, '').trim());
}

/**
 * Replaces each reference to an automatic style (`ce3`, `co2`, `N5`, `gr1`, …), which
 * LibreOffice numbers afresh on every save, by what the style says, nested references included,
 * and each font by its family; named styles (`Default`, a workbook's own cell styles) stay as named.
 */
function styleResolver(content: string): (xml: string) => string {
  const start = content.indexOf('<office:automatic-styles>');
  const end = content.indexOf('</office:automatic-styles>');
  const definitions = new Map<string, string>();
  if (start >= 0 && end > start) {
    for (const m of content.slice(start + '<office:automatic-styles>'.length, end).matchAll(/<([\w-]+:[\w-]+)([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g)) {
      const name = attributeOf(m[2], 'style:name');
      if (name !== undefined) definitions.set(name, `${m[1]}${m[2].replace(/\sstyle:name="[^"]*"/, '')} ${m[3] ?? ''}`.trim());
    }
  }
  // A font by its family: LibreOffice declares one family under several names (`Arial`, `Arial1`)
  // and which of them a style gets varies from one run to the next on the same input.
  const families = new Map([...content.matchAll(/<style:font-face\b([^>]*)\/?>/g)].map((m) => [attributeOf(m[1], 'style:name'), attributeOf(m[1], 'svg:font-family')]));
  const resolve = (xml: string, depth: number): string =>
    xml
      .replace(/(\s[\w-]+:[\w-]*style-name)="([^"]*)"/g, (whole, attribute: string, name: string) => {
        const definition = definitions.get(name);
        return definition === undefined || depth > 8 ? whole : `${attribute}={${resolve(definition, depth + 1)}}`;
      })
      .replace(/(\sstyle:font-name(?:-asian|-complex)?)="([^"]*)"/g, (whole, attribute: string, name: string) => (families.has(name) ? `${attribute}={${families.get(name)}}` : whole));
  return (xml) => resolve(xml, 0);
}

/** A sheet as the .ods holds it, expanded as far as the limits its reader gave. */
export interface OdsSheet {
  /** The sheet's own style (hidden or shown, its page style, tab colour), resolved. */
  table: string;
  /** Each column's style and default cell style, resolved. */
  columns: string[];
  /** Each row's style, resolved. */
  rows: string[];
  /** Each cell: its style (its own, else its column's default), value, formula, validation, spans, text and note, resolved; `''` for an empty cell in the default style. */
  cells: string[][];
}

export interface OdsBook {
  /** What LibreOffice keeps of each kind of object: one line per object (see {@link readOds}). */
  objects: Record<string, string[]>;
  sheets: Map<string, OdsSheet>;
}

function expand<T>(items: { value: T; repeat: number }[], limit: number): T[] {
  const out: T[] = [];
  for (const item of items) for (let i = 0; i < item.repeat && out.length < limit; i++) out.push(item.value);
  return out;
}

function readOdsSheet(attrs: string, body: string, resolve: (xml: string) => string, limit: { rows: number; columns: number }): OdsSheet {
  const repeat = (attrs: string, name: string): number => Number(attributeOf(attrs, name) ?? 1);
  const columnTags = [...body.matchAll(/<table:table-column(?=[\s/>])([^>]*?)\/?>/g)].map((m) => ({ value: m[1], repeat: repeat(m[1], 'table:number-columns-repeated') }));
  const columnAttrs = expand(columnTags, limit.columns);
  const columnStyles = columnAttrs.map((attrs) => attributeOf(attrs, 'table:default-cell-style-name'));
  const rows: string[] = [];
  const cells: string[][] = [];
  for (const row of body.matchAll(/<table:table-row(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
    const rowCells = [...(row[2] ?? '').matchAll(/<table:(table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/table:\1>)/g)].map((m) => ({
      value: m,
      repeat: repeat(m[2], 'table:number-columns-repeated'),
    }));
    const described = expand(rowCells, limit.columns).map((m, col) => {
      const attrs = m[2].replace(/\stable:number-columns-repeated="\d+"/, '');
      const style = attributeOf(attrs, 'table:style-name') ?? columnStyles[col];
      const rest = attrs.replace(/\stable:style-name="[^"]*"/, '').trim();
      // A note's date is today's when the workbook gives none.
      const inner = (m[3] ?? '').replace(/<dc:date>[^<]*<\/dc:date>/g, '');
      if (m[1] === 'table-cell' && (style === undefined || style === 'Default') && rest === '' && inner === '') return '';
      return resolve(`${m[1]} x:style-name="${style ?? ''}" ${rest} ${inner}`);
    });
    const count = repeat(row[1], 'table:number-rows-repeated');
    for (let i = 0; i < count && rows.length < limit.rows; i++) {
      rows.push(resolve(row[1].replace(/\stable:number-rows-repeated="\d+"/, '')).trim());
      cells.push(described);
    }
    if (rows.length >= limit.rows) break;
  }
  return { table: resolve(attrs).trim(), columns: columnAttrs.map((attrs) => resolve(attrs.replace(/\stable:number-columns-repeated="\d+"/, '')).trim()), rows, cells };
}

/**
 * The .ods LibreOffice saved: the objects it kept, and each sheet's cells within `limits` (its
 * rows and columns, by sheet name; sheets not named are not expanded).
 *
 * Objects, one line per object, without the automatic style names: pivot tables, charts with
 * their series' ranges (from the chart's own part), frames, images, shapes, form controls,
 * notes, hyperlinks, database ranges (tables), named ranges and expressions, conditional formats
 * and validations; what lives on a sheet is named by its sheet.
 */
export async function readOds(file: string, limits: Map<string, { rows: number; columns: number }>): Promise<OdsBook> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const content = await zip.file('content.xml')!.async('string');
  const resolve = styleResolver(content);
  const tables = [...content.matchAll(/<table:table(\s[^>]*)>([\s\S]*?)<\/table:table>/g)].map(([, attrs, body]) => ({ sheet: unescapeXml(attributeOf(attrs, 'table:name') ?? ''), attrs, body }));
  const onSheets = (pick: (body: string) => string[]): string[] => tables.flatMap(({ sheet, body }) => pick(body).map((line) => `${sheet}: ${line}`)).sort();
  const charts: string[] = [];
  for (const href of [...content.matchAll(/<draw:object\b[^>]*xlink:href="\.\/([^"]+)"/g)].map((m) => m[1])) {
    const chart = await zip.file(`${href}/content.xml`)?.async('string');
    const series = [...(chart ?? '').matchAll(/<chart:(?:chart|series)\b[^>]*?(?:chart:class|chart:values-cell-range-address)="([^"]*)"/g)].map((m) => m[1]);
    charts.push(series.join(' | '));
  }
  // A validation's base cell is left out: LibreOffice 7.4 writes it on a random sheet now and
  // then, for the very same input. Which sheets use each validation is what counts.
  const validations = new Map([...content.matchAll(/<table:content-validation\b([^>]*)>/g)].map((m) => [attributeOf(m[1], 'table:name'), attributeOf(m[1], 'table:condition')]));
  // A note's box (from its legacy drawing), author and text; not its date, which LibreOffice sets to today when the file has none.
  const notes = (body: string): string[] =>
    [...body.matchAll(/<office:annotation\b([^>]*)>([\s\S]*?)<\/office:annotation>/g)].map(
      (m) => `${startTags(`<x${m[1]}>`, 'x')[0]} ${m[2].replace(/<dc:date>[^<]*<\/dc:date>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}`,
    );
  const objects = {
    'pivot tables': startTags(content, 'table:data-pilot-table').sort(),
    'charts and embedded objects': onSheets((body) => startTags(body, 'draw:object')),
    'chart series': charts.sort(),
    frames: onSheets((body) => startTags(body, 'draw:frame')),
    images: onSheets((body) => startTags(body, 'draw:image')),
    shapes: onSheets((body) => startTags(body, 'draw:custom-shape')),
    'form controls': onSheets((body) => startTags(body, 'draw:control')),
    comments: onSheets(notes),
    hyperlinks: onSheets((body) => startTags(body, 'text:a')),
    'database ranges (tables)': startTags(content, 'table:database-range').sort(),
    'named ranges': startTags(content, 'table:named-range').sort(),
    'named expressions': startTags(content, 'table:named-expression').sort(),
    'conditional formats': startTags(content, 'calcext:conditional-format').sort(),
    validations: onSheets((body) => [...new Set([...body.matchAll(/table:content-validation-name="([^"]*)"/g)].map((m) => m[1]))].map((id) => validations.get(id) ?? id)),
  };
  const sheets = new Map<string, OdsSheet>();
  for (const { sheet, attrs, body } of tables) {
    const limit = limits.get(sheet);
    if (limit) sheets.set(sheet, readOdsSheet(attrs, body, resolve, limit));
  }
  return { objects, sheets };
}
