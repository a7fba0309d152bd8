/**
 * The task pane's entry: waits for Office, picks language and theme from Office, and renders
 * the App with the Office-touching functions as props. The only task-pane file that imports
 * `src/excel` (lint enforces it for the rest).
 */
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { goalSheetTemplate } from '../engine/index';
import { exampleWorkbook } from '../examples/resultatkontrakt-2021';
import {
  autoRecalculationInExcel,
  checkExcelReportSupport,
  checkExcelSupport,
  insertNewSheets,
  officeDocumentSettings,
  readAutoRecalculate,
  recalculateInExcel,
  runExclusive,
  saveAutoRecalculate,
  selectCell,
  type AutoRecalculationEvent,
} from '../excel';
import { App } from './app';
import type { ExcelApi } from './excel-api';
import { pickLanguage } from '../ui/i18n';
import { pickThemeKind } from '../ui/theme';

/** Who hears the automatic recalculations: the pane's switch, once it started watching. */
let autoListener: (event: AutoRecalculationEvent) => void = () => undefined;
const auto = autoRecalculationInExcel((event) => autoListener(event));

/** The Office-backed implementation of the pane's seam. */
const excelApi: ExcelApi = {
  checkSupport: () => checkExcelSupport(),
  checkReportSupport: () => checkExcelReportSupport(),
  // The lock is shared with the ribbon command when both run in one runtime (recalculation-lock.ts).
  // Every run teaches the automatic recalculation which cells are inputs and which are ours.
  recalculate: (request) => runExclusive(() => recalculateInExcel({ ...request, onEvaluated: auto.learn })),
  selectCell: (sheet, address) => selectCell(sheet, address),
  insertTemplate: (language) => insertNewSheets(goalSheetTemplate(language)),
  insertExample: () => insertNewSheets(exampleWorkbook()),
  autoRecalculation: {
    checkSupport: () => auto.checkSupport(),
    isRemembered: () => readAutoRecalculate(officeDocumentSettings()),
    start: (listener) => {
      autoListener = listener;
      return auto.start();
    },
    stop: () => auto.stop(),
    remember: (on) => saveAutoRecalculate(officeDocumentSettings(), on),
  },
};

/** Renders the pane once Office is ready; marks `trafiklys:ready` for load-time measurements. */
function startTaskpane(): void {
  const container = document.getElementById('container');
  if (!container) return;
  const root = createRoot(container);
  void Office.onReady(() => {
    const language = pickLanguage(Office.context?.displayLanguage);
    const dark = pickThemeKind(Office.context?.officeTheme?.bodyBackgroundColor) === 'dark';
    document.documentElement.lang = language;
    document.body.style.backgroundColor = (dark ? webDarkTheme : webLightTheme).colorNeutralBackground1;
    root.render(
      <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
        <App api={excelApi} language={language} />
      </FluentProvider>,
    );
    requestAnimationFrame(() => performance.mark('trafiklys:ready'));
  });
}

startTaskpane();
