/**
 * The Runs page: history across workflows, newest first (running first), with filters
 * (workflow, status; kept in the URL query so a reload or a shared link keeps them) and
 * cursor pagination ("Older runs" follows `nextCursor`, "Newest" goes back). Run records
 * the server could not read are counted, never silently dropped: the count is shown.
 */
import { useState } from 'react';
import { listRuns, RUN_STATUSES, STATUS_LABEL, type RunStatus } from '../../api/runs';
import { useApi } from '../../api/use-api';
import { listWorkflows } from '../../api/workflows';
import { navigate, useLocation } from '../../app/navigation';
import { Banner, Button, EmptyState, formatCount, Link, Skeleton } from '../../components';
import { RunsTable } from './runs-table';
import './runs.css';

export const PAGE_SIZE = 25;

export function RunsPage() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const workflow = params.get('workflow') ?? '';
  const status = (RUN_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as RunStatus)
    : '';
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors[cursors.length - 1] ?? null;
  const page = useApi(
    (signal) => listRuns({ workflow, status, limit: PAGE_SIZE, before }, signal),
    [workflow, status, before],
  );
  const workflows = useApi((signal) => listWorkflows(signal));

  const setFilter = (key: 'workflow' | 'status', value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setCursors([]);
    const query = next.toString();
    navigate(`/runs${query ? `?${query}` : ''}`, { replace: true });
  };

  const names = workflows.state.kind === 'ok' ? workflows.state.data.workflows.map((w) => w.name) : [];
  if (workflow && !names.includes(workflow)) names.push(workflow);
  const data = page.state.kind === 'loading' ? undefined : page.state.data;

  return (
    <div className="stack runs-page">
      <div className="page-head">
        <h1>Runs</h1>
        <div className="page-head__actions">
          <Button small onClick={() => void page.reload()} busy={page.state.kind === 'ok' && page.state.reloading}>
            Refresh
          </Button>
        </div>
      </div>
      <div className="row runs-filters" role="group" aria-label="Filter runs">
        <label className="field">
          <span className="field__label">Workflow</span>
          <select
            className="select"
            value={workflow}
            onChange={(e) => setFilter('workflow', e.target.value)}
            data-testid="filter-workflow"
          >
            <option value="">All workflows</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Status</span>
          <select
            className="select"
            value={status}
            onChange={(e) => setFilter('status', e.target.value)}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data && data.skipped > 0 && (
        <Banner tone="warn" title="Some history could not be read" testId="runs-skipped">
          {formatCount(data.skipped)} run {data.skipped === 1 ? 'record' : 'records'} could not be read and{' '}
          {data.skipped === 1 ? 'was' : 'were'} skipped. The server log names the files.
        </Banner>
      )}
      {page.state.kind === 'error' && (
        <Banner tone="error" title="Runs could not be loaded">
          {page.state.error.message}
        </Banner>
      )}
      {page.state.kind === 'loading' ? (
        <Skeleton height={240} label="Loading runs" />
      ) : (
        data && (
          <RunsTable
            runs={data.runs}
            caption="Run history"
            empty={
              <EmptyState title={workflow || status ? 'No runs match these filters' : 'No runs yet'}>
                {workflow || status ? (
                  'Clear a filter to see more.'
                ) : (
                  <>
                    Start one from <Link to="/workflows">Workflows</Link>.
                  </>
                )}
              </EmptyState>
            }
          />
        )
      )}
      <div className="row runs-pager">
        <Button small disabled={cursors.length === 0} onClick={() => setCursors([])}>
          Newest
        </Button>
        <Button
          small
          disabled={!data?.nextCursor}
          onClick={() => data?.nextCursor && setCursors([...cursors, data.nextCursor])}
          data-testid="runs-older"
        >
          Older runs
        </Button>
        {cursors.length > 0 && <span className="muted small">Page {cursors.length + 1}</span>}
      </div>
    </div>
  );
}
