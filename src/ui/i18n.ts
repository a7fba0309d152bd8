/**
 * The task pane's and the ribbon command's words, Danish and English in one place, and the
 * status labels and colours read from the engine's glossary (SPEC §3 labels; SPEC §1 colours).
 */
import { danishFromIso, PANE_STATUS_COLOURS, REPORT_WORDS, STATUS_IDS, STATUS_LABELS, type Language, type StatusId, type Trend } from '../engine/index';

/** The engine's status labels in one language (SPEC 3), so pane and sheet say the same words. */
function labelStatuses(language: Language): Record<StatusId, string> {
  return Object.fromEntries(STATUS_IDS.map((status) => [status, STATUS_LABELS[status][language]])) as Record<StatusId, string>;
}

export interface Strings {
  appTitle: string;
  settingsHeading: string;
  yearLabel: string;
  yearHint: string;
  asOfLabel: string;
  asOfHint: string;
  recalculate: string;
  recalculating: string;
  insertTemplate: string;
  insertExample: string;
  summaryHeading: string;
  goalsHeading: string;
  errorsHeading: string;
  noErrors: string;
  noResults: string;
  hostErrorTitle: string;
  busy: string;
  invalidYear: (text: string) => string;
  invalidAsOf: (text: string) => string;
  phase: (phase: string) => string;
  progressLabel: string;
  done: (rows: number, syncs: number) => string;
  inserted: (what: 'template' | 'example') => string;
  /** The words before a goal's actual, target and gap in the goal list; the values are the engine's display text (display.ts). */
  valueLabels: Readonly<Record<GoalValueField, string>>;
  errorLinkLabel: (cell: string) => string;
  close: string;
  outcomeTitle: string;
  outcomeFailed: string;
  status: Record<StatusId, string>;
  statusReport: string;
  excelTooOld: string;
  /** After a write Excel stopped: every sheet is whole or untouched. */
  runAgain: string;
  /** What this Excel could not set (below the ExcelApi set it needs). */
  notApplied: (count: number) => string;
  /** A goal's trend as words, for the arrow's accessible label (SPEC §8). */
  trendLabel: (trend: Trend) => string;
  /** The title over a recalculation the engine refused as a whole (a user's own report sheet); its message says why. */
  refusedTitle: string;
  /** The switch's label (docs/spec.md §10). */
  autoRecalculate: string;
  /** Under the switch, before any automatic recalculation ran. */
  autoRecalculateHint: string;
  /** Under the switch below ExcelApi 1.7: which Excel is needed. */
  autoRecalculateUnsupported: string;
  /** While an automatic recalculation runs. */
  autoRecalculating: string;
  /** When the last automatic recalculation ran and what it found: `time` is already formatted. */
  autoRecalculated: (time: string, found: string) => string;
  /** When the last automatic recalculation failed, with Excel's message. */
  autoRecalculateFailed: (time: string, message: string) => string;
  /** What an automatic recalculation found when the workbook has no goal rows. */
  autoFoundNothing: string;
}

/** The three values a goal shows beside its status, in this order. */
export type GoalValueField = 'actual' | 'target' | 'gap';

/** The arrow shown for a trend; its meaning is in {@link Strings.trendLabel}. */
export const TREND_ARROWS: Readonly<Record<Trend['direction'], string>> = { up: '▲', down: '▼', same: '▶', changed: '◆' };

/** The date a trend is counted from: day-first in Danish as the sheet's Trend column shows it, ISO in English. */
function formatTrendDate(iso: string, language: Language): string {
  return language === 'da' ? danishFromIso(iso) : iso;
}

