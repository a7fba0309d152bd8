/**
 * `recalc --in-place` respects the workbook's owner (docs/decisions.md, "In-place writes and the
 * workbook's owner"): a read-only file, and a workbook open in Excel or LibreOffice, are refused
 * and left byte for byte as they were; `--force` writes them and says so. Tests run as root here,
 * where `chmod 444` does not stop a write: the refusal comes from the permission bits.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeFixtureDir, writeGoalSheetWorkbook } from '../fixtures/build-fixtures';
import { readExcelOwnerFile, readLibreOfficeLockFile } from '../../src/xlsx/workbook-owner';
import { writeFileSafely } from '../../src/xlsx/safe-write';
import { nodeFileSystem } from '../../src/xlsx/file-system';
import { runCli } from './cli-harness';

let dir: string;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * An Excel owner file as LibreOffice's reverse-engineered writer describes it for Excel
 * (svl/source/misc/msodocumentlockfile.cxx): length byte, the name in the code page, spaces up to
 * byte 55, the length in two bytes, the name in UTF-16LE, spaces (with zero bytes) to 165 bytes.
 */
function excelOwnerFile(user: string): Buffer {
  const bytes = Buffer.alloc(165, 0x20);
  bytes[0] = user.length;
  Buffer.from(user, 'latin1').copy(bytes, 1);
  bytes.writeUInt16LE(user.length, 55);
  Buffer.from(user, 'utf16le').copy(bytes, 57);
  for (let i = 57 + 2 * user.length + 1; i < 165; i += 2) bytes[i] = 0;
  return bytes;
}

async function bookIn(name: string): Promise<{ sub: string; book: string; before: Buffer }> {
  const sub = await fs.mkdtemp(path.join(dir, `${name}-`));
  const book = await writeGoalSheetWorkbook(sub, 'Mål.xlsx');
  return { sub, book, before: await fs.readFile(book) };
}

describe('the owner files', () => {
  it('reads the user of an Excel owner file, from its UTF-16 copy', () => {
    expect(readExcelOwnerFile(excelOwnerFile('Søren Ærø'))).toBe('Søren Ærø');
  });
  it('falls back to the first copy when the UTF-16 length does not agree, and to null for an empty name', () => {
    const bytes = excelOwnerFile('Mette');
    bytes.writeUInt16LE(9, 55);
    expect(readExcelOwnerFile(bytes)).toBe('Mette');
    expect(readExcelOwnerFile(Buffer.alloc(165, 0))).toBeNull();
  });
  it('reads the user of a LibreOffice lock file: its own name, else the system user', () => {
    expect(readLibreOfficeLockFile(',Mette Hansen,mette-pc,07.12.2026 08:00,file:///home/mette/.config/libreoffice/4;')).toBe('Mette Hansen');
    expect(readLibreOfficeLockFile('Mette Hansen,mette,mette-pc,07.12.2026 08:00,file:///x;')).toBe('Mette Hansen');
    expect(readLibreOfficeLockFile('Hansen\\, Mette,mette,pc,d,u;')).toBe('Hansen, Mette');
    expect(readLibreOfficeLockFile(',,,,;')).toBeNull();
  });
});

