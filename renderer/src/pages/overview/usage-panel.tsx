/**
 * Tokens and cache efficiency on the Overview: the cache hit rate and tokens by type over
 * the span, a chart per day and a table per model. Every state without figures says why in
 * words (no admin key, the report failed, nothing fetched yet); figures that are kept after
 * a failure or are overdue are marked stale with the reason. The layout keeps its height.
 */
import { lazy, Suspense } from 'react';
import type { CostSpan } from '../../api/costs';
import type { UsageResponse, UsageSummary } from '../../api/usage';
import { Card, DataTable, EmptyState, formatCount, formatRelative, Skeleton, useNow } from '../../components';
import { CHART_HEIGHT } from './chart-size';
import { formatHitRate, TOKEN_TYPES } from './usage-types';
import { useUsage } from './use-usage';
import './usage-panel.css';

const UsageChart = lazy(() => import('./usage-chart'));

type ModelRow = UsageSummary['byModel'][number];

export function UsagePanel({ span }: { span: CostSpan }) {
  const { state } = useUsage(span);
  const data = state.kind === 'ok' ? state.data : state.kind === 'error' ? state.data : undefined;
  const usage = data?.usage ?? null;
  return (
    <Card
      title="Tokens and cache efficiency"
      subtitle={`Last ${usage?.span ?? span} UTC days, from the usage report`}
      testId="usage-panel"
    >
      {state.kind === 'error' && (
        <p className="muted" role="alert">
          Token figures could not be loaded: {state.error.message}
        </p>
      )}
      {state.kind === 'loading' ? (
        <Skeleton height={CHART_HEIGHT} />
      ) : usage ? (
        <UsageFigures usage={usage} error={data?.error ?? null} />
      ) : (
        data && <NoUsage error={data.error} />
      )}
    </Card>
  );
}

function NoUsage({ error }: { error: UsageResponse['error'] }) {
  if (error?.kind === 'no_key')
    return (
      <EmptyState title="Billing not connected">
        Add an Anthropic admin key in Settings (or set ANTHROPIC_ADMIN_API_KEY) to see tokens and cache efficiency.
      </EmptyState>
    );
  if (error)
    return <EmptyState title="No token figures yet">The usage report could not be read: {error.message}</EmptyState>;
  return (
    <EmptyState title="No token figures yet">
      They appear after the first refresh of the usage report (with the spend figures).
    </EmptyState>
  );
}

function UsageFigures({ usage, error }: { usage: UsageSummary; error: UsageResponse['error'] }) {
  const now = useNow();
  const t = usage.totals;
  return (
    <>
      {usage.stale && (
        <p className="tile__foot tile__foot--stale" data-testid="usage-stale">
          Stale: fetched {formatRelative(usage.fetchedAt, now)}.{' '}
          {error ? `The latest refresh failed: ${error.message}` : 'The latest refresh is overdue.'}
        </p>
      )}
      <dl className="usage-totals" data-testid="usage-totals">
        <div>
          <dt>Cache hit rate</dt>
          <dd className="tile__value">{formatHitRate(t.hitRate)}</dd>
        </div>
        {TOKEN_TYPES.map((type) => (
          <div key={type.key}>
            <dt>{type.label}</dt>
            <dd>{formatCount(t[type.key])}</dd>
          </div>
        ))}
        <div>
          <dt>Web searches</dt>
          <dd>{formatCount(t.webSearchRequests)}</dd>
        </div>
      </dl>
      <Suspense fallback={<Skeleton height={CHART_HEIGHT} />}>
        <UsageChart byDay={usage.byDay} />
      </Suspense>
      <DataTable<ModelRow>
        caption={`Tokens by model, last ${usage.span} days`}
        testId="usage-by-model"
        rows={usage.byModel}
        rowKey={(r) => r.model ?? '(no model)'}
        columns={[
          { key: 'model', header: 'Model', cell: (r) => r.model ?? 'No model' },
          ...TOKEN_TYPES.map((type) => ({
            key: type.key,
            header: type.label,
            numeric: true,
            cell: (r: ModelRow) => formatCount(r[type.key]),
          })),
          { key: 'hitRate', header: 'Hit rate', numeric: true, cell: (r) => formatHitRate(r.hitRate) },
        ]}
        empty={<EmptyState title={`No tokens in the last ${usage.span} days`}>The usage report has none.</EmptyState>}
      />
    </>
  );
}
