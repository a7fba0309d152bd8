import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import { recalculate } from '../../src/engine/index';
import { readWorkbookSnapshot } from '../../src/xlsx/index';
import { BAD_INPUT_CASES, buildCorpusWorkbook } from '../fixtures/bad-input/corpus';
import { makeFixtureDir } from '../fixtures/build-fixtures';
it('dumps', async () => {
  const dir = await makeFixtureDir('dump-');
  const lines: string[] = [];
  for (const [i, c] of BAD_INPUT_CASES.entries()) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await buildCorpusWorkbook(dir, c, i));
    try {
      const r = recalculate(await readWorkbookSnapshot(wb), { now: new Date(), asOf: '2021-10-13' });
      lines.push(`## ${c.name}`);
      for (const s of r.sheets) for (const row of s.rows) lines.push(`  ${s.name} ${JSON.stringify(row.id)} ${row.status} ${row.errorCell ?? ''} :: ${row.explanation.slice(0, 300)}`);
      for (const f of r.findings) lines.push(`  finding ${f.cell} ${f.message}`);
    } catch (e) { lines.push(`## ${c.name} THROWS ${String(e)}`); }
  }
  await fs.writeFile('/tmp/corpus-dump.txt', lines.join('\n'));
});
