/**
 * A scripted server for Overview tests (fetch stub answering by path prefix, each call
 * recorded) and the Overview rendered inside a minimal app context. Answers not given
 * are empty telemetry and runs; anything else is a 404 with the stable error body.
 */
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { CostsResponse, CostSummary } from '../../renderer/src/api/costs';
import { AppContext, type AppContextValue } from '../../renderer/src/app/app-context';
import { OverviewPage } from '../../renderer/src/pages/overview';

export const SUMMARY: CostSummary = {
  todayUsd: 12.5,
  sevenDayUsd: 70.25,
  monthToDateUsd: 230,
  thirtyDayUsd: 301.99,
  span: 30,
  spanUsd: 301.99,
  coveredFrom: '2026-08-01',
  projectedMonthUsd: 400,
  byDay: [
    { date: '2026-11-23', usd: 10 },
    { date: '2026-11-24', usd: 12.5 },
  ],
  byModel: [{ model: 'claude-sonnet-4-5', usd: 301.99 }],
  byCostType: [{ costType: 'tokens', usd: 301.99 }],
  byWorkspace: [{ workspaceId: null, usd: 301.99 }],
  otherCurrencies: [],
  fetchedAt: new Date(Date.now() - 6 * 60_000).toISOString(),
  source: 'cached',
  stale: false,
};

export const costsAnswer = (summary: CostSummary | null, error: CostsResponse['error'] = null): CostsResponse => ({
  summary,
  error,
  alarm: null,
  budget: {
    state: 'unset',
    monthlyBudgetUsd: null,
    monthToDateUsd: null,
    pct: null,
    projectedMonthUsd: null,
    projectedPct: null,
    crossings: [],
    detail: 'No monthly budget set.',
  },
  forecast: null,
  explanation: null,
});

/** Routes by path prefix (longest first); `answer(path)` gives `[status, body]`. */
export function serve(routes: Record<string, (path: string) => [number, unknown]>): string[] {
  const calls: string[] = [];
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      const path = String(input);
      calls.push(path);
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (prefix) return json(...routes[prefix]!(path));
      return json(...otherAnswer(path));
    }),
  );
  return calls;
}

/** The Overview's other panels, empty (telemetry, recent runs, Claude Code); a 404 for anything else. */
export function otherAnswer(path: string): [number, unknown] {
  if (path === '/api/telemetry')
    return [200, { totalRequests: 0, totalCost: 0, totalSavings: 0, byWorkflow: [], byDay: [], lastEventAt: null }];
  if (path.startsWith('/api/runs')) return [200, { runs: [], nextCursor: null, skipped: 0 }];
  if (path === '/api/claude-code') return [200, { claudeCode: null, error: null, refreshing: false }];
  return [404, { error: { code: 'not_found', message: `no ${path}` } }];
}

const CONTEXT: AppContextValue = {
  info: {
    version: '0.1.0',
    projectRoot: '/p/demo',
    attuneHome: '/h',
    runsDir: '/h/ops/runs',
    allowRun: false,
    specsCandidatesEnabled: false,
  },
  settings: {
    allowRun: false,
    specsCandidatesEnabled: false,
    monthlyBudgetUsd: null,
    costRefreshMinutes: 5,
    runsRetentionDays: 30,
    runsMaxTotalMb: 1024,
    maxConcurrentRuns: 1,
    theme: 'system',
  },
  setSettings: () => undefined,
  status: null,
  connected: true,
  org: 'default',
  setOrg: () => undefined,
};

/** `org`: the organization chosen in the header (the first by default). */
export function renderOverview(org = 'default') {
  return render(
    <AppContext.Provider value={{ ...CONTEXT, org }}>
      <OverviewPage />
    </AppContext.Provider>,
  );
}
