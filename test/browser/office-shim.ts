/**
 * A stand-in for office.js in the browser test: the page's request for Microsoft's CDN script
 * is answered with this bundle (so the production HTML stays exactly as it ships). It provides
 * the few `Office` members the pages use and installs the Excel test double over a workbook
 * shipped in `window.__TRAFIKLYS_SETUP__`, which the test prepends to the bundle.
 *
 * The test drives and inspects the page through `window.__trafiklysProbe`.
 */
import { InMemoryWorkbook, installExcelDouble, isVersionAtMost, type DoubleHandle } from '../excel-double/excel-double';
import { DocumentSettingsDouble } from '../excel-double/office-settings';
import type { ModelWorkbookData } from '../excel-double/workbook-model';

export interface OfficeShimSetup {
  workbook: ModelWorkbookData;
  /** `Office.context.displayLanguage`, e.g. `en-US`, `da-DK`. */
  displayLanguage: string;
  /** `Office.context.officeTheme.bodyBackgroundColor`. */
  bodyBackgroundColor: string;
  /**
   * The newest ExcelApi set this Excel has: the double fails newer members with `ApiNotFound`
   * and `isSetSupported` answers against it. Default: the double's newest.
   */
  apiVersion?: string;
  /** The double's per-request and per-response limit in bytes (Excel on the web: 5 MB). */
  payloadLimitBytes?: number;
  /** The host's culture (`da-DK` lists areas with `;`). Default `en-US`. */
  culture?: string;
}

type ActionHandler = (event: { completed(): void; source: { id: string } }) => unknown;

interface DialogRecord {
  url: string;
  options: unknown;
  handlers: Record<string, (arg: unknown) => void>;
  closed: boolean;
}

export interface OfficeShimProbe {
  double: DoubleHandle;
  /** `Office.context.document.settings`. */
  settings: DocumentSettingsDouble;
  dialogs: DialogRecord[];
  parentMessages: string[];
  /** Names registered with `Office.actions.associate`. */
  actionNames(): string[];
  /** Invokes an action as the ribbon would; resolves when it calls `event.completed()`. */
  runAction(name: string): Promise<void>;
  /** Sends "close" from the last dialog, as its Close button does. */
  closeLastDialog(): void;
  /** The double's workbook as plain data. */
  workbook(): ModelWorkbookData;
}

declare global {
  interface Window {
    __TRAFIKLYS_SETUP__?: OfficeShimSetup;
    __trafiklysProbe?: OfficeShimProbe;
  }
}

function installOfficeShim(win: Window): void {
  const setup = win.__TRAFIKLYS_SETUP__;
  if (!setup) throw new Error('office-shim: window.__TRAFIKLYS_SETUP__ is missing');
  const double = installExcelDouble(win, InMemoryWorkbook.fromJSON(setup.workbook), {
    apiVersion: setup.apiVersion,
    payloadLimitBytes: setup.payloadLimitBytes,
    culture: setup.culture,
  });
  const actions = new Map<string, ActionHandler>();
  const dialogs: DialogRecord[] = [];
  const parentMessages: string[] = [];
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  const dark = setup.bodyBackgroundColor;
  const settings = new DocumentSettingsDouble();

  const office = {
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook', OneNote: 'OneNote', Project: 'Project', Access: 'Access' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    // Like office.js: the callback runs asynchronously once the host is ready.
    onReady(callback?: (readyInfo: typeof info) => void): Promise<typeof info> {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
    actions: {
      associate(name: string, handler: ActionHandler): void {
        actions.set(name, handler);
      },
    },
    context: {
      displayLanguage: setup.displayLanguage,
      document: { settings },
      officeTheme: {
        bodyBackgroundColor: dark,
        bodyForegroundColor: '#000000',
        controlBackgroundColor: dark,
        controlForegroundColor: '#000000',
      },
      // Like office.js: a set the host lacks is `false`; no version means the set's 1.1.
      requirements: {
        isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && (setup.apiVersion === undefined || isVersionAtMost(version ?? '1.1', setup.apiVersion)),
      },
      ui: {
        displayDialogAsync(url: string, options: unknown, callback?: (result: unknown) => void): void {
          const record: DialogRecord = { url, options, handlers: {}, closed: false };
          dialogs.push(record);
          const dialog = {
            addEventHandler(type: string, handler: (arg: unknown) => void) {
              record.handlers[type] = handler;
            },
            close() {
              record.closed = true;
            },
            messageChild() {},
          };
          setTimeout(() => callback?.({ status: 'succeeded', value: dialog }), 0);
        },
        messageParent(message: string): void {
          parentMessages.push(message);
        },
      },
    },
  };
  (win as unknown as { Office: unknown }).Office = office;

  win.__trafiklysProbe = {
    double,
    settings,
    dialogs,
    parentMessages,
    actionNames: () => [...actions.keys()],
    runAction(name) {
      const handler = actions.get(name);
      if (!handler) return Promise.reject(new Error(`office-shim: no action named "${name}"`));
      return new Promise<void>((resolve) => {
        void handler({ completed: () => resolve(), source: { id: name } });
      });
    },
    closeLastDialog() {
      const last = dialogs[dialogs.length - 1];
      if (!last) throw new Error('office-shim: no dialog is open');
      last.handlers.dialogMessageReceived?.({ message: 'close', origin: undefined });
    },
    workbook: () => double.workbook.toJSON(),
  };
}

installOfficeShim(window);
