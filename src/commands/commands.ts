/**
 * The ribbon's function file (manifest `FunctionFile`, commands.html): registers the
 * `recalculate` action, which runs the whole recalculation without opening the pane.
 *
 * How the user learns the outcome: Excel's task-pane add-ins have no notification API (the
 * `notificationMessages` of the template are Outlook's), so the command opens a small dialog
 * (outcome.html) with the summary. The command stays "running" until the dialog is closed,
 * because Office may unload the function file, and the dialog with it, once `completed()` is
 * called. If the dialog cannot open (an older host, a dialog already open), the command
 * completes at once; the sheet's Status column and `Last recalculated` still show the result.
 */
import { recalculateInExcel, runExclusive } from '../excel';
import { pickLanguage } from '../ui/i18n';
import { pickThemeKind } from '../ui/theme';
import { encodeOutcome, summariseOutcome } from './outcome';

/** Where the outcome dialog lives: beside this page, whatever the deployment's address. */
function locateOutcomePage(query: string): string {
  return new URL(`outcome.html?${query}`, window.location.href).toString();
}

/**
 * A function command's runtime ends about 5 minutes after it starts (Microsoft's add-in
 * commands docs); the dialog is closed and `completed()` called well before that, so the
 * button is never left busy.
 */
export const DIALOG_SAFETY_MS = 4 * 60 * 1000;

/** Opens the outcome dialog; resolves when it is closed, at the safety timer, or at once when it cannot open. */
function showOutcomeDialog(url: string, safetyMs: number): Promise<void> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url, { height: 35, width: 25, displayInIframe: true }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        resolve();
        return;
      }
      const dialog = opened.value;
      const timer = setTimeout(() => {
        dialog.close();
        resolve();
      }, safetyMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      // Closed from inside (the Close button sends "close") or by the user (X, Esc).
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        done();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => done());
    });
  });
}

/**
 * The `recalculate` action: one locked recalculation, its outcome in a dialog, then
 * `event.completed()` whatever happened (Office waits for it, and shows the button busy).
 */
export async function handleRecalculate(event: Office.AddinCommands.Event, safetyMs: number = DIALOG_SAFETY_MS): Promise<void> {
  try {
    const result = await runExclusive(() => recalculateInExcel({}));
    // The dialog follows Office's language and theme, not the operating system's.
    const language = pickLanguage(Office.context.displayLanguage);
    const theme = pickThemeKind(Office.context.officeTheme?.bodyBackgroundColor);
    await showOutcomeDialog(locateOutcomePage(`${encodeOutcome(summariseOutcome(result), language)}&theme=${theme}`), safetyMs);
  } catch (thrown) {
    // Nothing may stop completed(): a command that never completes blocks the ribbon button.
    console.error('Trafiklys: the ribbon recalculation failed', thrown);
  } finally {
    event.completed();
  }
}

// At the top level, as Microsoft's samples do: a click that arrives before onReady still finds the function.
Office.actions.associate('recalculate', (event: Office.AddinCommands.Event) => handleRecalculate(event));
