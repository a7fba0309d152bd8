// The new-workbook writer's cell styles (src/xlsx/write-new-workbook.ts), read back through a
// written file, and its refusal of a colour it cannot write.
import ExcelJS from 'exceljs';
import { buildWorkbook } from '../../src/xlsx';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Worksheet> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return again.worksheets[0]!;
}

describe('buildWorkbook cell styles', () => {
  it('writes fills, font colours, bold, wrapping and indents onto the cells named, and nothing elsewhere', async () => {
    const sheet = await roundTrip(
      buildWorkbook({
        sheets: [
          {
            name: 'Oversigt',
            values: [['Nr.', 'Nord'], ['3.1', 'I risiko\n75 %']],
            boldRows: [0],
            cellStyles: [
              { row: 1, col: 1, fill: '#FFEB9C', fontColor: '#9C5700', wrap: true },
              { row: 1, col: 0, indent: 1 },
            ],
          },
        ],
      }),
    );
    const status = sheet.getCell('B2');
    expect(status.value).toBe('I risiko\n75 %');
    expect(status.fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } });
    expect(status.font?.color).toEqual({ argb: 'FF9C5700' });
    expect(status.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(sheet.getCell('A2').alignment?.indent).toBe(1);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect((sheet.getCell('A1').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
  });

  it('refuses a colour that is not #RRGGBB', () => {
    expect(() => buildWorkbook({ sheets: [{ name: 'S', values: [['x']], cellStyles: [{ row: 0, col: 0, fill: 'red' }] }] })).toThrow('colour "red" is not #RRGGBB');
  });
});
