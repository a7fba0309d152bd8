/**
 * `taskpane.bundle.bytes` (issue 5): the production task pane JavaScript, raw and gzipped.
 * `taskpane.ready.ms` needs a browser; test/browser/taskpane.e2e.test.ts is where Chromium runs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchFigure } from './figures';

export interface BundleBench {
  figures: BenchFigure[];
  /** Set when there is nothing to measure, e.g. `not built — run npm run build`. */
  note?: string;
}

/**
 * Sums `dist/taskpane*.js` (every chunk the pane loads is named so by webpack.config.js).
 *
 * @example const { figures, note } = measureBundle('dist');
 */
export function measureBundle(dist: string = path.resolve(__dirname, '..', 'dist')): BundleBench {
  const files = existsSync(dist) ? readdirSync(dist).filter((f) => /^taskpane.*\.js$/.test(f)) : [];
  if (files.length === 0) return { figures: [], note: 'taskpane.bundle.bytes: not built — run npm run build' };
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(path.join(dist, file));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return {
    figures: [
      { name: 'taskpane.bundle.bytes (raw)', value: raw, unit: 'bytes' },
      { name: 'taskpane.bundle.bytes (gzip)', value: gzip, unit: 'bytes' },
    ],
    note: 'taskpane.ready.ms: measured by the browser test (test/browser), not here',
  };
}
