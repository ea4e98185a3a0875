/**
 * A time shown relative ("6 min ago") that keeps itself current, with the exact local
 * date and time on hover (title) and machine-readable in `dateTime`.
 */
import { formatExact, formatRelative } from './format';
import { useNow } from './use-now';

export function RelativeTime({ value, prefix }: { value: string | number | Date; prefix?: string }) {
  const now = useNow();
  const date = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(date.getTime())) return <span className="muted">unknown time</span>;
  return (
    <time dateTime={date.toISOString()} title={formatExact(date)}>
      {prefix}
      {formatRelative(date, Math.max(now, 0))}
    </time>
  );
}
