import { STATUS_IDS, type StatusSummary } from '../../engine/index';
import { useListStyles } from '../app.styles';
import type { Strings } from '../../ui/i18n';
import { StatusBadge } from './status-badge';

export interface SummaryTableProps {
  summary: StatusSummary;
  strings: Strings;
}

/**
 * How many rows have each status, every status listed (zero included) in SPEC 3's order.
 *
 * @example
 * <SummaryTable summary={recalculation.summary} strings={STRINGS.en} />
 */
export function SummaryTable({ summary, strings }: SummaryTableProps) {
  const styles = useListStyles();
  return (
    <table className={styles.table} aria-label={strings.summaryHeading}>
      <tbody>
        {STATUS_IDS.map((status) => (
          <tr key={status}>
            <th scope="row" className={styles.cell}>
              <StatusBadge status={status} label={strings.status[status]} />
            </th>
            <td className={`${styles.cell} ${styles.count}`}>{summary[status] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
