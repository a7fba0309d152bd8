import type { DefinedNameWrite } from '../engine';
import { NS_REL } from './package-parts';
import { childXml, joinChildren, setChild, splitChildren, WORKBOOK_ORDER } from './xml-children';
import { escapeXml, readAttribute } from './xml-scanner';

/**
 * Rewrites the workbook part for the plan: sheets added, defined names set, and Excel asked to
 * recalculate on open; every other byte of the part kept as it was.
 */

export interface WorkbookEdit {
  addSheets: { name: string; sheetId: number; relId: string }[];
  definedNames: (DefinedNameWrite & { localSheetId?: number })[];
}

export function editWorkbook(xml: string, file: string, part: string, edit: WorkbookEdit): string {
  const doc = splitChildren(xml, file, part);
  const p = doc.prefix;
  const relPrefix = new RegExp(`xmlns:(\\w+)="${NS_REL.replace(/[./]/g, '\\$&')}"`).exec(doc.rootAttrs)?.[1];
  if (edit.addSheets.length > 0) {
    const sheets = doc.children.find((c) => c.name === 'sheets');
    const added = edit.addSheets
      .map((s) => `<${p}sheet name="${escapeXml(s.name)}" sheetId="${s.sheetId}" ${relPrefix ? `${relPrefix}:id` : `xmlns:r="${NS_REL}" r:id`}="${s.relId}"/>`)
      .join('');
    const body = sheets ? childXml(sheets) : `<${p}sheets/>`;
    setChild(doc, WORKBOOK_ORDER, 'sheets', /\/>$/.test(body) ? body.replace(/\s*\/>$/, `>${added}</${p}sheets>`) : body.replace(/<\/(?:\w+:)?sheets>$/, `${added}$&`));
  }
  if (edit.definedNames.length > 0) {
    const names = doc.children.find((c) => c.name === 'definedNames');
    let body = names ? childXml(names) : `<${p}definedNames></${p}definedNames>`;
    if (/\/>$/.test(body)) body = body.replace(/\s*\/>$/, `></${p}definedNames>`);
    for (const dn of edit.definedNames) {
      const local = dn.localSheetId === undefined ? '' : ` localSheetId="${dn.localSheetId}"`;
      const element = `<${p}definedName name="${escapeXml(dn.name)}"${local}>${escapeXml(dn.refersTo)}</${p}definedName>`;
      let replaced = false;
      body = body.replace(/<(?:\w+:)?definedName\b([^>]*)>[\s\S]*?<\/(?:\w+:)?definedName>/g, (whole, attrs: string) => {
        const sameName = (readAttribute(attrs, 'name') ?? '').toLowerCase() === dn.name.toLowerCase();
        const l = readAttribute(attrs, 'localSheetId');
        if (!replaced && sameName && (l === undefined ? dn.localSheetId === undefined : Number(l) === dn.localSheetId)) {
          replaced = true;
          return element;
        }
        return whole;
      });
      if (!replaced) body = body.replace(/<\/(?:\w+:)?definedNames>$/, `${element}$&`);
    }
    setChild(doc, WORKBOOK_ORDER, 'definedNames', body);
  }
  // Ask Excel to recalculate on open: a user's formula that reads an owned cell is never stale.
  const calc = doc.children.find((c) => c.name === 'calcPr');
  if (!calc) setChild(doc, WORKBOOK_ORDER, 'calcPr', `<${p}calcPr fullCalcOnLoad="1"/>`);
  else if (readAttribute(calc.attrs, 'fullCalcOnLoad') !== '1') {
    const xml2 = childXml(calc).replace(/^<([^\s/>]+)([^>]*?)(\/?)>/, (_m, tag: string, attrs: string, close: string) => `<${tag}${attrs.replace(/\s+fullCalcOnLoad="[^"]*"/, '')} fullCalcOnLoad="1"${close}>`);
    setChild(doc, WORKBOOK_ORDER, 'calcPr', xml2, calc.attrs);
  }
  return joinChildren(doc);
}

