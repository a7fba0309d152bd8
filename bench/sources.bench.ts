/**
 * Prints the source-expression benchmark (docs/benchmarks.md) alone; `bench/run.ts` includes it.
 * The logic is in ./sources-bench.ts so that it can be imported without running.
 */
import { runSourcesBench } from './sources-bench';

for (const figure of runSourcesBench()) {
  console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
}
