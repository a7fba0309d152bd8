import type { CellWrite } from '../engine';
import { BUILT_IN_FORMATS } from './package-reader';
import { childXml, joinChildren, setChild, splitChildren, STYLESHEET_ORDER, type XmlChildren } from './xml-children';
import { escapeXml, readAttribute, scanXml } from './xml-scanner';

/**
 * `styles.xml` as the writer needs it: existing fonts, fills and cell formats are read
 * as text and never renumbered; a style a write needs is looked up among them first (so a second
 * run reuses what the first appended) and otherwise appended at the end of its list.
 */

/** The stylesheet a package without one starts from: the writer's first style seeds its defaults ({@link StyleBook}). */
export const EMPTY_STYLESHEET = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></styleSheet>';

interface StyleList {
  /** Each item's exact text, in order. */
  items: string[];
  added: string[];
}

function listOf(doc: XmlChildren, file: string, part: string, name: string, item: string): StyleList {
  const child = doc.children.find((c) => c.name === name);
  const items: string[] = [];
  if (child) {
    const xml = childXml(child);
    let depth = 0;
    let start = -1;
    scanXml(xml, file, part, {
      open(n, _a, selfClosing, s, e) {
        if (depth === 1 && n === item) {
          if (selfClosing) items.push(xml.slice(s, e));
          else start = s;
        }
        if (!selfClosing) depth++;
      },
      close(n, _s, e) {
        depth--;
        if (depth === 1 && n === item && start >= 0) {
          items.push(xml.slice(start, e));
          start = -1;
        }
      },
      text() {},
    });
  }
  return { items, added: [] };
}

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

export class StyleBook {
  private readonly doc: XmlChildren;
  private readonly fonts: StyleList;
  private readonly fills: StyleList;
  private readonly borders: StyleList;
  private readonly styleXfs: StyleList;
  private readonly xfs: StyleList;
  private readonly cellStyles: StyleList;
  private readonly formatIds = new Map<string, number>();
  private readonly addedFormats: { id: number; code: string }[] = [];
  private nextFormatId = 164;
  private readonly p: string;

  constructor(
    xml: string,
    private readonly file: string,
    private readonly part: string,
  ) {
    this.doc = splitChildren(xml, file, part);
    this.p = this.doc.prefix;
    this.fonts = listOf(this.doc, file, part, 'fonts', 'font');
    this.fills = listOf(this.doc, file, part, 'fills', 'fill');
    this.borders = listOf(this.doc, file, part, 'borders', 'border');
    this.styleXfs = listOf(this.doc, file, part, 'cellStyleXfs', 'xf');
    this.xfs = listOf(this.doc, file, part, 'cellXfs', 'xf');
    this.cellStyles = listOf(this.doc, file, part, 'cellStyles', 'cellStyle');
    for (const [id, code] of Object.entries(BUILT_IN_FORMATS)) if (!this.formatIds.has(code)) this.formatIds.set(code, Number(id));
    const numFmts = this.doc.children.find((c) => c.name === 'numFmts');
    if (numFmts) {
      scanXml(childXml(numFmts), file, part, {
        open: (n, attrs) => {
          if (n !== 'numFmt') return;
          const id = Number(readAttribute(attrs, 'numFmtId'));
          const code = readAttribute(attrs, 'formatCode') ?? '';
          this.formatIds.set(code, id);
          if (id >= this.nextFormatId) this.nextFormatId = id + 1;
        },
        close() {},
        text() {},
      });
    }
  }

  get changed(): boolean {
    return [this.fonts, this.fills, this.borders, this.styleXfs, this.xfs, this.cellStyles].some((list) => list.added.length > 0) || this.addedFormats.length > 0;
  }

