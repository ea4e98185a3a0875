/**
 * The Overview's tokens and cache efficiency panel against a scripted server: the hit
 * rate, token totals and the per-model table as the server computed them; and the states
 * without figures or with old ones, each said in words (no key, a failed report, stale).
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UsageResponse, UsageSummary } from '../../renderer/src/api/usage';
import { costsAnswer, renderOverview, serve, SUMMARY } from './overview-support';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tokens = (n: number, hitRate: number | null) => ({
  uncachedInputTokens: 2200 * n,
  cacheReadInputTokens: 3800 * n,
  cacheCreation5mInputTokens: 400 * n,
  cacheCreation1hInputTokens: 800 * n,
  outputTokens: 660 * n,
  webSearchRequests: 4 * n,
  hitRate,
});
const USAGE: UsageSummary = {
  span: 30,
  totals: tokens(1, 0.5278),
  byDay: [
    { date: '2026-11-23', ...tokens(0, null) },
    { date: '2026-11-24', ...tokens(1, 0.5278) },
  ],
  byModel: [
    { model: 'claude-a', ...tokens(1, 0.5769) },
    { model: null, ...tokens(0, null) },
  ],
  coveredFrom: '2026-08-01',
  fetchedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  source: 'cached',
  stale: false,
};

function show(usage: UsageResponse, costs = costsAnswer(SUMMARY)) {
  const calls = serve({ '/api/usage': () => [200, usage], '/api/costs': () => [200, costs] });
  renderOverview();
  return calls;
}

describe('tokens and cache efficiency', () => {
  it('shows the hit rate, the tokens by type and one row per model', async () => {
    const calls = show({ usage: USAGE, error: null });
    const totals = await screen.findByTestId('usage-totals');
    expect(within(totals).getByText('Cache hit rate').nextElementSibling?.textContent).toBe('52.8%');
    expect(within(totals).getByText('Cache read').nextElementSibling?.textContent).toBe((3800).toLocaleString());
    expect(within(totals).getByText('Cache write 1 h').nextElementSibling?.textContent).toBe((800).toLocaleString());
    expect(within(totals).getByText('Web searches').nextElementSibling?.textContent).toBe('4');
    const table = screen.getByTestId('usage-by-model');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Hit rate'),
      expect.stringMatching(/^claude-a.*57\.7%$/),
      expect.stringMatching(/^No model.*—$/),
    ]);
    expect((await screen.findByTestId('usage-chart', {}, { timeout: 10_000 })).getAttribute('aria-label')).toBe(
      'Tokens by type per day over the last 2 days',
    );
    expect(screen.queryByTestId('usage-stale')).toBeNull();
    expect(calls).toContain('/api/usage?days=30');
  });

  it('without a key says billing is not connected and how to connect it', async () => {
    const noKey = { kind: 'no_key' as const, message: 'No Anthropic admin key is configured.' };
    show({ usage: null, error: noKey }, costsAnswer(null, noKey));
    const panel = await screen.findByTestId('usage-panel');
    await within(panel).findByText('Billing not connected');
    expect(panel.textContent).toMatch(/Add an Anthropic admin key in Settings \(or set ANTHROPIC_ADMIN_API_KEY\)/);
  });

  it('kept figures after a failure are marked stale with the reason; no figures and a failure say why', async () => {
    const error = { kind: 'network' as const, message: 'The Admin API answered 500.' };
    show({ usage: { ...USAGE, stale: true }, error });
    expect((await screen.findByTestId('usage-stale')).textContent).toMatch(
      /^Stale: fetched 3 h ago\. The latest refresh failed: The Admin API answered 500\.$/,
    );
    cleanup();
    vi.unstubAllGlobals();
    show({ usage: null, error });
    const panel = await screen.findByTestId('usage-panel');
    await within(panel).findByText('No token figures yet');
    expect(panel.textContent).toContain('The usage report could not be read: The Admin API answered 500.');
  });

  it('says so when the usage answer itself cannot be loaded', async () => {
    serve({ '/api/costs': () => [200, costsAnswer(SUMMARY)] }); // /api/usage answers 404
    renderOverview();
    expect((await screen.findByText(/Token figures could not be loaded/)).textContent).toContain('no /api/usage');
  });
});
