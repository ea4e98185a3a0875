/**
 * The strip of a workflow's most recent runs under its row: one compact link per run
 * (status, scope, when). Loads `/api/runs?workflow=<name>&limit=N` and reloads when
 * `refreshKey` changes (after a start).
 */
import { useApi } from '../../api/use-api';
import { listRuns, scopeLabel } from '../../api/runs';
import { Link, RelativeTime } from '../../components';
import { RunStatusChip } from '../runs/run-status-chip';

export const STRIP_LIMIT = 5;

export function RecentRunsStrip({ workflow, refreshKey = 0 }: { workflow: string; refreshKey?: number }) {
  const { state } = useApi((signal) => listRuns({ workflow, limit: STRIP_LIMIT }, signal), [workflow, refreshKey]);
  if (state.kind === 'loading') return <p className="recent-strip muted small">Loading recent runs…</p>;
  if (state.kind === 'error' && !state.data)
    return <p className="recent-strip muted small">Recent runs unavailable: {state.error.message}</p>;
  const runs = state.kind === 'ok' ? state.data.runs : (state.data?.runs ?? []);
  if (runs.length === 0) return <p className="recent-strip muted small">No runs yet — pick a scope and press Run.</p>;
  return (
    <ul className="recent-strip" aria-label={`Recent runs of ${workflow}`}>
      {runs.map((run) => (
        <li key={run.id}>
          <Link to={`/runs/${run.id}`} className="recent-strip__run" title={`${run.status} · ${scopeLabel(run.path)}`}>
            <RunStatusChip status={run.status} />
            <span className="recent-strip__scope">{scopeLabel(run.path)}</span>
            <RelativeTime value={run.startedAt} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
