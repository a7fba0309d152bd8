/**
 * A faithful-enough Excel JavaScript API over an {@link InMemoryWorkbook}, for tests in Node and
 * in a browser page. What it keeps from Office.js (Microsoft's "Excel JavaScript object model"
 * and "Blank and null values" docs), because these are what real add-ins get wrong:
 *
 * - objects are proxies; property sets, method calls and `load` are queued and run in order at
 *   `context.sync()`, the only round trip; `Excel.run` syncs what is left at the end;
 * - reading a property that was not loaded (or set) throws `PropertyNotLoaded`;
 * - `values`, `formulas`, `numberFormat` are 2-D arrays that must match the range's shape
 *   (`InvalidArgument`); `null` inside one leaves that cell alone, `''` clears it; a string
 *   starting with `=` written to `values` is a formula, one starting with `'` is text;
 * - `getItem` of a missing sheet rejects the sync with `ItemNotFound`; `*OrNullObject` gives a
 *   null object; writes to a protected sheet reject with `AccessDenied`;
 * - each sync is counted and its request and response are measured as JSON; a request over 5 MB
 *   rejects with `RequestPayloadSizeLimitExceeded`, a response with `ResponsePayloadSizeLimitExceeded`
 *   (Excel on the web's limits);
 * - every member knows the ExcelApi requirement set that introduced it (Microsoft's "Excel
 *   JavaScript API requirement sets" tables); configured with a lower `apiVersion`, a sync that
 *   reaches that member fails there with `ApiNotFound`, as an older Excel does (the operations
 *   before it have run);
 * - a culture whose list separator is `;` (da-DK) refuses `,`-joined multi-area addresses;
 * - `Worksheet.onChanged` (ExcelApi 1.7) and `WorksheetCollection.onChanged` (1.9) raise one
 *   `WorksheetChangedEventArgs` per area written, after the sync, for the add-in's own `values`,
 *   `formulas` and `clear` as for a user's edit or paste ({@link DoubleHandle.userEdit}); see
 *   {@link WorksheetChangedEventArgsDouble}.
 *
 * No Node imports here: a browser test bundles this file.
 */
import {
  type CellRect,
  type ModelCell,
  type ModelSheet,
  type ModelValue,
  InMemoryWorkbook,
  MAX_COLUMNS,
  MAX_ROWS,
  ensureCell,
  formatRect,
  isBlankCell,
  parseArea,
  quoteSheetName,
} from './workbook-model';

/** Excel on the web's limit per request and per response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel's limit on the cells one range read may return. */
export const MAX_CELLS_PER_READ = 5_000_000;

