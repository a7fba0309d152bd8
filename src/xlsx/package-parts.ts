import path from 'node:path';
import { readAttribute, scanXml } from './xml-scanner';

/**
 * The package's parts as the Open Packaging Conventions see them (as POI's OPCPackage does): a
 * part's relationships part, a relationship's target, the content types. Reading and every edit
 * of relationships and content types go through here; an edit splices into the part's text, so
 * what is not edited stays as it was.
 */

export const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Relationship types of the parts Trafiklys adds. */
export const REL_WORKSHEET = `${NS_REL}/worksheet`;
export const REL_STYLES = `${NS_REL}/styles`;
/** Content types of the parts Trafiklys adds. */
export const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
/** The content types part's name. */
export const CONTENT_TYPES_PART = '[Content_Types].xml';

const EMPTY_RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/**
 * A zip entry's name as a part name: some writers separate folders with `\` (`xl\workbook.xml`),
 * which Excel opens, and part names are compared without case (Open Packaging Conventions).
 * @example partKey('xl\\Workbook.xml') // 'xl/workbook.xml'
 */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
}

/** The rels part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${path.posix.basename(part)}.rels`;
}

/** A relationship's target as a zip entry name, from the part that holds the relationship. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const dir = path.posix.dirname(fromPart);
  return path.posix.normalize(path.posix.join(dir === '.' ? '' : dir, target));
}

/** The folder of a part, with its trailing `/` (`xl/workbook.xml` → `xl/`; '' at the root). */
export function folderOf(part: string): string {
  return part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
}

/**
 * The relationships a rels part lists.
 * @throws {XlsxError} when the part is not well-formed (naming it).
 */
export function parseRelationships(xml: string, file: string, part: string): Relationship[] {
  const rels: Relationship[] = [];
  scanXml(xml, file, part, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      rels.push({
        id: readAttribute(attrs, 'Id') ?? '',
        type: readAttribute(attrs, 'Type') ?? '',
        target: readAttribute(attrs, 'Target') ?? '',
        external: readAttribute(attrs, 'TargetMode') === 'External',
      });
    },
    close() {},
    text() {},
  });
  return rels;
}

/** Inserts `element` before the root's end tag of a small part (rels, content types). */
function appendToRoot(xml: string, element: string): string {
  const at = xml.lastIndexOf('</');
  if (at < 0) return xml.replace(/\s*\/>\s*$/, `>${element}</${/^(?:<\?[^>]*\?>\s*)?<([^\s/>]+)/.exec(xml)?.[1] ?? 'Relationships'}>`);
  return xml.slice(0, at) + element + xml.slice(at);
}

/**
 * The parts related from one part (the workbook) and the package's content types, as edited when
 * parts are added beside it.
 *
 * @example
 * const parts = new RelatedParts('xl/workbook.xml', relsXml, typesXml);
 * const relId = parts.add('xl/worksheets/sheet3.xml', REL_WORKSHEET, CT_WORKSHEET);
 */
export class RelatedParts {
  /** Whether a part was added: the rels and the content types are then written. */
  changed = false;
  private readonly folder: string;

  /**
   * @param relsXml the source part's rels part, `null` when it has none (an empty one is begun).
   * @param typesXml the content types part ('' when the package has none: it stays without).
   */
  constructor(
    source: string,
    private relsXml: string | null,
    private typesXml: string,
  ) {
    this.folder = folderOf(source);
  }

  /** The next free `rIdN`. */
  private nextRelId(): string {
    let max = 0;
    for (const m of this.relationshipsXml.matchAll(/Id="rId(\d+)"/g)) max = Math.max(max, Number(m[1]));
    return `rId${max + 1}`;
  }

  /** Relates `part` (in the source's folder) from the source with `type`, gives it `contentType`, and returns the relationship's id. */
  add(part: string, type: string, contentType: string): string {
    const id = this.nextRelId();
    this.relsXml = appendToRoot(this.relationshipsXml, `<Relationship Id="${id}" Type="${type}" Target="${part.slice(this.folder.length)}"/>`);
    this.typesXml = appendToRoot(this.typesXml, `<Override PartName="/${part}" ContentType="${contentType}"/>`);
    this.changed = true;
    return id;
  }

  /** The rels part's text. */
  get relationshipsXml(): string {
    return this.relsXml ?? EMPTY_RELATIONSHIPS;
  }

  /** The content types part's text. */
  get contentTypesXml(): string {
    return this.typesXml;
  }
}
