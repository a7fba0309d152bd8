/**
 * The switch's state (docs/spec.md §10, "Recalculate automatically"): on or off, whether this
 * Excel can, a change under way, and the last automatic recalculation. When the workbook
 * remembers the switch as on, watching starts as the pane opens; it stops when the pane goes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Recalculation } from '../../engine/index';
import type { AutoRecalculationApi, AutoRecalculationEvent, HostError, HostResult } from '../excel-api';
import { describeThrown } from './use-recalculation';

export interface AutoRecalculationState {
  /** `null`, or why this Excel cannot (below ExcelApi 1.7): the switch is off and disabled. */
  unsupported: HostError | null;
  on: boolean;
  /** Switching on or off is under way. */
  changing: boolean;
  /** An automatic recalculation is running. */
  running: boolean;
  /** The last automatic recalculation: when it finished and its outcome. */
  last: { at: Date; outcome: HostResult<Recalculation> } | null;
  /** Switching failed, or the choice could not be kept in the workbook. */
  error: HostError | null;
}

export interface UseAutoRecalculation extends AutoRecalculationState {
  /** Turns watching on or off and remembers the choice in the workbook. */
  setOn(on: boolean): Promise<void>;
}

/**
 * @param onOutcome gets every automatic recalculation's outcome, so the pane shows its result as a button press would
 * @example const auto = useAutoRecalculation(api.autoRecalculation, recalculation.show);
 */
export function useAutoRecalculation(api: AutoRecalculationApi | undefined, onOutcome: (outcome: HostResult<Recalculation>) => void): UseAutoRecalculation {
  const unsupported = useMemo(() => (api ? api.checkSupport() : null), [api]);
  const [state, setState] = useState<Omit<AutoRecalculationState, 'unsupported'>>({ on: false, changing: false, running: false, last: null, error: null });
  const outcomeRef = useRef(onOutcome);
  outcomeRef.current = onOutcome;
  const onRef = useRef(false);
  onRef.current = state.on;

  const listener = useCallback((event: AutoRecalculationEvent) => {
    if (event.kind === 'started') {
      setState((previous) => ({ ...previous, running: true }));
      return;
    }
    setState((previous) => ({ ...previous, running: false, last: { at: event.at, outcome: event.outcome } }));
    outcomeRef.current(event.outcome);
  }, []);

  const start = useCallback(async (): Promise<HostError | null> => {
    if (!api) return null;
    try {
      const started = await api.start(listener);
      return started.ok ? null : started.error;
    } catch (thrown) {
      return describeThrown(thrown);
    }
  }, [api, listener]);

  // Remembered as on: watch from the moment the pane opens.
  useEffect(() => {
    if (!api || unsupported || !api.isRemembered()) return undefined;
    let live = true;
    setState((previous) => ({ ...previous, on: true, changing: true }));
    void start().then((error) => {
      if (live) setState((previous) => ({ ...previous, on: error === null, changing: false, error }));
    });
    return () => {
      live = false;
    };
  }, [api, unsupported, start]);

  // The pane goes: stop watching, however the switch came to be on.
  useEffect(
    () => () => {
      if (api && onRef.current) void api.stop();
    },
    [api],
  );

  const setOn = useCallback(
    async (on: boolean) => {
      if (!api || unsupported) return;
      setState((previous) => ({ ...previous, on, changing: true, error: null }));
      let error: HostError | null;
      if (on) error = await start();
      else {
        const stopped = await api.stop().catch((thrown: unknown) => ({ ok: false as const, error: describeThrown(thrown), syncs: 0 }));
        error = stopped.ok ? null : stopped.error;
      }
      const switched = on ? error === null : true;
      if (switched) {
        const kept = await api.remember(on).catch((thrown: unknown) => ({ ok: false as const, error: describeThrown(thrown), syncs: 0 }));
        if (!kept.ok) error = kept.error;
      }
      setState((previous) => ({ ...previous, on: on && switched, changing: false, running: on ? previous.running : false, error }));
    },
    [api, unsupported, start],
  );

  return { ...state, on: state.on && !unsupported, unsupported, setOn };
}
