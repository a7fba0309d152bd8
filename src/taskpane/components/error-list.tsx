import { Link } from '@fluentui/react-components';
import type { Finding, SheetResult } from '../../engine/index';
import { useListStyles } from '../app.styles';
import { parseCellReference } from '../cell-reference';
import type { Strings } from '../../ui/i18n';

export interface ErrorListProps {
  sheets: SheetResult[];
  findings: Finding[];
  strings: Strings;
  /** Called with the sheet and address of the cell the user wants to see. */
  onSelectCell(sheet: string, address: string): void;
}

interface ErrorEntry {
  key: string;
  cell: string | null;
  message: string;
}

/** Error rows (with their `errorCell`) and workbook findings, in sheet order. */
export function collectErrors(sheets: SheetResult[], findings: Finding[]): ErrorEntry[] {
  const entries: ErrorEntry[] = [];
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      if (row.status !== 'error') continue;
      entries.push({ key: `${sheet.name}|${row.row}|${row.id}`, cell: row.errorCell ?? null, message: `${row.id}: ${row.explanation}` });
    }
  }
  findings.forEach((finding, index) => entries.push({ key: `finding-${index}`, cell: finding.cell, message: finding.message }));
  return entries;
}

/**
 * Every error with its cell address as a link that selects the cell (SPEC 7).
 *
 * @example
 * <ErrorList sheets={result.sheets} findings={result.findings} strings={STRINGS.da} onSelectCell={select} />
 */
export function ErrorList({ sheets, findings, strings, onSelectCell }: ErrorListProps) {
  const styles = useListStyles();
  const entries = collectErrors(sheets, findings);
  if (entries.length === 0) return <p>{strings.noErrors}</p>;
  return (
    <ul className={styles.list}>
      {entries.map((entry) => {
        const reference = entry.cell ? parseCellReference(entry.cell) : null;
        return (
          <li key={entry.key} className={styles.errorItem}>
            {reference && entry.cell ? (
              <Link
                href={`#${encodeURIComponent(entry.cell)}`}
                title={strings.errorLinkLabel(entry.cell)}
                onClick={(event) => {
                  event.preventDefault();
                  onSelectCell(reference.sheet, reference.address);
                }}
              >
                {entry.cell}
              </Link>
            ) : entry.cell ? (
              <span>{entry.cell}</span>
            ) : null}
            <span className={styles.detail}>{entry.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
