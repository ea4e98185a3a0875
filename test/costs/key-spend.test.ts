/**
 * Cost per API key over real HTTP: a real ops server against the stand-in Admin API.
 * Exact when the analytics report answers (beta header, 31-day chunks, pages); estimated
 * from the usage report when it refuses — the refusal remembered in a private file, so a
 * second refresh and a restart do not ask again (the stand-in's requests are counted);
 * the rows add up to the total to the cent and name their keys; bad input is a 400.
 */
import { readFile, stat } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { KeySpendResponse } from '../../main/contract/costs-keys.js';
import { keyMethodPath } from '../../main/costs/key-method-file.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { ANALYTICS_PATH, USAGE_PATH } from '../fakes/admin-api-keys.js';
import { addDays, type FakeCostRow } from '../fakes/cost-rows.js';
import { checkedApi } from '../support/checked-api.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let fake: FakeAdminApi;
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await fake?.close();
});
afterAll(removeTempDirs);

const TODAY = new Date().toISOString().slice(0, 10);
const DAY = addDays(TODAY, -2);
const SONNET = 'claude-sonnet-4-5';

const cost = (amount: string, extra: Partial<FakeCostRow> = {}): FakeCostRow => ({
  date: DAY,
  amount,
  model: SONNET,
  costType: 'tokens',
  workspaceId: null,
  description: `${SONNET} Usage - Input Tokens`,
  tokenType: 'uncached_input_tokens',
  ...extra,
});

async function start(options: { home?: string; analytics?: 'available' | 403 } = {}) {
  fake = await startFakeAdminApi();
  fake.keys.setAnalyticsAccess(options.analytics ?? 'available');
  fake.setRows([
    cost('100'),
    cost('50.5', { tokenType: 'output_tokens', description: `${SONNET} Usage - Output Tokens` }),
    cost('10', { model: null, costType: 'web_search', tokenType: null, description: 'Web Search' }),
    cost('7', { model: 'claude-opus-4-1', tokenType: 'cache_read_input_tokens', description: 'Opus cache reads' }),
  ]);
  fake.keys.setUsageRows([
    { date: DAY, apiKeyId: 'apikey_a', model: SONNET, uncached: 1, output: 3 },
    { date: DAY, apiKeyId: 'apikey_b', model: SONNET, uncached: 1 },
    { date: DAY, apiKeyId: 'apikey_c', model: SONNET, uncached: 1 },
    { date: DAY, apiKeyId: null, model: SONNET, output: 1 },
  ]);
  fake.keys.setAnalyticsRows([
    { date: DAY, apiKeyId: 'apikey_a', amount: '40.4' },
    { date: DAY, apiKeyId: 'apikey_b', amount: '59.6' },
    { date: DAY, apiKeyId: null, amount: '5' },
  ]);
  fake.setApiKeys([{ id: 'apikey_a', name: 'Deploy bot', status: 'archived', workspace_id: null }]);
  const server = await startTestServer({
    ...(options.home && { home: options.home }),
    deps: {
      env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
      secretStore: createMemorySecretStore({ 'anthropic-admin-api-key': fake.key }),
      costTimeoutMs: 2000,
    },
  });
  servers.push(server);
  return { server, api: checkedApi(server.api) };
}

// The cost service's own usage refresh (tokens and cache efficiency: grouped by workspace too) is not counted here.
const ownRefresh = (r: { query: URLSearchParams }) => r.query.getAll('group_by[]').includes('workspace_id');
const requestsTo = (path: string) => fake.otherRequests.filter((r) => r.path === path && !ownRefresh(r)).length;
const cents = (body: KeySpendResponse) =>
  Object.fromEntries(body.rows.map((r) => [r.kind === 'key' ? r.apiKeyId : 'none', r.cents]));

