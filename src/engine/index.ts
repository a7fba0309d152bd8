import { cellHasFormula } from './cells';
import { dayFromIso, dayFromYmd, excelSerialFromDay, isoFromDay, yearOfDay } from './dates';
import { evaluateGoalSheet, type EvaluatedSheet } from './evaluate-sheet';
import { layOutOutputColumns, planSheetWrites } from './plan';
import { readSettings, SETTING_KEYS, settingsFor, type Settings } from './settings';
import { createSourceEvaluator } from './sources';
import type { CellWrite, Finding, Language, Recalculation, RecalculateOptions, StatusSummary, WorkbookSnapshot } from './types';
import { STATUS_IDS } from './types';

export { isGoalSheetHead, findGoalSheetHeader } from './headers';
export { isSettingsSheetName } from './settings';
export { listSourceColumns } from './sources/source-columns';
export type { SourceColumns, SheetColumnNeed } from './sources/source-columns';
export { STATUS_LABELS, STATUS_COLOURS, statusLabel } from './labels';
export { describeProseReading, formatCanonicalRule, formatRuleForDisplay } from './rule-text';
export { parseTargetText, RuleError, type TargetRule } from './target-rule';
export type * from './types';
export { STATUS_IDS } from './types';

/** The name of the settings sheet Trafiklys creates when a workbook has none (SPEC §5). */
export const DEFAULT_SETTINGS_SHEET = 'Trafiklys';

/**
 * Evaluates every goal sheet of a workbook and plans the writes (SPEC §1–5). Pure: the snapshot is
 * not mutated, the clock comes in as `options.now`, nothing is read or written.
 * @example
 * const result = recalculate(snapshot, { now: new Date(), asOf: '2021-10-13' });
 * result.summary['at-risk'] // 2
 */
export function recalculate(snapshot: WorkbookSnapshot, options: RecalculateOptions): Recalculation {
  const settings = readSettings(snapshot);
  const findings: Finding[] = [...settings.findings];
  const { year, asOf } = evaluationDate(settings, undefined, options);
  const sources = createSourceEvaluator(snapshot);

  const evaluated: { sheet: EvaluatedSheet; index: number }[] = [];
  snapshot.sheets.forEach((sheet, index) => {
    if (sheet === settings.sheet) return;
    const own = settingsFor(settings, sheet.name);
    const dates = evaluationDate(settings, sheet.name, options);
    const result = evaluateGoalSheet(sheet, {
      year: dates.year,
      asOf: dates.asOf,
      targetYears: own.targetYears,
      language: options.language ?? own.language,
      defaultTolerance: own.defaultTolerance,
      sources,
    });
    if (result) evaluated.push({ sheet: result, index });
  });

  const writes: CellWrite[] = [];
  const addSheets: string[] = [];
  if (options.write !== false && evaluated.length > 0) {
    for (const { sheet, index } of evaluated) {
      writes.push(...planSheetWrites(snapshot.sheets[index], sheet, layOutOutputColumns(sheet)));
    }
    const language = options.language ?? settings.global.language ?? evaluated[0].sheet.language;
    const stamp = lastRecalculatedWrites(settings, language, options.now);
    writes.push(...stamp.writes);
    addSheets.push(...stamp.addSheets);
  }

  const summary = Object.fromEntries(STATUS_IDS.map((id) => [id, 0])) as StatusSummary;
  for (const { sheet } of evaluated) for (const row of sheet.rows) summary[row.result.status] += 1;

  return {
    year,
    asOf: isoFromDay(asOf),
    sheets: evaluated.map(({ sheet }) => ({ name: sheet.name, language: sheet.language, rows: sheet.rows.map((row) => row.result) })),
    summary,
    findings,
    plan: { addSheets, writes },
  };
}

/**
 * SPEC §3/§5: options (command line, task pane) over the sheet's own settings over the global ones;
 * as-of defaults to today, the year to the as-of date's year.
 */
function evaluationDate(settings: Settings, sheetName: string | undefined, options: RecalculateOptions): { year: number; asOf: number } {
  const own = sheetName === undefined ? settings.global : settingsFor(settings, sheetName);
  const fromOptions = options.asOf === undefined ? null : dayFromIso(options.asOf);
  if (options.asOf !== undefined && fromOptions === null) throw new RangeError(`as-of date "${options.asOf}" is not a date (YYYY-MM-DD)`);
  const today = dayFromYmd(options.now.getFullYear(), options.now.getMonth() + 1, options.now.getDate());
  const asOf = fromOptions ?? own.asOf ?? today;
  const year = options.year ?? own.year ?? yearOfDay(asOf);
  return { year, asOf };
}

/** Writes `Last recalculated` with the local date and time into the settings sheet, creating it when needed. */
function lastRecalculatedWrites(settings: Settings, language: Language, now: Date): { writes: CellWrite[]; addSheets: string[] } {
  const day = dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const serial = excelSerialFromDay(day) + (now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds()) / 86400;
  const stamp = { value: serial, numberFormat: 'yyyy-mm-dd hh:mm' };
  const label = SETTING_KEYS.lastRecalculated[language];
  const sheet = settings.sheet;
  if (!sheet) {
    return {
      addSheets: [DEFAULT_SETTINGS_SHEET],
      writes: [
        { sheet: DEFAULT_SETTINGS_SHEET, row: 0, col: 0, value: label, bold: true },
        { sheet: DEFAULT_SETTINGS_SHEET, row: 0, col: 1, ...stamp },
      ],
    };
  }
  if (settings.lastRecalculatedRow !== null) {
    if (cellHasFormula(sheet, settings.lastRecalculatedRow, 1)) return { writes: [], addSheets: [] };
    return { addSheets: [], writes: [{ sheet: sheet.name, row: settings.lastRecalculatedRow, col: 1, ...stamp }] };
  }
  const row = sheet.values.length;
  return {
    addSheets: [],
    writes: [
      { sheet: sheet.name, row, col: 0, value: label },
      { sheet: sheet.name, row, col: 1, ...stamp },
    ],
  };
}