  /**
   * Gives a stylesheet that lacks them the entries every cell falls back on, before anything is
   * appended: a default font, the two fills Excel reserves (none, gray125), a border, a cell style
   * format and the default cell format, each at index 0 (and 1). A cell without `s`, or with an
   * index past its list, meant exactly these defaults, so its look does not change; without them
   * the first appended font or fill would become index 0 and every such cell would take it.
   */
  private ensureDefaults(): void {
    const p = this.p;
    const seed = (list: StyleList, items: string[]): void => {
      for (const item of items.slice(list.items.length)) {
        list.items.push(item);
        list.added.push(item);
      }
    };
    seed(this.fonts, [`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`]);
    seed(this.fills, [`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`]);
    seed(this.borders, [`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`]);
    seed(this.styleXfs, [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`]);
    seed(this.xfs, [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`]);
    seed(this.cellStyles, [`<${p}cellStyle name="Normal" xfId="0" builtinId="0"/>`]);
  }

  /** Index of `text` in the list, appending it when new. */
  private indexIn(list: StyleList, text: string): number {
    const at = list.items.indexOf(text);
    if (at >= 0) return at;
    list.items.push(text);
    list.added.push(text);
    return list.items.length - 1;
  }

  private formatId(code: string): number {
    const known = this.formatIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.formatIds.set(code, id);
    this.addedFormats.push({ id, code });
    return id;
  }

  /** Whether a write changes anything of the style. */
  static touchesStyle(write: CellWrite): boolean {
    return write.numberFormat !== undefined || write.fill !== undefined || write.fontColor !== undefined || write.bold !== undefined || write.indent !== undefined || write.wrap !== undefined || write.verticalAlignment !== undefined;
  }

