import { useId } from 'react';
import type { Language, SheetResult } from '../../engine/index';
import { useListStyles } from '../app.styles';
import { formatValue, TREND_ARROWS, type Strings } from '../../ui/i18n';
import { StatusBadge } from './status-badge';

export interface GoalListProps {
  sheets: SheetResult[];
  language: Language;
  strings: Strings;
  /** Called with the sheet and the 1-based row of the goal the user picked. */
  onSelectRow(sheet: string, row: number): void;
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
                      {row.actual === null && row.target === null ? null : (
                        <span className={styles.detail}>
                          {strings.actualVersusTarget(formatValue(row.actual, row.unit, language), formatValue(row.target, row.unit, language))}
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
