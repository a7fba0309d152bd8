/**
 * *Recalculate automatically* (docs/spec.md §10; docs/decisions.md, "Recalculate automatically"):
 * while it is on, worksheet change events (ExcelApi 1.7) that touch a goal sheet's input cells or
 * a sheet a Source names start one recalculation {@link AUTO_RECALCULATE_DELAY_MS} after the last
 * change of a burst. A paste is one event for its whole area, so 100,000 pasted rows are one
 * recalculation. The add-in's own writes touch only cells it owns and never start one
 * (watched-cells.ts; `triggerSource` confirms it where Excel has ExcelApi 1.14). A change made
 * while a recalculation runs starts exactly one more after it.
 *
 * Handlers: `WorksheetCollection.onChanged` where Excel has ExcelApi 1.9 (every sheet, added ones
 * too), else `Worksheet.onChanged` per sheet, extended to new sheets after each recalculation.
 * They are removed with `EventHandlerResult.remove()` in the request context they were added in
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events, "Remove an event handler").
 */
import type { Recalculation, WorkbookSnapshot, WritePlan } from '../engine/index';
import type { HostError, HostResult } from './host-error';
import { toHostError } from './host-error';
import { BUSY_ERROR } from './recalculation-lock';
import { checkAutoRecalculateSupport, OPTIONAL_SETS, type ApiSupport } from './requirements';
import { describeWatchedCells, isRelevantChange, type WatchEngine, type WatchedCells } from './watched-cells';

/** The quiet time after the last change of a burst before the recalculation starts (docs/spec.md §10: about 1.5 s). */
export const AUTO_RECALCULATE_DELAY_MS = 1500;

