/**
 * The outcome dialog's content (outcome.html): reads the outcome from the query string and
 * writes it as text (never as HTML: sheet names and messages come from the workbook).
 */
import { decodeOutcome, describeOutcome } from './outcome';
import { STRINGS } from '../ui/i18n';

/**
 * Fills the page from `query`; `onClose` runs when the Close button is pressed.
 *
 * @example
 * renderOutcome(document, window.location.search, () => Office.context.ui.messageParent('close'));
 */
export function renderOutcome(document: Document, query: string, onClose: () => void): void {
  const decoded = decodeOutcome(query);
  const language = decoded?.language ?? 'en';
  const { title, lines } = decoded ? describeOutcome(decoded.outcome, language) : { title: STRINGS.en.outcomeFailed, lines: [] };
  document.documentElement.lang = language;
  // Office's theme, carried by the command (commands.ts): dark or light, whatever the OS prefers.
  document.documentElement.dataset.theme = new URLSearchParams(query).get('theme') === 'dark' ? 'dark' : 'light';
  document.title = title;
  const main = document.createElement('main');
  const heading = document.createElement('h1');
  heading.textContent = title;
  // A live region around the list (not on it: a list with role=status loses its list semantics).
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  const list = document.createElement('ul');
  live.appendChild(list);
  for (const line of lines) {
    const item = document.createElement('li');
    item.textContent = line;
    list.appendChild(item);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = STRINGS[language].close;
  close.addEventListener('click', onClose);
  main.append(heading, live, close);
  document.body.replaceChildren(main);
  close.focus();
}

