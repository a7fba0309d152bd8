/**
 * Builds the production add-in and the Office shim in a process of its own, so webpack's memory
 * stays out of the bench's `process.max-rss` (bench/taskpane-bench.ts):
 *   node --import tsx test/browser/build-bundles.ts OUTPUT_DIR SHIM_DIR
 */
import { buildTaskpaneBundles } from './harness';

const [outputDir, shimDir] = process.argv.slice(2);
if (!outputDir || !shimDir) {
  process.stderr.write('usage: build-bundles.ts OUTPUT_DIR SHIM_DIR\n');
  process.exitCode = 2;
} else {
  buildTaskpaneBundles({ outputDir, shimDir }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
