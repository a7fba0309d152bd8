/**
 * Sweeps a folder of real workbooks (not part of `npm test`): puts the test goal sheet into each
 * (test/xlsx/inject-goal-sheet.ts, JSZip edits, no Trafiklys code), runs `trafiklys recalc --out`
 * on it as of 13 October 2021, and checks what test/xlsx/real-files.test.ts checks on the
 * committed corpus:
 *
 * - exit 0 and nothing on stderr, or a refusal in plain words;
 * - every zip entry but the goal sheet and the parts Trafiklys owns copied byte for byte;
 * - where exceljs reads the input: the same statuses in every workbook, and every cell outside
 *   the owned columns (value, number format, font, fill, alignment) as it was.
 *
 * Prints one line per workbook that is not plainly fine, then the counts. Used to find reader
 * and writer gaps on corpora too big or not licensed for the repository (docs/decisions.md,
 * "Zip entries named with backslashes").
 *
 * Run: `npx tsx scripts/sweep-workbooks.ts FOLDER [SCRATCH_FOLDER]`
 */
import { mkdtempSync, promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../test/cli/cli-harness';
import { injectGoalSheet, readGoalStatuses, readUserCells } from '../test/xlsx/inject-goal-sheet';
import { rawEntries } from '../test/xlsx/raw-entries';

/** Parts a recalculation may rewrite, by their name in the package (any separator, any case). */
const OWNED = /^(\[content_types\]\.xml|(.*\/)?workbook\.xml|(.*\/)?_rels\/workbook\.xml\.rels|(.*\/)?styles\.xml|docprops\/app\.xml)$/;
/** exceljs takes minutes on some big packages (50,000 merges); its checks are left out above this size. */
const EXCELJS_MAX_BYTES = 300_000;

async function sweepOne(source: string, scratch: string, reference: { statuses: string | null }): Promise<string> {
  const name = path.basename(source);
  const injected = path.join(scratch, `goals-${name}`);
  const out = path.join(scratch, `out-${name}`);
  try {
    await injectGoalSheet(source, injected);
  } catch (error) {
    const run = await runCli(['recalc', source, '--out', out]);
    return `not injected (${(error as Error).message.slice(0, 80)}); as it is: exit ${run.code} ${run.stderr.trim().slice(0, 160)}`;
  }
  const run = await runCli(['recalc', injected, '--out', out, '--as-of', '2021-10-13']);
  if (run.code !== 0 || run.stderr !== '') return `exit ${run.code}: ${run.stderr.trim().slice(0, 200)}`;
  const before = await rawEntries(injected);
  const after = await rawEntries(out);
  const changed = [...before.keys()].filter((part) => !OWNED.test(part.replace(/\\/g, '/').toLowerCase()) && !after.get(part)?.data.equals(before.get(part)!.data));
  if (changed.length !== 1) return `parts changed: ${changed.join(', ')}`;
  if ((await fs.stat(injected)).size > EXCELJS_MAX_BYTES) return 'ok (too big for the exceljs checks)';
  try {
    await readUserCells(injected);
  } catch {
    return 'ok (exceljs cannot read the input)';
  }
  try {
    const statuses = JSON.stringify(await readGoalStatuses(out));
    reference.statuses ??= statuses;
    if (statuses !== reference.statuses) return `statuses ${statuses}`;
    if (JSON.stringify(await readUserCells(out)) !== JSON.stringify(await readUserCells(injected))) return 'cells outside the owned columns differ';
  } catch (error) {
    return `exceljs cannot read the output: ${(error as Error).message.slice(0, 120)}`;
  }
  await Promise.all([fs.rm(injected, { force: true }), fs.rm(out, { force: true })]);
  return 'ok';
}

async function sweep(folder: string, scratch: string): Promise<void> {
  const files = readdirSync(folder).filter((f) => /\.xls[xm]$/i.test(f)).sort();
  const counts: Record<string, number> = {};
  const reference = { statuses: null as string | null };
  for (const file of files) {
    const verdict = await sweepOne(path.join(folder, file), scratch, reference);
    if (verdict !== 'ok') process.stdout.write(`${file}: ${verdict}\n`);
    const kind = verdict.replace(/[:(].*$/, '').trim();
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  process.stdout.write(`${files.length} workbooks: ${JSON.stringify(counts)}\nstatuses: ${reference.statuses}\n`);
}

const [folder, scratch] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: npx tsx scripts/sweep-workbooks.ts FOLDER [SCRATCH_FOLDER]\n');
  process.exitCode = 2;
} else {
  void sweep(folder, scratch ?? mkdtempSync(path.join(os.tmpdir(), 'trafiklys-sweep-')));
}