const DANISH: Strings = {
  appTitle: 'Trafiklys',
  settingsHeading: 'Indstillinger',
  yearLabel: 'År',
  yearHint: 'Tomt: årstallet fra Trafiklys-arket eller opgørelsesdatoen',
  asOfLabel: 'Opgjort pr.',
  asOfHint: 'Tomt: datoen fra Trafiklys-arket eller i dag',
  recalculate: 'Genberegn',
  recalculating: 'Genberegner …',
  insertTemplate: 'Indsæt skabelon',
  insertExample: 'Indsæt eksempel',
  summaryHeading: 'Overblik',
  goalsHeading: 'Mål',
  errorsHeading: 'Fejl',
  noErrors: 'Ingen fejl.',
  noResults: 'Tryk Genberegn for at beregne status for alle målark.',
  hostErrorTitle: 'Excel svarede med en fejl',
  busy: 'En genberegning kører allerede. Vent til den er færdig.',
  invalidYear: (text) => `Året skal være et helt tal mellem 1900 og 9999, ikke "${text}".`,
  invalidAsOf: (text) => `Datoen skal skrives ÅÅÅÅ-MM-DD, ikke "${text}".`,
  phase: (phase) =>
    ({
      reading: 'Læser projektmappen …',
      evaluating: 'Beregner status …',
      writing: 'Skriver resultater …',
      done: 'Færdig',
    })[phase] ?? 'Arbejder …',
  progressLabel: 'Fremdrift',
  done: (rows, syncs) => `${rows} ${rows === 1 ? 'række' : 'rækker'} beregnet (${syncs} kald til Excel).`,
  inserted: (what) => (what === 'template' ? 'Skabelonen er indsat.' : 'Eksemplets ark er indsat.'),
  valueLabels: { actual: 'Resultat', target: 'Måltal', gap: 'Afvigelse' },
  errorLinkLabel: (cell) => `Gå til celle ${cell}`,
  close: 'Luk',
  outcomeTitle: 'Trafiklys: genberegnet',
  outcomeFailed: 'Trafiklys: genberegningen mislykkedes',
  status: labelStatuses('da'),
  statusReport: REPORT_WORDS.statusReport.da,
  excelTooOld: 'Denne Excel er for gammel til Trafiklys',
  runAgain: 'Hvert ark er enten skrevet helt eller slet ikke. Tryk Genberegn igen, når årsagen er væk.',
  notApplied: (count) => `Indholdet er skrevet, men denne Excel kan ikke sætte ${count === 1 ? 'én ting' : `${count} ting`} (udskrift, gitterlinjer, indrykning eller navne). Opdatér Excel for at få det med.`,
  trendLabel: (trend) =>
    `${{ up: 'Bedre', down: 'Dårligere', same: 'Uændret', changed: 'Ændret' }[trend.direction]} siden ${formatTrendDate(trend.since, 'da')}: fra ${STATUS_LABELS[trend.previousStatus].da}`,
  refusedTitle: 'Intet blev skrevet i projektmappen',
  autoRecalculate: 'Genberegn automatisk',
  autoRecalculateHint: 'Slået til: når du ændrer et målark eller data, som en kilde bruger, genberegnes der efter 1,5 sekund. Virker, mens ruden er åben.',
  autoRecalculateUnsupported:
    'Genberegn automatisk kræver Excel JavaScript API 1.7 (ændringshændelser): Excel 2019 eller nyere, Microsoft 365, Excel på nettet eller Excel til Mac eller iPad. Brug Genberegn i denne Excel.',
  autoRecalculating: 'Genberegner automatisk …',
  autoRecalculated: (time, found) => `Sidst genberegnet automatisk kl. ${time}: ${found}.`,
  autoRecalculateFailed: (time, message) => `Den automatiske genberegning kl. ${time} mislykkedes: ${message}`,
  autoFoundNothing: 'ingen mål',
};

