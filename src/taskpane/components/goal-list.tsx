import { useId } from 'react';
import { formatActualValue, formatGapValue, formatTargetValue, type Language, type RowResult, type SheetResult } from '../../engine/index';
import { useListStyles } from '../app.styles';
import { TREND_ARROWS, type GoalValueField, type Strings } from '../../ui/i18n';
import { StatusBadge } from './status-badge';

export interface GoalListProps {
  sheets: SheetResult[];
  language: Language;
  strings: Strings;
  /** Called with the sheet and the 1-based row of the goal the user picked. */
  onSelectRow(sheet: string, row: number): void;
}

/**
 * A goal's actual, target and gap as the sheet's Explanation and the command line's table show
 * them (the engine's one display formatter); a blank part is left out.
 *
 * @example listGoalValues({ actual: 75, target: 80, gap: -5, unit: '%' }, 'da') // [['actual', '75 %'], ['target', '80 %'], ['gap', '−5 pp']]
 */
export function listGoalValues(row: Pick<RowResult, 'actual' | 'target' | 'gap' | 'unit'>, language: Language): [GoalValueField, string][] {
  const values: [GoalValueField, string][] = [
    ['actual', formatActualValue(row.actual, row.unit, language)],
    ['target', formatTargetValue(row.target, row.unit, language)],
    ['gap', formatGapValue(row.gap, row.unit, language)],
  ];
  return values.filter(([, text]) => text !== '');
}

/**
 * The evaluated goals grouped by sheet; each goal is a button (click, Enter or Space) that
 * selects its row in the sheet.
 *
 * @example
 * <GoalList sheets={result.sheets} language="en" strings={STRINGS.en} onSelectRow={select} />
 */
export function GoalList({ sheets, language, strings, onSelectRow }: GoalListProps) {
  const styles = useListStyles();
  const baseId = useId();
  return (
    <>
      {sheets.map((sheet, sheetIndex) => (
        <section key={sheet.name} aria-labelledby={`${baseId}-sheet-${sheetIndex}`}>
          <h3 id={`${baseId}-sheet-${sheetIndex}`} className={styles.sheetName}>
            {sheet.name}
          </h3>
          <ul className={styles.list}>
            {sheet.rows.map((row) => {
              const explanationId = `${baseId}-${sheetIndex}-${row.row}`;
              const values = listGoalValues(row, language);
              return (
                <li key={`${row.row}-${row.id}`}>
                  <button
                    type="button"
                    className={styles.goal}
                    aria-describedby={explanationId}
                    onClick={() => onSelectRow(sheet.name, row.row)}
                  >
                    <span className={styles.goalId}>{row.id}</span>
                    <span className={styles.goalText}>
                      <span>{row.title ?? ''}</span>
                      {values.length === 0 ? null : (
                        <span className={styles.detail}>
                          {values.map(([field, text], index) => (
                            <span key={field}>
                              {index > 0 ? ' · ' : null}
                              {strings.valueLabels[field]} <span data-value={field}>{text}</span>
                            </span>
                          ))}
                        </span>
                      )}
                      <span id={explanationId} className={styles.detail}>
                        {row.explanation}
                      </span>
                    </span>
                    <span className={styles.statusCell}>
                      <StatusBadge status={row.status} label={strings.status[row.status]} />
                      {row.trend ? (
                        <span role="img" aria-label={strings.trendLabel(row.trend)} title={strings.trendLabel(row.trend)} data-trend={row.trend.direction}>
                          {TREND_ARROWS[row.trend.direction]}
                        </span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
