/**
 * The add-in's Excel operations, written against an injected `run` (Excel.run) and engine so
 * the same code runs on Office.js and on the test double. index.ts binds them to the real
 * `Excel` global and the real engine.
 */
import { columnLetter, type CellValue, type CellWrite, type Language, type NewWorkbook, type Recalculation, type RecalculateOptions, type WorkbookSnapshot, type WritePlan } from '../engine/index';
import { planWriteBatches, POINTS_PER_CHARACTER, textForExcel, type NotApplied, type SkippedExcelWrite } from './apply-plan';
import { cellKey, clearsFor, leftoverWrites, misplacedWrites, planRowGuards, withCellsCleared, writeGuarded, WriteStoppedError } from './guarded-write';
import { unfinishedStore, type UnfinishedStore } from './unfinished-writes';
import { type HostResult, type HostError, protectedSheetError, rowsMovedError, toHostError, writeFailedError } from './host-error';
import { checkApiFloor, checkReportSupport, SUPPORTS_ALL, type ApiSupport } from './requirements';
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
  /** Also write the status report sheet (SPEC §8, the pane's Status report button). */
  report?: boolean;
  /** The clock; default `new Date()`. */
  now?: Date;
  onProgress?: (phase: RecalculationPhase, fraction: number) => void;
  /** Per-sync read budget in bytes; tests lower it, the default suits Excel on the web. */
  readBudgetBytes?: number;
  /** Per-sync write budget in bytes (estimated request); tests lower it. */
  writeBudgetBytes?: number;
  /** Which ExcelApi sets this Excel has; index.ts passes `Office.context.requirements`. Default: all. */
  supports?: ApiSupport;
  /** Where writes of sheets left incomplete wait for the next Recalculate; default `localStorage`. */
  unfinished?: UnfinishedStore;
  /**
   * Called with the workbook as read and the plan about to be written (empty in check mode),
   * before the write: automatic recalculation learns from it which cells are inputs and which
   * are Trafiklys's own (watched-cells.ts), so the events of this very write are known as ours.
   */
  onEvaluated?: (snapshot: WorkbookSnapshot, plan: WritePlan) => void;
}

/** What a recalculation did besides the engine's result (for logs and tests). */
export interface RecalculationReport {
  skipped: SkippedExcelWrite[];
  requests: number;
  notApplied: NotApplied[];
}

/** Excel on the web takes 5 MB per request; the write aims below it, leaving room for the envelope. */
export const WRITE_BUDGET_BYTES = 4_000_000;

class StopError extends Error {
  constructor(readonly hostError: HostError) {
    super(hostError.message);
  }
}

function failure<T>(error: unknown, counter: SyncCounter): HostResult<T> {
  return { ok: false, error: error instanceof StopError ? error.hostError : toHostError(error), syncs: counter.syncs };
}

/** Times a recalculation reads and recomputes after a co-author moved rows under its writes. */
export const MAX_REREADS = 2;

/** What one pass of read, evaluate and write left behind for the next. */
interface Pass {
  /** Writes of earlier passes that landed on other goals' rows (a co-author moved them). */
  misplaced: CellWrite[];
  /** The first pass's snapshot: what the settings sheet held before any stamp. */
  first?: WorkbookSnapshot;
  /** Settings-sheet writes made so far (the stamp). */
  stamped: CellWrite[];
  /** The goal sheets whose rows moved under a write. */
  movedSheets: string[];
}

