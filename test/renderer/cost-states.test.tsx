/**
 * The Overview's cost states against a scripted server (fetch stub): each error kind
 * renders its own content and action, and the ones that keep last good figures
 * (rate_limited, network, auth_failed) show them marked stale. Connecting billing sends
 * the pasted key once and never shows it back.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CostError, CostsResponse, CostSummary } from '../../renderer/src/api/costs';
import { otherAnswer, renderOverview } from './overview-support';

const SUMMARY: CostSummary = {
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
  byModel: [
    { model: 'claude-sonnet-4-5', usd: 200 },
    { model: null, usd: 101.99 },
  ],
  byCostType: [{ costType: 'tokens', usd: 301.99 }],
  byWorkspace: [{ workspaceId: null, usd: 301.99 }],
  otherCurrencies: [],
  fetchedAt: new Date(Date.now() - 6 * 60_000).toISOString(),
  source: 'cached',
  stale: true,
};
const BUDGET: CostsResponse['budget'] = {
  state: 'unset',
  monthlyBudgetUsd: null,
  monthToDateUsd: 230,
  pct: null,
  projectedMonthUsd: 400,
  projectedPct: null,
  crossings: [],
  detail: 'No monthly budget set.',
};
const KEY = 'sk-ant-admin01-secret-test-key-abcd';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

function serve(costs: () => CostsResponse) {
  const calls: Call[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const path = String(input);
      const method = init?.method ?? 'GET';
      calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (path.startsWith('/api/costs/key') && method === 'PUT')
        return json(200, { configured: true, source: 'keychain', last4: 'abcd' });
      if (path.startsWith('/api/costs')) return json(200, costs());
      return json(...otherAnswer(path));
    }),
  );
  return calls;
}

const response = (error: CostError | null, summary: CostSummary | null = SUMMARY): CostsResponse => ({
  summary,
  error,
  alarm: null,
  budget: BUDGET,
  forecast: null,
  explanation: null,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('cost error states on the Overview', () => {
  it('no_key: a Connect billing card whose form sends the key once and never shows it', async () => {
    let connected = false;
    const calls = serve(() =>
      connected
        ? response(null, { ...SUMMARY, source: 'live', stale: false })
        : response({ kind: 'no_key', message: 'No Anthropic admin key is configured.' }, null),
    );
    renderOverview();
    const card = await screen.findByTestId('cost-error-no_key');
    expect(within(card).getByRole('heading', { name: 'Connect billing' })).toBeTruthy();
    expect(screen.queryByTestId('spend-tiles')).toBeNull();
    const input = within(card).getByLabelText('Anthropic admin key') as HTMLInputElement;
    expect(input.type).toBe('password');

    connected = true;
    await userEvent.type(input, KEY);
    await userEvent.click(within(card).getByRole('button', { name: 'Connect billing' }));
    await waitFor(() => expect(screen.getByTestId('tile-todayUsd').textContent).toContain('$12.50'));
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([
      { method: 'PUT', path: '/api/costs/key', body: { key: KEY } },
    ]);
    expect(calls.some((c) => c.path === '/api/costs?days=30&refresh=1')).toBe(true);
    expect(screen.queryByTestId('cost-error-no_key')).toBeNull();
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(screen.getByTestId('tile-monthToDateUsd').textContent).toContain('live');
  });

  it('keychain_unavailable without figures: a neutral "Billing not connected" naming the env-variable alternative', async () => {
    serve(() =>
      response(
        { kind: 'keychain_unavailable', message: 'The OS keychain could not be read: no Secret Service.' },
        null,
      ),
    );
    renderOverview();
    const state = await screen.findByTestId('cost-error-keychain_unavailable');
    expect(state.textContent).toContain('Billing not connected');
    expect(state.getAttribute('role')).toBe('status');
    expect(state.className).not.toContain('banner--error');
    expect(state.textContent).toContain('no Secret Service');
    expect(state.textContent).toContain('ANTHROPIC_ADMIN_API_KEY=');
  });

  it('auth_failed: "Key rejected" with Replace key, which opens the key form', async () => {
    serve(() => response({ kind: 'auth_failed', message: 'Key rejected: it may be revoked.' }));
    renderOverview();
    const state = await screen.findByTestId('cost-error-auth_failed');
    expect(within(state).getByText('Key rejected')).toBeTruthy();
    await userEvent.click(within(state).getByRole('button', { name: 'Replace key' }));
    expect((within(state).getByLabelText('Anthropic admin key') as HTMLInputElement).type).toBe('password');
    expect(screen.getByTestId('tile-todayUsd').textContent).toContain('stale — last refresh failed: Key rejected');
  });

  it('auth_failed with the key from ANTHROPIC_ADMIN_API_KEY: names the variable and offers no Replace button', async () => {
    serve(() =>
      response({
        kind: 'auth_failed',
        keySource: 'env',
        message: 'Key rejected: it may be revoked or not an admin key — set ANTHROPIC_ADMIN_API_KEY to a valid key.',
      }),
    );
    renderOverview();
    const state = await screen.findByTestId('cost-error-auth_failed');
    expect(within(state).queryByRole('button', { name: 'Replace key' })).toBeNull();
    expect(within(state).getByTestId('auth-failed-env').textContent).toContain('ANTHROPIC_ADMIN_API_KEY');
  });

  it('shows costs in another currency as such, apart from the USD figures', async () => {
    serve(() => response(null, { ...SUMMARY, stale: false, otherCurrencies: [{ currency: 'EUR', amount: 10 }] }));
    renderOverview();
    const note = await screen.findByTestId('other-currencies');
    expect(note.textContent).toContain('10.00 EUR');
    expect(note.textContent).toContain('not included in the USD figures');
    expect(screen.getByTestId('tile-thirtyDayUsd').textContent).toContain('$301.99');
  });

  it('rate_limited: says when it retries and keeps the cached figures', async () => {
    serve(() =>
      response({
        kind: 'rate_limited',
        message: 'The Admin API is rate-limiting cost requests; retrying in 90 s.',
        retryAfterS: 90,
      }),
    );
    renderOverview();
    const state = await screen.findByTestId('cost-error-rate_limited');
    expect(state.textContent).toContain('Retrying automatically in 90 s');
    expect(state.querySelector('time')?.getAttribute('dateTime')).toBeTruthy();
    expect(within(state).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByTestId('tile-sevenDayUsd').textContent).toContain('$70.25');
  });

  it('network: offline, with the cached figures and Try again', async () => {
    const calls = serve(() => response({ kind: 'network', message: 'Cost report unavailable: connection refused.' }));
    renderOverview();
    const state = await screen.findByTestId('cost-error-network');
    expect(state.textContent).toContain('Offline');
    expect(state.textContent).toContain('last good ones');
    expect(screen.getByTestId('tile-thirtyDayUsd').textContent).toContain('$301.99');
    await userEvent.click(within(state).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/costs?days=30&refresh=1')).toBe(true));
  });

  it('unknown: shows the message as it is', async () => {
    serve(() =>
      response(
        { kind: 'unknown', message: 'The Admin API answered HTTP 418, which this version does not understand.' },
        null,
      ),
    );
    renderOverview();
    const state = await screen.findByTestId('cost-error-unknown');
    expect(state.textContent).toContain('HTTP 418');
  });

  it('each kind renders only its own state', async () => {
    const kinds = ['no_key', 'keychain_unavailable', 'auth_failed', 'rate_limited', 'network', 'unknown'] as const;
    for (const kind of kinds) {
      serve(() => response({ kind, message: `message for ${kind}` }));
      renderOverview();
      await screen.findByTestId(`cost-error-${kind}`);
      for (const other of kinds.filter((k) => k !== kind))
        expect(screen.queryByTestId(`cost-error-${other}`)).toBeNull();
      cleanup();
      vi.unstubAllGlobals();
    }
  });
});
