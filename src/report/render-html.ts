import { COLUMN_WORDS, PAGE_STATUS_COLOURS, REPORT_WORDS, STATUS_IDS, STATUS_LABELS } from '../engine';
import type { Language, StatusColours, StatusId, StatusSummary } from '../engine';
import { CHANGES_CSS, renderChangesSection } from './changes-section';
import { escapeHtml } from './escape-html';
import { describePoint, renderHistoryChart } from './history-chart';
import { buildReportModel, type BookSection, type Overview, type ReportInput, type ReportModel, type ReportRow, type ReportSheet, type UnreadableBook } from './report-model';

/**
 * The self-contained HTML status report of SPEC §8: inline CSS, no scripts, no outside requests,
 * a print style for A4 landscape. Workbook text only ever enters as escaped text.
 */

const WORDS = {
  documentTitle: REPORT_WORDS.statusReport,
  overview: REPORT_WORDS.overview,
  unreadable: REPORT_WORDS.unreadable,
  total: REPORT_WORDS.total,
  up: { da: 'op', en: 'up' },
  down: { da: 'ned', en: 'down' },
  noGoalSheet: { da: 'Ingen målark fundet (en overskriftsrække med Nr. og Måltal).', en: 'No goal sheet found (a header row with an ID and a Target column).' },
  history: { da: 'Historik for mål', en: 'History of goal' },
  generatedBy: { da: 'Lavet med Trafiklys', en: 'Made with Trafiklys' },
} as const satisfies Record<string, Record<Language, string>>;

/** The colours a status is shown in on the page (and in the overview workbook): the glossary's readable ones. */
export function pageColours(status: StatusId): StatusColours {
  return { ...PAGE_STATUS_COLOURS[status] };
}

function statusCss(): string {
  return STATUS_IDS.map((id) => {
    const { fill, font } = pageColours(id);
    return `.s-${id}{color:${font};${fill ? `background:${fill};` : ''}}`;
  }).join('\n');
}

const CSS = `
*{box-sizing:border-box}
body{font-family:"Segoe UI",Calibri,Arial,Helvetica,sans-serif;font-size:10pt;color:#1a1a1a;margin:16px;line-height:1.35}
h1{font-size:18pt;margin:0 0 8px}
h2{font-size:14pt;margin:18px 0 4px}
h3{font-size:11.5pt;margin:14px 0 6px}
p.status-line{margin:0 0 8px;font-weight:600}
table{width:100%;border-collapse:collapse;table-layout:fixed;margin:0 0 12px}
th,td{border:1px solid #BFBFBF;padding:3px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:normal}
thead th{background:#F2F2F2;font-weight:600}
td.num{text-align:right;white-space:nowrap}
td.status{font-weight:600}
td.status .actual{display:block;font-weight:400}
tfoot th,tfoot td{background:#FAFAFA}
tfoot ul{list-style:none;margin:0;padding:0}
.d1{padding-left:18px}.d2{padding-left:32px}.d3{padding-left:46px}
tr.chart-row td{border-top:none}
figure{margin:2px 0;display:flex;gap:10px;align-items:flex-start;flex-wrap:wrap}
figcaption{font-size:8.5pt;color:#404040;max-width:100%}
figcaption ol{margin:0;padding-left:16px}
svg.chart{flex:none}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
section.unreadable li{margin:2px 0}
footer{margin-top:16px;font-size:8pt;color:#595959}
${statusCss()}
${CHANGES_CSS}
@page{size:A4 landscape;margin:12mm}
@media print{
  body{margin:0;font-size:8.5pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  section.book{break-before:page}
  section.book.first{break-before:auto}
  footer{display:none}
}
`;

