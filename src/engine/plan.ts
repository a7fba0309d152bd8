import { cellHasFormula, columnLetter } from './cells';
import type { EvaluatedRow, EvaluatedSheet } from './evaluate-sheet';
import { OUTPUT_HEADERS, type OutputColumn, TARGET_YEAR_PREFIX } from './headers';
import { STATUS_COLOURS, statusLabel } from './glossary';
import { phrase } from './labels';
import { formatValue } from './display';
import { milestoneStateText, parseMilestoneState } from './status';
import type { CellWrite, Language, SheetSnapshot, TargetValue, Unit } from './types';
import type { YearTarget } from './year-targets';

/** Where each owned column of a sheet is, after missing ones are appended (SPEC §1 Output columns). */
export interface OutputLayout {
  targetYears: Map<number, number>;
  outputs: Partial<Record<OutputColumn, number>>;
  /** Header cells to write for appended columns. */
  headerWrites: CellWrite[];
}

export interface LayOutOptions {
  /** Add the Trend column: the history holds an earlier as-of date for the sheet (SPEC §1, §8). */
  trend?: boolean;
}

/**
 * Existing owned columns (either language) are reused where they stand; missing ones are appended
 * right of the last header cell in the order Target Y…, Calculated actual, Status, Gap, Trend,
 * Explanation. Trend only with `options.trend` (an existing Trend column is always kept up to date).
 */
export function layOutOutputColumns(sheet: EvaluatedSheet, options: LayOutOptions = {}): OutputLayout {
  const { header, language } = sheet;
  const targetYears = new Map(header.targetYears);
  const outputs = { ...header.outputs };
  const headerWrites: CellWrite[] = [];
  let next = header.lastColumn + 1;
  const append = (text: string): number => {
    headerWrites.push({ sheet: sheet.name, row: header.row, col: next, value: text, bold: true });
    return next++;
  };
  for (const year of sheet.years) {
    if (!targetYears.has(year)) targetYears.set(year, append(`${TARGET_YEAR_PREFIX[language]} ${year}`));
  }
  const wanted: OutputColumn[] = [
    ...(sheet.hasSource ? (['calculatedActual'] as const) : []),
    'status',
    'gap',
    ...(options.trend ? (['trend'] as const) : []),
    'explanation',
  ];
  // Trend belongs before Explanation (SPEC §1). When a sheet recalculated before the history had
  // an earlier snapshot ends in Trafiklys's own Explanation column, Trend takes that column and
  // Explanation moves one to the right, so the analyst still reads Gap, Trend, Explanation.
  if (options.trend && outputs.trend === undefined && outputs.explanation === header.lastColumn && next === header.lastColumn + 1) {
    const col = outputs.explanation;
    headerWrites.push({ sheet: sheet.name, row: header.row, col, value: OUTPUT_HEADERS.trend[language], bold: true });
    outputs.trend = col;
    outputs.explanation = append(OUTPUT_HEADERS.explanation[language]);
  }
  for (const column of wanted) {
    if (outputs[column] === undefined) outputs[column] = append(OUTPUT_HEADERS[column][language]);
  }
  return { targetYears, outputs, headerWrites };
}

/** Number formats of the owned number cells, by unit (per cents are written as fractions). */
function numberFormatFor(unit: Unit | null): string {
  switch (unit) {
    case '%':
      return '0.0%';
    case 'count':
    case 'DKK':
      return '#,##0';
    case 'NPS':
      return '0';
    case 'pp':
    case 'number':
      return '0.0';
    default:
      return 'General';
  }
}

/**
 * A target or actual (in the row's unit) as an owned sheet's cell holds it: a number with the unit's
 * format (per cents as fractions), a range as `lo–hi` text, a milestone's state as text in the language.
 * @example valueCell(75, '%', 'da') // { value: 0.75, numberFormat: '0.0%' }
 */
