/**
 * The add-in's Excel operations, written against an injected `run` (Excel.run) and engine so
 * the same code runs on Office.js and on the test double. index.ts binds them to the real
 * `Excel` global and the real engine.
 */
import { columnLetter, type CellValue, type Language, type NewWorkbook, type Recalculation, type RecalculateOptions, type WorkbookSnapshot } from '../engine/index';
import { queueWritePlan, textForExcel, type SkippedExcelWrite } from './apply-plan';
import { type HostResult, type HostError, protectedSheetError, toHostError } from './host-error';
import { countedSync, readWorkbook, type SheetClassifier, type SyncCounter } from './read-workbook';

/** `Excel.run` as the adapter uses it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The engine functions the adapter calls. */
export interface EngineFunctions extends SheetClassifier {
  recalculate(snapshot: WorkbookSnapshot, options: RecalculateOptions): Recalculation;
}

export type RecalculationPhase = 'reading' | 'evaluating' | 'writing' | 'done';

export interface RecalculateInExcelOptions {
  /** The evaluation year; overrides the settings sheet. */
  year?: number;
  /** ISO `YYYY-MM-DD`; overrides the settings sheet. */
  asOf?: string;
  language?: Language;
  /** `false` evaluates and writes nothing (one round trip fewer). Default `true`. */
  write?: boolean;
  /** The clock; default `new Date()`. */
  now?: Date;
  onProgress?: (phase: RecalculationPhase, fraction: number) => void;
  /** Per-sync read budget in bytes; tests lower it, the default suits Excel on the web. */
  readBudgetBytes?: number;
}

/** What a recalculation did besides the engine's result (for logs and tests). */
export interface RecalculationReport {
  skipped: SkippedExcelWrite[];
  requests: number;
}

class StopError extends Error {
  constructor(readonly hostError: HostError) {
    super(hostError.message);
  }
}

function failure<T>(error: unknown, counter: SyncCounter): HostResult<T> {
  return { ok: false, error: error instanceof StopError ? error.hostError : toHostError(error), syncs: counter.syncs };
}

/**
 * Reads the workbook, runs the engine, writes the plan: 4 round trips when the workbook fits one
 * read response; a larger one reads its goal sheets first and then only the columns of the big
 * data sheets that the sources name, in as few syncs as the 5 MB limit allows (README.md,
 * "Round trips"). A protected goal sheet stops the run before anything is written.
 *
 * @example
 * const outcome = await recalculateWith(Excel.run, engine, { asOf: '2021-10-13' });
 * if (outcome.ok) console.log(outcome.value.summary);
 */
export async function recalculateWith(
  run: ExcelRun,
  engine: EngineFunctions,
  options: RecalculateInExcelOptions = {},
  report?: RecalculationReport,
): Promise<HostResult<Recalculation>> {
  const counter: SyncCounter = { syncs: 0 };
  const write = options.write !== false;
  const progress = options.onProgress ?? (() => undefined);
  try {
    const value = await run(async (context) => {
      progress('reading', 0);
      const { snapshot, sheets } = await readWorkbook(
        context,
        {
          isGoalSheetHead: engine.isGoalSheetHead,
          isSettingsSheetName: engine.isSettingsSheetName,
          ...(engine.listSourceColumns ? { listSourceColumns: engine.listSourceColumns } : {}),
          ...(options.readBudgetBytes !== undefined ? { budgetBytes: options.readBudgetBytes } : {}),
          onProgress: (f) => progress('reading', f),
          afterSurvey: (surveys) => {
            const locked = write ? surveys.find((s) => s.isGoalSheet && s.protected) : undefined;
            if (locked) throw new StopError(protectedSheetError(locked.name));
          },
        },
        counter,
      );
      progress('evaluating', 0);
      let result: Recalculation;
      try {
        result = engine.recalculate(snapshot, {
          now: options.now ?? new Date(),
          write,
          ...(options.year !== undefined ? { year: options.year } : {}),
          ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
          ...(options.language !== undefined ? { language: options.language } : {}),
        });
      } catch (error) {
        throw new StopError({ code: 'InvalidOptions', message: error instanceof Error ? error.message : String(error) });
      }
      progress('evaluating', 1);
      if (!write || (result.plan.writes.length === 0 && result.plan.addSheets.length === 0)) return result;

      // Any other protected sheet the plan writes to (the settings sheet, say): refuse before writing.
      const touched = new Set(result.plan.writes.map((w) => w.sheet.toLowerCase()));
      const locked = sheets.find((s) => s.protected && touched.has(s.name.toLowerCase()));
      if (locked) throw new StopError(protectedSheetError(locked.name));

      progress('writing', 0);
      const queued = queueWritePlan(
        context,
        result.plan,
        snapshot,
        sheets.map((s) => s.name),
      );
      if (report) {
        report.skipped = queued.skipped;
        report.requests = queued.requests;
      }
      await countedSync(context, counter);
      progress('writing', 1);
      return result;
    });
    progress('done', 1);
    return { ok: true, value, syncs: counter.syncs };
  } catch (error) {
    return failure(error, counter);
  }
}

