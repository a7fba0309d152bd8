/**
 * @jest-environment jsdom
 */
// docs/spec.md §9 end to end on the example workbook: the contract changes `check --json` gives, the
// status report sheet `recalc --report` writes (read back with exceljs) and the HTML `report` writes
// (parsed with jsdom) list the same goals with the same change and the same before and after.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../cli/cli-harness';
import { makeFixtureDir } from '../fixtures/build-fixtures';

const EXAMPLE = path.resolve(__dirname, '../../examples/resultatkontrakt-2021.xlsx');

/** SPEC §9's change words. */
const WORDS: Record<string, { da: string; en: string }> = {
  unchanged: { da: 'uændret', en: 'unchanged' },
  adjusted: { da: 'justeret', en: 'adjusted' },
  removed: { da: 'tages ud', en: 'removed' },
  new: { da: 'ny', en: 'new' },
};

interface JsonGoal {
  id: string;
  title: string | null;
  change: string;
  before?: string;
  after?: string;
}

/** A canonical side (`2022: >= 47,5 %; 2023: —`, `done by 2022-12-31`) as the display formatter writes it in Danish. */
function displayed(canonical: string): string {
  return canonical
    .replace(/>= /g, '≥ ')
    .replace(/<= /g, '≤ ')
    .replace(/(\d) - (\d)/g, '$1–$2')
    .replace(/done by (\d{4})-(\d{2})-(\d{2})/g, 'udført senest $3-$2-$1')
    .replace(/\bdropped\b/g, 'udgår');
}

type Line = [id: string, title: string, change: string, before: string, now: string];

let dir: string;
let json: JsonGoal[];
beforeAll(async () => {
  dir = await makeFixtureDir('trafiklys-changes-');
  const run = await runCli(['check', EXAMPLE, '--as-of', '2021-10-13', '--json']);
  expect(run.code).toBe(0);
  const changes = JSON.parse(run.stdout).books[0].changes as { from: string; to: string; goals: JsonGoal[] }[];
  expect(changes.map((pair) => [pair.from, pair.to])).toEqual([['Mål 2021', 'Mål 2022']]);
  json = changes[0]!.goals;
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every goal's line as `check --json` implies it: a removed goal has no Now, a new one no Before, an unchanged one the same both sides. */
function expectAgreement(lines: Line[]): void {
  expect(lines.map(([id, title, change]) => [id, title, change])).toEqual(json.map((goal) => [goal.id, goal.title ?? '', WORDS[goal.change]!.da]));
  lines.forEach(([, , , before, now], i) => {
    const goal = json[i]!;
    if (goal.change === 'adjusted') expect([before, now]).toEqual([displayed(goal.before!), displayed(goal.after!)]);
    if (goal.change === 'unchanged') expect(now).toBe(before);
    if (goal.change === 'removed') expect(now).toBe('');
    if (goal.change === 'new') expect([before, now === '']).toEqual(['', false]);
  });
}

it('the JSON lists every goal of both sheets, with before and after for the adjusted ones only', () => {
  expect(json.filter((goal) => goal.change === 'adjusted').every((goal) => goal.before !== undefined && goal.after !== undefined)).toBe(true);
  expect(json.filter((goal) => goal.change !== 'adjusted').some((goal) => 'before' in goal || 'after' in goal)).toBe(false);
  expect(json.find((goal) => goal.id === '1')).toEqual({ id: '1', title: 'Kendskab', change: 'adjusted', before: '2022: >= 47,5 %; 2023: >= 50 %', after: '2022: —; 2023: >= 50 %' });
  expect(json.find((goal) => goal.id === '5')).toEqual({ id: '5', title: 'Kriseberedskab', change: 'removed' });
});

it('the status report sheet agrees with check --json', async () => {
  const out = path.join(dir, 'with-report.xlsx');
  const run = await runCli(['recalc', EXAMPLE, '--as-of', '2021-10-13', '--report', '--out', out]);
  expect(run.code).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.getWorksheet('Statusrapport')!;
  const text = (row: number, col: number): string => {
    const value = sheet.getCell(row, col).value;
    return value === null || value === undefined ? '' : String(value);
  };
  let start = 0;
  for (let r = 1; r <= sheet.rowCount && start === 0; r += 1) if (text(r, 1) === 'Ændringer fra 2021 til 2022') start = r;
  expect(start).toBeGreaterThan(0);
  expect([1, 2, 3, 4, 5].map((c) => text(start + 1, c))).toEqual(['Nr.', 'Mål', 'Ændring', 'Før', 'Nu']);
  const lines: Line[] = [];
  for (let r = start + 2; text(r, 1) !== ''; r += 1) lines.push([text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5)]);
  // The sheet puts each compared year of Før and Nu on its own line.
  expect(lines.find((line) => line[0] === '1')?.slice(3)).toEqual(['2022: ≥ 47,5 %\n2023: ≥ 50 %', '2022: —\n2023: ≥ 50 %']);
  expectAgreement(lines.map(([id, title, change, before, now]) => [id, title, change, before.replace(/\n/g, '; '), now.replace(/\n/g, '; ')]));
});

it('the HTML report agrees with check --json, under the heading Ændringer fra 2021 til 2022 with the counts', async () => {
  const out = path.join(dir, 'report.html');
  const run = await runCli(['report', EXAMPLE, '--as-of', '2021-10-13', '--out', out]);
  expect(run.code).toBe(0);
  const doc = new DOMParser().parseFromString(await fs.readFile(out, 'utf8'), 'text/html');
  const heading = [...doc.querySelectorAll('h3')].find((h) => h.textContent === 'Ændringer fra 2021 til 2022')!;
  expect(heading).toBeDefined();
  const counts = Object.keys(WORDS).map((kind) => `${json.filter((goal) => goal.change === kind).length} ${WORDS[kind]!.da}`);
  expect(heading.nextElementSibling?.textContent).toBe(counts.join(', '));
  const table = doc.querySelector(`table[aria-labelledby="${heading.id}"]`)!;
  expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Nr.', 'Mål', 'Ændring', 'Før', 'Nu']);
  const lines = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? '') as Line);
  expectAgreement(lines);
});

