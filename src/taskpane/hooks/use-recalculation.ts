/**
 * The task pane's recalculation state: running, progress, the last result or host error.
 * A ref, not state, guards against a second run: a double click arrives before React has
 * re-rendered the disabled button.
 */
import { useCallback, useRef, useState } from 'react';
import type { Recalculation } from '../../engine/index';
import type { ExcelApi, HostError, HostResult, RecalculateRequest } from '../excel-api';

export interface RecalculationProgress {
  phase: string;
  fraction: number;
}

export interface RecalculationState {
  running: boolean;
  progress: RecalculationProgress | null;
  result: Recalculation | null;
  /** Round trips of the last successful run. */
  syncs: number | null;
  error: HostError | null;
  /** What the last run's Excel could not set (print setup below ExcelApi 1.9, …). */
  notApplied: { feature: string; target: string; requires: string }[];
}

export interface UseRecalculation extends RecalculationState {
  /** Starts a run; ignored while one is running. */
  run(request: Omit<RecalculateRequest, 'onProgress'>): Promise<void>;
  /** Shows the outcome of a recalculation started elsewhere (an automatic one) as the last result; ignored while a run of this pane is under way. */
  show(outcome: HostResult<Recalculation>): void;
}

const IDLE: RecalculationState = { running: false, progress: null, result: null, syncs: null, error: null, notApplied: [] };

/** Turns anything a (fake or broken) seam throws into the host-error shape the pane shows; src/excel itself never throws. */
export function describeThrown(thrown: unknown): HostError {
  if (thrown && typeof thrown === 'object' && 'message' in thrown) {
    const code = 'code' in thrown && typeof thrown.code === 'string' ? thrown.code : 'Unexpected';
    return { code, message: String(thrown.message) };
  }
  return { code: 'Unexpected', message: String(thrown) };
}

/**
 * Runs recalculations through `api`, one at a time.
 *
 * @example
 * const recalculation = useRecalculation(api);
 * <Button disabled={recalculation.running} onClick={() => recalculation.run({ year: 2021 })} />
 */
export function useRecalculation(api: ExcelApi): UseRecalculation {
  const [state, setState] = useState<RecalculationState>(IDLE);
  const runningRef = useRef(false);

  const run = useCallback(
    async (request: Omit<RecalculateRequest, 'onProgress'>) => {
      if (runningRef.current) return;
      runningRef.current = true;
      setState((previous) => ({ ...previous, running: true, progress: { phase: 'start', fraction: 0 }, error: null }));
      const onProgress = (phase: string, fraction: number) =>
        setState((previous) => (previous.running ? { ...previous, progress: { phase, fraction: Math.min(1, Math.max(0, fraction)) } } : previous));
      try {
        const outcome = await api.recalculate({ ...request, onProgress });
        setState((previous) =>
          outcome.ok
            ? { running: false, progress: null, result: outcome.value, syncs: outcome.syncs, error: null, notApplied: outcome.notApplied ?? [] }
            : { ...previous, running: false, progress: null, error: outcome.error, notApplied: [] },
        );
      } catch (thrown) {
        setState((previous) => ({ ...previous, running: false, progress: null, error: describeThrown(thrown) }));
      } finally {
        runningRef.current = false;
      }
    },
    [api],
  );

  const show = useCallback((outcome: HostResult<Recalculation>) => {
    if (runningRef.current) return;
    setState((previous) =>
      outcome.ok
        ? { running: false, progress: null, result: outcome.value, syncs: outcome.syncs, error: null, notApplied: outcome.notApplied ?? [] }
        : { ...previous, error: outcome.error, notApplied: [] },
    );
  }, []);

  return { ...state, run, show };
}
