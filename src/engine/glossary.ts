import type { ChangeKind, Language, StatusId, Unit } from './types';

/**
 * The glossary: the words and colours every surface shows — the goal sheet, the history sheet,
 * the report sheet, the HTML report, the overview workbook, the command line's table, the task
 * pane and the ribbon's outcome all read them from here, so they never drift apart.
 */

/** SPEC §3 labels; the label always carries the meaning, so a sheet reads without colour. */
export const STATUS_LABELS: Record<StatusId, Record<Language, string>> = {
  met: { da: 'Opfyldt', en: 'Met' },
  'on-track': { da: 'På vej', en: 'On track' },
  'at-risk': { da: 'I risiko', en: 'At risk' },
  'off-track': { da: 'Ikke opfyldt', en: 'Off track' },
  'no-data': { da: 'Afventer data', en: 'No data' },
  'not-applicable': { da: 'Udgået', en: 'Not applicable' },
  'no-target': { da: 'Uden måltal', en: 'No target' },
  error: { da: 'Fejl', en: 'Error' },
};

/** @example statusLabel('off-track', 'da') // 'Ikke opfyldt' */
export function statusLabel(status: StatusId, language: Language): string {
  return STATUS_LABELS[status][language];
}

/** The lower-case label used inside sentences: `3.1 at risk`, `3.1 i risiko`. */
export function statusPhrase(status: StatusId, language: Language): string {
  return STATUS_LABELS[status][language].toLocaleLowerCase(language);
}

/**
 * The words of the columns Trafiklys writes, in both languages: the goal sheet's owned columns
 * (SPEC §1), the history sheet's header (SPEC §8), the report sheet's and the HTML report's
 * tables, the overview workbook and the command line's table.
 */
export const COLUMN_WORDS = {
  id: { da: 'Nr.', en: 'ID' },
  goal: { da: 'Mål', en: 'Goal' },
  /** The command line's table heads the goal's title `Title` in English. */
  title: { da: 'Mål', en: 'Title' },
  target: { da: 'Måltal', en: 'Target' },
  actual: { da: 'Resultat', en: 'Actual' },
  calculatedActual: { da: 'Beregnet resultat', en: 'Calculated actual' },
  status: { da: 'Status', en: 'Status' },
  gap: { da: 'Afvigelse', en: 'Gap' },
  trend: { da: 'Udvikling', en: 'Trend' },
  comment: { da: 'Bemærkning', en: 'Comment' },
  explanation: { da: 'Forklaring', en: 'Explanation' },
  asOf: { da: 'Opgjort pr.', en: 'As of' },
  year: { da: 'År', en: 'Year' },
  sheet: { da: 'Ark', en: 'Sheet' },
  unit: { da: 'Enhed', en: 'Unit' },
} as const satisfies Record<string, Record<Language, string>>;

/**
 * The units as the history's Unit cell and the messages name them; `parseUnit` reads every one of
 * these back (SPEC §1 Unit).
 */
export const UNIT_WORDS: Record<Unit, Record<Language, string>> = {
  '%': { da: '%', en: '%' },
  pp: { da: 'pp', en: 'pp' },
  NPS: { da: 'NPS', en: 'NPS' },
  count: { da: 'antal', en: 'count' },
  number: { da: 'tal', en: 'number' },
  DKK: { da: 'kr.', en: 'DKK' },
  milestone: { da: 'milepæl', en: 'milestone' },
};

/** The words the status report (sheet, HTML page, overview workbook, pane) names itself and its parts with (SPEC §8). */
export const REPORT_WORDS = {
  statusReport: { da: 'Statusrapport', en: 'Status report' },
  overview: { da: 'Oversigt', en: 'Overview' },
  total: { da: 'I alt', en: 'Total' },
  unreadable: { da: 'Kunne ikke læses', en: 'Could not be read' },
} as const satisfies Record<string, Record<Language, string>>;