/**
 * Activates `sheet` and selects `address` (`'A7'` or `'A7:H7'`): one round trip.
 *
 * @example await selectCellWith(Excel.run, 'Mål 2021', 'A7:H7');
 */
export async function selectCellWith(run: ExcelRun, sheet: string, address: string): Promise<HostResult<void>> {
  const counter: SyncCounter = { syncs: 0 };
  try {
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await countedSync(context, counter);
    });
    return { ok: true, value: undefined, syncs: counter.syncs };
  } catch (error) {
    return failure(error, counter);
  }
}

/** Excel's limit on a sheet name. */
const MAX_SHEET_NAME = 31;

/**
 * A name not yet taken (case-insensitively): `Mål 2021`, then `Mål 2021 (2)`, `Mål 2021 (3)`…,
 * shortening the base so the suffix fits Excel's 31 characters.
 *
 * @example uniqueSheetName('Mål 2021', ['mål 2021']) // 'Mål 2021 (2)'
 */
export function uniqueSheetName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const clean = base.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, MAX_SHEET_NAME) || 'Sheet';
  if (!used.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${clean.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

function newCellValue(value: CellValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return value.error;
  return typeof value === 'string' ? textForExcel(value) : value;
}

/** Excel column width is in points; a character of the default font is about 7 points wide. */
const POINTS_PER_CHARACTER = 7;

/**
 * Adds the sheets of `workbook` at the end (a clash gets ` (2)`), writes each as one block of
 * values and one of number formats, bolds its header rows, sets column widths, and activates
 * the first: two round trips. Returns the names used.
 *
 * @example const outcome = await insertNewSheetsWith(Excel.run, buildGoalSheetTemplate('da'));
 */
export async function insertNewSheetsWith(run: ExcelRun, workbook: NewWorkbook): Promise<HostResult<string[]>> {
  const counter: SyncCounter = { syncs: 0 };
  try {
    const names = await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await countedSync(context, counter);
      const taken = worksheets.items.map((ws) => ws.name);
      const used: string[] = [];
      let first: Excel.Worksheet | undefined;
      for (const sheet of workbook.sheets) {
        const name = uniqueSheetName(sheet.name, [...taken, ...used]);
        used.push(name);
        const ws = worksheets.add(name);
        first ??= ws;
        const rows = sheet.values.length;
        const cols = Math.max(1, ...sheet.values.map((r) => r.length), ...(sheet.numberFormats ?? []).map((r) => r.length));
        if (rows > 0) {
          const range = ws.getRange(`A1:${columnLetter(cols - 1)}${rows}`);
          range.values = sheet.values.map((row) => Array.from({ length: cols }, (_, c) => newCellValue(row[c])));
          if (sheet.numberFormats?.some((r) => r.some((f) => f))) {
            range.numberFormat = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => sheet.numberFormats?.[r]?.[c] ?? null));
          }
          for (const formula of sheet.formulas ?? []) {
            ws.getRange(`${columnLetter(formula.col)}${formula.row + 1}`).formulas = [[`=${formula.formula}`]];
          }
          for (const r of sheet.boldRows ?? []) {
            if (r < rows) ws.getRange(`A${r + 1}:${columnLetter(cols - 1)}${r + 1}`).format.font.bold = true;
          }
        }
        (sheet.columnWidths ?? []).forEach((width, c) => {
          ws.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = width * POINTS_PER_CHARACTER;
        });
      }
      first?.activate();
      await countedSync(context, counter);
      return used;
    });
    return { ok: true, value: names, syncs: counter.syncs };
  } catch (error) {
    return failure(error, counter);
  }
}
