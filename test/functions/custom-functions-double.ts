/**
 * A test double of Excel's custom functions runtime (the `custom-functions-runtime.js` script a
 * functions page loads): `CustomFunctions.associate`, `CustomFunctions.Error` and
 * `CustomFunctions.ErrorCode`, and a way to enter a formula as Excel would — by the function's
 * name in the language's metadata file (functions.json, or functions-da.json in Danish Excel),
 * the namespace first, with the metadata's required parameters checked.
 *
 * Microsoft's reference for what it honours:
 * - https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.error
 *   (`new CustomFunctions.Error(code, message)`; CustomFunctionsRuntime 1.2);
 * - https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.errorcode
 *   (each code's value is the error Excel shows: `invalidValue = "#VALUE!"`, `notAvailable = "#N/A"`);
 * - https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors (a custom message
 *   only with `#VALUE!` and `#N/A`; the cell shows the code, the error indicator the message);
 * - https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming (the `id` is
 *   invariant, the `name` is what the user types and may be localized).
 *
 * The installer runs in the page (or worker) as it is: it must not close over anything of this module.
 */

export interface CustomFunctionsDoubleSetup {
  /** Office's display language, as `Office.context.displayLanguage` gives it; `null`: no Office object at all (the JavaScript-only runtime). */
  displayLanguage: string | null;
}

/** What a formula gave: a value, or an error as the cell shows it with its indicator's message. */
export type CellOutcome = { value: unknown } | { error: string; message: string | undefined };

export interface CustomFunctionsDouble {
  /** Ids in the order `associate` was called. */
  associated: string[];
  /** `=NAMESPACE.NAME(args)`: resolves the name in `metadata`, checks the arguments, calls the function. */
  enter(metadata: unknown, namespace: string, formulaName: string, args: unknown[]): Promise<CellOutcome>;
}

export function installCustomFunctionsDouble(setup: CustomFunctionsDoubleSetup): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  const registry = new Map<string, (...args: unknown[]) => unknown>();
  const associated: string[] = [];
  const ErrorCode = {
    divisionByZero: '#DIV/0!',
    invalidName: '#NAME?',
    invalidNumber: '#NUM!',
    invalidReference: '#REF!',
    invalidValue: '#VALUE!',
    notAvailable: '#N/A',
    nullReference: '#NULL!',
  };
  const withMessage = new Set(['#VALUE!', '#N/A']);
  class CustomFunctionError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
      if (!Object.values(ErrorCode).includes(code)) throw new TypeError(`not a CustomFunctions.ErrorCode: ${code}`);
    }
  }
  scope.CustomFunctions = {
    associate(id: string, fn: (...args: unknown[]) => unknown) {
      if (typeof fn !== 'function') throw new TypeError(`associate(${id}): not a function`);
      if (registry.has(id)) throw new Error(`associate(${id}): associated twice`);
      registry.set(id, fn);
      associated.push(id);
    },
    Error: CustomFunctionError,
    ErrorCode,
  };
  if (setup.displayLanguage !== null) scope.Office = { context: { displayLanguage: setup.displayLanguage } };

  interface FunctionMetadata {
    id: string;
    name: string;
    parameters: { name: string; optional?: boolean; dimensionality?: string }[];
  }
  const double: CustomFunctionsDouble = {
    associated,
    async enter(metadata, namespace, formulaName, args) {
      const [ns, ...rest] = formulaName.split('.');
      const name = rest.join('.');
      if (ns.toUpperCase() !== namespace.toUpperCase()) return { error: '#NAME?', message: undefined };
      const fn = (metadata as { functions: FunctionMetadata[] }).functions.find((f) => f.name.toUpperCase() === name.toUpperCase());
      if (!fn) return { error: '#NAME?', message: undefined };
      const required = fn.parameters.filter((p) => !p.optional).length;
      if (args.length < required || args.length > fn.parameters.length) throw new Error(`${formulaName}: Excel refuses ${args.length} arguments`);
      // A scalar parameter given a range would be an implicit intersection in Excel: the double refuses it, a test must not rely on it.
      fn.parameters.forEach((p, i) => {
        if (p.dimensionality !== 'matrix' && Array.isArray(args[i])) throw new Error(`${formulaName}: ${p.name} is scalar`);
        if (p.dimensionality === 'matrix' && args[i] !== undefined && !Array.isArray(args[i])) args[i] = [[args[i]]];
      });
      const implementation = registry.get(fn.id);
      if (!implementation) return { error: '#NAME?', message: `${fn.id} was never associated` };
      try {
        return { value: await implementation(...args) };
      } catch (error) {
        if (error instanceof CustomFunctionError) return { error: error.code, message: withMessage.has(error.code) ? error.message : undefined };
        // Excel shows any other exception as #VALUE! without a message.
        return { error: '#VALUE!', message: undefined };
      }
    },
  };
  scope.__customFunctionsDouble = double;
}
