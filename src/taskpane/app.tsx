import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { Language } from '../engine/index';
import { useAppStyles } from './app.styles';
import { formatRowAddress } from './cell-reference';
import { AutoRecalculateSwitch } from './components/auto-recalculate-switch';
import { ErrorList } from './components/error-list';
import { GoalList } from './components/goal-list';
import { SummaryTable } from './components/summary-table';
import type { ExcelApi, HostError, HostResult } from './excel-api';
import { useAutoRecalculation } from './hooks/use-auto-recalculation';
import { useRecalculation } from './hooks/use-recalculation';
import { STRINGS } from '../ui/i18n';
import { readSettings } from './settings';

export interface AppProps {
  /** The Office-touching functions (index.tsx wires src/excel; tests pass a fake). */
  api: ExcelApi;
  /** The pane's language, from Office's display language. */
  language: Language;
}

/** A small traffic light drawn inline (no icon package: @fluentui/react-icons is 300 MB). */
function TrafficLightIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect x="17" y="1" width="30" height="57" rx="8" fill="#263238" />
      <circle cx="32" cy="14" r="8.5" fill="#D32F2F" />
      <circle cx="32" cy="30" r="8.5" fill="#F9A825" />
      <circle cx="32" cy="46" r="8.5" fill="#2E7D32" />
    </svg>
  );
}

/**
 * The Trafiklys task pane (SPEC 7): settings, Recalculate, progress, the summary, the goals
 * and the errors, and buttons that insert a template or the example.
 *
 * @example
 * <FluentProvider theme={webLightTheme}><App api={excelApi} language="da" /></FluentProvider>
 */
