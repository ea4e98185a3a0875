/**
 * The Overview's "Recent runs" panel: the last runs from the history on disk (not only
 * this session's), with a link to the full history. Says what to do when there are none
 * and counts unreadable records.
 */
import { listRuns } from '../../api/runs';
import { useApi } from '../../api/use-api';
import { Card, EmptyState, formatCount, Link, Skeleton } from '../../components';
import { RunsTable } from './runs-table';

export const RECENT_LIMIT = 8;

export function RecentRunsPanel() {
  const { state } = useApi((signal) => listRuns({ limit: RECENT_LIMIT }, signal));
  return (
    <Card title="Recent runs" actions={<Link to="/runs">All runs</Link>} testId="recent-runs">
      {state.kind === 'loading' && <Skeleton height={120} label="Loading recent runs" />}
      {state.kind === 'error' && !state.data && <p className="muted">Run history unavailable: {state.error.message}</p>}
      {state.kind !== 'loading' && state.data && (
        <>
          <RunsTable
            runs={state.data.runs}
            caption="Recent runs"
            compact
            empty={
              <EmptyState title="No runs yet">
                Start a workflow from <Link to="/workflows">Workflows</Link>; its runs are kept here.
              </EmptyState>
            }
          />
          {state.data.skipped > 0 && (
            <p className="muted small">{formatCount(state.data.skipped)} unreadable run records were skipped.</p>
          )}
        </>
      )}
    </Card>
  );
}
