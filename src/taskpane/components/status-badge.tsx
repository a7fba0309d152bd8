import { mergeClasses } from '@fluentui/react-components';
import type { StatusId } from '../../engine/index';
import { useBadgeStyles } from '../app.styles';
import { STATUS_COLOURS } from '../../ui/i18n';

export interface StatusBadgeProps {
  status: StatusId;
  /** The status label in the pane's language; it carries the meaning, the colour only helps. */
  label: string;
  className?: string;
}

/**
 * A status shown as a coloured pill with its label, in the sheet's colours (SPEC 1).
 *
 * @example
 * <StatusBadge status="at-risk" label="At risk" />
 */
export function StatusBadge({ status, label, className }: StatusBadgeProps) {
  const styles = useBadgeStyles();
  const colours = STATUS_COLOURS[status];
  // Per-status colours come from the SPEC table, not from Fluent tokens: they must match the sheet.
  return (
    <span
      className={mergeClasses(styles.badge, className)}
      data-status={status}
      style={{ backgroundColor: colours.background, color: colours.foreground, borderColor: colours.foreground }}
    >
      {label}
    </span>
  );
}
