/**
 * What the bench counts as the task pane's JavaScript (`taskpane.bundle.bytes`): the
 * page's own script tags, read from the built HTML. No browser needed.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import { measurePageBundle } from '../support/page-bundle';
import { listPageScripts } from './harness';

describe('listPageScripts', () => {
  it("lists the page's own scripts in order, with or without quotes, and leaves out off-site ones", () => {
    const html =
      '<head><script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script></head>' +
      '<body><script defer src=taskpane.d366b0a2.js></script><script src="vendor.1234.js" defer></script>' +
      "<script type=module src='./chunk.js'></script><script src=//cdn.example/x.js></script><script>inline()</script></body>";
    expect(listPageScripts(html)).toEqual(['taskpane.d366b0a2.js', 'vendor.1234.js', './chunk.js']);
  });

  it('does not take data-src or an empty src for a script', () => {
    expect(listPageScripts('<script data-src=a.js></script><script src=""></script><SCRIPT SRC=B.JS></SCRIPT>')).toEqual(['B.JS']);
  });
});

describe('measurePageBundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trafiklys-page-bundle-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sums the raw and gzipped bytes of exactly the scripts the page names', () => {
    const a = Buffer.from('console.log("a");'.repeat(50));
    const b = Buffer.from('let b = 1;');
    fs.writeFileSync(path.join(dir, 'a.js'), a);
    fs.writeFileSync(path.join(dir, 'b.js'), b);
    fs.writeFileSync(path.join(dir, 'a.js.LICENSE.txt'), 'not loaded');
    fs.writeFileSync(path.join(dir, 'other.js'), 'not loaded by this page');
    fs.writeFileSync(path.join(dir, 'page.html'), '<script defer src=a.js></script><script defer src="b.js"></script>');
    expect(measurePageBundle(dir, 'page.html')).toEqual({
      scripts: ['a.js', 'b.js'],
      raw: a.length + b.length,
      gzip: gzipSync(a, { level: 9 }).length + gzipSync(b, { level: 9 }).length,
    });
  });

  it('refuses a page with no script of its own rather than measuring 0 bytes', () => {
    fs.writeFileSync(path.join(dir, 'page.html'), '<script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script>');
    expect(() => measurePageBundle(dir, 'page.html')).toThrow(`page.html in ${dir} loads no script of its own`);
  });
});