const ENGLISH: Strings = {
  appTitle: 'Trafiklys',
  settingsHeading: 'Settings',
  yearLabel: 'Year',
  yearHint: 'Blank: the year from the Trafiklys sheet or the as-of date',
  asOfLabel: 'As of',
  asOfHint: 'Blank: the date from the Trafiklys sheet, or today',
  recalculate: 'Recalculate',
  recalculating: 'Recalculating …',
  insertTemplate: 'Insert template',
  insertExample: 'Insert example',
  summaryHeading: 'Summary',
  goalsHeading: 'Goals',
  errorsHeading: 'Errors',
  noErrors: 'No errors.',
  noResults: 'Press Recalculate to work out the status of every goal sheet.',
  hostErrorTitle: 'Excel reported an error',
  busy: 'A recalculation is already running. Wait for it to finish.',
  invalidYear: (text) => `The year must be a whole number from 1900 to 9999, not "${text}".`,
  invalidAsOf: (text) => `Write the date as YYYY-MM-DD, not "${text}".`,
  phase: (phase) =>
    ({
      reading: 'Reading the workbook …',
      evaluating: 'Working out statuses …',
      writing: 'Writing results …',
      done: 'Done',
    })[phase] ?? 'Working …',
  progressLabel: 'Progress',
  done: (rows, syncs) => `${rows} ${rows === 1 ? 'row' : 'rows'} recalculated (${syncs} round trips to Excel).`,
  inserted: (what) => (what === 'template' ? 'The template sheet was inserted.' : "The example's sheets were inserted."),
  valueLabels: { actual: 'Actual', target: 'Target', gap: 'Gap' },
  errorLinkLabel: (cell) => `Go to cell ${cell}`,
  close: 'Close',
  outcomeTitle: 'Trafiklys: recalculated',
  outcomeFailed: 'Trafiklys: the recalculation failed',
  status: labelStatuses('en'),
  statusReport: REPORT_WORDS.statusReport.en,
  excelTooOld: 'This Excel is too old for Trafiklys',
  runAgain: 'Every sheet is either written whole or not at all. Press Recalculate again once the cause is gone.',
  notApplied: (count) => `The content was written, but this Excel cannot set ${count === 1 ? 'one thing' : `${count} things`} (print setup, gridlines, indents or names). Update Excel to get them.`,
  trendLabel: (trend) =>
    `${{ up: 'Better', down: 'Worse', same: 'Unchanged', changed: 'Changed' }[trend.direction]} since ${formatTrendDate(trend.since, 'en')}: from ${STATUS_LABELS[trend.previousStatus].en}`,
  refusedTitle: 'Nothing was written to the workbook',
  autoRecalculate: 'Recalculate automatically',
  autoRecalculateHint: 'When on, a change to a goal sheet or to data a Source uses is recalculated 1.5 seconds later. Works while this pane is open.',
  autoRecalculateUnsupported:
    'Recalculate automatically needs Excel JavaScript API 1.7 (change events): Excel 2019 or later, Microsoft 365, Excel on the web, or Excel for Mac or iPad. Use Recalculate in this Excel.',
  autoRecalculating: 'Recalculating automatically …',
  autoRecalculated: (time, found) => `Last recalculated automatically at ${time}: ${found}.`,
  autoRecalculateFailed: (time, message) => `The automatic recalculation at ${time} failed: ${message}`,
  autoFoundNothing: 'no goals',
};

/** All strings by language. */
export const STRINGS: Readonly<Record<Language, Strings>> = { da: DANISH, en: ENGLISH };

/**
 * The pane's language from Office's display language: any Danish locale (`da`, `da-DK`) is
 * Danish, everything else English (SPEC 7: Danish or English).
 *
 * @example
 * pickLanguage('da-DK'); // 'da'
 * pickLanguage('en-GB'); // 'en'
 */
export function pickLanguage(displayLanguage: string | null | undefined): Language {
  return /^da(-|_|$)/i.test((displayLanguage ?? '').trim()) ? 'da' : 'en';
}

/**
 * Badge colours per status: the glossary's pane colours — the sheet's fills of SPEC 1 (a pale grey
 * where the sheet has none) with text that keeps WCAG AA's 4.5:1 (docs/decisions.md, "One
 * readable colour per status").
 */
export const STATUS_COLOURS: Readonly<Record<StatusId, { background: string; foreground: string }>> = PANE_STATUS_COLOURS;