describe('GET /api/costs/keys', () => {
  it('is exact from the analytics report when it answers, names keys, and adds up to the total', async () => {
    const { api } = await start();
    await api.json('GET', '/api/costs?refresh=1'); // the cost service fetches the key names
    const { status, body } = await api.json<KeySpendResponse>('GET', '/api/costs/keys?days=7');
    expect(status).toBe(200);
    expect(body.method).toMatchObject({ kind: 'exact', label: 'Exact', fallbackReason: null });
    // 167.5 cents → 168: key_a 40.4, key_b 59.6, the rest (5 for no key + 62.5 not in the analytics report) 67.5.
    expect(body.totalCents).toBe(168);
    expect(cents(body)).toEqual({ apikey_b: 60, apikey_a: 40, none: 68 });
    expect(body.rows.find((r) => r.kind === 'key' && r.apiKeyId === 'apikey_a')).toMatchObject({
      name: 'Deploy bot',
      status: 'archived',
    });
    expect(requestsTo(ANALYTICS_PATH)).toBe(1);
    expect(requestsTo(USAGE_PATH)).toBe(0);
    const memory = JSON.parse(await readFile(keyMethodPath(servers[0]?.home ?? ''), 'utf8')) as Record<string, unknown>;
    expect(memory).toMatchObject({ analytics: 'available', keyLast4: fake.key.slice(-4) });
  });

  it('asks the analytics report in chunks of at most 31 days, following its pages', async () => {
    const { api } = await start();
    fake.keys.setPageSizes({ analyticsRows: 1 });
    const { body } = await api.json<KeySpendResponse>('GET', '/api/costs/keys?days=90');
    expect(body.method?.kind).toBe('exact');
    expect(cents(body)).toEqual({ apikey_b: 60, apikey_a: 40, none: 68 });
    const chunks = fake.otherRequests.filter((r) => r.path === ANALYTICS_PATH && !r.query.get('page'));
    expect(
      chunks.map((r) => [r.query.get('starting_at')?.slice(0, 10), r.query.get('ending_at')?.slice(0, 10)]),
    ).toEqual([
      [addDays(TODAY, -89), addDays(TODAY, -58)],
      [addDays(TODAY, -58), addDays(TODAY, -27)],
      [addDays(TODAY, -27), addDays(TODAY, 1)],
    ]);
    expect(requestsTo(ANALYTICS_PATH)).toBe(5); // the last chunk holds the three rows, one a page
  });

  it('falls back to the estimate when the analytics report is refused, and remembers the refusal', async () => {
    const home = await tempDir('attune-keyspend-');
    const { api } = await start({ home, analytics: 403 });
    fake.keys.setPageSizes({ usageBuckets: 1 });
    const first = (await api.json<KeySpendResponse>('GET', '/api/costs/keys?days=7')).body;
    expect(first.method).toMatchObject({ kind: 'estimated', label: 'Estimated' });
    expect(first.method?.fallbackReason).toContain('not available to this organization');
    expect(first.method?.detail).toContain("share of that day's tokens");
    // Hand-computed: 167.5 cents → 168 (see key-allocation.test.ts).
    expect(cents(first)).toEqual({ apikey_a: 71, apikey_b: 34, apikey_c: 33, none: 30 });
    const none = first.rows.at(-1);
    expect(none?.kind === 'unattributed' && none.parts.map((p) => p.cents)).toEqual([13, 10, 7]);
    expect(requestsTo(ANALYTICS_PATH)).toBe(1);
    expect(requestsTo(USAGE_PATH)).toBe(7); // 7 days, one bucket a page
    const usage = fake.otherRequests.find((r) => r.path === USAGE_PATH && !ownRefresh(r));
    expect(usage?.query.getAll('group_by[]')).toEqual(['api_key_id', 'model']);

    await api.json('GET', '/api/costs/keys?days=7&refresh=1');
    expect(requestsTo(ANALYTICS_PATH)).toBe(1); // the second refresh does not probe again
    expect(requestsTo(USAGE_PATH)).toBe(14);

    const file = keyMethodPath(home);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(fake.key);
    expect(JSON.parse(text)).toMatchObject({
      analytics: 'refused',
      reason: expect.stringContaining('permission_error'),
    });

    for (const server of servers.splice(0)) await server.close();
    await fake.close();
    const again = await start({ home }); // a restart (the stand-in would answer now) reads the remembered refusal
    expect((await again.api.json<KeySpendResponse>('GET', '/api/costs/keys')).body.method?.kind).toBe('estimated');
    expect(requestsTo(ANALYTICS_PATH)).toBe(0);
  });

  it('answers the reason, not a failure, without a key; rejects bad days by name', async () => {
    fake = await startFakeAdminApi();
    const server = await startTestServer({ deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url } } });
    servers.push(server);
    const api = checkedApi(server.api);
    const { body } = await api.json<KeySpendResponse>('GET', '/api/costs/keys');
    expect(body).toMatchObject({ days: 30, rows: [], method: null, error: { kind: 'no_key' } });
    expect(body.emptyReason).toContain('No Anthropic admin key');
    for (const bad of ['days=0', 'days=91', 'days=abc', 'by=key']) {
      const answer = await api.json<{ error: { code: string; message: string } }>('GET', `/api/costs/keys?${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_query');
    }
  });
});
