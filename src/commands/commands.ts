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
import { encodeOutcome, summariseOutcome } from './outcome';

/** Where the outcome dialog lives: beside this page, whatever the deployment's address. */
function locateOutcomePage(query: string): string {
  return new URL(`outcome.html?${query}`, window.location.href).toString();
}

/** Opens the outcome dialog; resolves when it is closed, or at once when it cannot open. */
function showOutcomeDialog(url: string): Promise<void> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url, { height: 35, width: 25, displayInIframe: true }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        resolve();
        return;
      }
      const dialog = opened.value;
      // Closed from inside (the Close button sends "close") or by the user (X, Esc).
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        resolve();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

/**
 * The `recalculate` action: one locked recalculation, its outcome in a dialog, then
 * `event.completed()` whatever happened (Office waits for it, and shows the button busy).
 */
export async function handleRecalculate(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const result = await runExclusive(() => recalculateInExcel({}));
    const language = pickLanguage(Office.context.displayLanguage);
    await showOutcomeDialog(locateOutcomePage(encodeOutcome(summariseOutcome(result), language)));
  } catch (thrown) {
    // Nothing may stop completed(): a command that never completes blocks the ribbon button.
    console.error('Trafiklys: the ribbon recalculation failed', thrown);
  } finally {
    event.completed();
  }
}

void Office.onReady(() => {
  Office.actions.associate('recalculate', handleRecalculate);
});
