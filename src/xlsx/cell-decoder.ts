import type { OpenedPackage } from './package-reader';
import { decodeXmlText } from './xml-scanner';
import { TAG_BLANK, TAG_BOOLEAN, TAG_ERROR, TAG_NUMBER, TAG_SHARED, TAG_TEXT } from './column-store';

/** What a worksheet part is read against: the package's shared strings, styles and date system. */
export type SheetContext = Pick<OpenedPackage, 'sharedStrings' | 'styles' | 'date1904'>;

/** Days from 1900-01-00 to 1904-01-01: a 1904-system serial plus this is the 1900-system serial. */
const DATE_1904_OFFSET = 1462;

/** An ISO 8601 date (a `t="d"` cell) as a 1900-system serial. */
function serialOfIsoDate(text: string): number | null {
  const ms = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : ms / 86_400_000 + 25_569;
}

/**
 * Decodes a cell's value as written (its `t`, its `<v>` or inline text, its style) into a tag
 * and a value (column-store.ts), apart from how the cells were found in the part. One decoder
 * serves a whole part; {@link decode} leaves its answer in `tag` and `value`, so no object is
 * made per cell.
 */
export class CellDecoder {
  tag = TAG_BLANK;
  value: number | string = 0;

  constructor(private readonly context: SheetContext) {}

  /** A number as stored: a date-styled number of a 1904-system workbook moved to the 1900 system. */
  number(n: number, style: number): number {
    return this.context.date1904 && this.context.styles.dateXf[style] ? n + DATE_1904_OFFSET : n;
  }

  /**
   * Decodes one cell. `raw` is the `<v>` text as written (entities and all) or, for an inline
   * string, the text already decoded.
   */
  decode(type: string | undefined, raw: string, gotValue: boolean, style: number): void {
    let tag = TAG_BLANK;
    let value: number | string = 0;
    if (type === 'inlineStr') {
      if (gotValue) {
        tag = TAG_TEXT;
        value = raw;
      }
    } else if (gotValue) {
      switch (type) {
        case 's': {
          const index = Number(raw);
          if (Number.isInteger(index) && index >= 0 && index < this.context.sharedStrings.length) {
            tag = TAG_SHARED;
            value = index;
          }
          break;
        }
        case 'str':
          tag = TAG_TEXT;
          value = decodeXmlText(raw);
          break;
        case 'b':
          tag = TAG_BOOLEAN;
          value = raw.trim() === '1' || raw.trim() === 'true' ? 1 : 0;
          break;
        case 'e':
          tag = TAG_ERROR;
          value = decodeXmlText(raw); // as written, like every other reader (an error literal has no spaces)
          break;
        case 'd': {
          const serial = serialOfIsoDate(raw.trim());
          if (serial !== null) {
            tag = TAG_NUMBER;
            value = serial;
          }
          break;
        }
        default: {
          const trimmed = raw.trim();
          const n = trimmed === '' ? Number.NaN : Number(trimmed);
          if (Number.isFinite(n)) {
            tag = TAG_NUMBER;
            value = this.number(n, style);
          }
        }
      }
    }
    this.tag = tag;
    this.value = value;
  }
}
