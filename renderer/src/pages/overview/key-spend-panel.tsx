/**
 * The Overview's "Cost per API key" panel (`GET /api/costs/keys`): the method in use as a
 * label ("Exact" or "Estimated") with how it was computed and, when estimated, why the exact
 * method is not in use; a sortable table whose rows add up to the total; 7, 30 or 90 days.
 * Every empty or failed state says why. It reloads when `reloadSignal` changes (new figures)
 * and asks the Admin API again when `refreshing` ends (the user's Refresh).
 */
import { useEffect, useState } from 'react';
import { getKeySpend } from '../../api/costs-keys';
import { useApi } from '../../api/use-api';
import type { OrgChoice } from '../../api/orgs';
import { Banner, Card, Chip, EmptyState, Money, Skeleton } from '../../components';
import { KeySpendTable } from './key-spend-table';
import './key-spend-panel.css';

const DAY_CHOICES = [7, 30, 90] as const;

export interface KeySpendPanelProps {
  reloadSignal?: string;
  refreshing?: boolean;
  /** Whose keys (the first organization's when absent). */
  org?: OrgChoice;
}

export function KeySpendPanel({ reloadSignal, refreshing = false, org }: KeySpendPanelProps) {
  const [days, setDays] = useState<number>(30);
  const { state, reload, replace } = useApi((signal) => getKeySpend({ days, org, signal }), [days, org]);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [seen, setSeen] = useState({ reloadSignal, refreshing });
  useEffect(() => {
    if (seen.reloadSignal === reloadSignal && seen.refreshing === refreshing) return;
    setSeen({ reloadSignal, refreshing });
    if (seen.refreshing && !refreshing) {
      // The user's Refresh has ended: ask the Admin API now for the keys too.
      setRefreshError(null);
      getKeySpend({ days, org, refresh: true })
        .then(replace)
        .catch((error: unknown) => setRefreshError(error instanceof Error ? error.message : String(error)));
    } else if (seen.reloadSignal !== reloadSignal) void reload();
  }, [reloadSignal, refreshing, seen, days, org, reload, replace]);

  const data = state.kind === 'ok' ? state.data : state.kind === 'error' ? state.data : undefined;
  const method = data?.method ?? null;
  const picker = (
    <label className="row small">
      <span className="muted">Days</span>
      <select
        className="select"
        value={days}
        onChange={(e) => setDays(Number(e.target.value))}
        aria-label="Days of cost per API key"
      >
        {DAY_CHOICES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Card
      title="Cost per API key"
      subtitle={data ? `${data.from} to ${data.to} (UTC)` : `Last ${days} days`}
      actions={picker}
      testId="key-spend"
      className="breakdown key-spend"
    >
      {method && (
        <div className="key-spend__method" data-testid="key-spend-method">
          <Chip tone={method.kind === 'exact' ? 'ok' : 'info'} title={method.detail}>
            {method.label}
          </Chip>
          <p className="muted small">{method.detail}</p>
          {method.fallbackReason && <p className="muted small">{method.fallbackReason}</p>}
        </div>
      )}
      {state.kind === 'loading' && <Skeleton height={120} label="Loading cost per API key" />}
      {state.kind === 'error' && !data && (
        <EmptyState title="Cost per API key could not be loaded">{state.error.message}</EmptyState>
      )}
      {refreshError && (
        <Banner tone="warn" title="Cost per API key not refreshed">
          {refreshError}
        </Banner>
      )}
      {data?.error && data.rows.length > 0 && (
        <Banner tone="warn" title="Cost per API key not refreshed">
          {data.error.message}
        </Banner>
      )}
      {data && data.rows.length === 0 && (
        <EmptyState title="No cost per API key to show">
          {data.emptyReason ?? 'The Admin API gave no figures.'}
        </EmptyState>
      )}
      {data && data.rows.length > 0 && (
        <>
          <KeySpendTable rows={data.rows} caption={`Cost per API key, ${data.from} to ${data.to}`} />
          <p className="muted small">
            The rows add up to the organization&apos;s total, <Money usd={data.totalUsd} />, to the cent.
          </p>
        </>
      )}
    </Card>
  );
}
