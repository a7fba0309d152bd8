/**
 * A cell reference's column and row (`AB12` → column 27, row 11, both 0-based), from text or
 * from the bytes of a part; plain letters and digits are every writer's form.
 */

/** `AB12` → 27 (0-based column); -1 when the reference has no letters. */
export function columnOfReference(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return i === 0 ? -1 : n - 1;
}

/** `AB12` → 11 (0-based row); -1 when there is no row number. */
export function rowOfReference(ref: string): number {
  let i = 0;
  while (i < ref.length && ((ref.charCodeAt(i) | 32) >= 97 && (ref.charCodeAt(i) | 32) <= 122)) i++;
  // Plain digits (every writer's form) are read in place; anything else goes through Number.
  let n = 0;
  let k = i;
  for (; k < ref.length; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  if (k === ref.length && k > i && k - i < 16) return n > 0 ? n - 1 : -1;
  const m = Number(ref.slice(i));
  return i < ref.length && Number.isInteger(m) && m > 0 ? m - 1 : -1;
}

/** Bytes from `start` to `end` as a number; -1 when they are not plain digits (or more than 15). */
export function digitsAt(b: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let j = start; j < end; j++) {
    const d = b[j] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
