import { changesHeading, changeWord, COLUMN_WORDS, CHANGE_SECTION_WORDS, countChanges, formatChangeSide, goalDepth } from '../engine';
import type { ChangeKind, ContractChanges, Language } from '../engine';
import { escapeHtml } from './escape-html';

/**
 * The contract changes at the end of a book's HTML report (docs/spec.md §9): per pair of contract
 * years a heading `Ændringer fra 2021 til 2022`, a count line, and a table of every goal in ID
 * order, the unchanged ones included and drawn quieter, so the changed ones stand out.
 */

/** One goal's line of the section, in display form. */
export interface ChangeRow {
  id: string;
  depth: number;
  /** The later sheet's title, else the earlier's. */
  title: string;
  change: ChangeKind;
  /** `justeret`, `adjusted`. */
  word: string;
  /** With the display formatter (`2022: ≥ 47,5 %; 2023: ≥ 50 %`); blank for a side the goal is not in. */
  before: string;
  now: string;
}

/** One pair of contract years. */
export interface ChangesSection {
  /** `Ændringer fra 2021 til 2022`. */
  heading: string;
  /** `12 uændret, 5 justeret, 4 tages ud, 1 ny`. */
  counts: string;
  rows: ChangeRow[];
}

/**
 * The sections of a book's contract changes, in display form.
 *
 * @example buildChangesSections(recalculation.changes, 'da')[0].heading // 'Ændringer fra 2021 til 2022'
 */
export function buildChangesSections(changes: readonly ContractChanges[] | undefined, language: Language): ChangesSection[] {
  return (changes ?? []).map((pair) => ({
    heading: changesHeading(pair.fromYear, pair.toYear, language),
    counts: countChanges(pair, language),
    rows: pair.goals.map((goal) => ({
      id: goal.id,
      depth: goalDepth(goal.id),
      title: goal.title ?? '',
      change: goal.change,
      word: changeWord(goal.change, language),
      before: formatChangeSide(goal.beforeSide, language),
      now: formatChangeSide(goal.afterSide, language),
    })),
  }));
}

/** The section's own styles: an unchanged goal in grey, the change word bold where something changed. */
export const CHANGES_CSS = `
tr.unchanged td,tr.unchanged th{color:#595959}
td.change{font-weight:600}
tr.unchanged td.change{font-weight:400}
p.change-counts{margin:0 0 6px}
`;

function depthClass(depth: number): string {
  return depth > 0 ? ` class="d${Math.min(depth, 3)}"` : '';
}

/**
 * One section as HTML; `idBase` makes its heading's id unique in the page.
 *
 * @example renderChangesSection(section, 'da', 'book-1-changes-1').startsWith('<h3') // true
 */
export function renderChangesSection(section: ChangesSection, language: Language, idBase: string): string {
  const headingId = `${idBase}-h`;
  const heads = [COLUMN_WORDS.id[language], COLUMN_WORDS.goal[language], CHANGE_SECTION_WORDS.change[language], CHANGE_SECTION_WORDS.before[language], CHANGE_SECTION_WORDS.now[language]];
  const widths = [6, 24, 12, 29, 29];
  const body = section.rows
    .map((row) => {
      const cells = [
        `<th scope="row"${depthClass(row.depth)}>${escapeHtml(row.id)}</th>`,
        `<td${depthClass(row.depth)}>${escapeHtml(row.title)}</td>`,
        `<td class="change">${escapeHtml(row.word)}</td>`,
        `<td>${escapeHtml(row.before)}</td>`,
        `<td>${escapeHtml(row.now)}</td>`,
      ];
      return `<tr class="${row.change}">${cells.join('')}</tr>`;
    })
    .join('\n');
  return [
    `<h3 id="${headingId}">${escapeHtml(section.heading)}</h3>`,
    `<p class="change-counts">${escapeHtml(section.counts)}</p>`,
    `<table aria-labelledby="${headingId}">`,
    `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`,
    `<thead><tr>${heads.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table>`,
  ].join('\n');
}