  /**
   * The cell format for `write` on a cell that had format `base`: the base's font, fill, border
   * and alignment with the write's changes.
   */
  styleFor(base: number, write: CellWrite): number {
    if (!StyleBook.touchesStyle(write)) return base;
    this.ensureDefaults();
    const p = this.p;
    // An index past the list means the default, as in Excel; ensureDefaults made sure there is one.
    const baseXf = this.xfs.items[base] ?? this.xfs.items[0]!;
    const open = /^<[^>]*?>/.exec(baseXf)?.[0] ?? '';
    const attr = (name: string): string | undefined => readAttribute(open.slice(open.indexOf(' ')), name);
    let numFmtId = Number(attr('numFmtId') ?? 0);
    let fontId = Number(attr('fontId') ?? 0);
    let fillId = Number(attr('fillId') ?? 0);
    const borderId = Number(attr('borderId') ?? 0);
    const xfId = attr('xfId');
    const applies = new Set(['applyNumberFormat', 'applyFont', 'applyFill', 'applyBorder', 'applyAlignment', 'applyProtection'].filter((a) => attr(a) === '1' || attr(a) === 'true'));
    if (write.numberFormat !== undefined) {
      numFmtId = this.formatId(write.numberFormat);
      applies.add('applyNumberFormat');
    }
    if (write.fill !== undefined) {
      fillId =
        write.fill === null
          ? 0
          : this.indexIn(this.fills, `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(write.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
      applies.add('applyFill');
    }
    if (write.fontColor !== undefined || write.bold !== undefined) {
      fontId = this.indexIn(this.fonts, this.fontWith(this.fonts.items[fontId] ?? this.fonts.items[0]!, write));
      applies.add('applyFont');
    }
    // Alignment and protection stay as the base had them, with indent, wrap and vertical alignment changed.
    let alignment = /<(?:\w+:)?alignment\b[^>]*\/>|<(?:\w+:)?alignment\b[^>]*>[\s\S]*?<\/(?:\w+:)?alignment>/.exec(baseXf)?.[0] ?? '';
    const protection = /<(?:\w+:)?protection\b[^>]*\/>/.exec(baseXf)?.[0] ?? '';
    if (write.indent !== undefined || write.wrap !== undefined || write.verticalAlignment !== undefined) {
      let attrs = alignment === '' ? '' : (/^<[^\s/>]+([^>]*?)\/?>/.exec(alignment)?.[1] ?? '');
      attrs = attrs.replace(write.indent !== undefined ? /\s(indent|horizontal)="[^"]*"/g : /$^/, '').replace(write.wrap !== undefined ? /\swrapText="[^"]*"/g : /$^/, '');
      if (write.indent !== undefined && write.indent > 0) attrs += ` horizontal="left" indent="${write.indent}"`;
      if (write.wrap !== undefined) attrs += ` wrapText="${write.wrap ? 1 : 0}"`;
      if (write.verticalAlignment !== undefined) attrs = `${attrs.replace(/\svertical="[^"]*"/g, '')} vertical="${write.verticalAlignment}"`;
      alignment = `<${p}alignment${attrs}/>`;
      applies.add('applyAlignment');
    }
    let xf = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"${xfId === undefined ? '' : ` xfId="${xfId}"`}`;
    for (const a of ['applyNumberFormat', 'applyFont', 'applyFill', 'applyBorder', 'applyAlignment', 'applyProtection']) if (applies.has(a)) xf += ` ${a}="1"`;
    const inner = alignment + protection;
    xf += inner === '' ? '/>' : `>${inner}</${p}xf>`;
    return this.indexIn(this.xfs, xf);
  }

  private fontWith(font: string, write: CellWrite): string {
    const p = this.p;
    const m = /^<([^\s/>]+)([^>]*?)(\/?)>([\s\S]*?)(?:<\/[^>]+>)?$/.exec(font);
    const tag = m?.[1] ?? `${p}font`;
    let inner = m?.[4] ?? '';
    if (write.bold !== undefined) inner = inner.replace(/<(?:\w+:)?b(?:\s[^>]*)?\/>|<(?:\w+:)?b(?:\s[^>]*)?>\s*<\/(?:\w+:)?b>/g, '');
    if (write.fontColor !== undefined) inner = inner.replace(/<(?:\w+:)?color\b[^>]*\/>|<(?:\w+:)?color\b[^>]*>[\s\S]*?<\/(?:\w+:)?color>/g, '');
    let lead = '';
    if (write.bold === true) lead += `<${p}b/>`;
    const color = write.fontColor === undefined || write.fontColor === null ? '' : `<${p}color rgb="${argb(write.fontColor)}"/>`;
    // CT_Font is a choice: any order reads; color goes where Excel puts it, before the size and name.
    return `<${tag}${m?.[2] ?? ''}>${lead}${color}${inner}</${tag}>`;
  }

  /** The part's new text, with the appended styles and updated counts. */
  toXml(): string {
    const p = this.p;
    const append = (name: string, list: StyleList): void => {
      if (list.added.length === 0) return;
      const child = this.doc.children.find((c) => c.name === name);
      const body = list.items.join('');
      const attrs = child ? child.attrs.replace(/\s+count="[^"]*"/, '') : '';
      setChild(this.doc, STYLESHEET_ORDER, name, `<${p}${name} count="${list.items.length}"${attrs}>${body}</${p}${name}>`, attrs);
    };
    if (this.addedFormats.length > 0) {
      const child = this.doc.children.find((c) => c.name === 'numFmts');
      const existing = child ? childXml(child).replace(/^<[^>]*?\/>$/, '').replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, '') : '';
      const added = this.addedFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join('');
      const count = (existing.match(/<(?:\w+:)?numFmt\b/g)?.length ?? 0) + this.addedFormats.length;
      setChild(this.doc, STYLESHEET_ORDER, 'numFmts', `<${p}numFmts count="${count}">${existing}${added}</${p}numFmts>`);
    }
    append('fonts', this.fonts);
    append('fills', this.fills);
    append('borders', this.borders);
    append('cellStyleXfs', this.styleXfs);
    append('cellXfs', this.xfs);
    append('cellStyles', this.cellStyles);
    return joinChildren(this.doc);
  }
}
