import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeValueKindsWorkbook } from '../fixtures/build-fixtures';
import { type DoubleHandle, type DoubleRequestContext, DoubleError, createExcelDouble, installExcelDouble } from './excel-double';
import { loadWorkbookFromXlsx } from './load-workbook-from-xlsx';
import { InMemoryWorkbook, parseArea } from './workbook-model';

const NOT_LOADED = (p: string): string =>
  `The property '${p}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;

function book(): InMemoryWorkbook {
  return new InMemoryWorkbook({
    sheets: [
      {
        name: 'Mål 2021',
        rows: [
          [{ value: 'Nr.' }, { value: 'Måltal' }, { value: 'Resultat', bold: true }],
          [{ value: 1 }, { value: '≥ 80%' }, { value: 0.75, numberFormat: '0%' }],
          [{ value: 2 }, { value: 50 }, { value: 25, formula: '=B3/2' }],
        ],
      },
      { name: 'Empty', rows: [] },
    ],
  });
}

async function run<T>(double: DoubleHandle, batch: (context: DoubleRequestContext) => Promise<T>): Promise<T> {
  return double.Excel.run(batch);
}

async function rejection(promise: Promise<unknown>): Promise<DoubleError> {
  try {
    await promise;
  } catch (error) {
    return error as DoubleError;
  }
  throw new Error('expected a rejection');
}

describe('Excel double: proxies and the queue', () => {
  it('throws PropertyNotLoaded with Office\'s text when a property was never loaded (a missing load)', async () => {
    const double = createExcelDouble(book());
    const error = await rejection(
      run(double, async (context) => {
        const range = context.workbook.worksheets.getItem('Mål 2021').getRange('A1:C3');
        await context.sync();
        return range.values;
      }),
    );
    expect(error.code).toBe('PropertyNotLoaded');
    expect(error.message).toBe(NOT_LOADED('values'));
  });

  it('throws PropertyNotLoaded when a loaded property is read before the sync (a missing sync)', async () => {
    const double = createExcelDouble(book());
    const error = await rejection(
      run(double, async (context) => {
        const range = context.workbook.worksheets.getItem('Mål 2021').getRange('A1');
        range.load('values');
        return range.values;
      }),
    );
    expect(error.message).toBe(NOT_LOADED('values'));
  });

  it('delivers loaded values after the sync, empty cells as "" and number formats as General', async () => {
    const double = createExcelDouble(book());
    const got = await run(double, async (context) => {
      const range = context.workbook.worksheets.getItem('Mål 2021').getRange('A2:D3');
      range.load('values, numberFormat, formulas, address, rowCount, columnCount');
      await context.sync();
      return { values: range.values, formats: range.numberFormat, formulas: range.formulas, address: range.address, rows: range.rowCount, cols: range.columnCount };
    });
    expect(got.values).toEqual([
      [1, '≥ 80%', 0.75, ''],
      [2, 50, 25, ''],
    ]);
    expect(got.formats).toEqual([
      ['General', 'General', '0%', 'General'],
      ['General', 'General', 'General', 'General'],
    ]);
    expect(got.formulas[1]).toEqual([2, 50, '=B3/2', '']);
    expect(got.address).toBe("'Mål 2021'!A2:D3");
    expect([got.rows, got.cols]).toEqual([2, 4]);
  });

  it('applies property sets only at sync, in order, and counts every round trip', async () => {
    const workbook = book();
    const double = createExcelDouble(workbook);
    await run(double, async (context) => {
      const range = context.workbook.worksheets.getItem('Mål 2021').getRange('D1');
      range.values = [['first']];
      range.values = [['second']];
      expect(workbook.cell('Mål 2021', 'D1')).toBeUndefined();
      await context.sync();
      expect(workbook.cell('Mål 2021', 'D1')?.value).toBe('second');
      await context.sync(); // an extra round trip that does nothing
    });
    expect(double.syncCount).toBe(2);
    expect(double.emptySyncs).toBe(1);
  });

  it('makes Excel.run send what is still queued when the batch ends', async () => {
    const workbook = book();
    const double = createExcelDouble(workbook);
    await run(double, async (context) => {
      context.workbook.worksheets.getItem('Mål 2021').getRange('D2').values = [[7]];
    });
    expect(workbook.cell('Mål 2021', 'D2')?.value).toBe(7);
    expect(double.syncCount).toBe(1);
  });

  it('rejects a batch function that does not return a promise', async () => {
    const double = createExcelDouble(book());
    const error = await rejection(double.Excel.run((() => undefined) as unknown as () => Promise<void>));
    expect(error.code).toBe('RunMustReturnPromise');
  });

  it('loads collection items by path and navigation properties by path or object', async () => {
    const double = createExcelDouble(book());
    const got = await run(double, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/protection/protected');
      const c1 = sheets.getItem('Mål 2021').getRange('C1');
      c1.load({ format: { font: { bold: true, color: true }, fill: { color: true } } });
      await context.sync();
      return { names: sheets.items.map((s) => s.name), protectedFlags: sheets.items.map((s) => s.protection.protected), bold: c1.format.font.bold, font: c1.format.font.color, fill: c1.format.fill.color };
    });
    expect(got).toEqual({ names: ['Mål 2021', 'Empty'], protectedFlags: [false, false], bold: true, font: '#000000', fill: '#FFFFFF' });
  });
});

describe('Excel double: 2-D arrays and typed input', () => {
  it('rejects a values array whose shape does not match the range, writing nothing', async () => {
    const workbook = book();
    const double = createExcelDouble(workbook);
    const error = await rejection(
      run(double, async (context) => {
        context.workbook.worksheets.getItem('Mål 2021').getRange('D1:D2').values = [['a'], ['b'], ['c']];
        await context.sync();
      }),
    );
    expect(error.code).toBe('InvalidArgument');
    expect(error.message).toBe("The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    expect(workbook.cell('Mål 2021', 'D1')).toBeUndefined();
  });

  it('rejects a 1-D array for a one-cell range (values are always 2-D)', async () => {
    const double = createExcelDouble(book());
    const error = await rejection(
      run(double, async (context) => {
        (context.workbook.worksheets.getItem('Mål 2021').getRange('D1') as unknown as { values: unknown }).values = ['x'];
        await context.sync();
      }),
    );
    expect(error.code).toBe('InvalidArgument');
  });

  it('treats "=" as a formula, "\'" as text, numeric text as a number, null as "leave alone" and "" as "clear"', async () => {
    const workbook = book();
    const double = createExcelDouble(workbook);
    await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItem('Mål 2021');
      ws.getRange('E1:E4').values = [['=A2*2'], ["'45"], ['45'], ['45 %']];
      ws.getRange('A2:B2').values = [[null, '']];
      await context.sync();
    });
    expect(workbook.cell('Mål 2021', 'E1')?.formula).toBe('=A2*2');
    expect(workbook.cell('Mål 2021', 'E2')?.value).toBe('45');
    expect(workbook.cell('Mål 2021', 'E3')?.value).toBe(45);
    expect(workbook.cell('Mål 2021', 'E4')).toEqual({ value: 0.45, numberFormat: '0%' });
    expect(workbook.cell('Mål 2021', 'A2')?.value).toBe(1);
    expect(workbook.cell('Mål 2021', 'B2')?.value).toBeNull();
  });

  it('sets fills and font colours on multi-area ranges and reads null where cells differ', async () => {
    const workbook = book();
    const double = createExcelDouble(workbook);
    const [mixed, cleared] = await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItem('Mål 2021');
      const areas = ws.getRanges('A1,C2:C3');
      areas.format.fill.color = '#c6efce';
      areas.format.font.color = '#006100';
      const column = ws.getRange('A1:A2');
      column.load('format/fill/color');
      await context.sync();
      const first = column.format.fill.color;
      ws.getRange('A1').format.fill.clear();
      column.load('format/fill/color');
      await context.sync();
      return [first, column.format.fill.color];
    });
    expect(workbook.cell('Mål 2021', 'C3')).toMatchObject({ fill: '#C6EFCE', fontColor: '#006100' });
    expect(workbook.cell('Mål 2021', 'A1')?.fill).toBeUndefined();
    expect(mixed).toBeNull();
    expect(cleared).toBe('#FFFFFF');
  });

  it('rejects null as a fill colour (null is not a valid single-property input)', async () => {
    const double = createExcelDouble(book());
    const error = await rejection(
      run(double, async (context) => {
        (context.workbook.worksheets.getItem('Mål 2021').getRange('A1').format.fill as unknown as { color: unknown }).color = null;
        await context.sync();
      }),
    );
    expect(error.message).toBe("The argument 'format.fill.color' doesn't work for this situation, is missing, or isn't in the right format.");
  });
});

describe('Excel double: sheets, null objects and errors', () => {
  it('rejects the sync with ItemNotFound for a missing sheet', async () => {
    const double = createExcelDouble(book());
    const error = await rejection(
      run(double, async (context) => {
        context.workbook.worksheets.getItem('Nope').getRange('A1').load('values');
        await context.sync();
      }),
    );
    expect(error.code).toBe('ItemNotFound');
    expect(error.message).toBe("The requested resource doesn't exist.");
  });

  it('gives a null object from getItemOrNullObject, readable only after a sync', async () => {
    const double = createExcelDouble(book());
    const got = await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject('Nope');
      const before = (() => {
        try {
          return ws.isNullObject;
        } catch (error) {
          return (error as DoubleError).code;
        }
      })();
      await context.sync();
      return { before, after: ws.isNullObject };
    });
    expect(got).toEqual({ before: 'PropertyNotLoaded', after: true });
  });

  it('reports A1 as the used range of an empty sheet, and a null object from the OrNullObject form', async () => {
    const double = createExcelDouble(book());
    const got = await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItem('Empty');
      const used = ws.getUsedRange(true);
      used.load('address');
      const orNull = ws.getUsedRangeOrNullObject(true);
      const full = context.workbook.worksheets.getItem('Mål 2021').getUsedRange(true);
      full.load('address');
      await context.sync();
      return { empty: used.address, isNull: orNull.isNullObject, full: full.address };
    });
    expect(got).toEqual({ empty: 'Empty!A1', isNull: true, full: "'Mål 2021'!A1:C3" });
  });

  it('rejects writes to a protected sheet with AccessDenied and leaves it unchanged', async () => {
    const workbook = book();
    workbook.findSheet('Mål 2021')!.protected = true;
    const double = createExcelDouble(workbook);
    const error = await rejection(
      run(double, async (context) => {
        context.workbook.worksheets.getItem('Mål 2021').getRange('A1').values = [['x']];
        await context.sync();
      }),
    );
    expect(error.code).toBe('AccessDenied');
    expect(workbook.cell('Mål 2021', 'A1')?.value).toBe('Nr.');
  });

  it('rejects every sync while a cell is being edited', async () => {
    const workbook = book();
    workbook.cellEditMode = true;
    const double = createExcelDouble(workbook);
    const error = await rejection(
      run(double, async (context) => {
        context.workbook.worksheets.load('items/name');
        await context.sync();
      }),
    );
    expect(error.code).toBe('InvalidOperationInCellEditMode');
    expect(error.message).toBe('Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.');
  });

  it('measures responses and rejects one over the payload limit', async () => {
    const workbook = new InMemoryWorkbook({ sheets: [{ name: 'Data', rows: Array.from({ length: 200 }, () => [{ value: 'x'.repeat(50) }]) }] });
    const double = createExcelDouble(workbook, { payloadLimitBytes: 5_000 });
    const small = await run(double, async (context) => {
      const r = context.workbook.worksheets.getItem('Data').getRange('A1:A10');
      r.load('values');
      await context.sync();
      return r.values.length;
    });
    expect(small).toBe(10);
    expect(double.responseBytes[0]).toBeGreaterThan(500);
    expect(double.responseBytes[0]).toBeLessThan(5_000);
    const error = await rejection(
      run(double, async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('A1:A200').load('values');
        await context.sync();
      }),
    );
    expect(error.code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('adds sheets, activates and selects', async () => {
    const workbook = book();
    const double = installExcelDouble({}, workbook);
    await run(double, async (context) => {
      const ws = context.workbook.worksheets.add('Ny');
      ws.getRange('B2').values = [['hej']];
      ws.activate();
      ws.getRange('B2:C2').select();
      await context.sync();
    });
    expect(workbook.cell('Ny', 'B2')?.value).toBe('hej');
    expect(workbook.selection).toEqual({ sheet: 'Ny', address: 'B2:C2' });
    const error = await rejection(
      run(double, async (context) => {
        context.workbook.worksheets.add('ny');
        await context.sync();
      }),
    );
    expect(error.code).toBe('ItemAlreadyExists');
  });

  it('installs Excel on a target object', () => {
    const target: { Excel?: unknown } = {};
    const double = installExcelDouble(target, book());
    expect(target.Excel).toBe(double.Excel);
  });
});

describe('Excel double: the workbook model', () => {
  it('survives a JSON round trip', () => {
    const workbook = book();
    workbook.findSheet('Empty')!.protected = true;
    const copy = InMemoryWorkbook.fromJSON(JSON.stringify(workbook));
    expect(copy.toJSON()).toEqual(workbook.toJSON());
    expect(copy.cell('Mål 2021', 'C3')).toEqual({ value: 25, formula: '=B3/2' });
    expect(copy.findSheet('empty')?.protected).toBe(true);
  });

  it('parses addresses, whole rows and whole columns, and refuses nonsense', () => {
    expect(parseArea('B7')?.rect).toEqual({ top: 6, left: 1, bottom: 6, right: 1 });
    expect(parseArea("'Mål 2021'!$A$1:C3")).toEqual({ sheet: 'Mål 2021', rect: { top: 0, left: 0, bottom: 2, right: 2 } });
    expect(parseArea('1:20')?.rect).toEqual({ top: 0, left: 0, bottom: 19, right: 16_383 });
    expect(parseArea('C:D')?.rect.bottom).toBe(1_048_575);
    expect(parseArea('A1:')).toBeNull();
    expect(parseArea('hello world')).toBeNull();
  });

  it('loads a .xlsx: values, dates as serials, errors, formulas with their results, formats', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'excel-double-'));
    const file = await writeValueKindsWorkbook(dir);
    const workbook = await loadWorkbookFromXlsx(file);
    expect(workbook.cell('Kinds', 'A1')?.value).toBe(42);
    expect(workbook.cell('Kinds', 'C1')?.value).toBe('Meget tilfreds');
    expect(workbook.cell('Kinds', 'A2')?.value).toEqual({ error: '#N/A' });
    expect(workbook.cell('Kinds', 'B2')).toEqual({ value: 44482, numberFormat: 'dd-mm-yyyy' });
    expect(workbook.cell('Kinds', 'D2')).toEqual({ value: 84, formula: '=A1*2' });
    expect(workbook.cell('Kinds', 'A4')?.formula).toMatch(/^=/);
    expect(workbook.findSheet('Empty')?.rows).toEqual([]);
  });
});

describe('Excel as it behaves: no rollback, trace messages, co-authors between syncs', () => {
  it('applies the commands before an injected failure, rejects with the traces that ran, and runs none after it', async () => {
    const double = createExcelDouble(book());
    double.failures.push({ sync: 1, command: 2, code: 'GeneralException' });
    const error = await run(double, async (context) => {
      const ws = context.workbook.worksheets.getItem('Mål 2021');
      ws.getRange('D1').values = [['first']];
      context.trace('after first');
      ws.getRange('D2').values = [['second']];
      context.trace('after second');
      ws.getRange('D3').values = [['third']];
      context.trace('after third');
      ws.getRange('D4').values = [['fourth']];
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DoubleError);
    const e = error as DoubleError;
    expect(e.code).toBe('GeneralException');
    expect(e.traceMessages).toEqual(['after first', 'after second']);
    expect(e.debugInfo.statement).toBe(`Range 'Mål 2021'!D3.values [["third"]]`);
    expect(['D1', 'D2', 'D3', 'D4'].map((a) => double.workbook.cell('Mål 2021', a)?.value ?? null)).toEqual(['first', 'second', null, null]);
    expect(double.commandLog[0]).toHaveLength(4);
  });

  it('fails a persistent command every time it is sent again, and a one-off one only once', async () => {
    const double = createExcelDouble(book());
    double.failures.push({ sync: 1, command: 0, code: 'AccessDenied', persistent: true });
    const write = (value: string) => (context: DoubleRequestContext) => {
      context.workbook.worksheets.getItem('Mål 2021').getRange('E1').values = [[value]];
      return context.sync();
    };
    await expect(run(double, write('x'))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(run(double, write('x'))).rejects.toMatchObject({ code: 'AccessDenied' });
    await run(double, write('y')); // another command goes through
    expect(double.workbook.cell('Mål 2021', 'E1')?.value).toBe('y');
    const once = createExcelDouble(book());
    once.failures.push({ sync: 1, command: 0 });
    await expect(run(once, write('x'))).rejects.toMatchObject({ code: 'GeneralException' });
    await run(once, write('x'));
    expect(once.workbook.cell('Mål 2021', 'E1')?.value).toBe('x');
  });

  it('applies a co-author\'s edit between two syncs: a read after it sees the moved rows', async () => {
    const double = createExcelDouble(book(), { culture: 'da-DK' });
    double.coAuthorEdits.push({ beforeSync: 2, edit: (wb) => wb.insertRows('Mål 2021', 1) });
    const [before, after] = await run(double, async (context) => {
      const a = context.workbook.worksheets.getItem('Mål 2021').getRange('A1:A3').load('values');
      await context.sync();
      const first = a.values.map((r) => r[0]);
      const b = context.workbook.worksheets.getItem('Mål 2021').getRange('A1:A4').load('values');
      await context.sync();
      return [first, b.values.map((r) => r[0])];
    });
    expect(before).toEqual(['Nr.', 1, 2]);
    expect(after).toEqual(['Nr.', '', 1, 2]);
  });

  it('inserts, deletes and sorts rows as a co-author would; Danish sorting puts æ, ø, å after z', () => {
    const wb = new InMemoryWorkbook({ sheets: [{ name: 'S', rows: ['Zulu', 'Ål', 'Øst', 'Alfa', 'Ærø'].map((v, i) => [{ value: v }, { value: i }]), rowHeights: [{ top: 3, bottom: 3, height: 30 }] }] });
    wb.sortRows('S', 0, 4, 0, { culture: 'da-DK' });
    expect(wb.findSheet('S')!.rows.map((r) => r[0]?.value)).toEqual(['Alfa', 'Zulu', 'Ærø', 'Øst', 'Ål']);
    expect(wb.findSheet('S')!.rows.map((r) => r[1]?.value)).toEqual([3, 0, 4, 2, 1]); // whole rows move
    wb.insertRows('S', 1, 2);
    expect(wb.findSheet('S')!.rows.map((r) => r[0]?.value ?? null)).toEqual(['Alfa', null, null, 'Zulu', 'Ærø', 'Øst', 'Ål']);
    expect(wb.findSheet('S')!.rowHeights).toEqual([{ top: 5, bottom: 5, height: 30 }]);
    wb.deleteRows('S', 0, 3);
    expect(wb.findSheet('S')!.rows.map((r) => r[0]?.value)).toEqual(['Zulu', 'Ærø', 'Øst', 'Ål']);
    expect(wb.findSheet('S')!.rowHeights).toEqual([{ top: 2, bottom: 2, height: 30 }]);
  });
});
