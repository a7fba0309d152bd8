import type { CellColumn, CellValue } from '../engine';

/**
 * A cell as the worksheet reader hands it on: a tag, and a number, a text or a shared-string
 * index. Data sheets keep them so in {@link ColumnStore}s (never an object per cell).
 */
export const TAG_BLANK = 0;
export const TAG_NUMBER = 1;
export const TAG_TEXT = 2;
export const TAG_BOOLEAN = 3;
export const TAG_ERROR = 4;
export const TAG_SHARED = 5;

/** The engine's value of a tagged cell whose texts are the value itself. */
export function cellValueOf(tag: number, value: number | string, sharedStrings: readonly string[]): CellValue {
  return tag === TAG_NUMBER
    ? (value as number)
    : tag === TAG_TEXT
      ? (value as string)
      : tag === TAG_SHARED
        ? sharedStrings[value as number]
        : tag === TAG_BOOLEAN
          ? value === 1
          : tag === TAG_ERROR
            ? { error: value as string }
            : null;
}

/**
 * One column's cells in typed arrays: a tag per row, and a number, a text id or a shared-string
 * index. The values start as 32-bit integers (indices, counts, CVR numbers and date serials all
 * fit) and move to 64-bit floats only when the first number that needs it arrives, so a column
 * of a million cells holds 5 MB rather than 9 MB until then.
 */
export class ColumnStore implements CellColumn {
  private tags = new Uint8Array(1024);
  private ints: Int32Array | null = new Int32Array(1024);
  private floats: Float64Array | null = null;
  private length = 0;
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();

  constructor(private readonly sharedStrings: readonly string[]) {}

  private ensure(row: number): void {
    if (row < this.tags.length) return;
    let size = this.tags.length;
    while (size <= row) size *= 2;
    const tags = new Uint8Array(size);
    tags.set(this.tags);
    this.tags = tags;
    if (this.floats) {
      const floats = new Float64Array(size);
      floats.set(this.floats);
      this.floats = floats;
    } else {
      const ints = new Int32Array(size);
      ints.set(this.ints!);
      this.ints = ints;
    }
  }

  /** Moves the values to floats, for a number that is not a 32-bit integer (or is -0). */
  private widen(): Float64Array {
    const floats = Float64Array.from(this.ints!);
    this.floats = floats;
    this.ints = null;
    return floats;
  }

  private at(row: number): number {
    return this.floats ? this.floats[row] : this.ints![row];
  }

  private textId(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.textIds.set(text, id);
    }
    return id;
  }

  set(row: number, tag: number, value: number | string): void {
    this.ensure(row);
    this.tags[row] = tag;
    const v = typeof value === 'number' ? value : this.textId(value);
    if (this.floats) this.floats[row] = v;
    else if ((v | 0) === v && !Object.is(v, -0)) this.ints![row] = v;
    else this.widen()[row] = v;
    if (row >= this.length) this.length = row + 1;
  }

  /** A shared string by its index, an inline text after them; -1 for anything else (engine CellColumn). */
  textAtomAt(row: number): number {
    if (row >= this.length) return -1;
    const tag = this.tags[row];
    return tag === TAG_SHARED ? this.at(row) : tag === TAG_TEXT ? this.sharedStrings.length + this.at(row) : -1;
  }

  get textAtomCount(): number {
    return this.sharedStrings.length + this.texts.length;
  }

  valueAt(row: number): CellValue {
    if (row >= this.length) return null;
    const v = this.at(row);
    switch (this.tags[row]) {
      case TAG_NUMBER:
        return v;
      case TAG_TEXT:
        return this.texts[v];
      case TAG_SHARED:
        return this.sharedStrings[v] ?? null;
      case TAG_BOOLEAN:
        return v === 1;
      case TAG_ERROR:
        return { error: this.texts[v] };
      default:
        return null;
    }
  }
}
