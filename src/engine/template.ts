import type { CellValue, Language, NewWorkbook } from './types';

/**
 * The goal-sheet template behind `trafiklys template` and the task pane's *Insert template*
 * button: a goal sheet whose headers the engine recognises (SPEC §1), three example rows showing
 * the rule forms analysts meet most (a level, a year schedule over a dated baseline, a
 * milestone), and a settings sheet with the Year and As of keys (SPEC §5).
 */

export interface GoalSheetTemplateOptions {
  /**
   * The first contract year of the example rows and the settings sheet's Year. Default 2021
   * (the year of the example contract, docs/spec.md Appendix A); callers with a clock pass the current year.
   */
  year?: number;
}

const TEXT = {
  da: {
    sheet: 'Mål',
    headers: ['Nr.', 'Mål', 'Indikator', 'Enhed', 'Udgangspunkt', 'Måltal', 'Tolerance', 'Resultat', 'Kilde', 'Manuel status', 'Bemærkning'],
    level: ['Tilfredshed', 'Andel "Meget tilfreds" med rådgivernes kompetencer'],
    schedule: ['Kendskab', 'Andel virksomheder i regionen, der kender huset'],
    milestone: ['Dialogværktøj', 'Fælles værktøj til grøn omstilling lanceret'],
    notes: ['Et niveau: samme måltal hvert år', 'En plan pr. år over et dateret udgangspunkt', 'En milepæl med frist; Resultat: udført / i gang'],
    inProgress: 'i gang',
    milestoneRule: (y: number) => `udført senest 31-12-${y}`,
    keys: ['År', 'Opgjort pr.'],
  },
  en: {
    sheet: 'Goals',
    headers: ['ID', 'Goal', 'Indicator', 'Unit', 'Baseline', 'Target', 'Tolerance', 'Actual', 'Source', 'Manual status', 'Note'],
    level: ['Satisfaction', 'Share "very satisfied" with the advisers\' competence'],
    schedule: ['Awareness', 'Share of firms in the region that know the house'],
    milestone: ['Dialogue tool', 'Shared green-transition tool launched'],
    notes: ['A level: the same target every year', 'A schedule per year over a dated baseline', 'A milestone with a due date; Actual: done / in progress'],
    inProgress: 'in progress',
    milestoneRule: (y: number) => `done by ${y}-12-31`,
    keys: ['Year', 'As of'],
  },
} as const;

const PERCENT = '0%';

/**
 * A ready goal sheet in the given language.
 *
 * @example
 * const book = goalSheetTemplate('da');
 * book.sheets[0].values[0]; // ['Nr.', 'Mål', 'Indikator', 'Enhed', 'Udgangspunkt', 'Måltal', ...]
 */
export function goalSheetTemplate(language: Language, options: GoalSheetTemplateOptions = {}): NewWorkbook {
  const t = TEXT[language];
  const y = options.year ?? 2021;
  // Columns: ID, Title, Indicator, Unit, Baseline, Target, Tolerance, Actual, Source, Manual status, Note.
  const rows: CellValue[][] = [
    [...t.headers],
    ['1', t.level[0], t.level[1], '%', null, '≥ 80%', '5 pp', 0.75, null, null, t.notes[0]],
    ['2', t.schedule[0], t.schedule[1], '%', `40 % (${y - 1})`, `${y}: 45%; ${y + 1}: 47%; ${y + 2}: 50%`, null, 0.46, null, null, t.notes[1]],
    ['3', t.milestone[0], t.milestone[1], language === 'da' ? 'milepæl' : 'milestone', null, t.milestoneRule(y), null, t.inProgress, null, null, t.notes[2]],
  ];
  // The actuals are fractions shown as per cents: SPEC §2 reads them as 75 % and 46 %.
  const formats: (string | null)[][] = rows.map((_, r) => rows[r]!.map((_cell, c) => (r > 0 && r < 3 && c === 7 ? PERCENT : null)));
  return {
    sheets: [
      {
        name: t.sheet,
        values: rows,
        numberFormats: formats,
        columnWidths: [6, 18, 44, 10, 14, 34, 10, 12, 30, 14, 44],
        boldRows: [0],
      },
      {
        name: 'Trafiklys',
        values: [
          [t.keys[0], y],
          // Blank: the as-of date defaults to the day of the run (SPEC §3).
          [t.keys[1], null],
        ],
        columnWidths: [16, 14],
      },
    ],
  };
}