it('the HTML report in English: Changes from 2021 to 2022, the English words and number format', async () => {
  const out = path.join(dir, 'report-en.html');
  expect((await runCli(['report', EXAMPLE, '--as-of', '2021-10-13', '--lang', 'en', '--out', out])).code).toBe(0);
  const doc = new DOMParser().parseFromString(await fs.readFile(out, 'utf8'), 'text/html');
  const heading = [...doc.querySelectorAll('h3')].find((h) => h.textContent === 'Changes from 2021 to 2022')!;
  expect(heading).toBeDefined();
  const counts = Object.keys(WORDS).map((kind) => `${json.filter((goal) => goal.change === kind).length} ${WORDS[kind]!.en}`);
  expect(heading.nextElementSibling?.textContent).toBe(counts.join(', '));
  const table = doc.querySelector(`table[aria-labelledby="${heading.id}"]`)!;
  expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['ID', 'Goal', 'Change', 'Before', 'Now']);
  const lines = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''));
  expect(lines.map((line) => [line[0], line[2]])).toEqual(json.map((goal) => [goal.id, WORDS[goal.change]!.en]));
  expect(lines.find((line) => line[0] === '1')).toEqual(['1', 'Kendskab', 'adjusted', '2022: ≥ 47.5 %; 2023: ≥ 50 %', '2022: —; 2023: ≥ 50 %']);
  // An unchanged goal is drawn quieter than a changed one.
  expect([...table.querySelectorAll('tbody tr')].filter((tr) => tr.className === 'unchanged')).toHaveLength(json.filter((goal) => goal.change === 'unchanged').length);
});
