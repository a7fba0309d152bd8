import { cellHasFormula, cellValue } from './cells';
import { compareContractSheets, contractSheetOf, type ContractSheet } from './contract-changes';
import { displayText } from './cell-text';
import { dayFromIso, dayFromYmd, excelSerialFromDay, isoFromDay, yearOfDay } from './dates';
import { evaluateGoalSheet, type EvaluatedSheet } from './evaluate-sheet';
import { describeNearMiss, findHeaderNearMisses } from './headers';
import { findHistorySheet, planHistorySheet, readHistorySheet } from './history/history-sheet';
import { mergeHistory, type SheetSnapshotRows } from './history/merge-history';
import { describeTrend, TrendIndex } from './history/trend';
import { layOutOutputColumns, planSheetWrites } from './plan';
import { findMarkedReportSheet, locateReportSheet, planReportSheet, reportTitle } from './report-sheet';
import { contractYearFromName } from './evaluation-date';
import { ownSettingsFor, readSettingsSheet, SETTING_KEYS, settingsFor, type Settings } from './settings';
import { createSourceEvaluator } from './sources';
import type { CalendarDay, CellWrite, Finding, SheetSnapshot, Language, Recalculation, RecalculateOptions, StatusSummary, WorkbookSnapshot, WritePlan } from './types';
import { STATUS_IDS } from './types';

/**
 * The orchestration of a recalculation (SPEC §1–5, §8): settings, evaluation of every goal sheet,
 * history and trends, and the plan of every write. The one function the adapters call.
 */

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
  const settings = readSettingsSheet(snapshot);
  const findings: Finding[] = [...settings.findings];
  const today = localDay(options.now);
  const { year, asOf } = evaluationDate(settings, undefined, options, today);
  const sources = createSourceEvaluator(snapshot);
  const historySheet = findHistorySheet(snapshot);
  const writing = options.write !== false;
  // A marked report sheet is never read as a goal sheet (SPEC §8).
  const reportSheetName = findMarkedReportSheet(snapshot);

  const evaluated: { sheet: EvaluatedSheet; index: number; snapshot: SheetSnapshotRows }[] = [];
  const nearMisses: NonNullable<Recalculation['nearMisses']> = [];
  snapshot.sheets.forEach((sheet, index) => {
    // Trafiklys's own sheets look like goal sheets (an ID and a Target column) but are not.
    if (sheet === settings.sheet || sheet === historySheet || sheet.name === reportSheetName) return;
    const own = settingsFor(settings, sheet.name);
    const dates = evaluationDate(settings, sheet.name, options, today);
    const result = evaluateGoalSheet(sheet, {
      year: dates.year,
      asOf: dates.asOf,
      targetYears: own.targetYears,
      language: options.language ?? own.language,
      defaultTolerance: own.defaultTolerance,
      sources,
    });
    if (!result) {
      for (const miss of findHeaderNearMisses(sheet.values)) nearMisses.push(describeNearMiss(sheet.name, miss));
      return;
    }
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
  const changes = compareContractSheets(contractSheets(snapshot, settings, evaluated));

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
      fillPlan(plan, { snapshot, settings, evaluated, withTrend, language, now: options.now, today });
      if (keepHistory) {
        if (history.state === 'absent' && !snapshot.sheets.some((sheet) => sheet.name === history.name)) plan.addSheets.push(history.name);
        const { setup, writes } = planHistorySheet(history, merged.lines);
        plan.sheetSetups = [setup];
        appendAll(plan.writes, writes);
      }
      if (report.kind === 'write') {
        if (!report.exists) plan.addSheets.push(report.sheet);
        const content = planReportSheet(report.sheet, {
          title: reportTitle(settings.global.title ?? null, evaluated.map(({ sheet }) => sheet.name), settings.global.organisation ?? null),
          asOf: isoFromDay(asOf),
          language,
          sections: evaluated.map(({ sheet, snapshot: rows }) => ({
            name: sheet.name,
            year: rows.year,
            hasComment: sheet.header.inputs.comment !== undefined,
            rows: rows.rows,
          })),
          changes,
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
    sheets: evaluated.map(({ sheet, snapshot: rows }) => ({ name: sheet.name, language: sheet.language, year: rows.year, rows: sheet.rows.map((row) => row.result) })),
    summary,
    findings,
    plan,
    history: merged.entries,
    changes,
    title: settings.global.title ?? null,
    organisation: settings.global.organisation ?? null,
    ...(refused ? { refused } : {}),
    ...(nearMisses.length > 0 ? { nearMisses } : {}),
  };
}

/** SPEC §9: the goal sheets that have a contract year (the name's, else the sheet's own Year setting). */
function contractSheets(snapshot: WorkbookSnapshot, settings: Settings, evaluated: readonly { sheet: EvaluatedSheet; index: number }[]): ContractSheet[] {
  return evaluated.flatMap(({ sheet, index }) => {
    const year = contractYearFromName(sheet.name) ?? ownSettingsFor(settings, sheet.name).year ?? null;
    return year === null ? [] : [contractSheetOf(snapshot.sheets[index] as SheetSnapshot, sheet, year)];
  });
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
  /** The calendar day of `now` where the user is. */
  today: CalendarDay;
}

/** The goal sheets' owned columns and the `Last recalculated` stamp (SPEC §1, §5). */
function fillPlan(plan: WritePlan, input: FillPlanInput): void {
  for (const { sheet, index } of input.evaluated) {
    const layout = layOutOutputColumns(sheet, { trend: input.withTrend.has(sheet.name) });
    appendAll(plan.writes, planSheetWrites(input.snapshot.sheets[index], sheet, layout));
  }
  const stamp = lastRecalculatedWrites(input.settings, input.language, input.now, input.today);
  plan.writes.push(...stamp.writes);
  plan.addSheets.push(...stamp.addSheets);
}

/** Today: the calendar day of the clock where the user is (its local date), the one day a recalculation counts from. */
function localDay(now: Date): CalendarDay {
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * SPEC §3/§5: options (command line, task pane) over the sheet's own settings over the global ones;
 * as-of defaults to today. The year: the option, the sheet's own Year setting, the sheet's contract
 * year (SPEC §9, so `Mål 2021` is judged against 2021 beside `Mål 2022`), the book's Year setting,
 * the as-of date's year.
 */
function evaluationDate(settings: Settings, sheetName: string | undefined, options: RecalculateOptions, today: CalendarDay): { year: number; asOf: number } {
  const own = sheetName === undefined ? settings.global : settingsFor(settings, sheetName);
  const fromOptions = options.asOf === undefined ? null : dayFromIso(options.asOf);
  if (options.asOf !== undefined && fromOptions === null) throw new RangeError(`as-of date "${options.asOf}" is not a date (YYYY-MM-DD)`);
  const asOf = fromOptions ?? own.asOf ?? today;
  const sheetYear = sheetName === undefined ? undefined : (ownSettingsFor(settings, sheetName).year ?? contractYearFromName(sheetName) ?? undefined);
  const year = options.year ?? sheetYear ?? settings.global.year ?? yearOfDay(asOf);
  return { year, asOf };
}

/** Writes `Last recalculated` with the local date and time into the settings sheet, creating it when needed. */
function lastRecalculatedWrites(settings: Settings, language: Language, now: Date, today: CalendarDay): { writes: CellWrite[]; addSheets: string[] } {
  const serial = excelSerialFromDay(today) + (now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds()) / 86400;
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
