/**
 * @jest-environment jsdom
 */
// The page is parsed by a real HTML parser (jsdom's), so escaping is checked by what the parser
// sees: workbook text must come out as the same text, never as elements or attributes.
import { renderHtmlReport, STATUS_SHAPES } from '../../src/report';
import { makeEntry, makeRecalculation, makeRow } from './recalculations';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const HOSTILE = `<img src=x onerror="alert(1)"> & <script>alert('x')</script>`;

describe('renderHtmlReport', () => {
  it('keeps workbook text as text: names with <, & and quotes create no elements or attributes', () => {
    const recalculation = makeRecalculation(
      [makeRow('1', { title: HOSTILE, explanation: 'a < b & c > d', comment: '"quoted" \'single\'', trend: { direction: 'up', previousStatus: 'at-risk', since: '2021-06-30', text: `▲ fra ${HOSTILE}` } })],
      { sheet: 'Mål <2021> & co', title: `Kontrakt ${HOSTILE}`, organisation: 'A&B <Hus>' },
    );
    const other = makeRecalculation([makeRow('1')]);
    const html = renderHtmlReport({ books: [{ file: 'x.xlsx', recalculation }, { file: `<b>.xlsx`, recalculation: other }], unreadable: [{ file: '<evil>.xlsx', reason: 'is <not> a workbook & more' }] });
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, b, evil')).toHaveLength(0);
    expect([...doc.querySelectorAll('*')].some((el) => el.hasAttribute('onerror') || el.hasAttribute('src'))).toBe(false);
    const texts = [...doc.querySelectorAll('h2, h3, td, th, li')].map((el) => el.textContent ?? '');
    expect(texts).toContain(`Kontrakt ${HOSTILE}`);
    expect(texts).toContain('Mål <2021> & co');
    expect(texts).toContain(HOSTILE);
    expect(texts).toContain('a < b & c > d');
    expect(texts).toContain('"quoted" \'single\'');
    expect(texts).toContain('A&B <Hus>');
    expect(texts).toContain('<b>.xlsx');
    expect(texts).toContain('<evil>.xlsx: is <not> a workbook & more');
  });

  it('is self-contained: inline CSS with an A4 landscape print style, no script, no link, no outside address', () => {
    const html = renderHtmlReport({ books: [{ file: 'a.xlsx', recalculation: makeRecalculation([makeRow('1')]) }] });
    const doc = parse(html);
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    const style = doc.querySelector('style')?.textContent ?? '';
    expect(style).toContain('@page{size:A4 landscape');
    expect(style).toContain('@media print');
    expect(style).not.toMatch(/url\(|@import/);
    expect(html.match(/https?:\/\/[^"\s)]+/g) ?? []).toEqual([]);
  });

  it('lays each goal sheet out as the status report sheet: headers, status labels with colour classes, indented sub-goals', () => {
    const recalculation = makeRecalculation(
      [
        makeRow('3', { title: 'Tilfredshed', status: 'at-risk', explanation: '1 af 2 opfyldt; 3.1 i risiko' }),
        makeRow('3.1', { title: 'Drift', status: 'at-risk', actual: 75, target: 80, unit: '%', comment: 'Ny måling', explanation: '75 % mod måltal 80 %' }),
        makeRow('3.2', { title: 'Vækst', status: 'met', actual: 81, target: 80, unit: '%' }),
      ],
      { title: 'Nordjylland' },
    );
    const doc = parse(renderHtmlReport({ books: [{ file: 'n.xlsx', recalculation }] }));
    expect(doc.title).toBe('Nordjylland');
    expect(doc.documentElement.lang).toBe('da');
    expect(doc.querySelector('p.status-line')?.textContent).toBe('Status pr. 13. oktober 2021');
    const table = doc.querySelector('section.book table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Nr.', 'Mål', 'Måltal 2021', 'Resultat', 'Status', 'Udvikling', 'Bemærkning', 'Forklaring']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[1]).toEqual(['3.1', 'Drift', '80 %', '75 %', 'I risiko', '', 'Ny måling', '75 % mod måltal 80 %']);
    expect(table.querySelector('tbody tr:nth-child(2) th')?.className).toBe('d1');
    expect(table.querySelector('tbody tr:nth-child(1) th')?.className).toBe('');
    expect([...table.querySelectorAll('td.status')].map((td) => td.className)).toEqual(['status s-at-risk', 'status s-at-risk', 'status s-met']);
    expect(doc.querySelector('style')?.textContent).toContain('.s-at-risk{color:#9C5700;background:#FFEB9C;}');
    // One book: no overview.
    expect(doc.querySelector('section.overview')).toBeNull();
  });

  it('writes English labels with --lang en and no Comment column for a sheet without one', () => {
    const recalculation = makeRecalculation([makeRow('1', { status: 'no-target' })]);
    const doc = parse(renderHtmlReport({ books: [{ file: 'n.xlsx', recalculation }], language: 'en' }));
    expect([...doc.querySelectorAll('section.book thead th')].map((th) => th.textContent)).toEqual(['ID', 'Goal', 'Target 2021', 'Actual', 'Status', 'Trend', 'Explanation']);
    expect(doc.querySelector('td.status')?.textContent).toBe('No target');
    expect(doc.querySelector('p.status-line')?.textContent).toBe('Status as of 13 October 2021');
  });

  it('says the trend arrow in words to screen readers', () => {
    const recalculation = makeRecalculation([
      makeRow('1', { trend: { direction: 'down', previousStatus: 'met', since: '2021-06-30', text: '▼ fra Opfyldt (30-06-2021)' } }),
      makeRow('2', { trend: { direction: 'same', previousStatus: 'met', since: '2021-06-30', text: '= siden 30-06-2021' } }),
    ]);
    const doc = parse(renderHtmlReport({ books: [{ file: 'n.xlsx', recalculation }] }));
    const cells = [...doc.querySelectorAll('section.book tbody tr')].map((tr) => tr.children[5]!);
    expect(cells[0]?.querySelector('[aria-hidden="true"]')?.textContent).toBe('▼');
    expect(cells[0]?.querySelector('.sr-only')?.textContent).toBe('ned');
    expect(cells[0]?.textContent).toBe('▼ned fra Opfyldt (30-06-2021)');
    expect(cells[1]?.textContent).toBe('= siden 30-06-2021');
  });

  it('draws a chart for a goal with two or more snapshots only, named in words with every snapshot', () => {
    const history = [
      makeEntry('3.1', '2021-03-31', { actual: 60, status: 'off-track' }),
      makeEntry('3.1', '2021-06-30', { actual: 72, status: 'at-risk' }),
      makeEntry('3.1', '2021-10-13', { actual: 81, status: 'met' }),
      makeEntry('4', '2021-10-13', { actual: 50, target: 45, status: 'met' }),
    ];
    const recalculation = makeRecalculation(
      [makeRow('3.1', { title: 'Drift & co', status: 'met', actual: 81, target: 80, unit: '%' }), makeRow('4', { status: 'met', actual: 50, unit: '%' })],
      { history },
    );
    const doc = parse(renderHtmlReport({ books: [{ file: 'n.xlsx', recalculation }] }));
    const charts = doc.querySelectorAll('svg.chart');
    expect(charts).toHaveLength(1);
    const svg = charts[0]!;
    expect(svg.getAttribute('role')).toBe('img');
    const title = doc.getElementById(svg.getAttribute('aria-labelledby')!)!;
    expect(title.tagName.toLowerCase()).toBe('title');
    expect(title.textContent).toBe(
      'Resultat over tid for mål 3.1 Drift & co: 31-03-2021: 60 % (Ikke opfyldt; måltal 80 %); 30-06-2021: 72 % (I risiko; måltal 80 %); 13-10-2021: 81 % (Opfyldt; måltal 80 %)',
    );
    // Colour is never the only carrier: the caption says each status, the markers differ in shape.
    expect([...doc.querySelectorAll('figcaption li')].map((li) => li.textContent)).toEqual([
      '31-03-2021: 60 % (Ikke opfyldt; måltal 80 %)',
      '30-06-2021: 72 % (I risiko; måltal 80 %)',
      '13-10-2021: 81 % (Opfyldt; måltal 80 %)',
    ]);
    expect(svg.querySelectorAll('rect')).toHaveLength(1); // off-track: a square
    expect(svg.querySelectorAll('path')).toHaveLength(1); // at-risk: a triangle
    expect(svg.querySelectorAll('circle')).toHaveLength(1); // met: a circle
    expect(svg.querySelectorAll('polyline[stroke-dasharray]')).toHaveLength(1); // the target line
    expect(new Set(Object.values(STATUS_SHAPES).slice(0, 4)).size).toBe(3);
  });

  it('begins with the overview for two books, with counts in the last row, and names an unreadable book', () => {
    const a = makeRecalculation([makeRow('2', { status: 'met', actual: 5, unit: 'count' }), makeRow('10', { status: 'off-track' })], { organisation: 'Nord' });
    const b = makeRecalculation([makeRow('10', { status: 'met' })], { organisation: 'Midt' });
    const doc = parse(renderHtmlReport({ books: [{ file: 'a.xlsx', recalculation: a }, { file: 'b.xlsx', recalculation: b }], unreadable: [{ file: 'c.xlsx', reason: 'c.xlsx is password-protected (encrypted)' }] }));
    const sections = [...doc.querySelectorAll('main > section')].map((s) => s.className);
    expect(sections).toEqual(['unreadable', 'overview', 'book', 'book']);
    const overview = doc.querySelector('section.overview table')!;
    expect([...overview.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Nr.', 'Mål', 'Nord', 'Midt']);
    const body = [...overview.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(body).toEqual([
      ['2', 'Goal 2', 'Opfyldt 5', ''],
      ['10', 'Goal 10', 'Ikke opfyldt', 'Opfyldt'],
    ]);
    const counts = [...overview.querySelectorAll('tfoot td')].map((td) => [...td.querySelectorAll('li')].map((li) => li.textContent));
    expect(counts).toEqual([['1 Opfyldt', '1 Ikke opfyldt'], ['1 Opfyldt']]);
    expect(doc.querySelector('section.unreadable li')?.textContent).toBe('c.xlsx: c.xlsx is password-protected (encrypted)');
  });
});
