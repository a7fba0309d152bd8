import { Switch } from '@fluentui/react-components';
import { STATUS_IDS, type Language, type StatusSummary } from '../../engine/index';
import type { Strings } from '../../ui/i18n';
import type { AutoRecalculationState } from '../hooks/use-auto-recalculation';

export interface AutoRecalculateSwitchProps {
  state: AutoRecalculationState;
  onChange(on: boolean): void;
  strings: Strings;
  language: Language;
}

/** The statuses a recalculation found, the non-zero counts in SPEC §3's order: `2 Opfyldt, 1 I risiko`. */
export function describeFound(summary: StatusSummary, strings: Strings): string {
  const parts = STATUS_IDS.filter((status) => (summary[status] ?? 0) > 0).map((status) => `${summary[status]} ${strings.status[status]}`);
  return parts.length > 0 ? parts.join(', ') : strings.autoFoundNothing;
}

/** The clock time of the last automatic recalculation, as the pane's language writes it. */
export function formatRunTime(at: Date, language: Language): string {
  return at.toLocaleTimeString(language === 'da' ? 'da-DK' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The *Recalculate automatically* switch (docs/spec.md §10): a labelled Fluent `Switch` (a
 * checkbox with the switch role: Tab reaches it, Space toggles it), and under it what the last
 * automatic recalculation found, or which Excel is needed.
 *
 * @example <AutoRecalculateSwitch state={auto} onChange={(on) => void auto.setOn(on)} strings={STRINGS.da} language="da" />
 */
export function AutoRecalculateSwitch({ state, onChange, strings, language }: AutoRecalculateSwitchProps) {
  const last = state.last;
  const note = state.unsupported
    ? strings.autoRecalculateUnsupported
    : state.running
      ? strings.autoRecalculating
      : last
        ? last.outcome.ok
          ? strings.autoRecalculated(formatRunTime(last.at, language), describeFound(last.outcome.value.summary, strings))
          : strings.autoRecalculateFailed(formatRunTime(last.at, language), last.outcome.error.message)
        : strings.autoRecalculateHint;
  return (
    <div>
      <Switch
        label={strings.autoRecalculate}
        checked={state.on}
        disabled={state.unsupported !== null || state.changing}
        onChange={(_, data) => onChange(data.checked)}
        aria-describedby="auto-recalculate-note"
      />
      <p id="auto-recalculate-note" aria-live="polite">
        {note}
      </p>
      {state.error ? <p role="alert">{`${state.error.message} (${state.error.code})`}</p> : null}
    </div>
  );
}
