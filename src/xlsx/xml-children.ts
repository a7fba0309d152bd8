import { scanXml, type XmlHandler } from './xml-scanner';

/**
 * A part seen as its root element's children, each kept as the exact text it had (with the
 * white space before it), so a writer can replace or insert one child and leave every other
 * byte of the part as it was (docs/decisions.md, "the streaming, lossless .xlsx path": splice, never re-serialise).
 */

export interface XmlChild {
  /** Local name. */
  name: string;
  /** The child's text, from the end of the previous child. */
  text: string;
  /** The start tag's raw attribute text. */
  attrs: string;
}

export interface XmlChildren {
  /** Up to and including the root's start tag. */
  head: string;
  children: XmlChild[];
  /** From the root's end tag (white space before it included). */
  tail: string;
  /** The root's namespace prefix with its colon (`x:`), or `''`. */
  prefix: string;
  rootAttrs: string;
}

/**
 * Splits a part into its root's children; `inner` sees every event below them (for sheetData rows).
 * @example splitChildren(xml, 'book.xlsx', 'xl/workbook.xml').children.map((c) => c.name) // ['fileVersion', 'workbookPr', 'sheets', ...]
 */
export function splitChildren(xml: string, file: string, part: string, inner?: XmlHandler): XmlChildren {
  let depth = 0;
  let rootOpenEnd = -1;
  let rootCloseStart = xml.length;
  let prefix = '';
  let rootAttrs = '';
  let rootSelfClosing = false;
  const spans: { name: string; attrs: string; end: number }[] = [];
  let current: { name: string; attrs: string } | null = null;
  scanXml(xml, file, part, {
    open(name, attrs, selfClosing, start, end) {
      if (depth === 0) {
        rootOpenEnd = end;
        const qualified = xml.slice(start + 1, start + 1 + xml.slice(start + 1).search(/[\s/>]/));
        prefix = qualified.includes(':') ? `${qualified.split(':')[0]}:` : '';
        rootAttrs = attrs;
        rootSelfClosing = selfClosing;
        if (!selfClosing) depth = 1;
        return;
      }
      if (depth === 1) {
        if (selfClosing) spans.push({ name, attrs, end });
        else {
          current = { name, attrs };
          depth = 2;
        }
        return;
      }
      if (!selfClosing) depth++;
      inner?.open(name, attrs, selfClosing, start, end);
    },
    close(name, start, end) {
      if (depth === 1) {
        rootCloseStart = start;
        depth = 0;
        return;
      }
      if (depth === 2 && current) {
        spans.push({ ...current, end });
        current = null;
        depth = 1;
        return;
      }
      depth--;
      inner?.close(name, start, end);
    },
    text(raw, cdata) {
      if (depth > 2) inner?.text(raw, cdata);
    },
  });
  let head = xml.slice(0, rootOpenEnd);
  let tail = xml.slice(rootCloseStart);
  if (rootSelfClosing) {
    // `<worksheet/>`: open it up so children can be added.
    const qualified = head.slice(head.lastIndexOf('<') + 1).split(/[\s/>]/)[0];
    head = head.replace(/\s*\/>$/, '>');
    tail = `</${qualified}>${xml.slice(rootOpenEnd)}`;
  }
  const children: XmlChild[] = [];
  let from = rootOpenEnd;
  for (const span of spans) {
    children.push({ name: span.name, attrs: span.attrs, text: xml.slice(from, span.end) });
    from = span.end;
  }
  // White space between the last child and the root's end tag stays in the tail.
  if (!rootSelfClosing) tail = xml.slice(from, rootCloseStart) + tail;
  return { head, children, tail, prefix, rootAttrs };
}

/**
 * Puts `text` in as the child `name`: replacing the first child of that name, or inserted before
 * the first child that comes later in `order` (the schema's sequence). `null` removes it.
 */
export function setChild(doc: XmlChildren, order: readonly string[], name: string, text: string | null, attrs = ''): void {
  const at = doc.children.findIndex((c) => c.name === name);
  if (at >= 0) {
    if (text === null) doc.children.splice(at, 1);
    else doc.children[at] = { name, attrs, text: leadingSpace(doc.children[at].text) + text };
    return;
  }
  if (text === null) return;
  const rank = order.indexOf(name);
  let insertAt = doc.children.findIndex((c) => order.indexOf(c.name) > rank);
  if (insertAt < 0) insertAt = doc.children.length;
  doc.children.splice(insertAt, 0, { name, attrs, text });
}

function leadingSpace(text: string): string {
  return /^\s*/.exec(text)?.[0] ?? '';
}

/** The child's text without the white space before it. */
export function childXml(child: XmlChild): string {
  return child.text.slice(leadingSpace(child.text).length);
}

export function joinChildren(doc: XmlChildren): string {
  return doc.head + doc.children.map((c) => c.text).join('') + doc.tail;
}

/** CT_Worksheet's sequence (ECMA-376 Part 1, §18.3.1.99). */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'drawingHF', 'legacyDrawing', 'legacyDrawingHF', 'picture',
  'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
] as const;

/** CT_Workbook's sequence (§18.2.27). */
export const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences',
  'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing',
  'fileRecoveryPr', 'webPublishObjects', 'extLst',
] as const;

/** CT_Stylesheet's sequence (§18.8.39). */
export const STYLESHEET_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
