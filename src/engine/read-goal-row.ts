import { displayText, isBlank, isCellError } from './cell-text';
import { cellAddress, cellFormat, cellValue } from './cells';
import { createRowError, type DraftRow, type RowError } from './goal-row';
import { UNIT_WORDS } from './glossary';
import { messageIn, type Words } from './rule-model';
import type { GoalSheetHeader, InputColumn } from './headers';
import { inputLabel } from './headers';
import { parseManualStatus, phrase } from './labels';
import { formatValue } from './display';
import { fractionAsPercent, parseDateValue, quantityFromCell, type Quantity } from './numbers';
import { parseMilestoneState } from './status';
import { parseBaselineCell, parseTargetCell, parseToleranceCell, RuleError, type TargetRule } from './target-rule';
import type { CalendarDay, CellValue, Language, SheetSnapshot, SourceEvaluator, Unit } from './types';
import { inferUnitFromCell, parseUnit, signConflicts, unitRange } from './units';
import { computeYearTargets } from './year-targets';

/**
 * Reading a goal row (SPEC §1–2): each input cell of the row parsed into a {@link DraftRow}, the
 * first bad cell becoming the row's error. What the rows mean together (mirrors, roll-ups, cycles,
 * manual status) is `resolve-rows.ts`'s job.
 */

/** What reading a row needs beyond the sheet. */
export interface ReadGoalRowOptions {
  asOf: CalendarDay;
  defaultTolerance?: { value: CellValue; numberFormat: string | null; cell: string };
  sources: SourceEvaluator;
}

const YES = new Set(['yes', 'ja', 'x', '1', 'true', 'y', 'j']);
const NO = new Set(['no', 'nej', '0', 'false', 'n']);

/** Reads and parses the cells of goal rows. */
export class GoalRowReader {
  constructor(
    private readonly sheet: SheetSnapshot,
    private readonly header: GoalSheetHeader,
    private readonly options: ReadGoalRowOptions,
    private readonly language: Language,
  ) {}

  cell(row: number, column: InputColumn): CellValue {
    const col = this.header.inputs[column];
    return col === undefined ? null : cellValue(this.sheet, row, col);
  }

  private format(row: number, column: InputColumn): string | null {
    const col = this.header.inputs[column];
    return col === undefined ? null : cellFormat(this.sheet, row, col);
  }

  private address(row: number, column: InputColumn): string {
    return cellAddress(this.sheet.name, row, this.header.inputs[column] ?? 0);
  }

  /** The column's header as the user wrote it, for messages. */
  private label(column: InputColumn): string {
    const col = this.header.inputs[column];
    const text = col === undefined ? '' : displayText(cellValue(this.sheet, this.header.row, col)).replace(/:$/, '');
    return text || inputLabel(column, this.language);
  }

  /** Makes `reason` the row's error, naming the row's cell in `column`, unless the row has one already. */
  failAt(draft: DraftRow, column: InputColumn, reason: string | Words): void {
    const text = typeof reason === 'string' ? reason : reason[this.language];
    fail(draft, createRowError(this.label(column), this.address(draft.rowIndex, column), text));
  }

  /** The row at `row`, or null for a spacer (no ID, no Target). */
  read(row: number): DraftRow | null {
    const idCell = this.cell(row, 'id');
    const id = isCellError(idCell) ? '' : displayText(idCell);
    const targetCell = this.cell(row, 'target');
    if (id === '' && !isCellError(idCell) && isBlank(targetCell)) return null;
    const titleCol = this.header.inputs.title ?? this.header.inputs.indicator;
    const title = titleCol === undefined ? '' : displayText(cellValue(this.sheet, row, titleCol));
    const draft: DraftRow = {
      rowIndex: row,
      id,
      title: title === '' ? null : title,
      error: null,
      unit: null,
      rule: null,
      baseline: null,
      tolerance: null,
      cumulative: null,
      actual: { kind: 'none' },
      sourceValue: null,
      sourceBase: null,
      mirrorOf: null,
      mirrorCell: null,
      manual: null,
      asOf: this.options.asOf,
      notes: [],
      yearTargets: new Map(),
      final: null,
    };
    if (isCellError(idCell)) this.failAt(draft, 'id', { en: `holds the error value ${idCell.error}`, da: `indeholder fejlværdien ${idCell.error}` });
    if (id === '') this.failAt(draft, 'id', { en: 'the row has a Target but no ID', da: 'rækken har et måltal, men intet nummer' });
    for (const column of Object.keys(this.header.inputs) as InputColumn[]) {
      const value = this.cell(row, column);
      if (isCellError(value)) this.failAt(draft, column, { en: `holds the error value ${value.error}`, da: `indeholder fejlværdien ${value.error}` });
    }
    if (draft.error) return draft;
    this.parse(draft);
    return draft;
  }

