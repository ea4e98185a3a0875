import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createMemorySecretStore,
  createUnavailableSecretStore,
  type SecretStore,
} from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows, row } from '../fakes/cost-rows.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { until } from './helpers.js';

let fake: FakeAdminApi;
let server: TestServer;

async function start(options: { store?: SecretStore; env?: Record<string, string> } = {}) {
  const today = new Date().toISOString().slice(0, 10);
  const first = new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10);
  fake = await startFakeAdminApi({
    rows: [...buildCostRows({ start: first, days: 35, perDay: 4 }), row(today, '12.5', 4)],
  });
  server = await startTestServer({
    deps: {
      env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ...options.env },
      secretStore: options.store ?? createMemorySecretStore(),
      costTimeoutMs: 300,
    },
  });
}

afterEach(async () => {
  await server?.close();
  await fake?.close();
});
afterAll(removeTempDirs);

describe('GET /api/costs', () => {
  it('answers {summary, error, alarm, budget, forecast, explanation}, no_key before a key is set', async () => {
    await start();
    const body = (await (await server.api('/api/costs')).json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['alarm', 'budget', 'error', 'explanation', 'forecast', 'summary']);
    expect(body).toMatchObject({
      summary: null,
      alarm: null,
      forecast: null,
      explanation: null,
      error: { kind: 'no_key' },
      budget: { state: 'unset' },
    });
  });

  it('rejects unknown query keys by name', async () => {
    await start();
    const response = await server.api('/api/costs?refresh=1&force=yes');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_query', message: expect.stringContaining('force') },
    });
  });
});

describe('the key routes', () => {
  it('PUT stores the key, answers only {configured, source, last4}, and triggers a refresh', async () => {
    const store = createMemorySecretStore();
    await start({ store });
    expect(await (await server.api('/api/costs/key')).json()).toEqual({ configured: false, source: null, last4: null });
    const put = await server.api('/api/costs/key', { method: 'PUT', json: { key: fake.key } });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ configured: true, source: 'keychain', last4: fake.key.slice(-4) });
    expect(store.entries.get('anthropic-admin-api-key')).toBe(fake.key);
    await until(() => server.services.costs.costStatus().fetchedAt !== null);
    const costs = (await (await server.api('/api/costs')).json()) as {
      summary: { source: string; todayUsd: number } | null;
    };
    // The PUT's background refresh fetched it; this GET only read what was held.
    expect(costs.summary).toMatchObject({ source: 'cached', todayUsd: 0.13 });
    const refreshed = (await (await server.api('/api/costs?refresh=1')).json()) as { summary: { source: string } };
    expect(refreshed.summary.source).toBe('live');
    const again = (await (await server.api('/api/costs')).json()) as { summary: { source: string; fetchedAt: string } };
    expect(again.summary.source).toBe('cached');
    expect(Date.parse(again.summary.fetchedAt)).not.toBeNaN();
    const removed = await server.api('/api/costs/key', { method: 'DELETE' });
    expect(await removed.json()).toEqual({ configured: false, source: null, last4: null });
    expect(store.entries.size).toBe(0);
  });

  it.each([
    [{ key: '' }, /empty/],
    [{ key: 'sk-ant-admin01-has space-0123456789' }, /whitespace/],
    [{ key: `sk-ant-admin01-${'x'.repeat(600)}` }, /512/],
    [{ key: 'sk-ant-api03-workspace-key-0123456789abcdef' }, /Workspace API keys .* cannot read the cost report/],
    [{ key: 42 }, /key/],
    [{ key: 'sk-ant-admin01-abcdefgh', extra: 1 }, /extra/],
  ])('PUT refuses %o with a 400 that does not repeat the key', async (body, message) => {
    await start();
    const response = await server.api('/api/costs/key', { method: 'PUT', json: body });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'invalid_body', message: expect.stringMatching(message) },
    });
    if (typeof body.key === 'string' && body.key.length > 8) expect(text).not.toContain(body.key);
  });

  it('answers 503 keychain_unavailable when the keychain cannot store the key', async () => {
    await start({ store: createUnavailableSecretStore('Cannot autolaunch D-Bus without X11 $DISPLAY') });
    const response = await server.api('/api/costs/key', { method: 'PUT', json: { key: fake.key } });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'keychain_unavailable', message: expect.stringMatching(/D-Bus.*ANTHROPIC_ADMIN_API_KEY/) },
    });
    expect(text).not.toContain(fake.key);
    expect(await (await server.api('/api/costs/key')).json()).toMatchObject({
      configured: false,
      unavailableReason: expect.stringContaining('D-Bus'),
    });
  });
});

describe('GET /api/costs/export.csv', () => {
  it('has one row per UTC day with the total and one column per model', async () => {
    await start({ env: { ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-fake-0123456789abcdefghijklmnopqrstuvwxyz-KEY1' } });
    const json = (await (await server.api('/api/costs')).json()) as {
      summary: { byDay: Array<{ date: string; usd: number }> };
    };
    const response = await server.api('/api/costs/export.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="attune-costs-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,total_usd,claude-haiku-4-5,claude-opus-4-1,claude-sonnet-4-5,(no model)');
    expect(lines).toHaveLength(json.summary.byDay.length + 1);
    for (const [i, day] of json.summary.byDay.entries()) {
      const cells = (lines[i + 1] ?? '').split(',');
      expect(cells[0]).toBe(day.date);
      expect(Number(cells[1])).toBe(day.usd);
    }
  });

  it('explains why there is nothing to export', async () => {
    await start();
    const response = await server.api('/api/costs/export.csv');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'upstream_failed',
        message: expect.stringMatching(/No cost data to export: No Anthropic admin key/),
        kind: 'no_key',
      },
    });
  });
});