function sheetColumns(sheet: ReportSheet, language: Language): { head: string; width: number }[] {
  const columns = [
    { head: COLUMN_WORDS.id[language], width: 5 },
    { head: COLUMN_WORDS.goal[language], width: 17 },
    { head: `${COLUMN_WORDS.target[language]} ${sheet.year}`, width: 8 },
    { head: COLUMN_WORDS.actual[language], width: 8 },
    { head: COLUMN_WORDS.status[language], width: 9 },
    { head: COLUMN_WORDS.trend[language], width: 12 },
  ];
  if (sheet.hasComment) columns.push({ head: COLUMN_WORDS.comment[language], width: 15 });
  columns.push({ head: COLUMN_WORDS.explanation[language], width: sheet.hasComment ? 26 : 41 });
  return columns;
}

function depthClass(depth: number): string {
  return depth > 0 ? ` class="d${Math.min(depth, 3)}"` : '';
}

/** `▲ fra I risiko (30-06-2021)`: the arrow is hidden from screen readers, which hear "op" instead. */
function renderTrend(row: ReportRow, language: Language): string {
  if (!row.trend) return '';
  const text = row.trend.text;
  const arrow = text.startsWith('▲') ? 'up' : text.startsWith('▼') ? 'down' : null;
  if (!arrow) return escapeHtml(text);
  return `<span aria-hidden="true">${text[0]}</span><span class="sr-only">${WORDS[arrow][language]}</span>${escapeHtml(text.slice(1))}`;
}

