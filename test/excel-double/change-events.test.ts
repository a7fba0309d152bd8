/**
 * The double's change events and document settings against Microsoft's reference:
 * WorksheetChangedEventArgs (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs),
 * EventHandlerResult (https://learn.microsoft.com/javascript/api/office/officeextension.eventhandlerresult),
 * Office.Settings (https://learn.microsoft.com/javascript/api/office/office.settings).
 */
import { AUTO_RECALCULATE_SETTING, readAutoRecalculate, saveAutoRecalculate } from '../../src/excel/document-settings';
import { createExcelDouble, type DoubleRequestContext, type WorksheetChangedEventArgsDouble } from './excel-double';
import { DocumentSettingsDouble } from './office-settings';
import { InMemoryWorkbook } from './workbook-model';

function book(): InMemoryWorkbook {
  return new InMemoryWorkbook({ sheets: [{ name: 'Data', rows: [[{ value: 'Svar' }], [{ value: 7 }]] }, { name: 'Andet', rows: [] }] });
}

/** Registers a handler on `Data` (or every sheet) and returns what it receives. */
async function listen(double: ReturnType<typeof createExcelDouble>, on: 'sheet' | 'workbook' = 'sheet') {
  const received: WorksheetChangedEventArgsDouble[] = [];
  const result = await double.Excel.run(async (context: DoubleRequestContext) => {
    const sheets = context.workbook.worksheets;
    const events = on === 'sheet' ? sheets.getItem('Data').onChanged : sheets.onChanged;
    const added = events.add(async (args) => {
      received.push(args);
    });
    await context.sync();
    return added;
  });
  return { received, result };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('onChanged on the Excel double', () => {
  it('raises one event for a pasted area, without details, and details for a single cell only', async () => {
    const double = createExcelDouble(book());
    const { received } = await listen(double);
    double.userEdit('Data', 'A2:C1001', Array.from({ length: 1000 }, (_, i) => [i, 'x', true]));
    double.userEdit('Data', 'B2', [['Ja']]);
    // Delivered out of band, not during userEdit.
    expect(received).toHaveLength(0);
    await settle();
    expect(received).toEqual([
      { address: 'A2:C1001', changeType: 'RangeEdited', source: 'Local', worksheetId: '{Data}', type: 'WorksheetChanged', triggerSource: 'Unknown' },
      {
        address: 'B2',
        changeType: 'RangeEdited',
        source: 'Local',
        worksheetId: '{Data}',
        type: 'WorksheetChanged',
        details: { valueBefore: 'x', valueAfter: 'Ja', valueTypeBefore: 'String', valueTypeAfter: 'String' },
        triggerSource: 'Unknown',
      },
    ]);
    expect(double.workbook.cell('Data', 'A1001')?.value).toBe(999);
  });

  it('leaves out the fields an older Excel does not send: details below 1.9, triggerSource below 1.14', async () => {
    const double = createExcelDouble(book(), { apiVersion: '1.7' });
    const { received } = await listen(double);
    double.userEdit('Data', 'A2', [[8]], { source: 'Remote' });
    await settle();
    expect(received).toEqual([{ address: 'A2', changeType: 'RangeEdited', source: 'Remote', worksheetId: '{Data}', type: 'WorksheetChanged' }]);
  });

  it("raises events for the add-in's own values and clear, not for number formats, after the sync", async () => {
    const double = createExcelDouble(book());
    const { received } = await listen(double, 'workbook');
    await double.Excel.run(async (context: DoubleRequestContext) => {
      const data = context.workbook.worksheets.getItem('Data');
      data.getRange('D1:D2').values = [['Status'], ['Opfyldt']];
      data.getRange('E1').numberFormat = [['0%']];
      context.workbook.worksheets.getItem('Andet').getRange('A1:B2').clear();
      await context.sync();
      expect(received).toHaveLength(0);
    });
    await settle();
    expect(received.map((e) => [e.worksheetId, e.address, e.triggerSource])).toEqual([
      ['{Data}', 'D1:D2', 'ThisLocalAddin'],
      ['{Andet}', 'A1:B2', 'ThisLocalAddin'],
    ]);
  });

  it('refuses Worksheet.onChanged below ExcelApi 1.7 and WorksheetCollection.onChanged below 1.9', async () => {
    await expect(listen(createExcelDouble(book(), { apiVersion: '1.6' }))).rejects.toMatchObject({ code: 'ApiNotFound', message: expect.stringContaining('Worksheet.onChanged, ExcelApi 1.7') });
    await expect(listen(createExcelDouble(book(), { apiVersion: '1.8' }), 'workbook')).rejects.toMatchObject({
      code: 'ApiNotFound',
      message: expect.stringContaining('WorksheetCollection.onChanged, ExcelApi 1.9'),
    });
    const at17 = createExcelDouble(book(), { apiVersion: '1.7' });
    await listen(at17);
    expect(at17.changeHandlers).toHaveLength(1);
  });

  it('removes a handler only once remove() is synced in the context it was added in', async () => {
    const double = createExcelDouble(book());
    const { received, result } = await listen(double);
    await double.Excel.run(result.context, async (context: DoubleRequestContext) => {
      expect(context).toBe(result.context);
      result.remove();
      expect(double.changeHandlers).toHaveLength(1);
      await context.sync();
    });
    expect(double.changeHandlers).toHaveLength(0);
    double.userEdit('Data', 'A2', [[9]]);
    await settle();
    expect(received).toHaveLength(0);
    expect(double.raisedEvents).toHaveLength(0);
  });
});

describe('document settings (Office.Settings) on the double', () => {
  it('keeps Recalculate automatically off by default and on once saved, across reopening', async () => {
    const settings = new DocumentSettingsDouble();
    expect(settings.get(AUTO_RECALCULATE_SETTING)).toBeNull();
    expect(readAutoRecalculate(settings)).toBe(false);
    expect(readAutoRecalculate(null)).toBe(false);
    expect(await saveAutoRecalculate(settings, true)).toEqual({ ok: true, value: undefined, syncs: 0 });
    expect(settings.stored(AUTO_RECALCULATE_SETTING)).toBe(true);
    expect(readAutoRecalculate(settings.reopen())).toBe(true);
    await saveAutoRecalculate(settings, false);
    expect(readAutoRecalculate(settings.reopen())).toBe(false);
  });

  it('reaches the document only through saveAsync', () => {
    const settings = new DocumentSettingsDouble();
    settings.set(AUTO_RECALCULATE_SETTING, true);
    expect(settings.get(AUTO_RECALCULATE_SETTING)).toBe(true);
    expect(readAutoRecalculate(settings.reopen())).toBe(false);
  });

  it('says so when the save fails, and the document keeps what it had', async () => {
    const settings = new DocumentSettingsDouble();
    await saveAutoRecalculate(settings, true);
    settings.failSaves = 1;
    const failed = await saveAutoRecalculate(settings, false);
    expect(failed).toEqual({
      ok: false,
      error: { code: 'SettingsNotSaved', message: 'Excel could not keep the choice in the workbook (An internal error has occurred.); it holds until the workbook is closed.' },
      syncs: 0,
    });
    expect(settings.stored(AUTO_RECALCULATE_SETTING)).toBe(true);
  });

  it('stores values as JSON: a later get returns a copy', () => {
    const settings = new DocumentSettingsDouble();
    const value = { on: true };
    settings.set('x', value);
    value.on = false;
    expect(settings.get('x')).toEqual({ on: true });
    expect(() => settings.set('y', undefined)).toThrow("The value of setting 'y' cannot be stored: settings hold JSON values only.");
  });
});