/** SPEC §9: the change words, as the contract decks say them (*uændret*, *justeres*, *tages ud*). */
export const CHANGE_WORDS: Record<ChangeKind, Record<Language, string>> = {
  unchanged: { da: 'uændret', en: 'unchanged' },
  adjusted: { da: 'justeret', en: 'adjusted' },
  removed: { da: 'tages ud', en: 'removed' },
  new: { da: 'ny', en: 'new' },
};

/** SPEC §9: the words of the changes section (report sheet, HTML report, command line). */
export const CHANGE_SECTION_WORDS = {
  /** Followed by the two years or sheet names: `Ændringer fra 2021 til 2022`. */
  changesFrom: { da: 'Ændringer fra', en: 'Changes from' },
  to: { da: 'til', en: 'to' },
  change: { da: 'Ændring', en: 'Change' },
  before: { da: 'Før', en: 'Before' },
  now: { da: 'Nu', en: 'Now' },
} as const satisfies Record<string, Record<Language, string>>;

/**
 * The heading of a changes section: `Ændringer fra 2021 til 2022` (report sheet, HTML) or, with the
 * sheet names, `Ændringer fra Mål 2021 til Mål 2022` (command line).
 */
export function changesHeading(from: string | number, to: string | number, language: Language): string {
  return `${CHANGE_SECTION_WORDS.changesFrom[language]} ${from} ${CHANGE_SECTION_WORDS.to[language]} ${to}`;
}

export interface StatusColours {
  /** `null`: no fill. */
  fill: string | null;
  font: string;
}

/** SPEC §1 output colours of the sheet's cells (Excel's own "good / neutral / bad" cell-style palette). */
export const STATUS_COLOURS: Record<StatusId, StatusColours> = {
  met: { fill: '#C6EFCE', font: '#006100' },
  'on-track': { fill: '#C6EFCE', font: '#006100' },
  'at-risk': { fill: '#FFEB9C', font: '#9C5700' },
  'off-track': { fill: '#FFC7CE', font: '#9C0006' },
  'no-data': { fill: '#EDEDED', font: '#595959' },
  'not-applicable': { fill: null, font: '#808080' },
  'no-target': { fill: null, font: '#808080' },
  error: { fill: '#F8CBAD', font: '#833C0B' },
};

/**
 * The text colour of a status where text must keep WCAG AA's 4.5:1 (the HTML report, the overview
 * workbook, the task pane's badges; docs/decisions.md, "One readable colour per status"). Every
 * sheet font but one passes on its own fill: the sheet's grey `#808080` is 3.9:1 on white, so
 * not-applicable and no-target read `#666666` instead (5.7:1 on white, 5.3:1 on the pane's
 * `#F5F5F5`). The at-risk brown `#9C5700` is kept: 4.7:1 on `#FFEB9C`.
 */
const READABLE_FONTS: Partial<Record<StatusId, string>> = { 'not-applicable': '#666666', 'no-target': '#666666' };

/** The fill a pane badge gets where the sheet has none, so a badge still reads as one. */
const PANE_BLANK_FILL = '#F5F5F5';

/** The page's (HTML report's and overview workbook's) colours: the sheet's fill, the readable font. */
export const PAGE_STATUS_COLOURS: Readonly<Record<StatusId, StatusColours>> = mapStatuses((id) => ({
  fill: STATUS_COLOURS[id].fill,
  font: READABLE_FONTS[id] ?? STATUS_COLOURS[id].font,
}));

/** The task pane's badge colours: the sheet's fill (a pale grey where it has none), the readable font. */
export const PANE_STATUS_COLOURS: Readonly<Record<StatusId, { background: string; foreground: string }>> = mapStatuses((id) => ({
  background: STATUS_COLOURS[id].fill ?? PANE_BLANK_FILL,
  foreground: READABLE_FONTS[id] ?? STATUS_COLOURS[id].font,
}));

function mapStatuses<T>(make: (id: StatusId) => T): Record<StatusId, T> {
  return Object.fromEntries((Object.keys(STATUS_COLOURS) as StatusId[]).map((id) => [id, make(id)])) as Record<StatusId, T>;
}
