/** @jest-environment jsdom */
/**
 * One display formatter: the same goal rows — every unit, both languages,
 * gaps, a range, a milestone, a row without a value — rendered through the three front ends
 * must read the same: the sheet (the engine's write plan: Explanation and range-target cells),
 * the task pane's goal list, and the command line's table.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import { formatTables } from '../../src/cli/format-report';
import { recalculate, type CellValue, type Recalculation, type SheetResult } from '../../src/engine/index';
import { GoalList } from '../../src/taskpane/components/goal-list';
import { STRINGS } from '../../src/ui/i18n';
import { sheetOf, workbookOf } from '../support/engine-fixtures';

type Shown = { actual: string; target: string; gap: string };

/** The rows, once with Danish headers and once with English ones (ID, title, unit, target, actual). */
function goalRows(headers: string[]): CellValue[][] {
  return [
    headers,
    [1, 'Share', '%', '≥ 80%', '%:0.755'],
    [2, 'Points', 'pp', '≥ 5', 3.25],
    [3, 'Money', 'DKK', '≥ 1234567.5', 1300000.25],
    [4, 'Promoters', 'NPS', '≥ 70', 72],
    [5, 'Courses', 'count', 600, 555],
    [6, 'Band', '%', '40-60%', '%:0.4567'],
    [7, 'Milestone', null, 'udført senest 31-12-2021', 'i gang'],
    [8, 'Nothing yet', '%', '≥ 80%', null],
    [9, 'Rounded', 'number', '≥ 2.5', 2.125],
  ];
}

const DANISH_SHEET = 'Mål 2021';
const ENGLISH_SHEET = 'Goals 2021';

function recalculateRows(): Recalculation {
  return recalculate(
    workbookOf(
      sheetOf(DANISH_SHEET, goalRows(['Nr.', 'Mål', 'Enhed', 'Måltal', 'Resultat'])),
      sheetOf(ENGLISH_SHEET, goalRows(['ID', 'Goal', 'Unit', 'Target', 'Actual'])),
      sheetOf('Trafiklys', [
        ['År', 2021],
        ['Opgjort pr.', '2021-10-13'],
      ]),
    ),
    { now: new Date(2021, 9, 13, 9, 30) },
  );
}

/** The command line's table of one sheet, by goal ID: its Actual, Target and Gap cells. */
function readCliTable(recalculation: Recalculation, sheet: string): Map<string, Shown> {
  const text = formatTables('book.xlsx', recalculation);
  const block = text.split('\n\n').find((part) => part.startsWith(`${sheet} (`));
  if (!block) throw new Error(`no table for ${sheet} in:\n${text}`);
  const ids = new Set(recalculation.sheets.find((s) => s.name === sheet)!.rows.map((row) => row.id));
  const shown = new Map<string, Shown>();
  for (const line of block.split('\n').filter((l) => l.startsWith('│'))) {
    const cells = line.split('│').slice(1, -1).map((cell) => cell.trim());
    if (ids.has(cells[0]!)) shown.set(cells[0]!, { actual: cells[3]!, target: cells[4]!, gap: cells[5]! });
  }
  return shown;
}

/** The pane's goal list of one sheet in the sheet's language, by goal ID. */
function readPaneList(sheet: SheetResult): Map<string, Shown> {
  render(
    <FluentProvider theme={webLightTheme}>
      <GoalList sheets={[sheet]} language={sheet.language} strings={STRINGS[sheet.language]} onSelectRow={() => undefined} />
    </FluentProvider>,
  );
  const shown = new Map<string, Shown>();
  for (const row of sheet.rows) {
    const button = screen.getByRole('button', { name: new RegExp(`^${row.id.replace('.', '\\.')} `) });
    const read = (field: string) => button.querySelector(`[data-value="${field}"]`)?.textContent ?? '';
    shown.set(row.id, { actual: read('actual'), target: read('target'), gap: read('gap') });
  }
  cleanup();
  return shown;
}

/** The sheet's Explanation cell of each goal (the plan's write in the Explanation column), by ID. */
function readSheetExplanations(recalculation: Recalculation, sheet: string, heading: string): Map<string, string> {
  const writes = recalculation.plan.writes.filter((w) => w.sheet === sheet);
  const column = writes.find((w) => w.row === 0 && w.value === heading)?.col;
  if (column === undefined) throw new Error(`no ${heading} column planned on ${sheet}`);
  const rows = recalculation.sheets.find((s) => s.name === sheet)!.rows;
  // RowResult.row is 1-based, the plan's rows 0-based.
  return new Map(rows.map((row) => [row.id, String(writes.find((w) => w.row === row.row - 1 && w.col === column)?.value ?? '')]));
}

