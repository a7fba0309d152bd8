/**
 * The Excel JavaScript API requirement sets the add-in needs. The floor is declared
 * in manifest.xml `<Requirements>` and checked at start; members newer than the floor are used
 * only behind {@link ApiSupport}, each with a path that works at the floor (README.md,
 * "Requirement sets").
 */
import type { HostError } from './host-error';

/** The lowest ExcelApi set Trafiklys does its whole job on: `protection`, `columnWidth`, `getUsedRange(valuesOnly)`. */
export const EXCEL_API_FLOOR = '1.2';

/** The newer sets the add-in uses when Excel has them, and what for. */
export const OPTIONAL_SETS = {
  /** `workbook.names.add`, `NamedItem.delete`. */
  definedNames: '1.4',
  /** `Worksheet.showGridlines`. */
  gridlines: '1.8',
  /** `Worksheet.pageLayout` (orientation, paper, zoom, `setPrintTitleRows`). */
  pageLayout: '1.9',
  /** `RangeFormat.indentLevel`. */
  indent: '1.9',
  /** `Worksheet.onChanged`: automatic recalculation (docs/spec.md §10). */
  changeEvents: '1.7',
  /** `WorksheetCollection.onChanged`: one handler for every sheet, sheets added later included. */
  workbookChangeEvents: '1.9',
  /** `WorksheetChangedEventArgs.triggerSource`: the add-in's own changes named as such. */
  triggerSource: '1.14',
} as const;

/** `Office.context.requirements.isSetSupported('ExcelApi', version)`, injected so the tests can lower it. */
export type ApiSupport = (version: string) => boolean;

/** An Excel that supports everything (tests that are not about requirement sets). */
export const SUPPORTS_ALL: ApiSupport = () => true;

/**
 * `null` when Excel supports the floor; otherwise the error the pane shows (and Recalculate is off).
 *
 * @example checkApiFloor(() => false)?.code // 'ExcelTooOld'
 */
export function checkApiFloor(supports: ApiSupport): HostError | null {
  if (supports(EXCEL_API_FLOOR)) return null;
  return {
    code: 'ExcelTooOld',
    message:
      `Trafiklys needs Excel JavaScript API ${EXCEL_API_FLOOR} or later: Excel 2019 or later, Excel in Microsoft 365, Excel on the web, or Excel for Mac or iPad. ` +
      'This Excel is older (Excel 2016 bought outright has only 1.1), so Trafiklys cannot recalculate here. Nothing was read or written.',
  };
}

/**
 * `null` when this Excel can keep a status report (SPEC §8); otherwise why not. The report sheet is
 * marked by a defined name, and `names.add` is ExcelApi 1.4: below it a report could be written once
 * but never recognised again, so the next one would be refused as the user's sheet.
 *
 * @example checkReportSupport((v) => v === '1.2')?.code // 'ExcelTooOld'
 */
export function checkReportSupport(supports: ApiSupport): HostError | null {
  if (supports(OPTIONAL_SETS.definedNames)) return null;
  return {
    code: 'ExcelTooOld',
    message:
      `The status report needs Excel JavaScript API ${OPTIONAL_SETS.definedNames} or later (Excel 2019 or later, Microsoft 365, the web, Mac or iPad): ` +
      'its sheet is marked with a defined name so that later recalculations keep it up to date. Recalculate works in this Excel.',
  };
}

/**
 * `null` when this Excel raises worksheet change events (ExcelApi 1.7), which *Recalculate
 * automatically* listens to; otherwise why not (the switch stays off).
 *
 * @example checkAutoRecalculateSupport((v) => v <= '1.4')?.code // 'ExcelTooOld'
 */
export function checkAutoRecalculateSupport(supports: ApiSupport): HostError | null {
  if (supports(OPTIONAL_SETS.changeEvents)) return null;
  return {
    code: 'ExcelTooOld',
    message:
      `Recalculate automatically needs Excel JavaScript API ${OPTIONAL_SETS.changeEvents} or later (worksheet change events): Excel 2019 or later, Microsoft 365, Excel on the web, or Excel for Mac or iPad. ` +
      'This Excel is older; use the Recalculate button after changing the data.',
  };
}

/**
 * Reads `Office.context.requirements` of the page, when there is one; without Office (tests,
 * a page opened outside Excel) every set counts as supported and `NoExcel` is reported elsewhere.
 */
export function officeApiSupport(): ApiSupport {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (name: string, version?: string) => boolean } } } }).Office;
  const check = office?.context?.requirements?.isSetSupported;
  return check ? (version) => check.call(office?.context?.requirements, 'ExcelApi', version) === true : SUPPORTS_ALL;
}
