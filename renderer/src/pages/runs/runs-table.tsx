/**
 * A table of runs (history and the Overview panel): status, workflow, scope, when it
 * started, how long it took and how it ended; each row links to its Run view.
 */
import type { ReactNode } from 'react';
import { scopeLabel, type Run } from '../../api/runs';
import { DataTable, formatDuration, Link, RelativeTime, type Column } from '../../components';
import { outcomeText, RunStatusChip } from './run-status-chip';

const COLUMNS: Column<Run>[] = [
  { key: 'status', header: 'Status', cell: (run) => <RunStatusChip status={run.status} /> },
  { key: 'workflow', header: 'Workflow', cell: (run) => <Link to={`/runs/${run.id}`}>{run.workflow}</Link> },
  { key: 'scope', header: 'Scope', cell: (run) => <span className="runs-table__scope">{scopeLabel(run.path)}</span> },
  { key: 'started', header: 'Started', cell: (run) => <RelativeTime value={run.startedAt} /> },
  {
    key: 'duration',
    header: 'Duration',
    numeric: true,
    cell: (run) => (run.durationMs === null ? '—' : formatDuration(run.durationMs)),
  },
  { key: 'outcome', header: 'Outcome', cell: (run) => outcomeText(run) || '—' },
];

export function RunsTable({
  runs,
  caption,
  empty,
  compact = false,
}: {
  runs: Run[];
  caption: string;
  empty: ReactNode;
  compact?: boolean;
}) {
  const columns = compact ? COLUMNS.filter((c) => c.key !== 'outcome' && c.key !== 'duration') : COLUMNS;
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={runs}
      rowKey={(run) => run.id}
      empty={empty}
      testId="runs-table"
    />
  );
}
