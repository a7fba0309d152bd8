import { normalizeHeader, quoteSheetName } from '../cell-text';
import { HEADER_SEARCH_ROWS, isGoalSheetHead } from '../headers';
import { isSettingsSheetName } from '../settings';
import type { Words } from '../rule-model';
import type { SheetSnapshot, WorkbookSnapshot } from '../types';
import { findClosestNames } from './closest-names';
import { DataColumn, DataSheet } from './data-sheet';
import type { ColumnRef } from './parser';
import { readSurveyLabels, type CodedVariable, type SurveyLabels } from './survey-labels';

/**
 * The workbook as the sources see it, for one recalculation: each data sheet is read at most
 * once and each of its columns normalised at most once, however many sources name them
 * (SPEC §4).
 */

/** A problem with a source that only the workbook reveals (unknown sheet or column, ...). */
export class SourceProblem extends Error {
  override readonly name = 'SourceProblem';
  /** The message in both languages (`message` is the English). */
  readonly words: Words;
  constructor(message: Words) {
    super(message.en);
    this.words = message;
  }
}

/** A labels sheet and what it says; the name keys the caches of work done with it. */
export interface LabelsInForce {
  name: string;
  labels: SurveyLabels;
}

/** The sheet SurveyXact labels come from when neither the `labels =` option nor a setting names one. */
export const LABELS_SHEET = 'Labels';

/**
 * A sheet by the name a source writes: the exact name first, else Excel's rule that sheet names
 * ignore case.
 */
export function findSheetNamed(sheets: readonly SheetSnapshot[], name: string): SheetSnapshot | null {
  const exact = sheets.find((s) => s.name === name);
  if (exact) return exact;
  const wanted = name.trim().toLowerCase();
  return sheets.find((s) => s.name.trim().toLowerCase() === wanted) ?? null;
}

export class SourceWorkbook {
  private readonly dataSheets = new Map<string, DataSheet>();
  private readonly labelSheets = new Map<string, SurveyLabels>();

  constructor(private readonly snapshot: WorkbookSnapshot) {}

  /** See {@link findSheetNamed}. */
  findSheet(name: string): SheetSnapshot | null {
    return findSheetNamed(this.snapshot.sheets, name);
  }

  /** @throws SourceProblem naming the unknown sheet and the closest existing ones. */
  requireSheet(name: string): SheetSnapshot {
    const sheet = this.findSheet(name);
    if (sheet) return sheet;
    // Goal sheets and the settings sheet hold no data a source could read: not worth suggesting.
    const dataSheets = this.snapshot.sheets.filter((s) => !isSettingsSheetName(s.name) && !isGoalSheetHead(s.values.slice(0, HEADER_SEARCH_ROWS)));
    const closest = findClosestNames(
      name,
      dataSheets.map((s) => s.name),
    ).map(quoteSheetName);
    const hint = (word: string): string => (closest.length > 0 ? `; ${word}: ${closest.join(', ')}` : '');
    throw new SourceProblem({ en: `unknown sheet "${name}"${hint('closest')}`, da: `ukendt ark "${name}"${hint('nærmeste')}` });
  }

  dataSheet(name: string): DataSheet {
    const snapshot = this.requireSheet(name);
    let sheet = this.dataSheets.get(snapshot.name);
    if (!sheet) {
      sheet = new DataSheet(snapshot);
      this.dataSheets.set(snapshot.name, sheet);
    }
    return sheet;
  }

  /**
   * Resolves a column reference; a reference without a sheet is on `defaultSheet`.
   * @throws SourceProblem for an unknown sheet or column, or a sheet without a header row.
   */
  column(ref: ColumnRef, defaultSheet: string): { sheet: DataSheet; column: DataColumn } {
    const sheet = this.dataSheet(ref.sheet ?? defaultSheet);
    if (!sheet.hasHeader) {
      throw new SourceProblem({ en: `sheet ${quoteSheetName(sheet.name)} is empty: it has no header row`, da: `arket ${quoteSheetName(sheet.name)} er tomt: det har ingen overskriftsrække` });
    }
    const index = sheet.findColumn(ref.name, ref.bracketed);
    if (index === null) {
      const closest = findClosestNames(ref.name, sheet.headerNames);
      throw new SourceProblem({
        en: `unknown column "${ref.name}" on sheet ${quoteSheetName(sheet.name)}; closest: ${closest.join(', ')}`,
        da: `ukendt kolonne "${ref.name}" på arket ${quoteSheetName(sheet.name)}; nærmeste: ${closest.join(', ')}`,
      });
    }
    return { sheet, column: sheet.column(index) };
  }

  /**
   * The SurveyXact labels in force: the `labels = Sheet` option, else the evaluator's
   * override, else a sheet named `Labels` when there is one, else none.
   */
  labels(explicit: string | undefined, override: string | undefined): LabelsInForce | null {
    const name = explicit ?? override;
    const snapshot = name !== undefined ? this.requireSheet(name) : this.findSheet(LABELS_SHEET);
    if (!snapshot) return null;
    let labels = this.labelSheets.get(snapshot.name);
    if (!labels) {
      labels = readSurveyLabels(snapshot);
      this.labelSheets.set(snapshot.name, labels);
    }
    return { name: snapshot.name, labels };
  }
}

/** The coded variable behind a column, when the labels know its header. */
export function findCodedVariable(labels: SurveyLabels | null, column: DataColumn): CodedVariable | null {
  if (!labels || column.header === '') return null;
  return labels.get(normalizeHeader(column.header)) ?? null;
}
