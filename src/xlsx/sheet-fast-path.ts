import type { CellDecoder } from './cell-decoder';
import { columnOfReference, digitsAt, rowOfReference } from './cell-reference';
import { TAG_BLANK, TAG_NUMBER, TAG_SHARED } from './column-store';
import type { SheetState } from './sheet-state';
import type { ElementFastPath } from './xml-scanner';

/** Where a start tag's `r`, `t` and `s` values start and end, and whether it closed itself. */
const R_START = 0;
const T_START = 2;
const S_START = 4;
const SELF_CLOSING = 6;

/**
 * The fast path (the million-row read, docs/benchmarks.md) for the commonest cell shapes,
 * `<c …/>`, `<c …><v>…</v></c>` and the same with an `<f>` first (every writer's form for numbers,
 * shared strings and formulas), and for `</row><row …>` between them: read from the bytes with no
 * slices, moving the {@link SheetState} exactly as the token-by-token path would, cell after
 * cell. It stops at anything else (inline strings, a prefix, white space, CDATA, an entity in
 * `r`, `t` or `s`, the end of the piece, the end of the sheet's rows), which is read token by token.
 */
export function createSheetFastPath(state: SheetState, decoder: CellDecoder, sharedStringCount: number): ElementFastPath {
  const spans = new Int32Array(7);
  const sink = state.sink;

  /**
   * Reads the attributes of the start tag whose name ends at `k`: fills `spans` and returns
   * the index after the tag, or -1 for anything unusual (an entity in r/t/s, the end of the piece).
   */
  const readStartTag = (b: Uint8Array, k: number): number => {
    const len = b.length;
    spans[0] = spans[1] = spans[2] = spans[3] = spans[4] = spans[5] = -1;
    spans[SELF_CLOSING] = 0;
    if (k >= len) return -1;
    let ch = b[k];
    if (ch !== 32 && ch !== 62 && ch !== 47) return -1;
    for (;;) {
      while (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
        if (++k >= len) return -1;
        ch = b[k];
      }
      if (ch === 62 /* > */) return k + 1;
      if (ch === 47 /* / */) {
        if (k + 1 >= len || b[k + 1] !== 62) return -1;
        spans[SELF_CLOSING] = 1;
        return k + 2;
      }
      const nameStart = k;
      while (ch !== 61 && ch !== 32 && ch !== 62 && ch !== 47) {
        if (++k >= len) return -1;
        ch = b[k];
      }
      const nameLength = k - nameStart;
      if (ch !== 61 /* = */ || nameLength === 0 || k + 1 >= len) return -1;
      const quote = b[k + 1];
      if (quote !== 34 && quote !== 39) return -1;
      const valueStart = k + 2;
      let valueEnd = valueStart;
      let entity = false;
      for (; valueEnd < len; valueEnd++) {
        const c = b[valueEnd];
        if (c === quote) break;
        if (c === 38 /* & */) entity = true;
      }
      if (valueEnd >= len) return -1;
      if (nameLength === 1) {
        const n = b[nameStart];
        const at = n === 114 /* r */ ? R_START : n === 116 /* t */ ? T_START : n === 115 /* s */ ? S_START : -1;
        if (at >= 0) {
          if (entity) return -1;
          if (spans[at] < 0) {
            spans[at] = valueStart;
            spans[at + 1] = valueEnd;
          }
        }
      }
      k = valueEnd + 1;
      if (k >= len) return -1;
      ch = b[k];
    }
  };

  /** `</row><row …>` at `k` (a row ends and the next begins): the new row's start. */
  const readRowBoundary = (s: string, k: number, b: Uint8Array): number => {
    const len = b.length;
    // "</row><row"
    if (k + 10 >= len || b[k] !== 60 || b[k + 1] !== 47 || b[k + 2] !== 114 || b[k + 3] !== 111 || b[k + 4] !== 119 || b[k + 5] !== 62) return -1;
    if (b[k + 6] !== 60 || b[k + 7] !== 114 || b[k + 8] !== 111 || b[k + 9] !== 119) return -1;
    const after = readStartTag(b, k + 10);
    if (after < 0 || spans[SELF_CLOSING] === 1) return -1;
    const rStart = spans[R_START];
    let n = Number.NaN;
    if (rStart >= 0) {
      const rEnd = spans[R_START + 1];
      const digits = digitsAt(b, rStart, rEnd);
      n = digits >= 0 ? digits : Number(s.slice(rStart, rEnd));
    }
    state.startRow(n);
    return after;
  };

  /** One cell at `lt`; the index after it, or -1 (nothing read, nothing changed). */
  const readCell = (s: string, lt: number, b: Uint8Array): number => {
    const len = b.length;
    if (lt + 2 >= len || b[lt] !== 60 || b[lt + 1] !== 99 /* c */) return -1;
    let k = readStartTag(b, lt + 2);
    if (k < 0) return -1;
    const rStart = spans[R_START];
    const rEnd = spans[R_START + 1];
    const tStart = spans[T_START];
    const tEnd = spans[T_START + 1];
    const sStart = spans[S_START];
    const sEnd = spans[S_START + 1];
    const selfClosing = spans[SELF_CLOSING] === 1;
    let formula = false;
    let vStart = -1;
    let vEnd = -1;
    if (!selfClosing) {
      // An optional <f>, self-closing or holding text only.
      if (k + 3 < len && b[k] === 60 && b[k + 1] === 102 /* f */) {
        const c = b[k + 2];
        if (c !== 32 && c !== 62 && c !== 47) return -1;
        let j = k + 2;
        let q = 0;
        for (; j < len; j++) {
          const d = b[j];
          if (q !== 0) {
            if (d === q) q = 0;
          } else if (d === 34 || d === 39) q = d;
          else if (d === 62) break;
          else if (d === 60) return -1;
        }
        if (j >= len) return -1;
        if (b[j - 1] === 47) k = j + 1;
        else {
          let close = j + 1;
          while (close < len && b[close] !== 60) close++;
          if (close + 3 >= len || b[close + 1] !== 47 || b[close + 2] !== 102 || b[close + 3] !== 62) return -1; // </f>
          k = close + 4;
        }
        formula = true;
      }
      // An optional <v>, then the end of the cell.
      if (k + 2 < len && b[k] === 60 && b[k + 1] === 118 /* v */) {
        const c = b[k + 2];
        if (c === 62) {
          vStart = k + 3;
          vEnd = vStart;
          while (vEnd < len && b[vEnd] !== 60) vEnd++;
          if (vEnd + 3 >= len || b[vEnd + 1] !== 47 || b[vEnd + 2] !== 118 || b[vEnd + 3] !== 62) return -1; // </v>
          k = vEnd + 4;
        } else if (c === 47 && k + 3 < len && b[k + 3] === 62) {
          vStart = vEnd = k + 4;
          k += 4;
        } else return -1;
      }
      if (k + 3 >= len || b[k] !== 60 || b[k + 1] !== 47 || b[k + 2] !== 99 || b[k + 3] !== 62) return -1; // </c>
      k += 4;
    }
    // The reference: letters, then digits (every writer's form); anything else as the token path reads it.
    let refCol = -1;
    if (rStart >= 0) {
      let j = rStart;
      let letters = 0;
      for (; j < rEnd; j++) {
        const c = b[j] | 32;
        if (c < 97 || c > 122) break;
        letters = letters * 26 + (c - 96);
      }
      const digits = j > rStart ? digitsAt(b, j, rEnd) : -1;
      let refRow: number;
      if (digits >= 0) {
        refCol = letters - 1;
        refRow = digits > 0 ? digits - 1 : -1;
      } else {
        const ref = s.slice(rStart, rEnd);
        refCol = columnOfReference(ref);
        refRow = rowOfReference(ref);
      }
      state.enterCellRow(refRow);
    }
    state.placeCell(refCol);
    if (!sink.wants(state.col)) return k;
    if (sStart < 0) state.style = 0;
    else {
      const n = sEnd - sStart < 10 ? digitsAt(b, sStart, sEnd) : -1;
      state.style = n >= 0 ? n : Number(s.slice(sStart, sEnd));
    }
    state.hasFormula = formula;
    if (selfClosing) {
      if (sink.keepsBlanks) {
        state.type = tStart < 0 ? undefined : s.slice(tStart, tEnd);
        state.gotValue = false;
        state.text = '';
        state.finishCell();
      }
      return k;
    }
    const shared = tStart >= 0 && tEnd === tStart + 1 && b[tStart] === 115; /* t="s" */
    if (shared || tStart < 0 || (tEnd === tStart + 1 && b[tStart] === 110) /* t="n" */) {
      // Plain digits, the commonest value of all: read in place.
      const n = digitsAt(b, vStart, vEnd);
      if (n >= 0) {
        if (shared) state.storeCell(n < sharedStringCount ? TAG_SHARED : TAG_BLANK, n);
        else state.storeCell(TAG_NUMBER, decoder.number(n, state.style));
        return k;
      }
    }
    state.type = tStart < 0 ? undefined : shared ? 's' : s.slice(tStart, tEnd);
    state.gotValue = vStart >= 0;
    state.text = state.gotValue ? s.slice(vStart, vEnd) : '';
    state.finishCell();
    return k;
  };

  return (s: string, lt: number, b: Uint8Array | null, top: string): number => {
    if (b === null || !state.inSheetData) return -1;
    let k = readCell(s, lt, b);
    if (k < 0) return -1;
    const inRow = top === 'row';
    for (;;) {
      const next = readCell(s, k, b);
      if (next >= 0) {
        k = next;
        continue;
      }
      if (!inRow) return k;
      const after = readRowBoundary(s, k, b);
      if (after < 0) return k;
      k = after;
    }
  };
}