  /** Runs `work`; a rule error it throws becomes the row's error in `column`. */
  private attempt(draft: DraftRow, column: InputColumn, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (error instanceof RuleError) this.failAt(draft, column, error.words);
      else throw error;
    }
  }

  private parse(draft: DraftRow): void {
    const row = draft.rowIndex;
    let declaredUnit: Unit | null = null;
    this.attempt(draft, 'unit', () => {
      declaredUnit = parseUnit(displayText(this.cell(row, 'unit')));
    });

    const targetCell = this.cell(row, 'target');
    if (!isBlank(targetCell)) {
      this.attempt(draft, 'target', () => {
        draft.rule = parseTargetCell(targetCell, this.format(row, 'target'), { language: this.language });
      });
    }

    const sourceUnit = this.readSource(draft);
    if (draft.error) return;

    draft.unit = declaredUnit ?? (draft.rule ? this.inferredUnit(row) : sourceUnit);
    const unit = draft.unit;
    // A qualitative row has no unit, but its Manual status still wins (SPEC §3 precedence).
    this.readManualStatus(draft);
    if (unit === null) return;
    if (unit === '%') this.readTargetFraction(draft);

    if (sourceUnit !== null && !sourceFits(sourceUnit, unit)) {
      this.failAt(draft, 'source', {
        en: `the source gives a value in ${sourceUnit}, but the row's unit is ${unit}`,
        da: `kilden giver en værdi i ${UNIT_WORDS[sourceUnit].da}, men rækkens enhed er ${UNIT_WORDS[unit].da}`,
      });
      return;
    }

    this.attempt(draft, 'baseline', () => {
      let baseline = parseBaselineCell(this.cell(row, 'baseline'), this.format(row, 'baseline'));
      const fraction = unit === '%' ? this.fraction(draft, 'baseline') : null;
      if (baseline && fraction !== null) baseline = { ...baseline, value: fraction, sign: '%' };
      if (baseline) {
        checkSign(baseline.sign, unit);
        checkRange(baseline.value, unit, { en: 'the baseline', da: 'udgangspunktet' });
      }
      draft.baseline = baseline;
    });
    this.attempt(draft, 'tolerance', () => {
      draft.tolerance = parseToleranceCell(this.cell(row, 'tolerance'), this.format(row, 'tolerance'), unit);
    });
    if (draft.tolerance === null && this.options.defaultTolerance && !draft.error) this.readDefaultTolerance(draft, unit);
    this.readCumulative(draft);
    this.readAsOf(draft);
    if (draft.sourceValue !== null) {
      this.attempt(draft, 'source', () => checkRange(draft.sourceValue as number, unit, { en: 'the computed actual', da: 'det beregnede resultat' }));
      draft.actual = { kind: 'number', value: draft.sourceValue };
    } else if (draft.sourceBase === null && draft.mirrorOf === null) {
      this.readActual(draft, unit, declaredUnit === null);
    }
  }

  /** Evaluates the Source cell into the draft; returns the source's natural unit when it gave a value. */
  private readSource(draft: DraftRow): Unit | null {
    const row = draft.rowIndex;
    const sourceText = displayText(this.cell(row, 'source'));
    if (sourceText === '') return null;
    const cell = this.address(row, 'source');
    const outcome = this.options.sources.evaluate(sourceText, cell, this.label('source'), this.language);
    if (outcome.kind === 'error') {
      // The source evaluator builds the message with createRowError's words already.
      fail(draft, { cell, explanation: outcome.message });
    } else if (outcome.kind === 'mirror') {
      draft.mirrorOf = outcome.goalId;
      draft.mirrorCell = { cell, label: this.label('source') };
    } else if (outcome.kind === 'no-data') {
      draft.sourceBase = outcome.base;
    } else {
      draft.sourceValue = outcome.value;
      draft.sourceBase = outcome.base;
      return outcome.unit;
    }
    return null;
  }

  /** SPEC §5: the settings' default tolerance, for a row without its own; a bad one blames the settings cell. */
  private readDefaultTolerance(draft: DraftRow, unit: Unit): void {
    const setting = this.options.defaultTolerance;
    if (!setting) return;
    try {
      draft.tolerance = parseToleranceCell(setting.value, setting.numberFormat, unit);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      const label = this.language === 'da' ? 'Standardtolerance' : 'Default tolerance';
      fail(draft, createRowError(label, setting.cell, messageIn(error, this.language)));
    }
  }

  private inferredUnit(row: number): Unit {
    return inferUnitFromCell(this.cell(row, 'target'), this.format(row, 'target'));
  }

  private readCumulative(draft: DraftRow): void {
    const value = this.cell(draft.rowIndex, 'cumulative');
    if (isBlank(value)) return;
    const key = displayText(value).toLocaleLowerCase('da');
    if (YES.has(key)) draft.cumulative = true;
    else if (NO.has(key)) draft.cumulative = false;
    else this.failAt(draft, 'cumulative', { en: `"${displayText(value)}" is not yes or no (ja/nej, x, 1/0)`, da: `"${displayText(value)}" er hverken ja eller nej (ja/nej, x, 1/0)` });
  }

  private readManualStatus(draft: DraftRow): void {
    const text = displayText(this.cell(draft.rowIndex, 'manualStatus'));
    if (text === '') return;
    const status = parseManualStatus(text);
    if (status === null) {
      this.failAt(draft, 'manualStatus', {
        en: `"${text}" is not a status (green/grøn, yellow/gul, red/rød or a status of SPEC §3)`,
        da: `"${text}" er ikke en status (grøn, gul, rød eller en status som Opfyldt, På vej, I risiko)`,
      });
    } else {
      draft.manual = status;
    }
  }

  private readAsOf(draft: DraftRow): void {
    const value = this.cell(draft.rowIndex, 'asOf');
    if (isBlank(value)) return;
    const day = parseDateValue(value);
    if (day === null) this.failAt(draft, 'asOf', { en: `"${displayText(value)}" is not a date (write e.g. 2021-10-13)`, da: `"${displayText(value)}" er ikke en dato (skriv fx 13-10-2021)` });
    else draft.asOf = day;
  }

  /**
   * A bare number as the Target beside a per-cent Actual, with no unit written (SPEC §1 Unit: the
   * unit is then inferred from the Target): the Target is what lacks the sign, so it is blamed,
   * with the two ways to say it.
   */
  private blameBareTarget(draft: DraftRow, actual: string): void {
    const target = displayText(this.cell(draft.rowIndex, 'target'));
    const hasUnitColumn = this.header.inputs.unit !== undefined;
    const unitLabel = inputLabel('unit', this.language);
    this.failAt(draft, 'target', {
      en: `the target ${target} has no unit, but the actual ${actual} is a percentage: write "${target} %" as the target, or ${hasUnitColumn ? `% in its ${unitLabel} cell` : `add a ${unitLabel} column with %`}`,
      da: `måltallet ${target} har ingen enhed, men resultatet ${actual} er i procent: skriv "${target} %" som måltal, eller ${hasUnitColumn ? `% i rækkens ${unitLabel}` : `tilføj en kolonne ${unitLabel} med %`}`,
    });
  }

  private readActual(draft: DraftRow, unit: Unit, unitInferred = false): void {
    const value = this.cell(draft.rowIndex, 'actual');
    if (unit === 'milestone') {
      const state = parseMilestoneState(displayText(value));
      if (state === null) {
        this.failAt(draft, 'actual', {
          en: `"${displayText(value)}" is not a milestone state (done/udført, in progress/i gang, no/nej)`,
          da: `"${displayText(value)}" er ikke en milepælsstatus (udført, i gang eller nej)`,
        });
      } else {
        draft.actual = { kind: 'milestone', state };
      }
      return;
    }
    if (isBlank(value)) return;
    this.attempt(draft, 'actual', () => {
      const fraction = unit === '%' ? this.fraction(draft, 'actual') : null;
      const quantity: Quantity | null = fraction !== null ? { value: fraction, sign: '%' } : quantityFromCell(value, this.format(draft.rowIndex, 'actual'));
      if (quantity === null) throw new RuleError({ en: `"${displayText(value)}" is not a number`, da: `"${displayText(value)}" er ikke et tal` });
      if (unitInferred && quantity.sign === '%' && signConflicts('%', unit)) {
        this.blameBareTarget(draft, formatValue(quantity.value, '%', this.language));
        return;
      }
      checkSign(quantity.sign, unit);
      checkRange(quantity.value, unit, { en: 'the actual', da: 'resultatet' });
      draft.actual = { kind: 'number', value: quantity.value };
    });
  }

  /**
   * SPEC §2: a plain number 0…1 in the cell of a % row is a fraction; returns the per cent and notes
   * the reading in the Explanation (`0,75 læst som 75 %`), or null when the cell is no such number.
   */
  private fraction(draft: DraftRow, column: InputColumn): number | null {
    const value = this.cell(draft.rowIndex, column);
    const percent = fractionAsPercent(value, this.format(draft.rowIndex, column));
    if (percent === null || typeof value !== 'number') return null;
    if (value !== 0) draft.notes.push(`${formatValue(value, 'number', this.language)} ${phrase('readAs', this.language)} ${formatValue(percent, '%', this.language)}`);
    return percent;
  }

  /** A Target cell holding a plain number 0…1 in a % row is that fraction as a level (SPEC §2). */
  private readTargetFraction(draft: DraftRow): void {
    if (draft.rule?.kind !== 'single' || draft.rule.entry.kind !== 'level') return;
    const percent = this.fraction(draft, 'target');
    if (percent !== null) draft.rule = { kind: 'single', entry: { ...draft.rule.entry, value: percent, sign: '%' } };
  }

  /** SPEC §2: the row's target for each of `years`; a milestone target in a numeric row (or the reverse) is an error. */
  computeTargets(draft: DraftRow, years: number[]): void {
    if (draft.error || !draft.rule || draft.unit === null || draft.mirrorOf !== null) return;
    const unit = draft.unit;
    this.attempt(draft, 'target', () => {
      const targets = computeYearTargets(draft.rule as TargetRule, { unit, baseline: draft.baseline, years });
      for (const target of targets.values()) {
        if ((target.kind === 'milestone') !== (unit === 'milestone') && target.kind !== 'dropped') {
          throw new RuleError(
            unit === 'milestone'
              ? { en: 'a milestone row needs a target such as "done by 2021-12-31"', da: 'en milepælsrække skal have et måltal som "udført senest 31-12-2021"' }
              : { en: `a milestone target needs the unit milestone, not ${unit}`, da: `et milepælsmål kræver enheden milepæl, ikke ${UNIT_WORDS[unit].da}` },
          );
        }
      }
      draft.yearTargets = targets;
    });
  }
}