export function App({ api, language }: AppProps) {
  const strings = STRINGS[language];
  const styles = useAppStyles();
  const recalculation = useRecalculation(api);
  const auto = useAutoRecalculation(api.autoRecalculation, recalculation.show);
  const [year, setYear] = useState('');
  const [asOf, setAsOf] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ yearError?: string; asOfError?: string }>({});
  const [actionError, setActionError] = useState<HostError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [inserting, setInserting] = useState(false);
  // Checked once at start (SPEC §7): below the manifest's ExcelApi floor, Recalculate is off.
  const unsupported = useMemo(() => api.checkSupport?.() ?? null, [api]);
  const reportUnsupported = useMemo(() => api.checkReportSupport?.() ?? null, [api]);

  const start = useCallback(
    (report: boolean) => {
      if (recalculation.running || unsupported || (report && reportUnsupported)) return;
      const settings = readSettings({ year, asOf }, strings);
      if (!settings.ok) {
        setFieldErrors({ yearError: settings.yearError, asOfError: settings.asOfError });
        return;
      }
      setFieldErrors({});
      setActionError(null);
      setNotice(null);
      void recalculation.run(report ? { ...settings.request, report: true } : settings.request);
    },
    [recalculation, year, asOf, strings, unsupported, reportUnsupported],
  );
  const submit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      start(false);
    },
    [start],
  );

  /** Runs a host call that is not a recalculation and shows its error, if any. */
  const runAction = useCallback(async (action: () => Promise<HostResult<unknown>>, successNotice: string | null) => {
    setActionError(null);
    try {
      const outcome = await action();
      if (outcome.ok) {
        if (successNotice) setNotice(successNotice);
      } else setActionError(outcome.error);
    } catch (thrown) {
      setActionError({ code: 'Unexpected', message: thrown instanceof Error ? thrown.message : String(thrown) });
    }
  }, []);

  const insert = useCallback(
    async (what: 'template' | 'example') => {
      if (inserting) return;
      setInserting(true);
      setNotice(null);
      await runAction(() => (what === 'template' ? api.insertTemplate(language) : api.insertExample()), strings.inserted(what));
      setInserting(false);
    },
    [api, inserting, language, runAction, strings],
  );

  const selectRow = useCallback((sheet: string, row: number) => void runAction(() => api.selectCell(sheet, formatRowAddress(row)), null), [api, runAction]);
  const selectCell = useCallback((sheet: string, address: string) => void runAction(() => api.selectCell(sheet, address), null), [api, runAction]);

  const result = recalculation.result;
  const hostError = recalculation.error ?? actionError;
  const rowCount = result ? result.sheets.reduce((total, sheet) => total + sheet.rows.length, 0) : 0;
  // A refused recalculation evaluated the goals but wrote nothing (SPEC §8): never "rows recalculated".
  const refused = recalculation.running ? undefined : result?.refused;
  const liveMessage = recalculation.running
    ? strings.recalculating
    : (notice ?? (refused ? `${strings.refusedTitle}.` : result && recalculation.syncs !== null ? strings.done(rowCount, recalculation.syncs) : ''));

  return (
    <main className={styles.root} lang={language}>
      <header className={styles.header}>
        <TrafficLightIcon />
        <h1 className={styles.title}>{strings.appTitle}</h1>
      </header>

      <form className={styles.section} onSubmit={submit} aria-labelledby="trafiklys-settings" noValidate>
        <h2 id="trafiklys-settings" className={styles.heading}>
          {strings.settingsHeading}
        </h2>
        <div className={styles.fields}>
          <Field label={strings.yearLabel} hint={strings.yearHint} validationMessage={fieldErrors.yearError} validationState={fieldErrors.yearError ? 'error' : 'none'}>
            <Input type="number" inputMode="numeric" min={1900} max={9999} step={1} value={year} onChange={(_, data) => setYear(data.value)} />
          </Field>
          <Field label={strings.asOfLabel} hint={strings.asOfHint} validationMessage={fieldErrors.asOfError} validationState={fieldErrors.asOfError ? 'error' : 'none'}>
            <Input type="date" value={asOf} onChange={(_, data) => setAsOf(data.value)} />
          </Field>
        </div>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={recalculation.running || unsupported !== null}>
            {recalculation.running ? strings.recalculating : strings.recalculate}
          </Button>
          <Button
            type="button"
            disabled={recalculation.running || unsupported !== null || reportUnsupported !== null}
            aria-describedby={reportUnsupported && !unsupported ? 'report-unsupported' : undefined}
            onClick={() => start(true)}
          >
            {strings.statusReport}
          </Button>
          <Button type="button" disabled={recalculation.running || inserting} onClick={() => void insert('template')}>
            {strings.insertTemplate}
          </Button>
          <Button type="button" disabled={recalculation.running || inserting} onClick={() => void insert('example')}>
            {strings.insertExample}
          </Button>
        </div>
        {reportUnsupported && !unsupported ? <p id="report-unsupported">{reportUnsupported.message}</p> : null}
        {api.autoRecalculation && !unsupported ? (
          <AutoRecalculateSwitch state={auto} onChange={(on) => void auto.setOn(on)} strings={strings} language={language} />
        ) : null}
        {recalculation.running && recalculation.progress ? (
          <Field label={strings.progressLabel} validationMessage={strings.phase(recalculation.progress.phase)} validationState="none">
            <ProgressBar value={recalculation.progress.fraction} max={1} thickness="large" />
          </Field>
        ) : null}
      </form>

      {unsupported ? (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{strings.excelTooOld}</MessageBarTitle>
            {unsupported.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {recalculation.notApplied.length > 0 && !recalculation.running ? (
        <MessageBar intent="warning">
          <MessageBarBody>{strings.notApplied(recalculation.notApplied.length)}</MessageBarBody>
        </MessageBar>
      ) : null}

      {refused ? (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{strings.refusedTitle}</MessageBarTitle>
            {refused.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {hostError ? (
        <MessageBar intent={hostError.code === 'Busy' ? 'warning' : 'error'}>
          <MessageBarBody>
            <MessageBarTitle>{hostError.code === 'Busy' ? strings.busy : strings.hostErrorTitle}</MessageBarTitle>
            {hostError.code === 'Busy' ? null : `${hostError.message} (${hostError.code})`}
            {/* The message names the incomplete sheets (docs/spec.md §7); "whole or not at all" holds only without them. */}
            {hostError.write && !hostError.write.incomplete?.length ? ` ${strings.runAgain}` : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <div role="status" aria-live="polite" className={styles.note}>
        {liveMessage}
      </div>

      {result ? (
        <>
          <section className={styles.section} aria-labelledby="trafiklys-summary">
            <h2 id="trafiklys-summary" className={styles.heading}>
              {strings.summaryHeading}
            </h2>
            <SummaryTable summary={result.summary} strings={strings} />
          </section>
          <section className={styles.section} aria-labelledby="trafiklys-errors">
            <h2 id="trafiklys-errors" className={styles.heading}>
              {strings.errorsHeading}
            </h2>
            <ErrorList sheets={result.sheets} findings={result.findings} strings={strings} onSelectCell={selectCell} />
          </section>
          <section className={styles.section} aria-labelledby="trafiklys-goals">
            <h2 id="trafiklys-goals" className={styles.heading}>
              {strings.goalsHeading}
            </h2>
            <GoalList sheets={result.sheets} language={language} strings={strings} onSelectRow={selectRow} />
          </section>
        </>
      ) : (
        <p className={styles.note}>{strings.noResults}</p>
      )}
    </main>
  );
}
