/**
 * A goal sheet put into a real workbook by string edits of its package (JSZip; no Trafiklys
 * code), for tests that need real packages written by other software with a goal sheet in them:
 * the LibreOffice reader test and the real-files test. The new sheet is the last one and carries
 * a note, a hyperlink, a merged title, a colour scale, a drop-down and formulas, one of them in
 * the owned Status column.
 */
import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { attributeOf } from './libreoffice-output';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const GOAL_SHEET = 'Mål 2021';

export type GoalCell = string | number | { formula: string; cached: string | number };

/**
 * The rows of the injected goal sheet, from row 1. Row 1 is a merged title, row 2 the header; G
 * (Status) is owned and holds a formula in goal 6, which must survive. E6 and F6 are formulas in
 * columns the user owns. Goal 6's ID is a number cell. F3 has a note, B3 a hyperlink, E a colour
 * scale and F a drop-down, so the sheet Trafiklys rewrites carries objects of its own.
 */
export const GOAL_ROWS: GoalCell[][] = [
  ['Mål til LibreOffice-prøven'],
  ['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat', 'Ansvarlig', 'Status'],
  ['1', 'Tilfredshed', '%', '≥ 80%', 85, 'Anne'],
  ['2', 'Kendskab', '%', '≥ 40%', 30, 'Bo'],
  ['3', 'Deltagere', 'antal', '2021: 500', 480, 'Cai'],
  ['4', 'Anbefaling', '%', '≥ 80%', { formula: '70+5', cached: 75 }, { formula: 'F3&" og "&F4', cached: 'Anne og Bo' }],
  ['', 'Kvalitative mål'],
  ['5', 'Samarbejde', '', '', '', 'Anne'],
  [6, 'Egen vurdering', '%', '≥ 50%', 60, '', { formula: '"Se "&F3', cached: 'Se Anne' }],
];

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The goal sheet part; `rel` names its relationships (the hyperlink's target and the note's drawing). */
function goalSheetXml(rel: { hyperlink: string; vml: string }): string {
  const rows = GOAL_ROWS.map((cells, r) => {
    const xml = cells.map((value, c) => {
      const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
      if (value === '') return '';
      if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
      if (typeof value === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${escapeText(value)}</t></is></c>`;
      const type = typeof value.cached === 'string' ? ' t="str"' : '';
      return `<c r="${ref}"${type}><f>${escapeText(value.formula)}</f><v>${escapeText(String(value.cached))}</v></c>`;
    });
    return `<row r="${r + 1}">${xml.join('')}</row>`;
  });
  const last = GOAL_ROWS.length;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells>` +
    `<conditionalFormatting sqref="E3:E${last}"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>` +
    `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="F3:F${last}"><formula1>"Anne,Bo,Cai"</formula1></dataValidation></dataValidations>` +
    `<hyperlinks><hyperlink ref="B3" r:id="${rel.hyperlink}"/></hyperlinks><legacyDrawing r:id="${rel.vml}"/></worksheet>`
  );
}

const NOTE_COMMENTS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS_MAIN}"><authors><author>Prøven</author></authors><commentList><comment ref="F3" authorId="0"><text><r><t>Ring til Anne før mødet</t></r></text></comment></commentList></comments>`;
/** The note's box, in the legacy drawing Excel and LibreOffice both read for notes. */
const NOTE_VML =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="9"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  '<v:shape id="_x0000_s9217" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:20pt;width:100pt;height:50pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">' +
  '<v:fill color2="#ffffe1"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
  '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>6, 15, 2, 2, 8, 15, 6, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>2</x:Row><x:Column>5</x:Column></x:ClientData>' +
  '</v:shape></xml>';

/** Inserts `element` before the last `</…name>` of `xml`; throws when there is none. */
function insertBeforeEnd(xml: string, name: RegExp, element: string, part: string): string {
  const ends = [...xml.matchAll(new RegExp(`</(?:\\w+:)?${name.source}>`, 'g'))];
  if (ends.length === 0) throw new Error(`${part}: no end tag ${name.source} to insert before`);
  const at = ends[ends.length - 1].index;
  return xml.slice(0, at) + element + xml.slice(at);
}

/**
 * Writes `target`: the workbook `source` with the goal sheet added as its last sheet, with its
 * note's parts. Every other entry keeps its content (checked); the three edited parts keep every
 * byte but the insertion.
 */
export async function injectGoalSheet(source: string, target: string): Promise<void> {
  const original = await JSZip.loadAsync(await fs.readFile(source));
  const zip = await JSZip.loadAsync(await fs.readFile(source));
  const read = async (name: string): Promise<string> => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${source}: no part ${name}`);
    return entry.async('string');
  };
  const office = [...(await read('_rels/.rels')).matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => /\/officeDocument$/.test(attributeOf(tag, 'Type') ?? ''));
  const workbookPart = attributeOf(office ?? '', 'Target')?.replace(/^\//, '');
  if (!workbookPart) throw new Error(`${source}: no officeDocument relationship`);
  const dir = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const relsPart = `${dir}_rels/${workbookPart.slice(dir.length)}.rels`;
  const taken = (name: string): boolean => Object.keys(zip.files).some((entry) => entry.toLowerCase() === name.toLowerCase());
  const free = (pattern: (k: number) => string): string => {
    let k = 1;
    while (taken(pattern(k))) k++;
    return pattern(k);
  };
  const sheetPart = free((k) => `${dir}worksheets/sheet${k}.xml`);
  const commentsPart = free((k) => `${dir}comments${k}.xml`);
  const vmlPart = free((k) => `${dir}drawings/vmlDrawing${k}.vml`);
  const fromSheet = (part: string): string => `../${part.slice(dir.length)}`;

  const rels = await read(relsPart);
  let relId = 'rIdLoGoals';
  while (rels.includes(`Id="${relId}"`)) relId += 'x';
  zip.file(relsPart, insertBeforeEnd(rels, /Relationships/, `<Relationship Id="${relId}" Type="${NS_REL}/worksheet" Target="${sheetPart.slice(dir.length)}"/>`, relsPart));

  const workbook = await read(workbookPart);
  if (!workbook.includes(`"${NS_MAIN}"`)) throw new Error(`${source}: not a transitional SpreadsheetML workbook`);
  if (new RegExp(`<(?:\\w+:)?sheet\\b[^>]*\\sname="${GOAL_SHEET}"`, 'i').test(workbook)) throw new Error(`${source} has a sheet ${GOAL_SHEET} already`);
  const prefix = /<(\w+:)?sheets\b/.exec(workbook)?.[1] ?? '';
  const sheetId = Math.max(0, ...[...workbook.matchAll(/\ssheetId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const rootTag = /<(?:\w+:)?workbook\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const relPrefix = new RegExp(`xmlns:(\\w+)="${NS_REL}"`).exec(rootTag)?.[1];
  const idAttribute = relPrefix ? `${relPrefix}:id="${relId}"` : `xmlns:r="${NS_REL}" r:id="${relId}"`;
  zip.file(workbookPart, insertBeforeEnd(workbook, /sheets/, `<${prefix}sheet name="${GOAL_SHEET}" sheetId="${sheetId}" ${idAttribute}/>`, workbookPart));

  let types = await read('[Content_Types].xml');
  const override = (part: string, type: string): string => `<Override PartName="/${part}" ContentType="${type}"/>`;
  types = insertBeforeEnd(types, /Types/, override(sheetPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'), '[Content_Types].xml');
  types = insertBeforeEnd(types, /Types/, override(commentsPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml'), '[Content_Types].xml');
  types = insertBeforeEnd(types, /Types/, override(vmlPart, 'application/vnd.openxmlformats-officedocument.vmlDrawing'), '[Content_Types].xml');
  zip.file('[Content_Types].xml', types);
  zip.file(sheetPart, goalSheetXml({ hyperlink: 'rIdLink', vml: 'rIdNote' }));
  zip.file(
    `${dir}worksheets/_rels/${sheetPart.slice(`${dir}worksheets/`.length)}.rels`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rIdLink" Type="${NS_REL}/hyperlink" Target="https://example.org/trafiklys?m%C3%A5l=1" TargetMode="External"/>` +
      `<Relationship Id="rIdComments" Type="${NS_REL}/comments" Target="${fromSheet(commentsPart)}"/>` +
      `<Relationship Id="rIdNote" Type="${NS_REL}/vmlDrawing" Target="${fromSheet(vmlPart)}"/></Relationships>`,
  );
  zip.file(commentsPart, NOTE_COMMENTS);
  zip.file(vmlPart, NOTE_VML);

  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const written = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(original.files)) {
    if ([relsPart, workbookPart, '[Content_Types].xml'].includes(name) || original.files[name].dir) continue;
    const [was, is] = await Promise.all([original.file(name)!.async('nodebuffer'), written.file(name)?.async('nodebuffer')]);
    if (!is?.equals(was)) throw new Error(`${source}: injecting the goal sheet changed ${name}`);
  }
  await fs.writeFile(target, bytes);
}

async function readGoalSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(GOAL_SHEET);
  if (!ws) throw new Error(`${file} has no sheet ${GOAL_SHEET}`);
  return ws;
}

/** The Status column of the injected goal sheet (G3 onwards, a formula as itself), as exceljs reads it. */
export async function readGoalStatuses(file: string): Promise<unknown[]> {
  const ws = await readGoalSheet(file);
  return Array.from({ length: GOAL_ROWS.length - 2 }, (_, i) => {
    const cell = ws.getCell(`G${i + 3}`);
    return cell.formula ? { formula: cell.formula } : cell.value;
  });
}

/** Every cell of the goal sheet outside the owned columns (A to F): value, number format, font, fill, alignment and note, as exceljs reads them. */
export async function readUserCells(file: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  (await readGoalSheet(file)).eachRow((row) =>
    row.eachCell((cell, col) => {
      if (col <= 6) out[cell.address] = { v: cell.value, f: cell.numFmt, font: cell.font, fill: cell.fill, alignment: cell.alignment, note: cell.note };
    }),
  );
  return out;
}