/** `Excel.run` with both of its forms: a new batch, or a batch on an earlier request context. */
export interface ExcelEventHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(object: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** What the pane hears about automatic recalculations. */
export type AutoRecalculationEvent =
  | { kind: 'started'; at: Date }
  | { kind: 'finished'; at: Date; outcome: HostResult<Recalculation> };

/** Learns the watch map from a recalculation's read (the `onEvaluated` option of recalculateWith). */
export type LearnFromRead = (snapshot: WorkbookSnapshot, plan: WritePlan) => void;

export interface AutoRecalculationOptions {
  excel: ExcelEventHost;
  supports: ApiSupport;
  engine: WatchEngine;
  /** One recalculation that writes (behind the recalculation lock); it must pass `learn` as `onEvaluated`. */
  recalculate(learn: LearnFromRead): Promise<HostResult<Recalculation>>;
  /** A read that writes nothing (check mode), to learn what to watch when switched on; it must pass `learn` as `onEvaluated`. */
  survey(learn: LearnFromRead): Promise<HostResult<unknown>>;
  onEvent(event: AutoRecalculationEvent): void;
  /** Default {@link AUTO_RECALCULATE_DELAY_MS}. */
  delayMs?: number;
  /** The clock for the pane's "last ran at"; default `new Date()`. */
  now?: () => Date;
}

interface SheetChange {
  worksheetId: string;
  address: string;
  triggerSource?: string;
}

/**
 * The change-event watcher behind the switch. `start` registers the handlers and learns what to
 * watch; `stop` removes them; `learn` is also handed to every manual recalculation, so the map
 * follows the workbook.
 *
 * @example
 * const auto = new AutoRecalculation({ excel: Excel, supports, engine, recalculate, survey, onEvent });
 * const started = await auto.start(); // below ExcelApi 1.7: { ok: false, error: { code: 'ExcelTooOld' } }
 */
export class AutoRecalculation {
  private handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[] = [];
  private readonly names = new Map<string, string>();
  private watch: WatchedCells | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;
  private active = false;
  private readonly delay: number;

  constructor(private readonly options: AutoRecalculationOptions) {
    this.delay = options.delayMs ?? AUTO_RECALCULATE_DELAY_MS;
  }

  /** Whether the handlers are registered. */
  get isActive(): boolean {
    return this.active;
  }

  /** `null`, or why this Excel cannot (below ExcelApi 1.7). */
  checkSupport(): HostError | null {
    return checkAutoRecalculateSupport(this.options.supports);
  }

  /** The map the next change is judged by; every recalculation's read refreshes it. */
  readonly learn: LearnFromRead = (snapshot, plan) => {
    this.watch = describeWatchedCells(snapshot, plan, this.options.engine);
  };

  /** Registers the change handlers (one sync at ExcelApi 1.9, two below) and learns what to watch (a read, no write). */
  async start(): Promise<HostResult<void>> {
    if (this.active) return { ok: true, value: undefined, syncs: 0 };
    const tooOld = this.checkSupport();
    if (tooOld) return { ok: false, error: tooOld, syncs: 0 };
    let syncs = 0;
    try {
      this.handlers = await this.options.excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id');
        if (this.options.supports(OPTIONAL_SETS.workbookChangeEvents)) {
          const added = [sheets.onChanged.add((args) => this.onChanged(args))];
          syncs += 1;
          await context.sync();
          this.rememberNames(sheets.items);
          return added;
        }
        syncs += 1;
        await context.sync();
        this.rememberNames(sheets.items);
        const added = sheets.items.map((sheet) => sheet.onChanged.add((args) => this.onChanged(args)));
        syncs += 1;
        await context.sync();
        return added;
      });
    } catch (error) {
      return { ok: false, error: toHostError(error), syncs };
    }
    this.active = true;
    const survey = await this.options.survey(this.learn);
    syncs += survey.syncs;
    // Busy: another recalculation is running, and it teaches the map itself when it is a manual one.
    if (!survey.ok && survey.error.code !== BUSY_ERROR.code) {
      await this.stop();
      return { ok: false, error: survey.error, syncs };
    }
    return { ok: true, value: undefined, syncs };
  }

  /** Cancels a waiting recalculation and removes every handler (`remove()`, then one sync in their context). */
  async stop(): Promise<HostResult<void>> {
    this.active = false;
    this.again = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const handlers = this.handlers;
    this.handlers = [];
    if (handlers.length === 0) return { ok: true, value: undefined, syncs: 0 };
    try {
      await this.options.excel.run(handlers[0]!.context, async (context) => {
        for (const handler of handlers) handler.remove();
        await context.sync();
      });
      return { ok: true, value: undefined, syncs: 1 };
    } catch (error) {
      return { ok: false, error: toHostError(error), syncs: 1 };
    }
  }

  private rememberNames(items: readonly Excel.Worksheet[]): void {
    for (const sheet of items) this.names.set(sheet.id, sheet.name);
  }

  /** The handler: decides whether the change counts, and (re)starts the quiet-time timer. */
  private async onChanged(args: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (!this.active) return;
    const change: SheetChange = { worksheetId: args.worksheetId, address: args.address, ...(args.triggerSource ? { triggerSource: args.triggerSource } : {}) };
    // ExcelApi 1.14 names our own changes; below it, owned cells tell them (watched-cells.ts).
    if (change.triggerSource === 'ThisLocalAddin') return;
    if (this.watch) {
      const sheet = this.names.get(change.worksheetId) ?? (await this.lookUpName(change.worksheetId));
      if (sheet !== null && !isRelevantChange(this.watch, sheet, change.address)) return;
    }
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule();
  }

  /** A sheet added or renamed since the handlers were registered: its name, by its id. */
  private async lookUpName(id: string): Promise<string | null> {
    try {
      return await this.options.excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(id);
        sheet.load('name');
        await context.sync();
        this.names.set(id, sheet.name);
        return sheet.name;
      });
    } catch {
      return null; // deleted meanwhile: counts as a change
    }
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fire(), this.delay);
  }

  private async fire(): Promise<void> {
    this.timer = null;
    if (!this.active) return;
    this.running = true;
    this.again = false;
    const now = this.options.now ?? (() => new Date());
    this.options.onEvent({ kind: 'started', at: now() });
    let outcome: HostResult<Recalculation>;
    try {
      outcome = await this.options.recalculate(this.learn);
    } catch (error) {
      outcome = { ok: false, error: toHostError(error), syncs: 0 };
    }
    this.running = false;
    // Another recalculation (the button, the ribbon) held the lock: try again after the quiet time.
    if (!outcome.ok && outcome.error.code === BUSY_ERROR.code) this.again = true;
    else this.options.onEvent({ kind: 'finished', at: now(), outcome });
    if (this.active) await this.refreshSheets();
    if (this.again && this.active) this.schedule();
  }

  /**
   * After a recalculation: the sheets' names by id again (a sheet renamed meanwhile), and below
   * ExcelApi 1.9, where handlers are per sheet, a handler for each sheet added since, in the
   * request context of the others. One sync, two when there are new sheets to watch.
   */
  private async refreshSheets(): Promise<void> {
    const first = this.handlers[0];
    if (!first) return;
    try {
      await this.options.excel.run(first.context, async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id');
        await context.sync();
        const fresh = sheets.items.filter((sheet) => !this.names.has(sheet.id));
        this.rememberNames(sheets.items);
        if (fresh.length === 0 || this.options.supports(OPTIONAL_SETS.workbookChangeEvents)) return;
        this.handlers.push(...fresh.map((sheet) => sheet.onChanged.add((args) => this.onChanged(args))));
        await context.sync();
      });
    } catch {
      // The next recalculation tries again; the sheets watched so far stay watched.
    }
  }
}
