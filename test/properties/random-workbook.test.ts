/**
 * Property: on a random goal sheet, recalculation writes only owned cells
 * (SPEC §1 "Output columns", §5 `Last recalculated`), never a formula cell, and recalculating
 * the result again changes nothing but the `Last recalculated` cell. Sheets are engine
 * snapshots: random column orders, IDs (some duplicated or blank), rules good and bad, actuals,
 * user columns, blank rows, and pre-existing owned columns with formula cells.
 */
import fc from 'fast-check';
import { recalculate } from '../../src/engine/index';
import { applyPlanInMemory, deepCopy } from '../support/engine-fixtures';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/types';

const FIRST_NOW = new Date(Date.UTC(2021, 9, 13, 10));
const SECOND_NOW = new Date(Date.UTC(2021, 10, 2, 15, 30));

const OWNED_HEADER = /^(target \d{4}|måltal \d{4}|calculated actual|beregnet resultat|status|gap|afvigelse|explanation|forklaring)$/i;
const LAST_RECALCULATED = /^(last recalculated|sidst beregnet)$/i;

type Column = 'id' | 'title' | 'unit' | 'baseline' | 'target' | 'actual' | 'source' | 'note' | 'status' | 'explanation';
const HEADER: Record<Column, [string, string]> = {
  id: ['ID', 'Nr.'],
  title: ['Title', 'Mål'],
  unit: ['Unit', 'Enhed'],
  baseline: ['Baseline', 'Udgangspunkt'],
  target: ['Target', 'Måltal'],
  actual: ['Actual', 'Resultat'],
  source: ['Source', 'Kilde'],
  note: ['Note', 'Bemærkning'],
  status: ['Status', 'Status'],
  explanation: ['Explanation', 'Forklaring'],
};

const rule = fc.constantFrom(
  '≥ 80%', 'mindst 45 pct.', '<= 10', 'max 3', '2021: 45%; 2022: 47%; 2023: 50%', '+5 pp', '+5 pp/år', '40–60 %',
  'udført senest 31-12-2021', 'done', 'omkring halvdelen', '≥ 120%', '2021: 4; 2021: 5', '+10%', 'min. 800', null,
);
const cell = (values: fc.Arbitrary<CellValue>): fc.Arbitrary<CellValue> => fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: values });
const goalRow = fc.record({
  id: cell(fc.constantFrom('1', '2', '2.1', '2.2', '3', '4', '10', 7)),
  title: cell(fc.string({ maxLength: 12 })),
  unit: cell(fc.constantFrom('%', 'antal', 'NPS', 'tal', 'milepæl', 'kr', 'liter')),
  baseline: cell(fc.constantFrom('40%', '2020: 40%', '40 % (2020)', 12, 'n/a')),
  target: rule,
  actual: cell(fc.oneof(fc.integer({ min: -20, max: 1200 }), fc.constantFrom('i gang', 'udført', 'nej', '75 %', 'x'), fc.constant<CellValue>({ error: '#N/A' }))),
  source: cell(fc.constantFrom('goal(1)', 'goal(2)', 'goal(99)', 'share(Data!Svar = "Ja")', 'share(Data!Svar =')),
  note: cell(fc.string({ maxLength: 12 })),
  status: cell(fc.constantFrom('old', 'Opfyldt')),
  explanation: cell(fc.constantFrom('stale text')),
  blank: fc.boolean(),
  formulaInStatus: fc.boolean(),
});

const sheetSpec = fc.record({
  danish: fc.boolean(),
  columns: fc.shuffledSubarray<Column>(['title', 'unit', 'baseline', 'actual', 'source', 'note', 'status', 'explanation']).chain((extra) =>
    fc.shuffledSubarray<Column>(['id', 'target', ...extra], { minLength: extra.length + 2 }),
  ),
  leadingRows: fc.integer({ min: 0, max: 2 }),
  rows: fc.array(goalRow, { maxLength: 12 }),
  settings: fc.boolean(),
});

type SheetSpec = typeof sheetSpec extends fc.Arbitrary<infer T> ? T : never;