export function valueCell(value: TargetValue | string, unit: Unit | null, language: Language): Pick<CellWrite, 'value' | 'numberFormat'> {
  if (value === null) return { value: null };
  if (typeof value === 'string') {
    const state = parseMilestoneState(value);
    return { value: (state && milestoneStateText(state, language)) ?? value };
  }
  if (Array.isArray(value)) {
    const shown = unit ?? 'number';
    return { value: `${formatValue(value[0], shown === '%' ? 'number' : shown, language)}–${formatValue(value[1], shown, language)}` };
  }
  return { value: cellNumber(value, unit), numberFormat: numberFormatFor(unit) };
}

const GAP_FORMATS: Partial<Record<Unit, string>> = {
  '%': '+0.0" pp";-0.0" pp";0" pp"',
  pp: '+0.0" pp";-0.0" pp";0" pp"',
  count: '+#,##0;-#,##0;0',
  DKK: '+#,##0;-#,##0;0',
};

/** A value in the row's unit as the cell holds it: per cents as fractions. */
function cellNumber(value: number, unit: Unit | null): number {
  return unit === '%' ? value / 100 : value;
}

function targetCell(target: YearTarget | undefined, unit: Unit | null, language: Language): { value: string | number | null; numberFormat?: string } {
  if (!target || target.kind === 'level') {
    return target ? { value: cellNumber(target.value, unit), numberFormat: numberFormatFor(unit) } : { value: null };
  }
  if (target.kind === 'range' && unit) {
    const lo = formatValue(target.lo, unit === '%' ? 'number' : unit, language);
    return { value: `${lo}–${formatValue(target.hi, unit, language)}` };
  }
  return { value: null };
}

/**
 * The cell writes for one evaluated sheet. Cells holding formulas are never written; the row's
 * Explanation says so.
 */
export function planSheetWrites(snapshot: SheetSnapshot, sheet: EvaluatedSheet, layout: OutputLayout): CellWrite[] {
  const writes: CellWrite[] = [...layout.headerWrites];
  for (const row of sheet.rows) writes.push(...planRowWrites(snapshot, sheet, layout, row));
  return writes;
}

function planRowWrites(snapshot: SheetSnapshot, sheet: EvaluatedSheet, layout: OutputLayout, row: EvaluatedRow): CellWrite[] {
  const { language } = sheet;
  const { result, rowIndex } = row;
  const unit = result.unit;
  const writes: CellWrite[] = [];
  const kept: string[] = [];
  const put = (col: number | undefined, cell: Omit<CellWrite, 'sheet' | 'row' | 'col'>): void => {
    if (col === undefined) return;
    if (cellHasFormula(snapshot, rowIndex, col)) {
      kept.push(`${columnLetter(col)}${rowIndex + 1}`);
      return;
    }
    writes.push({ sheet: sheet.name, row: rowIndex, col, ...cell });
  };

  for (const year of sheet.years) put(layout.targetYears.get(year), targetCell(row.yearTargets.get(year), unit, language));
  if (sheet.hasSource) {
    const calculated = row.calculatedActual;
    put(
      layout.outputs.calculatedActual,
      calculated === null ? { value: null } : { value: cellNumber(calculated, unit), numberFormat: numberFormatFor(unit) },
    );
  }
  const colours = STATUS_COLOURS[result.status];
  put(layout.outputs.status, { value: statusLabel(result.status, language), fill: colours.fill, fontColor: colours.font });
  put(
    layout.outputs.gap,
    result.gap === null ? { value: null } : { value: result.gap, numberFormat: (unit && GAP_FORMATS[unit]) ?? '+0.0;-0.0;0' },
  );
  put(layout.outputs.trend, { value: result.trend?.text ?? null });
  const explanationCol = layout.outputs.explanation;
  if (explanationCol !== undefined && cellHasFormula(snapshot, rowIndex, explanationCol)) return writes;
  const note = kept.length > 0 ? `; ${kept.join(', ')} ${phrase('formulaKept', language)}` : '';
  put(explanationCol, { value: result.explanation + note });
  if (kept.length > 0) result.explanation += note;
  return writes;
}
