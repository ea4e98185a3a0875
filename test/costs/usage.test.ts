/**
 * Tokens and cache efficiency: the usage report's tokens by type (nested cache_creation,
 * nulls as 0, the flat field that does not exist ignored) summed per day and per model,
 * the hit rate against hand-computed figures, `GET /api/usage` over real HTTP checked
 * against the contract, closed days not fetched again, and failures said in words.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { usageResponseSchema } from '../../main/contract/costs.js';
import { hitRate } from '../../main/costs/usage-aggregate.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import type { FakeUsageRow } from '../fakes/usage-report.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { trackedCostSetups } from './helpers.js';

const setup = trackedCostSetups();
let fake: FakeAdminApi | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = fake = undefined;
});
afterAll(removeTempDirs);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const base = { api_key_id: null, workspace_id: null, server_tool_use: null } as const;
const cc = (m5: number | null, h1: number | null) => ({ ephemeral_5m_input_tokens: m5, ephemeral_1h_input_tokens: h1 });

/** Yesterday: three rows (two keys of model A, one of B); today: one workbench row of B. */
function fixture(): FakeUsageRow[] {
  const a = 'claude-a';
  const b = 'claude-b';
  return [
    {
      ...base,
      date: day(-1),
      model: a,
      api_key_id: 'k1',
      uncached_input_tokens: 1000,
      cache_read_input_tokens: 3000,
      cache_creation: cc(400, 600),
      output_tokens: 500,
      server_tool_use: { web_search_requests: 1 },
    },
    // A flat cache_creation_input_tokens does not exist in the API: it must not be read.
    {
      ...base,
      date: day(-1),
      model: a,
      api_key_id: 'k2',
      uncached_input_tokens: 200,
      cache_read_input_tokens: null,
      cache_creation: null,
      output_tokens: 100,
      ...{ cache_creation_input_tokens: 9999 },
    },
    {
      ...base,
      date: day(-1),
      model: b,
      api_key_id: 'k1',
      uncached_input_tokens: null,
      cache_read_input_tokens: 800,
      cache_creation: cc(null, 200),
      output_tokens: 50,
      server_tool_use: { web_search_requests: null },
    },
    {
      ...base,
      date: day(0),
      model: b,
      uncached_input_tokens: 1000,
      cache_read_input_tokens: 0,
      cache_creation: cc(0, 0),
      output_tokens: 10,
      server_tool_use: { web_search_requests: 3 },
    },
  ];
}

async function start(usageRows: FakeUsageRow[] = fixture()) {
  fake = await startFakeAdminApi({ usageRows });
  server = await startTestServer({
    deps: {
      env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
      secretStore: createMemorySecretStore({ 'anthropic-admin-api-key': fake.key }),
      costTimeoutMs: 2000,
    },
  });
  return { fake, server };
}

describe('GET /api/usage', () => {
  it('sums tokens by type per day and model and gives the hit rate, as computed by hand', async () => {
    const { server } = await start();
    const response = await server.api('/api/usage?days=7&refresh=1');
    expect(response.status).toBe(200);
    const body = usageResponseSchema.parse(await response.json());
    expect(body.error).toBeNull();
    const usage = body.usage!;
    expect(usage).toMatchObject({ span: 7, source: 'live', stale: false });
    expect(usage.totals).toEqual({
      uncachedInputTokens: 2200,
      cacheReadInputTokens: 3800,
      cacheCreation5mInputTokens: 400,
      cacheCreation1hInputTokens: 800,
      outputTokens: 660,
      webSearchRequests: 4,
      hitRate: 0.5278, // 3800 / (2200 + 3800 + 400 + 800)
    });
    expect(usage.byModel.map((m) => [m.model, m.uncachedInputTokens, m.cacheReadInputTokens, m.hitRate])).toEqual([
      ['claude-a', 1200, 3000, 0.5769], // 3000 / 5200
      ['claude-b', 1000, 800, 0.4], // 800 / 2000
    ]);
    expect(usage.byDay).toHaveLength(7);
    expect(usage.byDay.at(-2)).toMatchObject({ date: day(-1), outputTokens: 650, hitRate: 0.6129 }); // 3800 / 6200
    expect(usage.byDay.at(-1)).toMatchObject({ date: day(0), webSearchRequests: 3, hitRate: 0 });
    expect(usage.byDay[0]).toMatchObject({ uncachedInputTokens: 0, hitRate: null }); // a day without input
  });

  it('asks the usage report for yesterday and today only once its closed days are held, also after a restart', async () => {
    const s = await setup();
    await s.services.costs.usage({ awaitRefresh: true });
    expect(s.fake.usageRequests.filter((r) => !r.query.has('page'))).toHaveLength(1);
    expect(s.fake.usageRequests[0]?.query.getAll('group_by[]')).toEqual(['model', 'api_key_id', 'workspace_id']);
    await s.clock.advance(20 * 60_000);
    const restarted = await s.restart();
    expect((await restarted.costs.usage()).usage?.byDay).toHaveLength(30); // from disk, before any request
    await restarted.costs.refresh();
    expect(s.fake.usageRequests.at(-1)?.query.get('starting_at')).toBe('2026-11-19T00:00:00Z');
    expect(s.fake.usageRequests.at(-1)?.query.has('page')).toBe(false);
    expect((await restarted.costs.usage({ span: 90 })).usage?.byDay).toHaveLength(90);
    restarted.costs.stop();
  });

  it('a failing usage report keeps its last figures, marked stale with the error, and leaves the costs alone', async () => {
    const s = await setup();
    await s.services.costs.usage({ awaitRefresh: true });
    s.fake.failUsage(500);
    await s.clock.advance(20 * 60_000);
    await s.services.costs.refresh();
    const usage = await s.services.costs.usage();
    expect(usage.usage).toMatchObject({ stale: true, source: 'cached' });
    expect(usage.error).toMatchObject({ kind: 'network', message: expect.stringContaining('500') });
    expect((await s.services.costs.costs()).error).toBeNull();
    expect(s.logs.text()).toContain('usage report not refreshed');
  });

  it('without a key answers no usage and the no_key error, never calling the API', async () => {
    const s = await setup({ keyInStore: false });
    const answer = await s.services.costs.usage();
    expect(answer).toEqual({ usage: null, error: expect.objectContaining({ kind: 'no_key' }) });
    expect(s.fake.usageRequests).toHaveLength(0);
  });

  it('rejects a span other than 7, 30 or 90 with a 400 naming the field', async () => {
    const { server } = await start();
    const response = await server.api('/api/usage?days=14');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_query', message: expect.stringContaining('days') },
    });
  });
});

describe('hitRate', () => {
  it('is null without input tokens and counts both cache write durations as input', () => {
    const none = {
      uncachedInputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
      outputTokens: 5,
      webSearchRequests: 0,
    };
    expect(hitRate(none)).toBeNull();
    expect(
      hitRate({ ...none, cacheReadInputTokens: 1, cacheCreation5mInputTokens: 1, cacheCreation1hInputTokens: 2 }),
    ).toBe(0.25);
  });
});