/**
 * Reads the workbook, runs the engine, writes the plan: 4 round trips when the workbook fits one
 * read response and the plan one request; a larger one reads its goal sheets first and then only
 * the columns of the big data sheets that the sources name, in as few syncs as the 5 MB limit
 * allows (README.md, "Round trips"). Before the first write it checks what can be checked: the
 * ExcelApi floor (before anything is read), protection of every sheet written, the request size.
 * The write survives what Excel does (docs/spec.md §7, guarded-write.ts): a host error part-way
 * is recovered by sending the unconfirmed rest again, and a co-author's rows moved under the
 * write make it read and recompute (at most {@link MAX_REREADS} times) or stop, taking out what
 * landed on the wrong rows.
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
  const supports = options.supports ?? SUPPORTS_ALL;
  const tooOld = checkApiFloor(supports) ?? (options.report === true ? checkReportSupport(supports) : null);
  if (tooOld) return { ok: false, error: tooOld, syncs: 0 };
  let notApplied: NotApplied[] = [];
  const now = options.now ?? new Date();
  const store = options.unfinished ?? unfinishedStore();
  const remembered = write ? store.load() : [];
  let writing: CellWrite[] = [];
  try {
    const value = await run(async (context) => {
      const pass: Pass = { misplaced: [], stamped: [], movedSheets: [] };
      for (let attempt = 0; ; attempt++) {
        progress('reading', 0);
        const { snapshot, sheets, definedNames } = await readWorkbook(
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
        pass.first ??= snapshot;
        const settingsSheet = sheets.find((s) => engine.isSettingsSheetName(s.name))?.name;
        if (attempt > MAX_REREADS) {
          // Rows kept moving: take out what landed on other rows, then stop naming the sheets.
          await takeOutMisplaced(context, pass, snapshot, sheets.map((s) => s.name), settingsSheet, supports, counter);
          throw new StopError(rowsMovedError(pass.movedSheets));
        }
        // What earlier passes wrote onto other goals' rows comes out; the engine sees the sheet without it.
        const clears = clearsFor(pass.misplaced, snapshot);
        const seen = withCellsCleared(snapshot, clears);
        progress('evaluating', 0);
        let result: Recalculation;
        try {
          result = engine.recalculate(seen, {
            now,
            write,
            ...(options.report ? { report: true } : {}),
            ...(options.year !== undefined ? { year: options.year } : {}),
            ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
            ...(options.language !== undefined ? { language: options.language } : {}),
          });
        } catch (error) {
          throw new StopError({ code: 'InvalidOptions', message: error instanceof Error ? error.message : String(error) });
        }
        progress('evaluating', 1);
        // Clears and what an earlier stopped write left unfinished first: the new plan's values and
        // formats win wherever it writes the same cell.
        const leftovers = leftoverWrites(remembered, result.plan.writes, seen);
        const plan = { ...result.plan, writes: [...clears, ...leftovers, ...result.plan.writes] };
        options.onEvaluated?.(seen, plan);
        if (!write || (plan.writes.length === 0 && plan.addSheets.length === 0 && !plan.sheetSetups?.length && !plan.definedNames?.length)) return result;

        // Any other protected sheet the plan writes to (the settings sheet, say): refuse before writing.
        const touched = new Set([...plan.writes.map((w) => w.sheet), ...(plan.sheetSetups ?? []).map((s) => s.sheet)].map((n) => n.toLowerCase()));
        const locked = sheets.find((s) => s.protected && touched.has(s.name.toLowerCase()));
        if (locked) throw new StopError(protectedSheetError(locked.name));

        progress('writing', 0);
        const settings = settingsSheet ?? plan.addSheets.find((n) => engine.isSettingsSheetName(n));
        const planned = planWriteBatches(plan, seen, {
          existingSheets: sheets.map((s) => s.name),
          existingNames: definedNames,
          supports,
          ...(settings !== undefined ? { settingsSheet: settings } : {}),
        });
        notApplied = planned.notApplied;
        const goalSheets = result.sheets.map((sheet) => sheet.name);
        const guards = planRowGuards(seen, plan.writes, goalSheets);
        writing = plan.writes;
        const written = await writeGuarded(context, planned.batches, guards, options.writeBudgetBytes ?? WRITE_BUDGET_BYTES, counter, (f) => progress('writing', f));
        if (report) {
          report.skipped = planned.skipped;
          report.requests += written.requests;
          report.notApplied = planned.notApplied;
        }
        if (settings !== undefined) pass.stamped.push(...plan.writes.filter((w) => w.sheet.toLowerCase() === settings.toLowerCase()));
        if (written.moved.length === 0) {
          if (remembered.length > 0) store.save([]);
          return result;
        }
        // This pass's writes supersede earlier ones to the same cells.
        const latest = new Set(plan.writes.map(cellKey));
        pass.misplaced = [...pass.misplaced.filter((w) => !latest.has(cellKey(w))), ...misplacedWrites(plan.writes, written.moved)];
        for (const m of written.moved) if (!pass.movedSheets.includes(m.guard.sheet)) pass.movedSheets.push(m.guard.sheet);
      }
    });
    progress('done', 1);
    return { ok: true, value, syncs: counter.syncs, ...(notApplied.length > 0 ? { notApplied } : {}) };
  } catch (error) {
    if (error instanceof WriteStoppedError) {
      const incomplete = new Set(error.incomplete.map((n) => n.toLowerCase()));
      store.save(writing.filter((w) => incomplete.has(w.sheet.toLowerCase())));
      return { ok: false, error: writeFailedError(toHostError(error.cause), error.written, error.untouched, error.incomplete), syncs: counter.syncs };
    }
    return failure(error, counter);
  }
}

/**
 * After the last re-read: every cell an earlier pass wrote onto another goal's row (and that
 * still holds what was written) back to blank, and the settings stamp back to what it was, in
 * one guarded sync. A host error or yet another move leaves it as it stands.
 */
async function takeOutMisplaced(
  context: Excel.RequestContext,
  pass: Pass,
  snapshot: WorkbookSnapshot,
  existingSheets: string[],
  settingsSheet: string | undefined,
  supports: ApiSupport,
  counter: SyncCounter,
): Promise<void> {
  const writes = [...clearsFor(pass.misplaced, snapshot), ...restoreStamp(pass, settingsSheet)];
  if (writes.length === 0) return;
  const planned = planWriteBatches({ addSheets: [], writes }, snapshot, { existingSheets, supports });
  try {
    await writeGuarded(context, planned.batches, planRowGuards(snapshot, writes, pass.movedSheets), WRITE_BUDGET_BYTES, counter, () => undefined);
  } catch {
    // The message names the sheets either way; the next Recalculate rewrites them.
  }
}

/** The settings sheet's cells as the first read found them, for every stamp written since. */
function restoreStamp(pass: Pass, settingsSheet: string | undefined): CellWrite[] {
  if (settingsSheet === undefined) return [];
  const sheet = pass.first!.sheets.find((s) => s.name.toLowerCase() === settingsSheet.toLowerCase());
  return pass.stamped.map((w) => {
    const value = sheet?.values[w.row]?.[w.col] ?? null;
    return { sheet: settingsSheet, row: w.row, col: w.col, value: typeof value === 'string' || typeof value === 'number' ? value : null, numberFormat: sheet?.numberFormats?.[w.row]?.[w.col] ?? 'General' };
  });
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
