/**
 * The seam between the task pane and Excel (components never import Office; lint enforces it).
 * `index.tsx` builds an {@link ExcelApi} from `src/excel`; tests pass a fake one.
 */
import type { Language, Recalculation } from '../engine/index';
// Types only: the host result types have one home, src/excel; nothing of Office is bundled from here.
import type { AutoRecalculationEvent, HostError, HostResult, RecalculationPhase } from '../excel';

export type { AutoRecalculationEvent, HostError, HostResult, RecalculationPhase };

/** *Recalculate automatically* (docs/spec.md §10): the switch's Office-touching side. */
export interface AutoRecalculationApi {
  /** `null` when this Excel raises change events (ExcelApi 1.7); otherwise why not (the switch stays off). */
  checkSupport(): HostError | null;
  /** Whether the workbook remembers the switch as on (Office document settings). */
  isRemembered(): boolean;
  /** Registers the change handlers; `listener` hears each automatic recalculation start and finish. */
  start(listener: (event: AutoRecalculationEvent) => void): Promise<HostResult<unknown>>;
  /** Removes the handlers and drops a waiting recalculation. */
  stop(): Promise<HostResult<unknown>>;
  /** Keeps the choice in the workbook. */
  remember(on: boolean): Promise<HostResult<unknown>>;
}

export interface RecalculateRequest {
  /** The evaluation year; overrides the settings sheet (SPEC 5). */
  year?: number;
  /** ISO `YYYY-MM-DD`; overrides the settings sheet. */
  asOf?: string;
  language?: Language;
  /** Also write the status report sheet (SPEC §8). */
  report?: boolean;
  /** Called as work progresses; `fraction` runs from 0 to 1. */
  onProgress?: (phase: RecalculationPhase, fraction: number) => void;
}

/** The Office-touching functions the pane needs, passed in as a prop. */
export interface ExcelApi {
  /** `null` when this Excel has the declared ExcelApi floor; otherwise why not (Recalculate stays off). */
  checkSupport?(): HostError | null;
  /** `null` when this Excel can keep a status report; otherwise why not (the Status report button stays off). */
  checkReportSupport?(): HostError | null;
  /** Evaluates every goal sheet and writes the results (SPEC 7). */
  recalculate(request: RecalculateRequest): Promise<HostResult<Recalculation>>;
  /** Selects `address` (`A7:K7`, `F7`) on `sheet` and activates the sheet. */
  selectCell(sheet: string, address: string): Promise<HostResult<unknown>>;
  /** Adds a goal-sheet template in `language`. */
  insertTemplate(language: Language): Promise<HostResult<unknown>>;
  /** Adds the example workbook's sheets. */
  insertExample(): Promise<HostResult<unknown>>;
  /** Absent where the host offers no change events at all (tests of other parts, outside Excel). */
  autoRecalculation?: AutoRecalculationApi;
}
