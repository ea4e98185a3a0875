/**
 * The span of days the chart, the breakdowns and the CSV cover (7, 30 or 90), as toggle
 * chips; and the note that says when the figures on this computer start later than the
 * span (older days are fetched at the next refresh), so a short chart is never silent.
 */
import { COST_SPAN_DAYS, type CostSpan, type CostSummary } from '../../api/costs';
import { Chip, formatDay } from '../../components';

export function SpanPicker({ span, onChange }: { span: CostSpan; onChange(span: CostSpan): void }) {
  return (
    <div className="row" role="group" aria-label="Days shown" data-testid="span-picker">
      {COST_SPAN_DAYS.map((days) => (
        <Chip key={days} pressed={span === days} onClick={() => onChange(days)}>
          {days} days
        </Chip>
      ))}
    </div>
  );
}

/** Null when the held figures cover the span asked for. */
export function CoverageNote({ summary, asked }: { summary: CostSummary; asked: CostSpan }) {
  const chartStart = summary.byDay[0]?.date;
  if (summary.span !== asked)
    return (
      <p className="muted small" data-testid="coverage-note">
        Only the last {summary.span} days are on this computer yet (kept by the previous version); {asked} days appear
        after the next successful refresh.
      </p>
    );
  if (!summary.coveredFrom || !chartStart || summary.coveredFrom <= chartStart) return null;
  return (
    <p className="muted small" data-testid="coverage-note">
      Figures on this computer start on {formatDay(summary.coveredFrom)} ({summary.coveredFrom} UTC); earlier days of
      the {summary.span}-day view appear after the next successful refresh.
    </p>
  );
}
