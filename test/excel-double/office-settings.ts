/**
 * `Office.context.document.settings` as Excel gives it to an add-in (`Office.Settings`,
 * https://learn.microsoft.com/javascript/api/office/office.settings): name/value pairs stored in
 * the document, per add-in. What the double keeps from the reference:
 *
 * - the settings saved in the document are loaded when the add-in starts; `get` and `set` work
 *   on that in-memory copy, and `get` of a name never set gives `null`;
 * - a value must survive JSON (string, number, boolean, null, object, array): it is stored as
 *   its JSON, so a later `get` returns a copy, never the object that was set;
 * - nothing reaches the document until `saveAsync`, whose callback receives an `AsyncResult`
 *   (`status` `'succeeded'` or `'failed'` with `error`, `asyncContext` from the options,
 *   https://learn.microsoft.com/javascript/api/office/office.savesettingsoptions), asynchronously;
 * - reopening the document ({@link DocumentSettingsDouble.reopen}) sees only what was saved.
 *
 * No Node imports: a browser test bundles this file.
 */

/** The `AsyncResult` a `saveAsync` callback receives (https://learn.microsoft.com/javascript/api/office/office.asyncresult). */
export interface AsyncResultDouble {
  status: 'succeeded' | 'failed';
  value: undefined;
  asyncContext?: unknown;
  error?: { code: number; name: string; message: string };
}

type SaveCallback = (result: AsyncResultDouble) => void;

/** The document's stored settings and the add-in's in-memory copy of them. */
export class DocumentSettingsDouble {
  private memory: Map<string, string>;
  /** Saves a test makes fail (`saveAsync` then reports `failed` and the document keeps what it had). */
  failSaves = 0;
  /** Completed `saveAsync` calls. */
  saves = 0;

  constructor(private readonly document: Map<string, string> = new Map()) {
    this.memory = new Map(document);
  }

  get(name: string): unknown {
    const json = this.memory.get(name);
    return json === undefined ? null : (JSON.parse(json) as unknown);
  }

  set(name: string, value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new Error(`The value of setting '${name}' cannot be stored: settings hold JSON values only.`);
    this.memory.set(name, json);
  }

  remove(name: string): void {
    this.memory.delete(name);
  }

  saveAsync(optionsOrCallback?: { asyncContext?: unknown } | SaveCallback, maybeCallback?: SaveCallback): void {
    const options = typeof optionsOrCallback === 'function' ? {} : (optionsOrCallback ?? {});
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
    const snapshot = new Map(this.memory);
    setTimeout(() => {
      const context = 'asyncContext' in options ? { asyncContext: options.asyncContext } : {};
      if (this.failSaves > 0) {
        this.failSaves -= 1;
        callback?.({ status: 'failed', value: undefined, ...context, error: { code: 5001, name: 'Internal Error', message: 'An internal error has occurred.' } });
        return;
      }
      this.document.clear();
      for (const [key, json] of snapshot) this.document.set(key, json);
      this.saves += 1;
      callback?.({ status: 'succeeded', value: undefined, ...context });
    }, 0);
  }

  /** The document closed and opened again: a fresh in-memory copy of what was saved. */
  reopen(): DocumentSettingsDouble {
    return new DocumentSettingsDouble(this.document);
  }

  /** What the document holds now (saved settings only). */
  stored(name: string): unknown {
    const json = this.document.get(name);
    return json === undefined ? null : (JSON.parse(json) as unknown);
  }
}
