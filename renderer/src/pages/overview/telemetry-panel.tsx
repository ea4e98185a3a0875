/**
 * Local telemetry (`GET /api/telemetry`, read from <attuneHome>/telemetry/usage.jsonl):
 * totals and the busiest workflows. An empty file says where the data comes from.
 */
import { getTelemetry, telemetryRows } from '../../api/telemetry';
import { useApi } from '../../api/use-api';
import {
  Banner,
  Card,
  DataTable,
  EmptyState,
  Money,
  RelativeTime,
  Skeleton,
  formatCount,
  type Column,
} from '../../components';
import type { TelemetryRow } from '../../api/telemetry';

const COLUMNS: Column<TelemetryRow>[] = [
  { key: 'name', header: 'Workflow', cell: (r) => r.name },
  {
    key: 'requests',
    header: 'Requests',
    numeric: true,
    cell: (r) => (r.requests === null ? '—' : formatCount(r.requests)),
  },
  { key: 'cost', header: 'Cost', numeric: true, cell: (r) => <Money usd={r.cost} /> },
  { key: 'savings', header: 'Savings', numeric: true, cell: (r) => <Money usd={r.savings} /> },
];

export function TelemetryPanel() {
  const { state } = useApi((signal) => getTelemetry(signal));
  return (
    <Card
      title="Local telemetry"
      subtitle="Requests recorded by Attune workflows on this machine"
      level={2}
      testId="telemetry"
    >
      {state.kind === 'loading' && <Skeleton height={96} label="Loading telemetry" />}
      {state.kind === 'error' && (
        <Banner tone="error" title="Telemetry could not be read">
          {state.error.message}
        </Banner>
      )}
      {state.kind === 'ok' &&
        (state.data.totalRequests === 0 ? (
          <EmptyState title="No telemetry yet">
            Attune workflows append to <code>telemetry/usage.jsonl</code> under your Attune home as they call the API;
            totals appear here after the first one.
          </EmptyState>
        ) : (
          <>
            <dl className="stat-row">
              <div>
                <dt>Requests</dt>
                <dd className="num">{formatCount(state.data.totalRequests)}</dd>
              </div>
              <div>
                <dt>Cost</dt>
                <dd>
                  <Money usd={state.data.totalCost} />
                </dd>
              </div>
              <div>
                <dt>Savings</dt>
                <dd>
                  <Money usd={state.data.totalSavings} />
                </dd>
              </div>
              <div>
                <dt>Last event</dt>
                <dd>{state.data.lastEventAt ? <RelativeTime value={state.data.lastEventAt} /> : '—'}</dd>
              </div>
            </dl>
            <DataTable
              caption="Telemetry by workflow"
              columns={COLUMNS}
              rows={telemetryRows(state.data.byWorkflow)
                .sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0))
                .slice(0, 8)}
              rowKey={(r) => r.name}
            />
          </>
        ))}
    </Card>
  );
}