/** What the analyst reads, per language: one literal per unit, so a shared regression fails too. */
const EXPECTED: Record<'da' | 'en', Record<string, Shown>> = {
  da: {
    '1': { actual: '75,5 %', target: '80 %', gap: '−4,5 pp' },
    '2': { actual: '3,25 pp', target: '5 pp', gap: '−1,75 pp' },
    '3': { actual: '1.300.000,25 kr.', target: '1.234.567,5 kr.', gap: '+65.432,75 kr.' },
    '4': { actual: '72', target: '70', gap: '+2' },
    '5': { actual: '555', target: '600', gap: '−45' },
    '6': { actual: '45,67 %', target: '40–60 %', gap: '0 pp' },
    '7': { actual: 'i gang', target: '', gap: '' },
    '8': { actual: '', target: '80 %', gap: '' },
    '9': { actual: '2,13', target: '2,5', gap: '−0,38' },
  },
  en: {
    '1': { actual: '75.5 %', target: '80 %', gap: '−4.5 pp' },
    '2': { actual: '3.25 pp', target: '5 pp', gap: '−1.75 pp' },
    '3': { actual: 'DKK 1,300,000.25', target: 'DKK 1,234,567.5', gap: '+DKK 65,432.75' },
    '4': { actual: '72', target: '70', gap: '+2' },
    '5': { actual: '555', target: '600', gap: '−45' },
    '6': { actual: '45.67 %', target: '40–60 %', gap: '0 pp' },
    '7': { actual: 'in progress', target: '', gap: '' },
    '8': { actual: '', target: '80 %', gap: '' },
    '9': { actual: '2.13', target: '2.5', gap: '−0.38' },
  },
};

describe('one display formatter: sheet, pane and command line read the same', () => {
  const recalculation = recalculateRows();

  it.each([
    [DANISH_SHEET, 'da', 'Forklaring', 'mod måltal', 'forventet', 'intet resultat endnu'],
    [ENGLISH_SHEET, 'en', 'Explanation', 'vs. target', 'expected', 'no actual yet'],
  ] as const)('%s (%s)', (sheetName, language, explanationHeading, versusTarget, expected, noActual) => {
    const sheet = recalculation.sheets.find((s) => s.name === sheetName)!;
    expect(sheet.language).toBe(language);
    const cli = readCliTable(recalculation, sheetName);
    const pane = readPaneList(sheet);
    const explanations = readSheetExplanations(recalculation, sheetName, explanationHeading);

    expect(Object.fromEntries(pane)).toEqual(EXPECTED[language]);
    expect(Object.fromEntries(cli)).toEqual(Object.fromEntries(pane));

    for (const [id, shown] of pane) {
      const explanation = explanations.get(id)!;
      if (explanation.includes(expected)) {
        // Judged against the pace (a count through the year): the sheet states the actual and the
        // full-year target in words and the gap only as the Gap cell's number.
        expect({ id, explanation }).toEqual({ id, explanation: expect.stringContaining(shown.actual) });
        expect({ id, explanation }).toEqual({ id, explanation: expect.stringContaining(shown.target) });
      } else if (shown.target !== '' && shown.actual !== '') {
        expect({ id, explanation }).toEqual({ id, explanation: expect.stringMatching(new RegExp(`^${escape(`${shown.actual} ${versusTarget} ${shown.target} (${shown.gap})`)}`)) });
      } else if (shown.actual !== '') {
        expect({ id, explanation }).toEqual({ id, explanation: expect.stringMatching(new RegExp(`^${escape(shown.actual)};`)) });
      } else {
        expect({ id, explanation }).toEqual({ id, explanation: noActual });
      }
    }

    // A range target is a text cell in the year-target column: the same text again.
    const band = sheet.rows.find((row) => row.id === '6')!;
    const rangeCell = recalculation.plan.writes.find((w) => w.sheet === sheetName && w.row === band.row - 1 && w.value === pane.get('6')!.target);
    expect(rangeCell).toBeDefined();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