/** The first error of a row is the one it shows. */
function fail(draft: DraftRow, error: RowError): void {
  draft.error ??= error;
}

/** Whether a source's natural unit can stand in a row of `unit`. */
function sourceFits(source: Unit, unit: Unit): boolean {
  if (source === unit) return true;
  const plain: Unit[] = ['count', 'number', 'DKK'];
  return plain.includes(source) && plain.includes(unit);
}

function checkSign(sign: Quantity['sign'], unit: Unit): void {
  if (sign !== null && signConflicts(sign, unit)) {
    throw new RuleError({ en: `the sign ${sign} does not fit the row's unit ${unit}`, da: `tegnet ${sign} passer ikke til rækkens enhed ${UNIT_WORDS[unit].da}` });
  }
}

function checkRange(value: number, unit: Unit, what: Words): void {
  const range = unitRange(unit);
  if (range && (value < range[0] - 1e-9 || value > range[1] + 1e-9)) {
    const hi = Number.isFinite(range[1]) ? `${range[1]}` : '';
    throw new RuleError({
      en: `${what.en} ${formatValue(value, unit, 'en')} is outside the range of ${unit} (${range[0]}–${hi})`,
      da: `${what.da} ${formatValue(value, unit, 'da')} ligger uden for intervallet for ${UNIT_WORDS[unit].da} (${range[0]}–${hi})`,
    });
  }
}
