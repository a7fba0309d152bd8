/**
 * `taskpane.bundle.bytes` (docs/benchmarks.md): the JavaScript taskpane.html loads, raw and gzipped, as
 * test/support/page-bundle.ts measures it. bench/taskpane-bench.ts builds the page.
 */
import { measurePageBundle } from '../test/support/page-bundle';
import type { BenchFigure } from './figures';

/**
 * The `taskpane.bundle.bytes` figures of `measurePageBundle` for `taskpane.html`.
 *
 * @example const figures = measureTaskpaneBundle('test-output/bench-taskpane/dist');
 */
export function measureTaskpaneBundle(dist: string): BenchFigure[] {
  const { raw, gzip } = measurePageBundle(dist, 'taskpane.html');
  return [
    { name: 'taskpane.bundle.bytes (raw)', value: raw, unit: 'bytes' },
    { name: 'taskpane.bundle.bytes (gzip)', value: gzip, unit: 'bytes' },
  ];
}
