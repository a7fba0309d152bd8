/**
 * Entry of the outcome dialog the ribbon command opens (outcome.html).
 */
import { renderOutcome } from './outcome-view';

void Office.onReady(() => {
  // The Close button asks the opener (commands.ts) to close the dialog and complete the command.
  renderOutcome(document, window.location.search, () => Office.context.ui.messageParent('close'));
});
