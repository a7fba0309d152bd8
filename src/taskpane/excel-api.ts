/**
 * The seam between the task pane and Excel (components never import Office; lint enforces it).
 * `index.tsx` builds an {@link ExcelApi} from `src/excel`; tests pass a fake one.
 */
import type { Language, Recalculation } from '../engine/index';
// Types only: the host result types have one home, src/excel; nothing of Office is bundled from here.
import type { HostError, HostResult, RecalculationPhase } from '../excel';

export type { HostError, HostResult, RecalculationPhase };

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
}