function renderSheet(sheet: ReportSheet, language: Language, idBase: string): string {
  const columns = sheetColumns(sheet, language);
  const headingId = `${idBase}-h`;
  const labels = Object.fromEntries(STATUS_IDS.map((id) => [id, STATUS_LABELS[id][language]])) as Record<StatusId, string>;
  const body = sheet.rows
    .map((row, r) => {
      const cells = [
        `<th scope="row"${depthClass(row.depth)}>${escapeHtml(row.id)}</th>`,
        `<td${depthClass(row.depth)}>${escapeHtml(row.title)}</td>`,
        `<td class="num">${escapeHtml(row.target)}</td>`,
        `<td class="num">${escapeHtml(row.actual)}</td>`,
        `<td class="status s-${row.status}">${escapeHtml(row.statusLabel)}</td>`,
        `<td>${renderTrend(row, language)}</td>`,
        ...(sheet.hasComment ? [`<td>${escapeHtml(row.comment)}</td>`] : []),
        `<td>${escapeHtml(row.explanation)}</td>`,
      ];
      const line = `<tr>${cells.join('')}</tr>`;
      if (!row.history) return line;
      const chart = renderHistoryChart(row.history, {
        goalId: row.id,
        goalTitle: row.title,
        unit: row.unit,
        language,
        elementId: `${idBase}-c${r}`,
        labels,
      });
      const caption = row.history
        .map((p) => `<li>${escapeHtml(describePoint(p, { unit: row.unit, language, labels }))}</li>`)
        .join('');
      return `${line}<tr class="chart-row"><td></td><td colspan="${columns.length - 1}"><figure>${chart}<figcaption><span class="sr-only">${escapeHtml(`${WORDS.history[language]} ${row.id}`)}</span><ol>${caption}</ol></figcaption></figure></td></tr>`;
    })
    .join('\n');
  return [
    `<h3 id="${headingId}">${escapeHtml(sheet.name)}</h3>`,
    `<table aria-labelledby="${headingId}">`,
    `<colgroup>${columns.map((c) => `<col style="width:${c.width}%">`).join('')}</colgroup>`,
    `<thead><tr>${columns.map((c) => `<th scope="col">${escapeHtml(c.head)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table>`,
  ].join('\n');
}

function renderBook(book: BookSection, index: number, language: Language, first: boolean): string {
  const id = `book-${index + 1}`;
  const sheets = book.sheets.length > 0 ? book.sheets.map((sheet, s) => renderSheet(sheet, language, `${id}-s${s + 1}`)).join('\n') : `<p>${WORDS.noGoalSheet[language]}</p>`;
  const changes = book.changes.map((section, c) => `\n${renderChangesSection(section, language, `${id}-changes-${c + 1}`)}`).join('');
  return `<section class="book${first ? ' first' : ''}" aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(book.title)}</h2>\n<p class="status-line">${escapeHtml(book.statusLine)}</p>\n${sheets}${changes}\n</section>`;
}

function renderCounts(summary: StatusSummary, language: Language): string {
  const items = STATUS_IDS.filter((id) => summary[id] > 0).map((id) => `<li>${summary[id]} ${escapeHtml(STATUS_LABELS[id][language])}</li>`);
  return items.length > 0 ? `<ul>${items.join('')}</ul>` : '0';
}

function renderOverview(overview: Overview, language: Language): string {
  const bookWidth = Math.floor((100 - 5 - 20) / Math.max(overview.columns.length, 1));
  const head = `<tr><th scope="col">${COLUMN_WORDS.id[language]}</th><th scope="col">${COLUMN_WORDS.goal[language]}</th>${overview.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = overview.rows
    .map((row) => {
      const cells = row.cells.map((cell) =>
        cell === null
          ? '<td></td>'
          : `<td class="status s-${cell.status}">${escapeHtml(cell.label)}${cell.actual ? ` <span class="actual">${escapeHtml(cell.actual)}</span>` : ''}</td>`,
      );
      return `<tr><th scope="row"${depthClass(row.depth)}>${escapeHtml(row.id)}</th><td${depthClass(row.depth)}>${escapeHtml(row.title)}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
  const counts = `<tr><th scope="row" colspan="2">${WORDS.total[language]}</th>${overview.counts.map((c) => `<td>${renderCounts(c, language)}</td>`).join('')}</tr>`;
  return [
    `<section class="overview" aria-labelledby="overview">`,
    `<h2 id="overview">${WORDS.overview[language]}</h2>`,
    `<p class="status-line">${escapeHtml(overview.statusLine)}</p>`,
    `<table aria-labelledby="overview">`,
    `<colgroup><col style="width:5%"><col style="width:20%">${overview.columns.map(() => `<col style="width:${bookWidth}%">`).join('')}</colgroup>`,
    `<thead>${head}</thead>`,
    `<tbody>\n${rows}\n</tbody>`,
    `<tfoot>${counts}</tfoot></table>`,
    `</section>`,
  ].join('\n');
}

function renderUnreadable(books: readonly UnreadableBook[], language: Language): string {
  const items = books.map((b) => `<li><strong>${escapeHtml(b.file)}</strong>: ${escapeHtml(b.reason)}</li>`).join('');
  return `<section class="unreadable" aria-labelledby="unreadable">\n<h2 id="unreadable">${WORDS.unreadable[language]}</h2>\n<ul>${items}</ul>\n</section>`;
}

/**
 * Renders a report model as one HTML document.
 *
 * @example renderReportModel(buildReportModel({ books })).startsWith('<!DOCTYPE html>') // true
 */
export function renderReportModel(model: ReportModel): string {
  const { language } = model;
  const heading = model.books.length === 1 && model.unreadable.length === 0 ? (model.books[0] as BookSection).title : WORDS.documentTitle[language];
  const parts: string[] = [];
  if (model.unreadable.length > 0) parts.push(renderUnreadable(model.unreadable, language));
  if (model.overview) parts.push(renderOverview(model.overview, language));
  model.books.forEach((book, i) => parts.push(renderBook(book, i, language, i === 0 && !model.overview)));
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(heading)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(WORDS.documentTitle[language])}</h1>`,
    ...parts,
    '</main>',
    `<footer>${WORDS.generatedBy[language]}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The HTML status report of one or many books (SPEC §8): the overview first when there are two or
 * more, then each book's section; books that could not be read are named with the reason.
 *
 * @example
 * const html = renderHtmlReport({ books: [{ file: 'kontrakt.xlsx', recalculation }], language: 'da' });
 */
export function renderHtmlReport(input: ReportInput): string {
  return renderReportModel(buildReportModel(input));
}
