/**
 * Renders the task pane as Office hosts it (inside Fluent's provider), for the pane's jsdom tests.
 * Importing this module also gives jsdom the `ResizeObserver` it lacks and Fluent's MessageBar uses
 * to measure itself.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { Language } from '../../src/engine/types';
import { App } from '../../src/taskpane/app';
import type { ExcelApi } from '../../src/taskpane/excel-api';

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(window, { ResizeObserver: NoResizeObserver });

/** The pane over `api`, in `language`. */
export function renderApp(api: ExcelApi, language: Language = 'en'): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App api={api} language={language} />
    </FluentProvider>,
  );
}