// Message texts: Office's own where office_strings.js has them (PropertyNotLoaded,
// InvalidArgument, InvalidOperationInCellEditMode, InvalidRequestContext); the others are the
// texts Excel's service returns for these codes.
const MESSAGES = {
  PropertyNotLoaded: (p: string) =>
    `The property '${p}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  InvalidArgument: (p: string) => `The argument '${p}' doesn't work for this situation, is missing, or isn't in the right format.`,
  ShapeMismatch: 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.',
  ItemNotFound: 'The requested resource doesn\'t exist.',
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  AccessDenied: 'The cell or chart you\'re trying to change is protected and therefore read-only.',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. See https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization for more information.',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. See https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization for more information.',
  ApiNotFound: (member: string) => `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${member})`,
  InvalidOperationInCellEditMode:
    'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  RunMustReturnPromise: 'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
  GeneralException: 'There was an internal error while processing the request.',
};

/**
 * The error a rejected sync or a bad read throws, shaped like `OfficeExtension.Error`
 * (https://learn.microsoft.com/javascript/api/office/officeextension.error): `code`, `message`,
 * `debugInfo` (https://learn.microsoft.com/javascript/api/office/officeextension.debuginfo:
 * `errorLocation`, `statement`, `surroundingStatements`) and `traceMessages`, the messages of
 * the `context.trace()` calls that ran before the failing command.
 */
export class DoubleError extends Error {
  override name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; statement?: string; surroundingStatements?: string[] };
  traceMessages: string[] = [];

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

/**
 * A host error a test injects: the `command`-th command (0-based, `context.trace()` not counted)
 * of sync number `sync` (1-based, as {@link DoubleHandle.syncCount} counts) fails with `code`.
 * The commands before it have been applied, the rest are not, and the sync rejects, as Excel does
 * (the "traceMessages" example of Microsoft's OfficeExtension.Error reference). `persistent`:
 * the same command (same kind, property or method, target and arguments) fails again every time
 * it is sent later.
 */
export interface InjectedFailure {
  sync: number;
  command: number;
  code?: string;
  persistent?: boolean;
}

/** A co-author's edit, applied to the workbook just before sync number `beforeSync` runs (between two round trips). */
export interface CoAuthorEdit {
  beforeSync: number;
  edit: (workbook: InMemoryWorkbook) => void;
}

/**
 * What a change handler receives, as Excel's `WorksheetChangedEventArgs`
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs, ExcelApi 1.7):
 * `address` is the changed area on its sheet without the sheet's name, one event for the whole
 * area of an edit or paste; `details` (ExcelApi 1.9, `ChangedEventDetail`) "can be retrieved when
 * the changed event is triggered on a single cell" only, so it is absent for a multi-cell area;
 * `triggerSource` (ExcelApi 1.14) tells whether this local add-in made the change. Fields newer
 * than the double's `apiVersion` are left out, as an older Excel does not send them.
 */
export interface WorksheetChangedEventArgsDouble {
  address: string;
  changeType: 'RangeEdited';
  source: 'Local' | 'Remote';
  worksheetId: string;
  type: 'WorksheetChanged';
  details?: { valueBefore: unknown; valueAfter: unknown; valueTypeBefore: string; valueTypeAfter: string };
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

/** A handler registered with `onChanged.add`, alive until its `EventHandlerResult.remove()` is synced. */
interface ChangeRegistration {
  /** The sheet of `Worksheet.onChanged`; `null` for `WorksheetCollection.onChanged` (every sheet). */
  sheet: ModelSheet | null;
  handler: (args: WorksheetChangedEventArgsDouble) => unknown;
}

/** One area changed, waiting to be raised as an event. */
interface ChangedArea {
  sheet: ModelSheet;
  rect: CellRect;
  byAddin: boolean;
  source: 'Local' | 'Remote';
  details?: { before: ModelCell | undefined; after: ModelCell | undefined };
}

/** Counters a test reads after the add-in ran. */
export interface DoubleHandle {
  workbook: InMemoryWorkbook;
  /** The `Excel` namespace installed on the target. */
  Excel: ExcelDoubleNamespace;
  /** Round trips made so far. */
  syncCount: number;
  /** Bytes of each sync's request and response (JSON length), in order. */
  requestBytes: number[];
  responseBytes: number[];
  /** Syncs whose request and response were both empty (a round trip that did nothing). */
  emptySyncs: number;
  /** Zeroes the counters (between two runs of one test). */
  resetCounters(): void;
  /** Host errors to raise (see {@link InjectedFailure}). */
  failures: InjectedFailure[];
  /** Co-authors' edits to apply between syncs (see {@link CoAuthorEdit}). */
  coAuthorEdits: CoAuthorEdit[];
  /** Per sync, the commands it carried (descriptions, `context.trace()` not counted): tests enumerate positions with it. */
  commandLog: string[][];
  /** Commands a persistent injected failure made fail, with their code: they fail whenever sent again. */
  persistentCommands: Map<string, string>;
  /** Live `onChanged` registrations (added by a sync, gone once a `remove()` is synced). */
  changeHandlers: ChangeRegistration[];
  /** Every change event raised, in order (tests count them). */
  raisedEvents: WorksheetChangedEventArgsDouble[];
  /**
   * A user types into `address` (one cell) or pastes a block over it (`values` matching its
   * shape), locally or, with `source: 'Remote'`, as a co-author: the cells change at once and
   * one change event for the whole area is raised, delivered asynchronously as Excel does.
   */
  userEdit(sheet: string, address: string, values: unknown[][], options?: { source?: 'Local' | 'Remote' }): void;
  /** Sends change events for areas changed (the double calls it after each sync). */
  raiseChanges(areas: readonly ChangedArea[]): void;
}

export interface ExcelDoubleNamespace {
  run<T>(batch: (context: DoubleRequestContext) => Promise<T>): Promise<T>;
  run<T>(object: unknown, batch: (context: DoubleRequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => DoubleRequestContext;
  ErrorCodes: Record<string, string>;
}

export interface InstallExcelDoubleOptions {
  /** Defaults to {@link PAYLOAD_LIMIT_BYTES}; a test may lower it to exercise chunking cheaply. */
  payloadLimitBytes?: number;
  /** The highest ExcelApi set this Excel supports, e.g. `'1.2'`; default {@link LATEST_API_VERSION}. */
  apiVersion?: string;
  /** The host's culture; `da-DK` (and other `;`-separator cultures) refuse `,` in multi-area addresses. Default `en-US`. */
  culture?: string;
}

/** The newest ExcelApi set the double models. */
export const LATEST_API_VERSION = '1.20';

/** Cultures whose list separator is `;` (the ones tests use; Excel takes it from the OS). */
const SEMICOLON_CULTURES = /^(da|de|fr|nl|nb|sv|fi|es|it|pt|pl|cs)(-|$)/i;

/**
 * `true` when requirement set `version` is at or below `supported` (`1.10` > `1.9`).
 *
 * @example isVersionAtMost('1.9', '1.12') // true
 */
export function isVersionAtMost(version: string, supported: string): boolean {
  const [a1, a2] = version.split('.').map(Number) as [number, number];
  const [b1, b2] = supported.split('.').map(Number) as [number, number];
  return a1 < b1 || (a1 === b1 && (a2 ?? 0) <= (b2 ?? 0));
}

type Op =
  | { kind: 'load'; obj: ClientObject; paths: string[][] }
  | { kind: 'set'; obj: ClientObject; prop: string; value: unknown; requires?: string }
  | { kind: 'call'; obj: ClientObject; method: string; args: unknown[]; requires?: string; member?: string }
  | { kind: 'touch'; obj: ClientObject }
  | { kind: 'trace'; message: string };

interface Staged {
  obj: ClientObject;
  prop: string;
  value: unknown;
}

const NULL_TARGET = Symbol('null object');
type Resolved<T> = T | typeof NULL_TARGET;

/** A shared view of a cell rectangle on a sheet, the target of Range and format objects. */
interface AreaTarget {
  sheet: ModelSheet;
  rects: CellRect[];
}

function fail(code: keyof typeof MESSAGES | string, message: string): never {
  throw new DoubleError(code, message);
}

/** Splits a load argument into property paths (`'a, b/c'`, `['a']`, `{ select, expand }`, `{ a: true, b: { c: true } }`). */
function parseLoadSpec(spec: unknown): string[][] | 'all' {
  if (spec === undefined || spec === null) return 'all';
  const paths: string[] = [];
  const fromObject = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [key, val] of Object.entries(obj)) {
      if (key === '$all' || key === '$top' || key === '$skip') continue;
      if (val === true) paths.push(prefix + key);
      else if (val && typeof val === 'object') fromObject(val as Record<string, unknown>, `${prefix}${key}/`);
    }
  };
  if (typeof spec === 'string') paths.push(...spec.split(','));
  else if (Array.isArray(spec)) paths.push(...spec.map(String));
  else if (typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    if (typeof o.select === 'string' || typeof o.expand === 'string') {
      if (typeof o.select === 'string') paths.push(...o.select.split(','));
      if (typeof o.expand === 'string') paths.push(...o.expand.split(','));
    } else fromObject(o, '');
  }
  return paths.map((p) => p.trim()).filter((p) => p !== '').map((p) => p.split('/').map((s) => s.trim()));
}

/** The base of every proxy: queued operations, loaded values, null-object state. */
abstract class ClientObject {
  protected readonly loaded = new Map<string, unknown>();
  private resolvedTarget: Resolved<unknown> | undefined;
  private nullKnown = false;
  private readonly navigation = new Map<string, ClientObject>();
  /** The requirement set of the member that produced this proxy (`getRanges`: 1.9); every use of it needs that set. */
  requires = '1.1';
  /** What the proxy is called in an `ApiNotFound` message. */
  member = '';
  /** Where the proxy points, for command descriptions (`'Mål 2021'!J2:J9`); set by the proxies that know. */
  label = '';
  /** Requirement sets of property sets above 1.1 (`columnWidth`: 1.2). */
  protected readonly setRequires: Readonly<Record<string, string>> = {};

  constructor(
    readonly context: DoubleRequestContext,
    private readonly resolver: () => Resolved<unknown>,
  ) {}

  /** Marks the proxy as needing `version` (the member that made it is that new). */
  needs(version: string, member: string): this {
    if (!isVersionAtMost(version, this.requires)) {
      this.requires = version;
      this.member = member;
    }
    return this;
  }

  /** Scalar properties `load()` with no argument returns. */
  protected abstract readonly scalarNames: readonly string[];
  /** Computes a scalar at sync time. */
  protected abstract readScalar(prop: string, target: unknown): unknown;
  /** Applies a queued property set at sync time. */
  protected applySet(prop: string, _value: unknown, _target: unknown): void {
    fail('InvalidArgument', MESSAGES.InvalidArgument(prop));
  }
  /** Runs a queued method at sync time. */
  protected applyCall(method: string, _args: unknown[], _target: unknown): void {
    fail('GeneralException', `${MESSAGES.GeneralException} (${method})`);
  }
  /** Builds a navigation property's proxy (`format`, `fill`, `protection`); `undefined` if none. */
  protected createNavigation(_name: string): ClientObject | undefined {
    return undefined;
  }

  /** Resolves the proxy against the model; runs at sync, in queue order, once. */
  resolve(): Resolved<unknown> {
    this.context.checkApi(this.requires, this.member);
    if (this.resolvedTarget === undefined) this.resolvedTarget = this.resolver();
    return this.resolvedTarget;
  }

  markResolved(): void {
    this.nullKnown = true;
  }

  get isNullObject(): boolean {
    if (!this.nullKnown) fail('PropertyNotLoaded', MESSAGES.PropertyNotLoaded('isNullObject'));
    return this.resolvedTarget === NULL_TARGET;
  }

  /** Queues a load; the values arrive at the next sync. */
  load(spec?: unknown): this {
    const parsed = parseLoadSpec(spec);
    const paths = parsed === 'all' ? this.scalarNames.map((n) => [n]) : parsed;
    this.context.enqueue({ kind: 'load', obj: this, paths });
    return this;
  }

  /** `toJSON` of Office.js returns the loaded scalars; handy in tests. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  nav<T extends ClientObject>(name: string): T {
    let obj = this.navigation.get(name);
    if (!obj) {
      obj = this.createNavigation(name);
      if (!obj) fail('InvalidArgument', MESSAGES.InvalidArgument(name));
      obj.label = this.label;
      this.navigation.set(name, obj);
    }
    return obj as T;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) fail('PropertyNotLoaded', MESSAGES.PropertyNotLoaded(prop));
    return this.loaded.get(prop) as T;
  }

  protected queueSet(prop: string, value: unknown): void {
    const requires = this.setRequires[prop];
    this.context.enqueue({ kind: 'set', obj: this, prop, value, ...(requires ? { requires } : {}) });
    // Office.js keeps a set value locally, so reading it back before a sync works.
    this.loaded.set(prop, value);
  }

  protected queueCall(method: string, args: unknown[] = [], requires?: string): void {
    this.context.enqueue({ kind: 'call', obj: this, method, args, ...(requires ? { requires } : {}) });
  }

  /** A navigation child that needs a newer set than its parent (`protection`: 1.2). */
  protected newerChild<T extends ClientObject>(child: T, version: string, member: string): T {
    child.requires = this.requires;
    child.member = this.member;
    return child.needs(version, member);
  }

  /** Sync-time: loads one path into `stage`. */
  loadPath(path: string[], stage: Staged[]): void {
    const target = this.resolve();
    this.markResolved();
    const [head, ...rest] = path;
    if (head === undefined) return;
    if (rest.length === 0 && this.scalarNames.includes(head)) {
      stage.push({ obj: this, prop: head, value: target === NULL_TARGET ? null : this.readScalar(head, target) });
      return;
    }
    if (rest.length === 0) {
      // A navigation property loaded whole: `load('format/fill')` loads fill's scalars.
      const child = this.createNavigationSafe(head);
      if (!child) fail('InvalidArgument', MESSAGES.InvalidArgument(head));
      for (const name of child.scalarNames) child.loadPath([name], stage);
      return;
    }
    const child = this.createNavigationSafe(head);
    if (!child) fail('InvalidArgument', MESSAGES.InvalidArgument(path.join('/')));
    child.loadPath(rest, stage);
  }

  private createNavigationSafe(name: string): ClientObject | undefined {
    try {
      return this.nav(name);
    } catch {
      return undefined;
    }
  }

  /** Sync-time: loads every scalar (`load()` with no argument, or a collection's items). */
  loadAllScalars(stage: Staged[]): void {
    for (const name of this.scalarNames) this.loadPath([name], stage);
  }

  commit(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }

  runSet(prop: string, value: unknown): void {
    const target = this.resolve();
    this.markResolved();
    if (target === NULL_TARGET) return;
    this.applySet(prop, value, target);
  }

  runCall(method: string, args: unknown[]): void {
    const target = this.resolve();
    this.markResolved();
    if (target === NULL_TARGET) return;
    this.applyCall(method, args, target);
  }
}

// ----- cells -------------------------------------------------------------------------------------

const ERROR_LITERALS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#CONNECT!', '#BLOCKED!', '#UNKNOWN!']);

function valueOut(cell: ModelCell | null | undefined): string | number | boolean {
  const v = cell?.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

/** `Excel.RangeValueType` of a cell, for a change event's `details`. */
function valueTypeOf(cell: ModelCell | null | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return 'Empty';
  if (typeof v === 'object') return 'Error';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  return 'String';
}

/** A sheet's `id`: Excel's is an opaque key that stays when the sheet is renamed; the double's is its first name in braces. */
const SHEET_IDS = new WeakMap<ModelSheet, string>();
function worksheetIdOf(sheet: ModelSheet): string {
  let id = SHEET_IDS.get(sheet);
  if (!id) {
    id = `{${sheet.name}}`;
    SHEET_IDS.set(sheet, id);
  }
  return id;
}

/** What Excel stores for a value written through `values` (parsed like typed input). */
function parseTyped(input: unknown, viaFormulas: boolean): { value: ModelValue; formula?: string; impliedFormat?: string } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) fail('InvalidArgument', MESSAGES.InvalidArgument('values'));
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') fail('InvalidArgument', MESSAGES.InvalidArgument(viaFormulas ? 'formulas' : 'values'));
  if (input === '') return { value: null };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith('=') && input.length > 1) return { value: null, formula: input };
  const t = input.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  const pct = /^([+-]?(\d+(\.\d*)?|\.\d+))\s*%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, impliedFormat: '0%' };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  if (ERROR_LITERALS.has(t.toUpperCase())) return { value: { error: t.toUpperCase() } };
  return { value: input };
}

const COLOR_NAMES: Record<string, string> = { black: '#000000', white: '#FFFFFF', red: '#FF0000', green: '#008000', blue: '#0000FF', yellow: '#FFFF00', orange: '#FFA500', gray: '#808080', grey: '#808080' };

function normalizeColor(input: unknown, prop: string): string {
  if (typeof input !== 'string') fail('InvalidArgument', MESSAGES.InvalidArgument(prop));
  if (/^#[0-9A-Fa-f]{6}$/.test(input)) return input.toUpperCase();
  const named = COLOR_NAMES[input.toLowerCase()];
  if (!named) fail('InvalidArgument', MESSAGES.InvalidArgument(prop));
  return named;
}

function* cellsOf(target: AreaTarget): Generator<{ row: number; col: number }> {
  for (const rect of target.rects) {
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let col = rect.left; col <= rect.right; col++) yield { row, col };
    }
  }
}

function assertWritable(sheet: ModelSheet): void {
  if (sheet.protected) fail('AccessDenied', MESSAGES.AccessDenied);
}

function cellCount(rect: CellRect): number {
  return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
}

/** A format property read over several cells: the common value, or `null` when they differ. */
function commonValue<T>(target: AreaTarget, pick: (cell: ModelCell | undefined) => T): T | null {
  let first = true;
  let result: T | null = null;
  for (const { row, col } of cellsOf(target)) {
    const v = pick(target.sheet.rows[row]?.[col] ?? undefined);
    if (first) {
      result = v;
      first = false;
    } else if (v !== result) return null;
  }
  return result;
}

/** A 2-D input array checked against the range's shape; a scalar applies to every cell. */
function gridInput(input: unknown, rect: CellRect, prop: string): (row: number, col: number) => unknown {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (!Array.isArray(input)) {
    if (input === null || input === undefined) fail('InvalidArgument', MESSAGES.InvalidArgument(prop));
    return () => input;
  }
  if (input.length !== rows || input.some((r) => !Array.isArray(r) || r.length !== cols)) fail('InvalidArgument', MESSAGES.ShapeMismatch);
  return (row, col) => (input[row - rect.top] as unknown[])[col - rect.left];
}

// ----- proxies -----------------------------------------------------------------------------------

class RangeFillDouble extends ClientObject {
  protected readonly scalarNames = ['color'] as const;
  constructor(context: DoubleRequestContext, area: () => Resolved<AreaTarget>) {
    super(context, area);
  }
  get color(): string | null {
    return this.read('color');
  }
  set color(value: string | null) {
    this.queueSet('color', value);
  }
  clear(): void {
    this.queueCall('clear');
  }
  protected readScalar(_prop: string, target: unknown): unknown {
    return commonValue(target as AreaTarget, (c) => c?.fill ?? '#FFFFFF');
  }
  protected override applySet(prop: string, value: unknown, target: unknown): void {
    const t = target as AreaTarget;
    const color = normalizeColor(value, `format.fill.${prop}`);
    assertWritable(t.sheet);
    for (const { row, col } of cellsOf(t)) ensureCell(t.sheet, row, col).fill = color;
  }
  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    if (method !== 'clear') super.applyCall(method, args, target);
    const t = target as AreaTarget;
    assertWritable(t.sheet);
    for (const { row, col } of cellsOf(t)) {
      const cell = t.sheet.rows[row]?.[col];
      if (cell) delete cell.fill;
    }
  }
}

class RangeFontDouble extends ClientObject {
  protected readonly scalarNames = ['color', 'bold'] as const;
  constructor(context: DoubleRequestContext, area: () => Resolved<AreaTarget>) {
    super(context, area);
  }
  get color(): string | null {
    return this.read('color');
  }
  set color(value: string | null) {
    this.queueSet('color', value);
  }
  get bold(): boolean | null {
    return this.read('bold');
  }
  set bold(value: boolean | null) {
    this.queueSet('bold', value);
  }
  protected readScalar(prop: string, target: unknown): unknown {
    const t = target as AreaTarget;
    return prop === 'color' ? commonValue(t, (c) => c?.fontColor ?? '#000000') : commonValue(t, (c) => c?.bold ?? false);
  }
  protected override applySet(prop: string, value: unknown, target: unknown): void {
    const t = target as AreaTarget;
    if (prop === 'color') {
      const color = normalizeColor(value, 'format.font.color');
      assertWritable(t.sheet);
      for (const { row, col } of cellsOf(t)) ensureCell(t.sheet, row, col).fontColor = color;
      return;
    }
    if (prop === 'bold') {
      if (typeof value !== 'boolean') fail('InvalidArgument', MESSAGES.InvalidArgument('format.font.bold'));
      assertWritable(t.sheet);
      for (const { row, col } of cellsOf(t)) {
        if (value) ensureCell(t.sheet, row, col).bold = true;
        else {
          const cell = t.sheet.rows[row]?.[col];
          if (cell) delete cell.bold;
        }
      }
      return;
    }
    super.applySet(prop, value, target);
  }
}

/** Excel's default row height (Calibri 11) and its largest, in points. */
const DEFAULT_ROW_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;

class RangeFormatDouble extends ClientObject {
  protected readonly scalarNames = ['columnWidth', 'rowHeight', 'wrapText', 'indentLevel', 'verticalAlignment'] as const;
  protected override readonly setRequires = { columnWidth: '1.2', rowHeight: '1.2', indentLevel: '1.9' };
  constructor(context: DoubleRequestContext, private readonly area: () => Resolved<AreaTarget>) {
    super(context, area);
  }
  get fill(): RangeFillDouble {
    return this.nav('fill');
  }
  get font(): RangeFontDouble {
    return this.nav('font');
  }
  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(value: number) {
    this.queueSet('columnWidth', value);
  }
  get rowHeight(): number | null {
    return this.read('rowHeight');
  }
  set rowHeight(value: number | null) {
    this.queueSet('rowHeight', value);
  }
  get wrapText(): boolean | null {
    return this.read('wrapText');
  }
  set wrapText(value: boolean | null) {
    this.queueSet('wrapText', value);
  }
  get indentLevel(): number | null {
    return this.read('indentLevel');
  }
  /** https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-verticalalignment-member: Top, Center, Bottom, Justify, Distributed; Bottom by default. */
  get verticalAlignment(): string | null {
    return this.read('verticalAlignment');
  }
  set verticalAlignment(value: string | null) {
    this.queueSet('verticalAlignment', value);
  }
  set indentLevel(value: number | null) {
    this.queueSet('indentLevel', value);
  }
  protected override createNavigation(name: string): ClientObject | undefined {
    if (name === 'fill') return new RangeFillDouble(this.context, this.area);
    if (name === 'font') return new RangeFontDouble(this.context, this.area);
    return undefined;
  }
  protected readScalar(prop: string, target: unknown): unknown {
    const t = target as AreaTarget;
    if (prop === 'wrapText') return commonValue(t, (c) => c?.wrap ?? false);
    if (prop === 'indentLevel') return commonValue(t, (c) => c?.indent ?? 0);
    if (prop === 'verticalAlignment') return commonValue(t, (c) => c?.verticalAlignment ?? 'Bottom');
    if (prop === 'rowHeight') {
      this.context.checkApi('1.2', 'RangeFormat.rowHeight');
      // Excel: the rows' common height, null when they differ.
      const spans = t.sheet.rowHeights ?? [];
      const heightOf = (row: number): number => {
        for (let i = spans.length - 1; i >= 0; i--) if (row >= spans[i]!.top && row <= spans[i]!.bottom) return spans[i]!.height;
        return DEFAULT_ROW_HEIGHT;
      };
      // The height can change only where a span begins or ends, so those rows (and each rect's first) are enough to compare.
      const rows = new Set<number>();
      for (const rect of t.rects) {
        rows.add(rect.top);
        for (const s of spans) for (const row of [s.top, s.bottom + 1]) if (row >= rect.top && row <= rect.bottom) rows.add(row);
      }
      const heights = new Set([...rows].map(heightOf));
      return heights.size === 1 ? [...heights][0] : null;
    }
    const left = t.rects[0]!.left;
    this.context.checkApi('1.2', 'RangeFormat.columnWidth');
    return t.sheet.columnWidths?.[left] ?? 8.43 * 7;
  }
  protected override applySet(prop: string, value: unknown, target: unknown): void {
    const t = target as AreaTarget;
    if (prop === 'columnWidth' && typeof value === 'number' && value >= 0) {
      // Stored per column, for the columns the range spans.
      t.sheet.columnWidths ??= {};
      for (const rect of t.rects) for (let col = rect.left; col <= rect.right; col++) t.sheet.columnWidths[col] = value;
      return;
    }
    if (prop === 'rowHeight') {
      // Excel takes 0 to 409 points and refuses anything else.
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_ROW_HEIGHT) fail('InvalidArgument', MESSAGES.InvalidArgument('format.rowHeight'));
      t.sheet.rowHeights ??= [];
      for (const rect of t.rects) t.sheet.rowHeights.push({ top: rect.top, bottom: rect.bottom, height: value });
      return;
    }
    if (prop === 'wrapText' && typeof value === 'boolean') {
      assertWritable(t.sheet);
      for (const { row, col } of cellsOf(t)) {
        if (value) ensureCell(t.sheet, row, col).wrap = true;
        else delete (t.sheet.rows[row]?.[col] ?? {}).wrap;
      }
      return;
    }
    if (prop === 'verticalAlignment' && typeof value === 'string' && ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'].includes(value)) {
      assertWritable(t.sheet);
      for (const { row, col } of cellsOf(t)) {
        if (value !== 'Bottom') ensureCell(t.sheet, row, col).verticalAlignment = value;
        else delete (t.sheet.rows[row]?.[col] ?? {}).verticalAlignment;
      }
      return;
    }
    if (prop === 'indentLevel' && typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 250) {
      assertWritable(t.sheet);
      for (const { row, col } of cellsOf(t)) {
        if (value > 0) ensureCell(t.sheet, row, col).indent = value;
        else delete (t.sheet.rows[row]?.[col] ?? {}).indent;
      }
      return;
    }
    super.applySet(prop, value, target);
  }
}

function resolveArea(obj: ClientObject): Resolved<AreaTarget> {
  return obj.resolve() as Resolved<AreaTarget>;
}

export class RangeDouble extends ClientObject {
  protected readonly scalarNames = ['address', 'addressLocal', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'cellCount', 'values', 'formulas', 'numberFormat', 'valueTypes', 'text'] as const;

  constructor(context: DoubleRequestContext, resolver: () => Resolved<AreaTarget>) {
    super(context, resolver);
  }

  get address(): string {
    return this.read('address');
  }
  get addressLocal(): string {
    return this.read('addressLocal');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    this.queueSet('values', v);
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(v: unknown[][]) {
    this.queueSet('formulas', v);
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.queueSet('numberFormat', v);
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get text(): string[][] {
    return this.read('text');
  }
  get format(): RangeFormatDouble {
    return this.nav('format');
  }

  protected override createNavigation(name: string): ClientObject | undefined {
    if (name === 'format') return new RangeFormatDouble(this.context, () => resolveArea(this));
    return undefined;
  }

  private derive(make: (t: AreaTarget) => CellRect | null, orNull = false): RangeDouble {
    const proxy = new RangeDouble(this.context, () => {
      const t = resolveArea(this);
      if (t === NULL_TARGET) return NULL_TARGET;
      const rect = make(t);
      if (!rect) {
        if (orNull) return NULL_TARGET;
        fail('InvalidArgument', MESSAGES.InvalidArgument('range'));
      }
      if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS) fail('InvalidArgument', MESSAGES.InvalidArgument('range'));
      return { sheet: t.sheet, rects: [rect] };
    });
    if (orNull) this.context.enqueue({ kind: 'touch', obj: proxy });
    return proxy;
  }

  private otherRect(t: AreaTarget, other: RangeDouble | string): CellRect {
    if (typeof other === 'string') {
      const area = parseArea(other);
      if (!area) fail('InvalidArgument', MESSAGES.InvalidArgument('anotherRange'));
      return area.rect;
    }
    const o = resolveArea(other);
    if (o === NULL_TARGET || o.sheet !== t.sheet) fail('InvalidArgument', MESSAGES.InvalidArgument('anotherRange'));
    return o.rects[0]!;
  }

  getCell(row: number, column: number): RangeDouble {
    return this.derive((t) => {
      const r = t.rects[0]!;
      return { top: r.top + row, left: r.left + column, bottom: r.top + row, right: r.left + column };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeDouble {
    return this.derive((t) => {
      const r = t.rects[0]!;
      const out = { ...r, bottom: r.bottom + deltaRows, right: r.right + deltaColumns };
      return out.bottom < out.top || out.right < out.left ? null : out;
    }).needs('1.2', 'Range.getResizedRange');
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeDouble {
    return this.derive((t) => {
      const r = t.rects[0]!;
      return { top: r.top + rowOffset, bottom: r.bottom + rowOffset, left: r.left + columnOffset, right: r.right + columnOffset };
    });
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeDouble {
    return this.derive((t) => {
      const r = t.rects[0]!;
      return numRows < 1 || numColumns < 1 ? null : { top: r.top, left: r.left, bottom: r.top + numRows - 1, right: r.left + numColumns - 1 };
    }).needs('1.7', 'Range.getAbsoluteResizedRange');
  }
  getIntersection(anotherRange: RangeDouble | string): RangeDouble {
    return this.derive((t) => intersect(t.rects[0]!, this.otherRect(t, anotherRange)));
  }
  getIntersectionOrNullObject(anotherRange: RangeDouble | string): RangeDouble {
    return this.derive((t) => intersect(t.rects[0]!, this.otherRect(t, anotherRange)), true).needs('1.4', 'Range.getIntersectionOrNullObject');
  }
  getBoundingRect(anotherRange: RangeDouble | string): RangeDouble {
    return this.derive((t) => {
      const a = t.rects[0]!;
      const b = this.otherRect(t, anotherRange);
      return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
    });
  }
  select(): void {
    this.queueCall('select');
  }
  clear(): void {
    this.queueCall('clear');
  }

  protected readScalar(prop: string, target: unknown): unknown {
    const t = target as AreaTarget;
    const rect = t.rects[0]!;
    const grid = <T>(f: (cell: ModelCell | undefined) => T): T[][] => {
      if (cellCount(rect) > MAX_CELLS_PER_READ) fail('ResponsePayloadSizeLimitExceeded', MESSAGES.ResponsePayloadSizeLimitExceeded);
      const out: T[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: T[] = [];
        const cells = t.sheet.rows[r];
        for (let c = rect.left; c <= rect.right; c++) row.push(f(cells?.[c] ?? undefined));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case 'address':
      case 'addressLocal':
        return `${quoteSheetName(t.sheet.name)}!${formatRect(rect)}`;
      case 'rowCount':
        return rect.bottom - rect.top + 1;
      case 'columnCount':
        return rect.right - rect.left + 1;
      case 'rowIndex':
        return rect.top;
      case 'columnIndex':
        return rect.left;
      case 'cellCount':
        return cellCount(rect);
      case 'values':
        return grid(valueOut);
      case 'text':
        return grid((c) => String(valueOut(c)));
      case 'formulas':
        return grid((c) => c?.formula ?? valueOut(c));
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid((c) => {
          const v = c?.value;
          if (v === null || v === undefined || v === '') return 'Empty';
          if (typeof v === 'object') return 'Error';
          return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
        });
      default:
        return fail('InvalidArgument', MESSAGES.InvalidArgument(prop));
    }
  }

  protected override applySet(prop: string, value: unknown, target: unknown): void {
    const t = target as AreaTarget;
    const rect = t.rects[0]!;
    if (prop !== 'values' && prop !== 'formulas' && prop !== 'numberFormat') return super.applySet(prop, value, target);
    const at = gridInput(value, rect, prop);
    // Validate the whole grid before touching a cell, as one request either applies or fails.
    const parsed: { row: number; col: number; input: unknown }[] = [];
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let col = rect.left; col <= rect.right; col++) {
        const input = at(row, col);
        if (input === null || input === undefined) continue; // null leaves the cell alone
        if (prop === 'numberFormat' && typeof input !== 'string') fail('InvalidArgument', MESSAGES.InvalidArgument(prop));
        parsed.push({ row, col, input });
      }
    }
    assertWritable(t.sheet);
    // A data change (not a number format) raises onChanged for the area, as a user's edit does.
    if (prop !== 'numberFormat' && parsed.length > 0) this.context.recordChange(t.sheet, rect);
    for (const { row, col, input } of parsed) {
      const cell = ensureCell(t.sheet, row, col);
      if (prop === 'numberFormat') {
        if (input === '' || input === 'General') delete cell.numberFormat;
        else cell.numberFormat = input as string;
        continue;
      }
      const typed = parseTyped(input, prop === 'formulas');
      cell.value = typed.value;
      if (typed.formula) cell.formula = typed.formula;
      else delete cell.formula;
      if (typed.impliedFormat && !cell.numberFormat) cell.numberFormat = typed.impliedFormat;
    }
  }

  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    const t = target as AreaTarget;
    if (method === 'select') {
      this.context.model.activeSheet = t.sheet.name;
      this.context.model.selection = { sheet: t.sheet.name, address: formatRect(t.rects[0]!) };
      return;
    }
    if (method === 'clear') {
      assertWritable(t.sheet);
      for (const rect of t.rects) this.context.recordChange(t.sheet, rect);
      // Only cells that exist: a whole-sheet range has 17 billion.
      for (const rect of t.rects) {
        for (let row = rect.top; row <= Math.min(rect.bottom, t.sheet.rows.length - 1); row++) {
          const cells = t.sheet.rows[row];
          if (!cells) continue;
          for (let col = rect.left; col <= Math.min(rect.right, cells.length - 1); col++) cells[col] = null;
        }
      }
      return;
    }
    super.applyCall(method, args, target);
  }
}

function intersect(a: CellRect, b: CellRect): CellRect | null {
  const out = { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
  return out.top > out.bottom || out.left > out.right ? null : out;
}

export class RangeAreasDouble extends ClientObject {
  protected readonly scalarNames = ['address', 'areaCount', 'cellCount'] as const;
  constructor(context: DoubleRequestContext, resolver: () => Resolved<AreaTarget>) {
    super(context, resolver);
  }
  get address(): string {
    return this.read('address');
  }
  get areaCount(): number {
    return this.read('areaCount');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  get format(): RangeFormatDouble {
    return this.nav('format');
  }
  protected override createNavigation(name: string): ClientObject | undefined {
    if (name === 'format') return new RangeFormatDouble(this.context, () => resolveArea(this));
    return undefined;
  }
  protected readScalar(prop: string, target: unknown): unknown {
    const t = target as AreaTarget;
    if (prop === 'address') return t.rects.map((r) => `${quoteSheetName(t.sheet.name)}!${formatRect(r)}`).join(',');
    if (prop === 'areaCount') return t.rects.length;
    return t.rects.reduce((n, r) => n + cellCount(r), 0);
  }
}

class WorksheetProtectionDouble extends ClientObject {
  protected readonly scalarNames = ['protected'] as const;
  get protected(): boolean {
    return this.read('protected');
  }
  protected readScalar(_prop: string, target: unknown): unknown {
    return (target as ModelSheet).protected ?? false;
  }
}

/** `Worksheet.pageLayout` (ExcelApi 1.9): orientation, paper, fit to pages wide, print title rows. */
class PageLayoutDouble extends ClientObject {
  protected readonly scalarNames = ['orientation', 'paperSize', 'zoom'] as const;
  get orientation(): string {
    return this.read('orientation');
  }
  set orientation(value: string) {
    this.queueSet('orientation', value);
  }
  get paperSize(): string {
    return this.read('paperSize');
  }
  set paperSize(value: string) {
    this.queueSet('paperSize', value);
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    return this.read('zoom');
  }
  set zoom(value: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.queueSet('zoom', value);
  }
  setPrintTitleRows(address: string): void {
    this.queueCall('setPrintTitleRows', [address]);
  }
  protected readScalar(prop: string, target: unknown): unknown {
    const layout = (target as ModelSheet).pageLayout ?? {};
    if (prop === 'orientation') return layout.orientation ?? 'Portrait';
    if (prop === 'paperSize') return layout.paperSize ?? 'Letter';
    return layout.fitToPagesWide === undefined ? { scale: 100 } : { horizontalFitToPages: layout.fitToPagesWide, verticalFitToPages: 0 };
  }
  protected override applySet(prop: string, value: unknown, target: unknown): void {
    const sheet = target as ModelSheet;
    sheet.pageLayout ??= {};
    if (prop === 'orientation' && (value === 'Portrait' || value === 'Landscape')) sheet.pageLayout.orientation = value;
    else if (prop === 'paperSize' && typeof value === 'string' && /^(A3|A4|A5|Letter|Legal)$/.test(value)) sheet.pageLayout.paperSize = value;
    else if (prop === 'zoom' && value && typeof value === 'object' && typeof (value as { horizontalFitToPages?: unknown }).horizontalFitToPages === 'number') {
      sheet.pageLayout.fitToPagesWide = (value as { horizontalFitToPages: number }).horizontalFitToPages;
    } else super.applySet(prop, value, target);
  }
  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    if (method !== 'setPrintTitleRows' || typeof args[0] !== 'string' || !/^\$?\d+:\$?\d+$/.test(args[0])) return super.applyCall(method, args, target);
    ((target as ModelSheet).pageLayout ??= {}).printTitleRows = args[0];
  }
}

/**
 * A defined name (`NamedItem`): its name, `value` (ExcelApi 1.1: for a named range, the range's
 * address without `=`) and formula; `delete()` is ExcelApi 1.4.
 */
class NamedItemDouble extends ClientObject {
  protected readonly scalarNames = ['name', 'value', 'formula'] as const;
  get name(): string {
    return this.read('name');
  }
  get value(): string {
    return this.read('value');
  }
  get formula(): string {
    return this.read('formula');
  }
  delete(): void {
    this.queueCall('delete', [], '1.4');
  }
  protected readScalar(prop: string, target: unknown): unknown {
    const name = target as string;
    if (prop === 'name') return name;
    const formula = this.context.model.names[name];
    return prop === 'value' ? formula.replace(/^=/, '') : formula;
  }
  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    if (method !== 'delete') return super.applyCall(method, args, target);
    delete this.context.model.names[target as string];
  }
}

/** `Workbook.names`: the collection is ExcelApi 1.1, `add` 1.4. */
class NamedItemCollectionDouble extends ClientObject {
  protected readonly scalarNames = ['items'] as const;
  get items(): NamedItemDouble[] {
    return this.read('items');
  }
  private findName(key: string): string | undefined {
    return Object.keys(this.context.model.names).find((n) => n.toLowerCase() === key.toLowerCase());
  }
  getItem(name: string): NamedItemDouble {
    return new NamedItemDouble(this.context, () => this.findName(name) ?? fail('ItemNotFound', MESSAGES.ItemNotFound));
  }
  add(name: string, reference: string): NamedItemDouble {
    this.queueCall('add', [name, reference], '1.4');
    return new NamedItemDouble(this.context, () => this.findName(name) ?? fail('ItemNotFound', MESSAGES.ItemNotFound));
  }
  protected readScalar(): unknown {
    return fail('InvalidArgument', MESSAGES.InvalidArgument('items'));
  }
  override loadPath(path: string[], stage: Staged[]): void {
    this.markResolved();
    const rest = path[0] === 'items' ? path.slice(1) : path;
    // `load('items/name,items/value')` is two paths over the same items, as in Excel.
    const staged = stage.find((s) => s.obj === this && s.prop === 'items')?.value as NamedItemDouble[] | undefined;
    const items = staged ?? Object.keys(this.context.model.names).map((n) => new NamedItemDouble(this.context, () => n));
    if (!staged) stage.push({ obj: this, prop: 'items', value: items });
    for (const item of items) {
      if (rest.length > 0) item.loadPath(rest, stage);
      else item.loadAllScalars(stage);
    }
  }
  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    if (method !== 'add') return super.applyCall(method, args, target);
    const [name, reference] = args as [unknown, unknown];
    if (typeof name !== 'string' || !/^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) || typeof reference !== 'string') fail('InvalidArgument', MESSAGES.InvalidArgument('name'));
    if (this.findName(name)) fail('ItemAlreadyExists', MESSAGES.ItemAlreadyExists);
    this.context.model.names[name] = reference.startsWith('=') ? reference : `=${reference}`;
  }
}

/** The used range: cells with a value or formula, and with `valuesOnly` false also formatted ones. */
function usedRect(sheet: ModelSheet, valuesOnly: boolean): CellRect | null {
  let rect: CellRect | null = null;
  sheet.rows.forEach((cells, row) => {
    cells?.forEach((cell, col) => {
      if (!cell) return;
      const hasValue = (cell.value !== null && cell.value !== '') || !!cell.formula;
      if (valuesOnly ? !hasValue : isBlankCell(cell)) return;
      rect = rect
        ? { top: Math.min(rect.top, row), left: Math.min(rect.left, col), bottom: Math.max(rect.bottom, row), right: Math.max(rect.right, col) }
        : { top: row, left: col, bottom: row, right: col };
    });
  });
  return rect;
}

export class WorksheetDouble extends ClientObject {
  protected readonly scalarNames = ['name', 'id', 'position', 'visibility'] as const;
  get name(): string {
    return this.read('name');
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  get visibility(): string {
    return this.read('visibility');
  }
  get protection(): WorksheetProtectionDouble {
    return this.nav('protection');
  }
  /** `Worksheet.onChanged`, ExcelApi 1.7: an older Excel fails the sync that adds a handler with `ApiNotFound`. */
  get onChanged(): EventHandlersDouble {
    return new EventHandlersDouble(this, '1.7', 'Worksheet.onChanged');
  }
  get pageLayout(): PageLayoutDouble {
    return this.nav('pageLayout');
  }
  get showGridlines(): boolean {
    return this.read('showGridlines');
  }
  set showGridlines(value: boolean) {
    this.queueSet('showGridlines', value);
  }
  protected override readonly setRequires = { showGridlines: '1.8' };
  protected override createNavigation(name: string): ClientObject | undefined {
    if (name === 'protection') return new WorksheetProtectionDouble(this.context, () => this.resolve()).needs('1.2', 'Worksheet.protection');
    if (name === 'pageLayout') return new PageLayoutDouble(this.context, () => this.resolve()).needs('1.9', 'Worksheet.pageLayout');
    return undefined;
  }
  private sheetTarget(): Resolved<ModelSheet> {
    return this.resolve() as Resolved<ModelSheet>;
  }
  getRange(address?: string): RangeDouble {
    return this.labelled(address || 'A1:XFD1048576', new RangeDouble(this.context, () => {
      const sheet = this.sheetTarget();
      if (sheet === NULL_TARGET) return NULL_TARGET;
      if (address === undefined || address === '') return { sheet, rects: [{ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 }] };
      const area = parseArea(address);
      if (!area || address.includes(',')) fail('InvalidArgument', MESSAGES.InvalidArgument('address'));
      return { sheet, rects: [area.rect] };
    }));
  }
  private labelled<T extends ClientObject>(address: string, proxy: T): T {
    proxy.label = `${this.label}!${address}`;
    return proxy;
  }
  getRanges(address: string): RangeAreasDouble {
    return new RangeAreasDouble(this.context, () => {
      const sheet = this.sheetTarget();
      if (sheet === NULL_TARGET) return NULL_TARGET;
      const separator = this.context.listSeparator;
      // Excel parses the list with the culture's separator: `F2,F9` is no address in da-DK.
      if (separator === ';' && address.includes(',')) fail('InvalidArgument', MESSAGES.InvalidArgument('address'));
      const rects = address.split(separator).map((part) => {
        const area = parseArea(part);
        if (!area) fail('InvalidArgument', MESSAGES.InvalidArgument('address'));
        return area.rect;
      });
      return { sheet, rects };
    }).needs('1.9', 'Worksheet.getRanges');
  }
  getCell(row: number, column: number): RangeDouble {
    return new RangeDouble(this.context, () => {
      const sheet = this.sheetTarget();
      if (sheet === NULL_TARGET) return NULL_TARGET;
      return { sheet, rects: [{ top: row, left: column, bottom: row, right: column }] };
    });
  }
  getUsedRange(valuesOnly?: boolean): RangeDouble {
    const proxy = new RangeDouble(this.context, () => {
      const sheet = this.sheetTarget();
      if (sheet === NULL_TARGET) return NULL_TARGET;
      return { sheet, rects: [usedRect(sheet, valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 }] };
    });
    // The valuesOnly parameter came with ExcelApi 1.2.
    return valuesOnly === undefined ? proxy : proxy.needs('1.2', 'Worksheet.getUsedRange(valuesOnly)');
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeDouble {
    const proxy = new RangeDouble(this.context, () => {
      const sheet = this.sheetTarget();
      if (sheet === NULL_TARGET) return NULL_TARGET;
      const rect = usedRect(sheet, valuesOnly);
      return rect ? { sheet, rects: [rect] } : NULL_TARGET;
    }).needs('1.4', 'Worksheet.getUsedRangeOrNullObject');
    this.context.enqueue({ kind: 'touch', obj: proxy });
    return proxy;
  }
  activate(): void {
    this.queueCall('activate');
  }
  protected readScalar(prop: string, target: unknown): unknown {
    const sheet = target as ModelSheet;
    switch (prop) {
      case 'name':
        return sheet.name;
      case 'id':
        return worksheetIdOf(sheet);
      case 'position':
        return this.context.model.sheets.indexOf(sheet);
      case 'showGridlines':
        return sheet.showGridlines ?? true;
      default:
        return 'Visible';
    }
  }
  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    if (method === 'onChanged.add' || method === 'onChanged.remove') return (args[0] as (sheet: ModelSheet) => void)(target as ModelSheet);
    if (method !== 'activate') return super.applyCall(method, args, target);
    this.context.model.activeSheet = (target as ModelSheet).name;
  }
  protected override applySet(prop: string, value: unknown, target: unknown): void {
    if (prop !== 'showGridlines' || typeof value !== 'boolean') return super.applySet(prop, value, target);
    (target as ModelSheet).showGridlines = value;
  }
}

/** `getItem` takes a sheet's name or its id (Excel: "the worksheet name or ID"). */
function findSheetByKey(model: InMemoryWorkbook, key: string): ModelSheet | undefined {
  return model.findSheet(key) ?? model.sheets.find((sheet) => worksheetIdOf(sheet) === key);
}

/**
 * `OfficeExtension.EventHandlers` of one event (https://learn.microsoft.com/javascript/api/office/officeextension.eventhandlers):
 * `add` queues the registration, which takes effect at the next sync; the returned
 * {@link EventHandlerResultDouble} removes it, in the context it was added in.
 */
export class EventHandlersDouble {
  constructor(
    private readonly owner: WorksheetDouble | WorksheetCollectionDouble,
    private readonly requires: string,
    private readonly member: string,
  ) {}

  add(handler: (args: WorksheetChangedEventArgsDouble) => unknown): EventHandlerResultDouble {
    const context = this.owner.context;
    const registration: ChangeRegistration = { sheet: null, handler };
    const register = (sheet: ModelSheet | null): void => {
      registration.sheet = sheet;
      context.changeHandlers.push(registration);
    };
    context.enqueue({ kind: 'call', obj: this.owner, method: 'onChanged.add', args: [register], requires: this.requires, member: this.member });
    return new EventHandlerResultDouble(context, this.owner, registration, this.member);
  }
}

/** `OfficeExtension.EventHandlerResult`: `remove()` is queued and takes effect at the sync of the context the handler was added in. */
export class EventHandlerResultDouble {
  constructor(
    readonly context: DoubleRequestContext,
    private readonly owner: WorksheetDouble | WorksheetCollectionDouble,
    private readonly registration: ChangeRegistration,
    readonly member: string,
  ) {}

  remove(): void {
    const unregister = (): void => {
      const handlers = this.context.changeHandlers;
      const at = handlers.indexOf(this.registration);
      if (at >= 0) handlers.splice(at, 1);
    };
    this.context.enqueue({ kind: 'call', obj: this.owner, method: 'onChanged.remove', args: [unregister] });
  }
}

function labelSheet(proxy: WorksheetDouble, name: string): WorksheetDouble {
  proxy.label = quoteSheetName(name);
  return proxy;
}

export class WorksheetCollectionDouble extends ClientObject {
  protected readonly scalarNames = ['items'] as const;
  get items(): WorksheetDouble[] {
    return this.read('items');
  }
  private sheetProxy(find: () => ModelSheet | undefined, orNull: boolean): WorksheetDouble {
    const proxy = new WorksheetDouble(this.context, () => {
      const sheet = find();
      if (sheet) return sheet;
      if (orNull) return NULL_TARGET;
      return fail('ItemNotFound', MESSAGES.ItemNotFound);
    });
    if (orNull) this.context.enqueue({ kind: 'touch', obj: proxy });
    return proxy;
  }
  /** `WorksheetCollection.onChanged`, ExcelApi 1.9: every sheet's changes, sheets added later included. */
  get onChanged(): EventHandlersDouble {
    return new EventHandlersDouble(this, '1.9', 'WorksheetCollection.onChanged');
  }
  getItem(key: string): WorksheetDouble {
    const proxy = this.sheetProxy(() => findSheetByKey(this.context.model, key), false);
    proxy.label = quoteSheetName(key);
    return proxy;
  }
  getItemOrNullObject(key: string): WorksheetDouble {
    return this.sheetProxy(() => findSheetByKey(this.context.model, key), true).needs('1.4', 'WorksheetCollection.getItemOrNullObject');
  }
  getActiveWorksheet(): WorksheetDouble {
    return this.sheetProxy(() => this.context.model.findSheet(this.context.model.activeSheet ?? '') ?? this.context.model.sheets[0], false);
  }
  getFirst(): WorksheetDouble {
    return this.sheetProxy(() => this.context.model.sheets[0], false).needs('1.5', 'WorksheetCollection.getFirst');
  }
  add(name?: string): WorksheetDouble {
    const args = [name];
    let added: ModelSheet | undefined;
    const proxy = new WorksheetDouble(this.context, () => added ?? fail('ItemNotFound', MESSAGES.ItemNotFound));
    proxy.label = quoteSheetName(name ?? '');
    this.context.enqueue({ kind: 'call', obj: this, method: 'add', args: [...args, (sheet: ModelSheet) => (added = sheet)] });
    return proxy;
  }
  protected readScalar(): unknown {
    return fail('InvalidArgument', MESSAGES.InvalidArgument('items'));
  }
  override loadPath(path: string[], stage: Staged[]): void {
    this.markResolved();
    const rest = path[0] === 'items' ? path.slice(1) : path;
    const existing = this.loaded.get('items') as WorksheetDouble[] | undefined;
    const staged = stage.find((s) => s.obj === this && s.prop === 'items')?.value as WorksheetDouble[] | undefined;
    const items =
      staged ??
      this.context.model.sheets.map((sheet) => existing?.find((w) => w.resolve() === sheet) ?? labelSheet(new WorksheetDouble(this.context, () => sheet), sheet.name));
    if (!staged) stage.push({ obj: this, prop: 'items', value: items });
    for (const item of items) {
      if (rest.length > 0) item.loadPath(rest, stage);
      else item.loadAllScalars(stage);
    }
  }
  protected override applyCall(method: string, args: unknown[], target: unknown): void {
    if (method === 'onChanged.add' || method === 'onChanged.remove') return (args[0] as (sheet: null) => void)(null);
    if (method !== 'add') return super.applyCall(method, args, target);
    const model = this.context.model;
    let name = args[0] as string | undefined;
    if (name === undefined) {
      let n = model.sheets.length + 1;
      while (model.findSheet(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name)) fail('InvalidArgument', MESSAGES.InvalidArgument('name'));
    if (model.findSheet(name)) fail('ItemAlreadyExists', MESSAGES.ItemAlreadyExists);
    const sheet = model.addSheet(name);
    (args[1] as (s: ModelSheet) => void)(sheet);
  }
}

class WorkbookDouble extends ClientObject {
  protected readonly scalarNames = ['name'] as const;
  get name(): string {
    return this.read('name');
  }
  get worksheets(): WorksheetCollectionDouble {
    return this.nav('worksheets');
  }
  get names(): NamedItemCollectionDouble {
    return this.nav('names');
  }
  protected override createNavigation(name: string): ClientObject | undefined {
    if (name === 'worksheets') return new WorksheetCollectionDouble(this.context, () => this.context.model);
    if (name === 'names') return new NamedItemCollectionDouble(this.context, () => this.context.model);
    return undefined;
  }
  protected readScalar(): unknown {
    return 'Book1.xlsx';
  }
}

/** `Excel.RequestContext` over the model. */
export class DoubleRequestContext {
  readonly workbook: WorkbookDouble;
  private queue: Op[] = [];
  private closed = false;
  /** Areas this sync's commands changed, raised as change events when it ends. */
  private changed: ChangedArea[] = [];

  constructor(
    private readonly handle: DoubleHandle,
    private readonly limit: number,
    readonly apiVersion: string = LATEST_API_VERSION,
    readonly culture: string = 'en-US',
  ) {
    this.workbook = new WorkbookDouble(this, () => this.model);
  }

  /** Sync-time: an older Excel has no such member and fails the request there. */
  checkApi(version: string, member: string): void {
    if (!isVersionAtMost(version, this.apiVersion)) fail('ApiNotFound', MESSAGES.ApiNotFound(`${member}, ExcelApi ${version}`));
  }

  /** The culture's list separator, which multi-area addresses use. */
  get listSeparator(): string {
    return SEMICOLON_CULTURES.test(this.culture) ? ';' : ',';
  }

  get model(): InMemoryWorkbook {
    return this.handle.workbook;
  }

  /** The double's live change-handler registrations. */
  get changeHandlers(): ChangeRegistration[] {
    return this.handle.changeHandlers;
  }

  /** Sync-time: the add-in changed an area's data; an event follows the sync. */
  recordChange(sheet: ModelSheet, rect: CellRect): void {
    this.changed.push({ sheet, rect, byAddin: true, source: 'Local' });
  }

  /** `Excel.run(context, batch)` runs again on a context an earlier run made. */
  reopen(): this {
    this.closed = false;
    return this;
  }

  enqueue(op: Op): void {
    if (this.closed) fail('InvalidRequestContext', MESSAGES.InvalidRequestContext);
    this.queue.push(op);
  }

  get pendingOperations(): number {
    return this.queue.length;
  }

  /**
   * Queues a trace message: when the sync fails, the error's `traceMessages` holds the messages of
   * the traces that ran before the failing command (OfficeExtension.ClientRequestContext.trace,
   * https://learn.microsoft.com/javascript/api/office/officeextension.clientrequestcontext).
   */
  trace(message: string): void {
    this.enqueue({ kind: 'trace', message });
  }

  /**
   * The one round trip: runs every queued operation in order, then delivers loaded values. A
   * command that fails stops the batch there: the commands before it stay applied (Excel has no
   * rollback) and the error carries the trace messages that ran.
   */
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.handle.syncCount += 1;
    const syncNumber = this.handle.syncCount;
    const requestBytes = JSON.stringify(ops.map(describeOp)).length;
    this.handle.requestBytes.push(requestBytes);
    await Promise.resolve(); // a round trip is asynchronous
    // Co-authors' edits arrive between round trips.
    for (const edit of this.handle.coAuthorEdits.filter((e) => e.beforeSync === syncNumber)) edit.edit(this.model);
    const commands = ops.filter((op) => op.kind !== 'trace');
    const descriptions = commands.map((op) => commandKey(op));
    this.handle.commandLog.push(descriptions);
    if (requestBytes > this.limit) {
      this.handle.responseBytes.push(0);
      throw new DoubleError('RequestPayloadSizeLimitExceeded', MESSAGES.RequestPayloadSizeLimitExceeded);
    }
    if (this.model.cellEditMode && ops.length > 0) {
      this.handle.responseBytes.push(0);
      throw new DoubleError('InvalidOperationInCellEditMode', MESSAGES.InvalidOperationInCellEditMode);
    }
    const stage: Staged[] = [];
    const traces: string[] = [];
    let position = -1;
    this.changed = [];
    try {
      for (const op of ops) {
        if (op.kind === 'trace') {
          traces.push(op.message);
          continue;
        }
        position += 1;
        this.injectedFailure(syncNumber, position, descriptions[position]!);
        if (op.kind === 'load') for (const path of op.paths) op.obj.loadPath(path, stage);
        else if (op.kind === 'set') {
          if (op.requires) this.checkApi(op.requires, op.prop);
          op.obj.runSet(op.prop, op.value);
        } else if (op.kind === 'call') {
          if (op.requires) this.checkApi(op.requires, op.member ?? op.method);
          op.obj.runCall(op.method, op.args);
        }
        else {
          op.obj.resolve();
          op.obj.markResolved();
        }
      }
    } catch (error) {
      this.handle.responseBytes.push(0);
      // What ran before the failing command changed the sheet: its events are raised all the same.
      this.handle.raiseChanges(this.changed);
      if (error instanceof DoubleError) {
        error.traceMessages = traces;
        error.debugInfo.statement = descriptions[position];
        error.debugInfo.surroundingStatements = descriptions.slice(Math.max(0, position - 2), position + 3);
      }
      throw error;
    }
    this.handle.raiseChanges(this.changed);
    const responseBytes = stage.reduce((n, s) => n + JSON.stringify(s.value, skipProxies).length + s.prop.length + 4, 0);
    this.handle.responseBytes.push(responseBytes);
    if (ops.length === 0) this.handle.emptySyncs += 1;
    if (responseBytes > this.limit) throw new DoubleError('ResponsePayloadSizeLimitExceeded', MESSAGES.ResponsePayloadSizeLimitExceeded);
    for (const s of stage) s.obj.commit(s.prop, s.value);
  }

  /** Throws an injected host error for this command, if a test asked for one (see {@link InjectedFailure}). */
  private injectedFailure(syncNumber: number, position: number, description: string): void {
    const failures = this.handle.failures;
    const hit = failures.find((f) => f.sync === syncNumber && f.command === position);
    const again = this.handle.persistentCommands.get(description);
    if (!hit && again === undefined) return;
    const code = hit?.code ?? again ?? 'GeneralException';
    if (hit?.persistent) this.handle.persistentCommands.set(description, code);
    const text = (MESSAGES as Record<string, unknown>)[code];
    throw new DoubleError(code, typeof text === 'string' ? text : MESSAGES.GeneralException, description.split(' ')[0]);
  }

  close(): void {
    this.closed = true;
  }
}

function skipProxies(_key: string, value: unknown): unknown {
  return value instanceof ClientObject ? {} : value;
}

function describeOp(op: Op): unknown {
  if (op.kind === 'load') return ['load', op.paths];
  if (op.kind === 'set') return ['set', op.prop, op.value];
  if (op.kind === 'call') return ['call', op.method, op.args.filter((a) => typeof a !== 'function')];
  if (op.kind === 'trace') return ['trace', op.message];
  return ['touch'];
}

/**
 * A command as a test reads it and as a persistent failure recognises it again:
 * `Range.values 'Mål 2021'!J2:J9 [["I risiko"],…]`. The target is resolved without side effects
 * where it can be (a proxy of a sheet added in the same sync has no address yet).
 */
function commandKey(op: Op): string {
  if (op.kind === 'trace') return `trace ${op.message}`;
  const target = describeTarget(op.obj);
  if (op.kind === 'load') return `${target}.load ${op.paths.map((p) => p.join('/')).join(',')}`;
  if (op.kind === 'set') return `${target}.${op.prop} ${JSON.stringify(op.value)}`;
  if (op.kind === 'call') return `${target}.${op.method}(${JSON.stringify(op.args.filter((a) => typeof a !== 'function'))})`;
  return `${target}.touch`;
}

function describeTarget(obj: ClientObject): string {
  return `${obj.constructor.name.replace(/Double$/, '')}${obj.label ? ` ${obj.label}` : ''}`;
}

/**
 * Puts an `Excel` namespace backed by `workbook` on `target` (`globalThis`, or a page's
 * `window`) and returns the handle with its counters.
 *
 * @example
 * const double = installExcelDouble(globalThis, new InMemoryWorkbook({ sheets: [] }));
 * await recalculateInExcel({ now: new Date('2021-10-13T12:00:00Z') });
 * expect(double.syncCount).toBe(4);
 */
export function installExcelDouble(target: object, workbook: InMemoryWorkbook, options: InstallExcelDoubleOptions = {}): DoubleHandle {
  const handle = createExcelDouble(workbook, options);
  (target as { Excel?: unknown }).Excel = handle.Excel;
  return handle;
}

/** The double without installing it anywhere; the adapter can take `handle.Excel` directly. */
export function createExcelDouble(workbook: InMemoryWorkbook, options: InstallExcelDoubleOptions = {}): DoubleHandle {
  const limit = options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES;
  const apiVersion = options.apiVersion ?? LATEST_API_VERSION;
  const culture = options.culture ?? 'en-US';
  const handle: DoubleHandle = {
    workbook,
    Excel: undefined as unknown as ExcelDoubleNamespace,
    syncCount: 0,
    requestBytes: [],
    responseBytes: [],
    emptySyncs: 0,
    failures: [],
    coAuthorEdits: [],
    commandLog: [],
    persistentCommands: new Map(),
    changeHandlers: [],
    raisedEvents: [],
    userEdit(sheetName, address, values, options = {}) {
      const sheet = workbook.findSheet(sheetName) ?? fail('ItemNotFound', MESSAGES.ItemNotFound);
      const area = parseArea(address);
      if (!area) return fail('InvalidArgument', MESSAGES.InvalidArgument('address'));
      const rect = area.rect;
      const at = gridInput(values, rect, 'values');
      const single = rect.top === rect.bottom && rect.left === rect.right;
      const before = single ? { ...(sheet.rows[rect.top]?.[rect.left] ?? {}) } : undefined;
      for (let row = rect.top; row <= rect.bottom; row++) {
        for (let col = rect.left; col <= rect.right; col++) {
          const input = at(row, col);
          if (input === null || input === undefined) continue;
          const cell = ensureCell(sheet, row, col);
          const typed = parseTyped(input, false);
          cell.value = typed.value;
          if (typed.formula) cell.formula = typed.formula;
          else delete cell.formula;
        }
      }
      const after = single ? { ...(sheet.rows[rect.top]?.[rect.left] ?? {}) } : undefined;
      handle.raiseChanges([{ sheet, rect, byAddin: false, source: options.source ?? 'Local', ...(single ? { details: { before: before as ModelCell, after: after as ModelCell } } : {}) }]);
    },
    raiseChanges(areas) {
      for (const area of areas) {
        const listeners = handle.changeHandlers.filter((r) => r.sheet === null || r.sheet === area.sheet);
        if (listeners.length === 0) continue;
        const args: WorksheetChangedEventArgsDouble = {
          address: formatRect(area.rect),
          changeType: 'RangeEdited',
          source: area.source,
          worksheetId: worksheetIdOf(area.sheet),
          type: 'WorksheetChanged',
          ...(area.details && isVersionAtMost('1.9', apiVersion)
            ? { details: { valueBefore: valueOut(area.details.before), valueAfter: valueOut(area.details.after), valueTypeBefore: valueTypeOf(area.details.before), valueTypeAfter: valueTypeOf(area.details.after) } }
            : {}),
          ...(isVersionAtMost('1.14', apiVersion) ? { triggerSource: area.byAddin ? 'ThisLocalAddin' : 'Unknown' } : {}),
        };
        handle.raisedEvents.push(args);
        // Excel notifies out of band, after the change is done: never inside the add-in's own sync.
        for (const listener of listeners) {
          setTimeout(() => {
            if (handle.changeHandlers.includes(listener)) void Promise.resolve(listener.handler(args)).catch(() => undefined);
          }, 0);
        }
      }
    },
    resetCounters() {
      handle.syncCount = 0;
      handle.requestBytes = [];
      handle.responseBytes = [];
      handle.emptySyncs = 0;
      handle.commandLog = [];
    },
  };
  async function run<T>(a: unknown, b?: (context: DoubleRequestContext) => Promise<T>): Promise<T> {
    const batch = (typeof a === 'function' ? a : b) as (context: DoubleRequestContext) => Promise<T>;
    // `Excel.run(object, batch)` runs on that object's request context: removing an event handler
    // must use the context it was added in (OfficeExtension.EventHandlerResult,
    // https://learn.microsoft.com/javascript/api/office/officeextension.eventhandlerresult).
    const given = a instanceof DoubleRequestContext ? a : (a as { context?: unknown } | null)?.context;
    const context = given instanceof DoubleRequestContext ? given.reopen() : new DoubleRequestContext(handle, limit, apiVersion, culture);
    const result: unknown = batch(context);
    if (!(result instanceof Promise)) throw new DoubleError('RunMustReturnPromise', MESSAGES.RunMustReturnPromise);
    try {
      const value = await result;
      // Excel.run sends whatever is still queued when the batch's promise settles.
      if (context.pendingOperations > 0) await context.sync();
      return value;
    } finally {
      context.close();
    }
  }
  const ErrorCodes = {
    accessDenied: 'AccessDenied',
    generalException: 'GeneralException',
    invalidArgument: 'InvalidArgument',
    invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
    requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
    responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
    apiNotFound: 'ApiNotFound',
  };
  handle.Excel = {
    run: run as ExcelDoubleNamespace['run'],
    RequestContext: class {
      constructor() {
        return new DoubleRequestContext(handle, limit, apiVersion, culture);
      }
    } as unknown as new () => DoubleRequestContext,
    ErrorCodes,
  };
  return handle;
}

export { InMemoryWorkbook };
