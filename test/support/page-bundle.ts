/**
 * The JavaScript a built page of the add-in loads, raw and gzipped (the bench's
 * `taskpane.bundle.bytes`). "Loads" is read from the page's own script tags (what
 * html-webpack-plugin injected), not from a filename glob, so a chunk renamed or split off is still
 * counted and a file the page never requests (e.g. `*.js.LICENSE.txt`, another page's bundle) is
 * not. office.js comes from Microsoft's CDN and is not ours, so it is left out. Shared by the
 * bundle benchmark and its test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { listPageScripts } from '../browser/harness';

export interface PageBundle {
  /** The scripts, as the page names them, in document order. */
  scripts: string[];
  raw: number;
  /** Each script gzipped on its own at level 9, as a static host would serve it, summed. */
  gzip: number;
}

/**
 * Sums the page's own scripts in `dist`. Throws when the page names none: a build that lost its
 * script tag must not bench as 0 bytes.
 *
 * @example measurePageBundle('test-output/bench-taskpane/dist', 'taskpane.html'); // { scripts: ['taskpane.1a2b3c4d.js'], raw: 464659, gzip: 144737 }
 */
export function measurePageBundle(dist: string, page: string): PageBundle {
  const scripts = listPageScripts(readFileSync(path.join(dist, page), 'utf8'));
  if (scripts.length === 0) throw new Error(`${page} in ${dist} loads no script of its own`);
  let raw = 0;
  let gzip = 0;
  for (const script of scripts) {
    const data = readFileSync(path.join(dist, decodeURIComponent(new URL(script, 'http://page/').pathname)));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { scripts, raw, gzip };
}
