/**
 * A small inline progress indicator. `label` is read by screen readers; pass "" when the
 * surrounding text already says what is happening.
 */
export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span className="spinner-wrap" role={label ? 'status' : undefined}>
      <span className="spinner" aria-hidden="true" />
      {label && <span className="visually-hidden">{label}</span>}
    </span>
  );
}

/** A fixed-size placeholder block so content does not jump when data arrives. */
export function Skeleton({
  width = '100%',
  height = 16,
  label,
}: {
  width?: number | string;
  height?: number | string;
  label?: string;
}) {
  return (
    <span
      className="skeleton"
      style={{ width, height }}
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? 'status' : undefined}
    />
  );
}
