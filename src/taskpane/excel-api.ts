/**
 * The seam between the task pane and Excel (STYLE.md: components never import Office).
 * `index.tsx` builds an {@link ExcelApi} from `src/excel`; tests pass a fake one.
 */
import type { Language, Recalculation } from '../engine/types';

/** A host failure turned into data: a protected sheet, a cell being edited, a payload limit. */
export interface HostError {
  /** Excel's error code (`InvalidArgument`, `ItemNotFound`, ...) or ours (`Busy`). */
  code: string;
  message: string;
}

/** What every Office-touching call returns; `syncs` counts `context.sync()` round trips. */
export type HostResult<T> = { ok: true; value: T; syncs: number } | { ok: false; error: HostError; syncs: number };

/** Work phases reported while recalculating (`reading`, `evaluating`, `writing`, `done` from
 * src/excel); unknown phases are shown generically. */
export type RecalculationPhase = string;

export interface RecalculateRequest {
  /** The evaluation year; overrides the settings sheet (SPEC 5). */
  year?: number;
  /** ISO `YYYY-MM-DD`; overrides the settings sheet. */
  asOf?: string;
  language?: Language;
  /** Called as work progresses; `fraction` runs from 0 to 1. */
  onProgress?: (phase: RecalculationPhase, fraction: number) => void;
}

/** The Office-touching functions the pane needs, passed in as a prop. */
export interface ExcelApi {
  /** Evaluates every goal sheet and writes the results (SPEC 7). */
  recalculate(request: RecalculateRequest): Promise<HostResult<Recalculation>>;
  /** Selects `address` (`A7:K7`, `F7`) on `sheet` and activates the sheet. */
  selectCell(sheet: string, address: string): Promise<HostResult<unknown>>;
  /** Adds a goal-sheet template in `language`. */
  insertTemplate(language: Language): Promise<HostResult<unknown>>;
  /** Adds the example workbook's sheets. */
  insertExample(): Promise<HostResult<unknown>>;
}