describe('recalc --in-place and the workbook owner', () => {
  it('refuses a read-only file, in plain words, and leaves it byte for byte', async () => {
    const { sub, book, before } = await bookIn('read-only');
    await fs.chmod(book, 0o444);
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: ${book} is read-only, so Trafiklys did not write it. Make it writable (clear Read-only in its Properties, or chmod u+w), write a copy with --out, or run again with --force to write it anyway.\n`,
    );
    expect((await fs.readFile(book)).equals(before)).toBe(true);
    expect(await fs.readdir(sub)).toEqual(['Mål.xlsx']);
  });

  it('with --force writes a read-only file, keeps it read-only and says so', async () => {
    const { book, before } = await bookIn('read-only-force');
    await fs.chmod(book, 0o444);
    const run = await runCli(['recalc', book, '--in-place', '--force']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`warning: ${book} is read-only; written anyway (--force)\n`);
    expect(run.stdout).toContain(`; skrev ${book}`);
    expect((await fs.readFile(book)).equals(before)).toBe(false);
    expect((await fs.stat(book)).mode & 0o777).toBe(0o444);
  });

  it('refuses a workbook open in Excel, naming who holds it, and leaves it byte for byte', async () => {
    const { sub, book, before } = await bookIn('excel');
    await fs.writeFile(path.join(sub, '~$Mål.xlsx'), excelOwnerFile('Mette Hansen'));
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${book} is open in Excel by Mette Hansen, so Trafiklys did not write it: the next save there would throw away what Trafiklys writes. Close it in Excel first, then run again (or run with --force if ~$Mål.xlsx is left over from a crash).\n`,
    );
    expect((await fs.readFile(book)).equals(before)).toBe(true);
    expect((await fs.readdir(sub)).sort()).toEqual(['~$Mål.xlsx', 'Mål.xlsx'].sort());
  });

  it('refuses a workbook open in LibreOffice, and without a name in the lock file names nobody', async () => {
    const { sub, book, before } = await bookIn('libreoffice');
    await fs.writeFile(path.join(sub, '.~lock.Mål.xlsx#'), ',,,,;');
    const run = await runCli(['recalc', book, '--in-place']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${book} is open in LibreOffice, so Trafiklys did not write it: the next save there would throw away what Trafiklys writes. Close it in LibreOffice first, then run again (or run with --force if .~lock.Mål.xlsx# is left over from a crash).\n`,
    );
    expect((await fs.readFile(book)).equals(before)).toBe(true);
  });

  it('refuses to overwrite an earlier output open in Excel too (the default BOOK.trafiklys.xlsx)', async () => {
    const { sub, book } = await bookIn('output-open');
    expect((await runCli(['recalc', book])).code).toBe(0);
    const output = path.join(sub, 'Mål.trafiklys.xlsx');
    const written = await fs.readFile(output);
    await fs.writeFile(path.join(sub, '~$Mål.trafiklys.xlsx'), excelOwnerFile('Mette'));
    const run = await runCli(['recalc', book]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: ${output} is open in Excel by Mette, so Trafiklys did not write it`);
    expect((await fs.readFile(output)).equals(written)).toBe(true);
  });

  it('with --force writes a workbook open in LibreOffice and says whose it was', async () => {
    const { sub, book, before } = await bookIn('libreoffice-force');
    await fs.writeFile(path.join(sub, '.~lock.Mål.xlsx#'), ',Mette Hansen,mette-pc,07.12.2026 08:00,file:///home/mette;');
    const run = await runCli(['recalc', book, '--in-place', '--force']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`warning: ${book} is open in LibreOffice by Mette Hansen; written anyway (--force)\n`);
    expect((await fs.readFile(book)).equals(before)).toBe(false);
  });
});

describe('a folder that cannot be written', () => {
  it('names the folder and what to do, not the temporary file, and leaves the book as it was', async () => {
    const { sub, book, before } = await bookIn('folder');
    // As root the folder's bits do not stop a write: the system's refusal is given as it comes.
    const refusing = {
      ...nodeFileSystem,
      writeFile: async (file: string) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      },
    };
    const write = writeFileSafely(book, [Buffer.from('new')], { fs: refusing });
    await expect(write).rejects.toMatchObject({
      code: 'write-failed',
      message: `cannot write ${book}: the folder ${sub} cannot be written (you may not create files there). Nothing was written; write to another folder with --out, or ask for write access to ${sub}.`,
    });
    expect((await fs.readFile(book)).equals(before)).toBe(true);
    expect(await fs.readdir(sub)).toEqual(['Mål.xlsx']);
  });
});
