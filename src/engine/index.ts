import { cellHasFormula, cellValue } from './cells';
import { displayText } from './cell-text';
import { dayFromIso, dayFromYmd, excelSerialFromDay, isoFromDay, yearOfDay } from './dates';
import { evaluateGoalSheet, type EvaluatedSheet } from './evaluate-sheet';
import { findHistorySheet, planHistorySheet, readHistorySheet } from './history/history-sheet';
import { mergeHistory, type SheetSnapshotRows } from './history/merge-history';
import { describeTrend, TrendIndex } from './history/trend';
import { layOutOutputColumns, planSheetWrites } from './plan';
import { locateReportSheet, planReportSheet } from './report-sheet';
import { readSettings, SETTING_KEYS, settingsFor, type Settings } from './settings';
import { createSourceEvaluator } from './sources';
import type { CellWrite, Finding, Language, Recalculation, RecalculateOptions, StatusSummary, WorkbookSnapshot, WritePlan } from './types';
import { STATUS_IDS } from './types';

export { isGoalSheetHead, findGoalSheetHeader, HEADER_SEARCH_ROWS } from './headers';
export { formatActualValue, formatGapValue, formatMilestoneWord, formatTargetValue, formatValue } from './display';
export { parseAsOfDate, parseEvaluationYear } from './evaluation-date';
export { isSettingsSheetName } from './settings';
export { isValidCvr } from './sources/data-sheet';
export { listSourceColumns } from './sources/source-columns';
export type { SourceColumns, SheetColumnNeed } from './sources/source-columns';
export { STATUS_LABELS, STATUS_COLOURS, statusLabel } from './labels';
export { describeProseReading, formatCanonicalRule, formatRuleForDisplay } from './rule-text';
export { parseTargetText, RuleError, type TargetRule } from './target-rule';
export type * from './types';
export { STATUS_IDS } from './types';
export { HISTORY_SHEET_NAMES } from './history/history-sheet';
export { DEFAULT_ROW_HEIGHT, REPORT_DEFINED_NAME, REPORT_SHEET_NAMES } from './report-sheet';
export { judgeStatus, measureColumn, readYearTarget, type ColumnMeasure, type ColumnFilter, type JudgedStatus, type LiveFunctionOutcome } from './live-functions';

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
  const historySheet = findHistorySheet(snapshot);
  const writing = options.write !== false;
  // The report sheet is located before evaluation so that a marked one is never read as a goal sheet.
  const reportProbe = locateReportSheet(snapshot, 'da', false);
  const reportSheetName = reportProbe.kind === 'write' ? reportProbe.sheet : null;

  const evaluated: { sheet: EvaluatedSheet; index: number; snapshot: SheetSnapshotRows }[] = [];
  snapshot.sheets.forEach((sheet, index) => {
    // Trafiklys's own sheets look like goal sheets (an ID and a Target column) but are not.
    if (sheet === settings.sheet || sheet === historySheet || sheet.name === reportSheetName) return;
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
    if (!result) return;
    const commentCol = result.header.inputs.comment;
    if (commentCol !== undefined) {
      for (const row of result.rows) {
        const text = displayText(cellValue(sheet, row.rowIndex, commentCol));
        row.result.comment = text === '' ? null : text;
      }
    }
    evaluated.push({
      sheet: result,
      index,
      // A row without an ID (an error row) cannot be followed from one snapshot to the next, and
      // read back it would be an unreadable history row kept beside its replacement: it is left out.
      snapshot: { sheet: result.name, year: dates.year, asOf: isoFromDay(dates.asOf), rows: result.rows.map((row) => row.result).filter((row) => row.id !== '') },
    });
  });
  const language = options.language ?? settings.global.language ?? evaluated[0]?.sheet.language ?? 'da';

  // SPEC §8 history: read back, trends against earlier snapshots, then this recalculation's rows merged in.
  const history = readHistorySheet(snapshot, language);
  findings.push(...history.findings);
  const stored = history.rows.flatMap((row) => (row.entry ? [row.entry] : []));
  const trends = new TrendIndex(stored);
  const withTrend = new Set<string>();
  for (const { sheet, snapshot: rows } of evaluated) {
    if (trends.hasEarlier(rows.year, rows.sheet, rows.asOf)) withTrend.add(sheet.name);
    for (const row of sheet.rows) {
      const previous = trends.previous(rows.year, rows.sheet, row.result.id, rows.asOf);
      row.result.trend = previous ? describeTrend(row.result.status, previous, sheet.language) : null;
    }
  }
  const keepHistory = settings.global.history !== false && history.state !== 'foreign';
  const sheetOrder = snapshot.sheets.map((sheet) => sheet.name);
  const merged = mergeHistory(history.rows, keepHistory ? evaluated.map((item) => item.snapshot) : [], sheetOrder);

  const plan: WritePlan = { addSheets: [], writes: [] };
  let refused: Finding | undefined;
  if (writing && evaluated.length > 0) {
    const report = locateReportSheet(snapshot, language, options.report === true);
    if (report.kind === 'refused') {
      // SPEC §8: the user's sheet of that name is never written over, and nothing else is written either.
      refused = report.finding;
      findings.push(report.finding);
    } else {
      fillPlan(plan, { snapshot, settings, evaluated, withTrend, language, now: options.now });
      if (keepHistory) {
        if (history.state === 'absent' && !snapshot.sheets.some((sheet) => sheet.name === history.name)) plan.addSheets.push(history.name);
        const { setup, writes } = planHistorySheet(history, merged.lines);
        plan.sheetSetups = [setup];
        appendAll(plan.writes, writes);
      }
      if (report.kind === 'write') {
        if (!report.exists) plan.addSheets.push(report.sheet);
        const content = planReportSheet(report.sheet, {
          title: settings.global.title ?? options.fileName ?? 'Trafiklys',
          asOf: isoFromDay(asOf),
          language,
          sections: evaluated.map(({ sheet, snapshot: rows }) => ({
            name: sheet.name,
            year: rows.year,
            hasComment: sheet.header.inputs.comment !== undefined,
            rows: rows.rows,
          })),
        });
        (plan.sheetSetups ??= []).push(content.setup);
        appendAll(plan.writes, content.writes);
        plan.definedNames = [content.definedName];
      }
    }
  }

  const summary = Object.fromEntries(STATUS_IDS.map((id) => [id, 0])) as StatusSummary;
  for (const { sheet } of evaluated) for (const row of sheet.rows) summary[row.result.status] += 1;

  return {
    year,
    asOf: isoFromDay(asOf),
    sheets: evaluated.map(({ sheet }) => ({ name: sheet.name, language: sheet.language, rows: sheet.rows.map((row) => row.result) })),
    summary,
    findings,
    plan,
    history: merged.entries,
    title: settings.global.title ?? null,
    organisation: settings.global.organisation ?? null,
    ...(refused ? { refused } : {}),
  };
}

/** `push(...items)` overflows the call stack for a long history (20 snapshots × 1,000 goals is 189,000 writes). */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

interface FillPlanInput {
  snapshot: WorkbookSnapshot;
  settings: Settings;
  evaluated: readonly { sheet: EvaluatedSheet; index: number }[];
  withTrend: ReadonlySet<string>;
  language: Language;
  now: Date;
}

/** The goal sheets' owned columns and the `Last recalculated` stamp (SPEC §1, §5). */
function fillPlan(plan: WritePlan, input: FillPlanInput): void {
  for (const { sheet, index } of input.evaluated) {
    const layout = layOutOutputColumns(sheet, { trend: input.withTrend.has(sheet.name) });
    appendAll(plan.writes, planSheetWrites(input.snapshot.sheets[index], sheet, layout));
  }
  const stamp = lastRecalculatedWrites(input.settings, input.language, input.now);
  plan.writes.push(...stamp.writes);
  plan.addSheets.push(...stamp.addSheets);
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

// For the adapters and the examples, which import the engine only through this file (issue 11).
export { columnLetter, cellAddress } from './cells';
export { dayFromDate, dayFromYmd, excelSerialFromDay } from './dates';
export { goalSheetTemplate } from './template';
