/**
 * The Overview: spend first (tiles with freshness, refresh, the error state of its kind,
 * budget and anomaly, the chart and breakdowns over 7, 30 or 90 days, CSV export, tokens
 * and cache efficiency, Claude Code per user or API key) for the organization chosen in the
 * header or all of them summed (cost per key, Claude Code and the CSV are per organization:
 * the page says so), then local telemetry and the last runs from disk history. The layout
 * keeps its shape while loading.
 */
import { lazy, Suspense, useState } from 'react';
import { costsExportUrl, type CostSpan } from '../../api/costs';
import { ALL_ORGS } from '../../api/orgs';
import { useAppContext } from '../../app/app-context';
import { Banner, Button, ButtonLink, Card, EmptyState, Skeleton } from '../../components';
import { RecentRunsPanel } from '../runs/recent-runs-panel';
import { AnomalyAlarm, BudgetGauge } from './budget-alarm';
import { BreakdownTables } from './breakdown-tables';
import { ClaudeCodePanel } from './claude-code-panel';
import { CostErrorState } from './cost-error-state';
import { KeySpendPanel } from './key-spend-panel';
import { OtherCurrencies } from './other-currencies';
import { CoverageNote, SpanPicker } from './span-picker';
import { SpendTiles } from './spend-tiles';
import { TelemetryPanel } from './telemetry-panel';
import { UsagePanel } from './usage-panel';
import { useCosts } from './use-costs';
import { CHART_HEIGHT } from './chart-size';

const DailyChart = lazy(() => import('./daily-chart'));

export function OverviewPage() {
  const [span, setSpan] = useState<CostSpan>(30);
  const costs = useCosts(span);
  const { org } = useAppContext();
  const all = org === ALL_ORGS;
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
          <p className="muted">
            Anthropic API spend for {all ? 'all your organizations' : 'your organization'}, local telemetry and recent
            runs.
          </p>
        </div>
        <div className="page-head__actions">
          <SpanPicker span={span} onChange={setSpan} />
          {summary && !all && (
            <ButtonLink href={costsExportUrl(span, org)} download small>
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

      {showFigures && <SpendTiles summary={summary} error={error} forecast={data?.forecast} />}
      {summary && summary.otherCurrencies.length > 0 && (
        <OtherCurrencies entries={summary.otherCurrencies} span={summary.span} />
      )}

      {data && (
        <div className="grid-2">
          <BudgetGauge budget={data.budget} />
          <AnomalyAlarm alarm={data.alarm} explanation={data.explanation} />
        </div>
      )}

      {showFigures && (
        <Card title="Spend by day" subtitle={`Last ${summary?.span ?? span} UTC days`} testId="chart-card">
          {summary && <CoverageNote summary={summary} asked={span} />}
          {summary ? (
            <Suspense fallback={<Skeleton height={CHART_HEIGHT} />}>
              <DailyChart byDay={summary.byDay} forecast={data?.forecast} />
            </Suspense>
          ) : (
            <Skeleton height={CHART_HEIGHT} />
          )}
        </Card>
      )}

      {summary && <BreakdownTables summary={summary} />}
      {summary && !all && <KeySpendPanel reloadSignal={summary.fetchedAt} refreshing={costs.refreshing} org={org} />}

      <UsagePanel span={span} />
      {all ? (
        <Card title="Cost per API key, Claude Code and CSV" testId="per-org-note">
          <EmptyState title="Shown per organization">
            API keys and Claude Code users belong to one organization: choose one in the header to see them and to
            export its CSV.
          </EmptyState>
        </Card>
      ) : (
        <ClaudeCodePanel />
      )}

      <div className="grid-2">
        <TelemetryPanel />
        <RecentRunsPanel />
      </div>
    </>
  );
}