/** Builds the workbook: `Goals` (plus a title row or two above the header), `Data`, maybe `Trafiklys`. */
function workbookFrom(spec: SheetSpec): WorkbookSnapshot {
  const values: CellValue[][] = [];
  const formulas: boolean[][] = [];
  for (let i = 0; i < spec.leadingRows; i += 1) values.push(i === 0 ? ['Resultatkontrakt'] : []);
  values.push(spec.columns.map((c) => HEADER[c][spec.danish ? 1 : 0]));
  for (const row of spec.rows) {
    if (row.blank) {
      values.push([]);
      continue;
    }
    values.push(spec.columns.map((c) => row[c]));
    const statusAt = spec.columns.indexOf('status');
    if (row.formulaInStatus && statusAt >= 0) formulas[values.length - 1] = Object.assign([], { [statusAt]: true });
  }
  const goals: SheetSnapshot = { name: 'Goals', values, formulas };
  const data: SheetSnapshot = { name: 'Data', values: [['Svar'], ['Ja'], ['Nej'], ['Ja']] };
  const sheets = [goals, data];
  if (spec.settings) sheets.push({ name: 'Trafiklys', values: [['År', 2021], ['Opgjort pr.', '2021-10-13']] });
  return { sheets };
}

function text(value: CellValue | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The 0-based header row of `Goals` in `snapshot`: the first with an ID header. */
function headerRowOf(sheet: SheetSnapshot): number {
  return sheet.values.findIndex((row) => row.some((v) => /^(id|nr\.)$/i.test(text(v))));
}

/** The snapshot without the `Last recalculated` row of the settings sheet. */
function withoutLastRecalculated(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const copy = deepCopy(snapshot);
  const settings = copy.sheets.find((s) => s.name === 'Trafiklys');
  if (settings) settings.values = settings.values.filter((row) => !LAST_RECALCULATED.test(text(row[0])));
  return copy;
}

describe('properties: recalculation on random workbooks', () => {
  it('on a random workbook, recalculation writes only owned cells, and recalculating twice is the same as once', () => {
    fc.assert(
      fc.property(sheetSpec, (spec) => {
        const original = workbookFrom(spec);
        const first = recalculate(original, { now: FIRST_NOW, asOf: '2021-10-13' });
        const once = applyPlanInMemory(original, first.plan);
        const goals = once.sheets.find((s) => s.name === 'Goals');
        if (!goals) throw new Error('Goals vanished');
        const header = headerRowOf(goals);
        expect(header).toBe(spec.leadingRows);

        for (const write of first.plan.writes) {
          const where = `${write.sheet}!R${write.row + 1}C${write.col + 1}`;
          if (write.sheet === 'Trafiklys history' || write.sheet === 'Trafiklys historik') {
            // The history sheet is Trafiklys's own (SPEC §8): created by this very plan, never the user's.
            expect({ where, added: first.plan.addSheets.includes(write.sheet) }).toEqual({ where, added: true });
            continue;
          }
          if (write.sheet === 'Trafiklys') {
            expect({ where, key: text(once.sheets.find((s) => s.name === 'Trafiklys')?.values[write.row]?.[0]) }).toEqual({ where, key: expect.stringMatching(LAST_RECALCULATED) });
            continue;
          }
          expect({ where, sheet: write.sheet }).toEqual({ where, sheet: 'Goals' });
          expect({ where, header: OWNED_HEADER.test(text(goals.values[header][write.col])) }).toEqual({ where, header: true });
          expect({ where, formula: original.sheets[0].formulas?.[write.row]?.[write.col] === true }).toEqual({ where, formula: false });
          // Goal rows only below the header, the header row itself only for a new or renamed owned header.
          expect(write.row).toBeGreaterThanOrEqual(header);
        }
        // Everything else is untouched: blank the owned columns and the settings row, then compare.
        const ownedColumns = new Set(goals.values[header].flatMap((v, c) => (OWNED_HEADER.test(text(v)) ? [c] : [])));
        const strip = (snapshot: WorkbookSnapshot): CellValue[][] =>
          (snapshot.sheets.find((s) => s.name === 'Goals')?.values ?? []).map((row) => row.map((v, c) => (ownedColumns.has(c) ? null : v)).filter((v, c, all) => c < all.length));
        const trimmed = (rows: CellValue[][]): CellValue[][] => rows.map((row) => { const r = [...row]; while (r.length > 0 && (r[r.length - 1] === null || r[r.length - 1] === undefined)) r.pop(); return r; });
        expect(trimmed(strip(once))).toEqual(trimmed(strip(original)));
        expect(once.sheets.find((s) => s.name === 'Data')).toEqual(original.sheets.find((s) => s.name === 'Data'));

        // Twice is the same as once (another clock: only Last recalculated may differ).
        const second = recalculate(once, { now: SECOND_NOW, asOf: '2021-10-13' });
        const twice = applyPlanInMemory(once, second.plan);
        expect(withoutLastRecalculated(twice)).toEqual(withoutLastRecalculated(once));
        expect(second.sheets).toEqual(first.sheets);
        expect(second.summary).toEqual(first.summary);
      }),
      { numRuns: 100 },
    );
  });
});
