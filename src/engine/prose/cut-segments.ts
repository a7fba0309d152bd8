import type { Language } from '../types';
import { ABBREVIATIONS, DANISH_MARKERS, ENGLISH_MARKERS } from './prose-words';

/** The first steps of reading prose: the text's language, quoted labels set aside, the text cut into segments. */

function countMatches(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

/** Danish unless the text has more English marker words than Danish ones (the users are Danish). */
export function detectProseLanguage(text: string): Language {
  return countMatches(text, ENGLISH_MARKERS) > countMatches(text, DANISH_MARKERS) ? 'en' : 'da';
}

/** Quoted survey labels are names, not part of the target: `”I høj grad”`, `"Meget tilfreds"`. */
export function setAsideQuotes(text: string): string {
  return text.replace(/[”“"«»„][^”“"«»„]*[”“"«»„]/gu, ' ');
}

const NEXT_WORD = /\s+(\S)/uy;

/** Cuts the text at sentence ends, `·`, `;`, line breaks and brackets. */
export function cutSegments(text: string): Array<{ text: string; bracketed: boolean }> {
  const segments: Array<{ text: string; bracketed: boolean }> = [];
  let current = '';
  let bracketed = false;
  const flush = (): void => {
    if (current.trim() !== '') segments.push({ text: current.trim(), bracketed });
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '(' || c === '[') {
      flush();
      bracketed = true;
      continue;
    }
    if (c === ')' || c === ']') {
      flush();
      bracketed = false;
      continue;
    }
    if (c === '·' || c === '•' || c === ';' || c === '\n' || c === '\r') {
      flush();
      continue;
    }
    current += c;
    if (c === '.' || c === '!' || c === '?' || c === '…') {
      NEXT_WORD.lastIndex = i + 1;
      const next = NEXT_WORD.exec(text);
      if (next === null) continue;
      const starts = next[1] as string;
      const tail = current.slice(-12);
      if (/\p{Lu}/u.test(starts) && !/\d[.]$/.test(tail)) flush();
      else if (/\d/.test(starts) && c !== '.') flush();
      else if (/\d/.test(starts) && !ABBREVIATIONS.test(tail) && !/\d[.]$/.test(tail)) flush();
    }
  }
  flush();
  return segments;
}
