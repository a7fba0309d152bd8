/** @jest-environment jsdom */
/**
 * A refused recalculation in the pane (SPEC §8): the Status report button on a workbook
 * whose `Statusrapport` sheet is the user's own. The pane runs the real adapter on the Excel
 * double; it shows the engine's message, says nothing was written, and the workbook is unchanged.
 */
import { fireEvent, screen } from '@testing-library/react';
import { isGoalSheetHead, isSettingsSheetName, listSourceColumns, recalculate } from '../../src/engine/index';
import { type EngineFunctions, type ExcelRun, recalculateWith } from '../../src/excel';
import type { ExcelApi } from '../../src/taskpane/excel-api';
import { createExcelDouble, type DoubleHandle } from '../excel-double/excel-double';
import { goalWorkbook, text } from '../excel/workbooks';
import { renderApp } from './render-app';

const NOW = new Date(2021, 9, 13, 9, 30);
const engine: EngineFunctions = { recalculate, isGoalSheetHead, isSettingsSheetName, listSourceColumns };

/** The pane's seam over the double, as index.tsx builds it over Office. */
function apiOver(double: DoubleHandle): ExcelApi {
  const run = double.Excel.run as unknown as ExcelRun;
  const unused = () => Promise.reject(new Error('not used in this test'));
  return {
    recalculate: (request) => recalculateWith(run, engine, { now: NOW, ...request }),
    selectCell: unused,
    insertTemplate: unused,
    insertExample: unused,
  };
}

function userReportWorkbook() {
  const workbook = goalWorkbook(3);
  workbook.sheets.push({ name: 'Statusrapport', rows: [[text('Min egen rapport', { bold: true })], [text('Skrevet i hånden')]] });
  return workbook;
}

describe('a status report refused because the sheet is the user\'s', () => {
  it.each([
    ['da', 'Statusrapport', 'Intet blev skrevet i projektmappen'],
    ['en', 'Status report', 'Nothing was written to the workbook'],
  ] as const)('in %s: shows the message, says nothing was written, leaves the workbook as it was', async (language, button, title) => {
    const double = createExcelDouble(userReportWorkbook());
    const before = JSON.stringify(double.workbook.toJSON());
    renderApp(apiOver(double), language);
    fireEvent.click(screen.getByRole('button', { name: button }));
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getAllByText(/the status report was not written: the sheet "Statusrapport" is the workbook's own/).length).toBeGreaterThan(0);
    expect(screen.getByRole('status').textContent).toBe(`${title}.`);
    expect(JSON.stringify(double.workbook.toJSON())).toBe(before);
    // It read the workbook (so the refusal is the engine's, not a host failure) and wrote nothing.
    expect(double.syncCount).toBeGreaterThan(0);
  });

  it('a plain Recalculate on the same workbook is not refused and writes the goal sheet', async () => {
    const double = createExcelDouble(userReportWorkbook());
    renderApp(apiOver(double), 'en');
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate' }));
    expect(await screen.findByText(/rows recalculated/)).toBeTruthy();
    expect(screen.queryByText('Nothing was written to the workbook')).toBeNull();
    expect(double.workbook.findSheet('Mål 2021')!.rows[0]!.some((cell) => cell?.value === 'Status')).toBe(true);
    expect(double.workbook.findSheet('Statusrapport')!.rows).toEqual([[text('Min egen rapport', { bold: true })], [text('Skrevet i hånden')]]);
  });
});
