/**
 * The header's live status pill (from `/api/status/events`): one word for the overall
 * state plus the most useful fact (running runs, the cost detail sentence), the full
 * explanation on hover, and a link to where the user can act on it.
 */
import type { OpsStatus } from '../api/status';
import { Link } from '../components';

export interface PillView {
  tone: 'ok' | 'running' | 'warning' | 'error' | 'stale' | 'unknown';
  label: string;
  detail: string;
  to: string;
}

/** Decides what the pill says; pure so it can be tested without a stream. */
export function describeStatus(status: OpsStatus | null, connected: boolean): PillView {
  if (!connected)
    return { tone: 'error', label: 'Reconnecting…', detail: 'The ops server cannot be reached; retrying.', to: '/' };
  if (!status)
    return { tone: 'unknown', label: 'Connecting…', detail: 'Waiting for the first status update.', to: '/' };
  const running = status.runs.running.length;
  const costDetail = status.costs.detail ?? '';
  switch (status.overall) {
    case 'running': {
      const first = status.runs.running[0];
      return {
        tone: 'running',
        label: running === 1 ? `Running: ${first?.workflow ?? '1 run'}` : `${running} runs running`,
        detail:
          status.runs.running.map((r) => `${r.workflow} (${r.path || 'whole project'})`).join(', ') ||
          'A run is in progress.',
        to: running === 1 && first ? `/runs/${first.id}` : '/runs',
      };
    }
    case 'warning':
      return {
        tone: 'warning',
        label: 'Warning',
        detail: costDetail || 'A budget threshold or spend anomaly needs attention.',
        to: '/',
      };
    case 'error':
      return {
        tone: 'error',
        label: 'Attention',
        detail: costDetail || errorFromRuns(status) || 'Something failed; see Overview.',
        to: status.costs.state === 'error' ? '/' : '/runs',
      };
    case 'stale':
      return {
        tone: 'stale',
        label: 'Stale data',
        detail: costDetail || 'Spend figures are older than expected.',
        to: '/',
      };
    default:
      // Billing never connected is not a problem, nor "all good" about spend: neutral.
      if (status.costs.state === 'no_key')
        return {
          tone: 'unknown',
          label: 'Billing not connected',
          detail: costDetail || 'No admin key is configured; spend is not shown.',
          to: '/',
        };
      return {
        tone: 'ok',
        label: 'All good',
        detail: costDetail || 'No runs in progress; spend is within limits.',
        to: '/',
      };
  }
}

function errorFromRuns(status: OpsStatus): string | null {
  const last = status.runs.lastFinished;
  return last && last.status !== 'succeeded' ? `Last run ${last.workflow} ${last.status.replace('_', ' ')}.` : null;
}

export function StatusPill({ status, connected }: { status: OpsStatus | null; connected: boolean }) {
  const view = describeStatus(status, connected);
  return (
    <Link
      to={view.to}
      className={`status-pill status-pill--${view.tone}`}
      title={view.detail}
      data-testid="status-pill"
      aria-label={`Status: ${view.label}. ${view.detail}`}
    >
      <span className="status-pill__dot" aria-hidden="true" />
      <span>{view.label}</span>
    </Link>
  );
}
