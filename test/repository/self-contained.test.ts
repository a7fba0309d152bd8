/**
 * The repository stands on its own: a fresh clone has nothing beside it, so no tracked
 * file may read, import or link to a folder outside the repository, and every fixture a test names
 * must be in the repository. Nor may a file send its reader to the developers' notes kept
 * beside it.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const repoRoot = path.resolve(__dirname, '../..');
// Spelled in pieces so this file does not match itself.
const outside = ['..', 'shared'].join('/');
// Notes the developers keep beside the repository: a reader of a clone cannot open them, so a file
// must state the fact itself or cite docs/spec.md or docs/decisions.md.
const besideNotes = ['DOMAIN', 'STYLE', 'TOOLCHAIN'].map((name) => `${name}.md`);

function trackedFiles(): string[] {
  const run = spawnSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ls-files failed: ${run.stderr}`);
  return run.stdout.split('\0').filter((file) => file !== '');
}

describe('the repository is self-contained', () => {
  const files = trackedFiles();

  it('lists the tracked files (the check below has something to read)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json', 'docs/spec.md', 'test/manifest-schemas/OfficeAppManifestV1_1.xsd']));
  });

  it(`no tracked text file refers to ${outside}`, () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file === 'package-lock.json') continue;
      const bytes = fs.readFileSync(path.join(repoRoot, file));
      if (bytes.includes(0)) continue; // binary (xlsx, png): not text a reader follows
      const text = bytes.toString('utf8');
      text.split('\n').forEach((line, index) => {
        if (line.includes(outside) || /SPEC\.md.?\s*\(shared\)/.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it(`no tracked text file cites ${besideNotes.join(', ')}, which are not in the repository`, () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file === 'package-lock.json') continue;
      const bytes = fs.readFileSync(path.join(repoRoot, file));
      if (bytes.includes(0)) continue;
      bytes.toString('utf8').split('\n').forEach((line, index) => {
        if (besideNotes.some((note) => line.includes(note))) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('no source, test or script cites an issue number, which a reader of a clone cannot open (cite docs/spec.md or docs/decisions.md)', () => {
    const offenders: string[] = [];
    // Spelled in pieces so this file does not match itself.
    const citation = new RegExp(['\\bissues?', ' #?\\d'].join(''), 'i');
    for (const file of files.filter((name) => /^(src|test|scripts|bench)\//.test(name) || name === 'eslint.config.mjs')) {
      const bytes = fs.readFileSync(path.join(repoRoot, file));
      if (bytes.includes(0)) continue;
      bytes.toString('utf8').split('\n').forEach((line, index) => {
        if (citation.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the README links only to files that exist in the repository', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)].map((match) => match[1]).filter((link) => !/^[a-z]+:/i.test(link));
    expect(links.length).toBeGreaterThan(0);
    const missing = links.filter((link) => !fs.existsSync(path.join(repoRoot, link)));
    expect(missing).toEqual([]);
  });
});
