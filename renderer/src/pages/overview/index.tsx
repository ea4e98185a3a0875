/**
 * The Overview: spend first (tiles with freshness, refresh, the error state of its kind,
 * budget and anomaly, the 30-day chart, breakdowns, CSV export), then local telemetry
 * and the last runs from disk history. The layout keeps its shape while loading.
 */
import { lazy, Suspense } from 'react';
import { COSTS_EXPORT_URL } from '../../api/costs';
import { Banner, Button, ButtonLink, Card, Skeleton } from '../../components';
import { RecentRunsPanel } from '../runs/recent-runs-panel';
import { AnomalyAlarm, BudgetGauge } from './budget-alarm';
import { BreakdownTables } from './breakdown-tables';
import { CostErrorState } from './cost-error-state';
import { KeySpendPanel } from './key-spend-panel';
import { OtherCurrencies } from './other-currencies';
import { SpendTiles } from './spend-tiles';
import { TelemetryPanel } from './telemetry-panel';
import { useCosts } from './use-costs';
import { CHART_HEIGHT } from './chart-size';

const DailyChart = lazy(() => import('./daily-chart'));

export function OverviewPage() {
  const costs = useCosts();
  const data =
    costs.state.kind === 'ok' ? costs.state.data : costs.state.kind === 'error' ? costs.state.data : undefined;
  const summary = data?.summary ?? null;
  const error = data?.error ?? null;
  const showFigures = summary !== null || costs.state.kind === 'loading';
  const noKey = error?.kind === 'no_key' && !summary;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="muted">Anthropic API spend for your organization, local telemetry and recent runs.</p>
        </div>
        <div className="page-head__actions">
          {summary && (
            <ButtonLink href={COSTS_EXPORT_URL} download small>
              Export CSV
            </ButtonLink>
          )}
          <Button
            onClick={() => void costs.refresh()}
            busy={costs.refreshing}
            disabled={noKey}
            aria-label={costs.refreshing ? 'Refreshing spend…' : 'Refresh spend'}
          >
            {costs.refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </div>

      {costs.state.kind === 'error' && (
        <Banner
          tone="error"
          title="Spend could not be loaded"
          actions={
            <Button small onClick={() => void costs.reload()}>
              Try again
            </Button>
          }
        >
          {costs.state.error.message}
        </Banner>
      )}
      {costs.refreshError && (
        <Banner tone="error" title="Refresh failed">
          {costs.refreshError.message}
        </Banner>
      )}
      {error && (
        <CostErrorState
          error={error}
          hasData={summary !== null}
          onKeySaved={() => void costs.refresh()}
          onRetry={() => void costs.refresh()}
          retrying={costs.refreshing}
          receivedAt={Date.now()}
        />
      )}

      {showFigures && <SpendTiles summary={summary} error={error} />}
      {summary && summary.otherCurrencies.length > 0 && <OtherCurrencies entries={summary.otherCurrencies} />}

      {data && (
        <div className="grid-2">
          <BudgetGauge budget={data.budget} />
          <AnomalyAlarm alarm={data.alarm} />
        </div>
      )}

      {showFigures && (
        <Card title="Spend by day" subtitle="Last 30 UTC days" testId="chart-card">
          {summary ? (
            <Suspense fallback={<Skeleton height={CHART_HEIGHT} />}>
              <DailyChart byDay={summary.byDay} />
            </Suspense>
          ) : (
            <Skeleton height={CHART_HEIGHT} />
          )}
        </Card>
      )}

      {summary && <BreakdownTables summary={summary} />}
      {summary && <KeySpendPanel reloadSignal={summary.fetchedAt} refreshing={costs.refreshing} />}

      <div className="grid-2">
        <TelemetryPanel />
        <RecentRunsPanel />
      </div>
    </>
  );
}
