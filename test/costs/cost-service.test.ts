import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { costCachePath } from '../../main/costs/cost-cache-file.js';
import { cacheTtlSeconds } from '../../main/costs/cost-config.js';
import { createUnavailableSecretStore } from '../../main/secrets/secret-store.js';
import { removeTempDirs } from '../support/temp.js';
import { readOpsFiles, trackedCostSetups, until, writeLegacyCache } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

type CacheFile = { version: number; summary: Record<string, unknown>; dayModel: Array<Record<string, unknown>> };

describe('fetchSummary', () => {
  it('says so in the log when ATTUNE_ANTHROPIC_BASE_URL is not an http(s) URL, instead of ignoring it silently', async () => {
    const s = await setup({ env: { ATTUNE_ANTHROPIC_BASE_URL: 'api.example.test:8080' } });
    expect(s.logs.text()).toContain('ATTUNE_ANTHROPIC_BASE_URL is not an http(s) URL');
    const fine = await setup();
    expect(fine.logs.text()).not.toContain('ATTUNE_ANTHROPIC_BASE_URL is not');
  });

  it('answers from memory while fresh and goes upstream again on refresh', async () => {
    const { services, fake, clock } = await setup();
    const first = await services.costs.fetchSummary();
    expect(first.error).toBeNull();
    expect(first.summary).toMatchObject({ source: 'live', stale: false, fetchedAt: '2026-11-20T15:00:00.000Z' });
    expect(first.summary?.byDay).toHaveLength(30);
    expect(fake.reportFetches()).toHaveLength(1);
    await clock.advance(899_000);
    const fromMemory = await services.costs.fetchSummary();
    expect(fake.reportFetches()).toHaveLength(1);
    // A hit within the TTL was not fetched by that request: cached, with the first fetch's time.
    expect(fromMemory.summary).toMatchObject({ source: 'cached', fetchedAt: '2026-11-20T15:00:00.000Z' });
    const refreshed = await services.costs.fetchSummary({ refresh: true });
    expect(fake.reportFetches()).toHaveLength(2);
    expect(refreshed.summary).toMatchObject({ source: 'live', fetchedAt: '2026-11-20T15:14:59.000Z' });
    expect((await services.costs.fetchSummary()).summary?.source).toBe('cached');
    await clock.advance(901_000);
    const expired = await services.costs.fetchSummary();
    expect(expired.summary).toMatchObject({ source: 'cached', stale: true });
    await until(() => fake.reportFetches().length === 3);
  });

  it('shares one upstream request among concurrent callers', async () => {
    const { services, fake } = await setup();
    const answers = await Promise.all(Array.from({ length: 8 }, () => services.costs.fetchSummary({ refresh: true })));
    expect(fake.reportFetches()).toHaveLength(1);
    expect(new Set(answers.map((a) => a.summary?.fetchedAt)).size).toBe(1);
  });

  it('keeps the last good summary, marked stale, together with the error when a refresh fails', async () => {
    const { services, fake } = await setup();
    const good = await services.costs.fetchSummary();
    fake.fail({ kind: 'status', status: 500 });
    const failed = await services.costs.fetchSummary({ refresh: true });
    expect(failed.error).toMatchObject({ kind: 'network' });
    expect(failed.summary).toMatchObject({
      stale: true,
      source: 'cached',
      monthToDateUsd: good.summary?.monthToDateUsd,
      fetchedAt: good.summary?.fetchedAt,
    });
    fake.fail(null);
    const recovered = await services.costs.fetchSummary({ refresh: true });
    expect(recovered.error).toBeNull();
    expect(recovered.summary?.stale).toBe(false);
  });

  it('holds a failure briefly instead of calling the API on every read', async () => {
    const { services, fake, clock } = await setup();
    fake.fail({ kind: 'status', status: 529 });
    await services.costs.fetchSummary();
    await services.costs.fetchSummary();
    expect(fake.reportFetches()).toHaveLength(1);
    await clock.advance(31_000);
    await services.costs.fetchSummary();
    expect(fake.reportFetches()).toHaveLength(2);
  });

  it('honours retry-after: no upstream call until it has passed, even on refresh', async () => {
    const { services, fake, clock } = await setup();
    fake.failNext({ kind: 'rate_limited', retryAfter: '120' });
    const limited = await services.costs.fetchSummary();
    expect(limited.error).toMatchObject({ kind: 'rate_limited', retryAfterS: 120 });
    await clock.advance(60_000);
    const still = await services.costs.fetchSummary({ refresh: true });
    expect(still.error).toMatchObject({ kind: 'rate_limited', retryAfterS: 60 });
    expect(fake.reportFetches()).toHaveLength(1);
    await clock.advance(61_000);
    expect((await services.costs.fetchSummary({ refresh: true })).error).toBeNull();
    expect(fake.reportFetches()).toHaveLength(2);
  });

  it('times out a hanging API as a network error', async () => {
    const { services, fake } = await setup({ timeoutMs: 200 });
    fake.fail({ kind: 'hang' });
    expect((await services.costs.fetchSummary()).error).toMatchObject({ kind: 'network' });
  });
});

describe('the admin key', () => {
  it('without a key answers no_key and never calls the API', async () => {
    const { services, fake } = await setup({ keyInStore: false });
    const answer = await services.costs.fetchSummary();
    expect(answer).toEqual({
      summary: null,
      error: { kind: 'no_key', message: expect.stringMatching(/Connect billing/) },
    });
    expect(fake.reportFetches()).toHaveLength(0);
  });

  it('reads the keychain once, not on every refresh', async () => {
    const { services, store, clock } = await setup();
    for (let i = 0; i < 4; i += 1) {
      await services.costs.fetchSummary({ refresh: true });
      await clock.advance(60_000);
    }
    expect(store.reads).toBe(1);
  });

  it('prefers a non-empty ANTHROPIC_ADMIN_API_KEY over the keychain', async () => {
    const { services, fake } = await setup({
      keyInStore: false,
      env: { ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-fake-0123456789abcdefghijklmnopqrstuvwxyz-KEY1' },
    });
    expect(await services.costs.adminKey.status()).toEqual({
      configured: true,
      source: 'env',
      last4: fake.key.slice(-4),
    });
    expect((await services.costs.fetchSummary()).error).toBeNull();
    const blank = await setup({ keyInStore: false, env: { ANTHROPIC_ADMIN_API_KEY: '  ' } });
    expect((await blank.services.costs.fetchSummary()).error?.kind).toBe('no_key');
  });

  it('reports an unavailable keychain as keychain_unavailable with the reason', async () => {
    const { services } = await setup({ store: createUnavailableSecretStore('no Secret Service on the session bus') });
    const answer = await services.costs.fetchSummary();
    expect(answer.error).toMatchObject({
      kind: 'keychain_unavailable',
      message: expect.stringContaining('could not be read: No Secret Service on the session bus. Unlock'),
    });
    expect(await services.costs.adminKey.status()).toMatchObject({
      configured: false,
      unavailableReason: 'no Secret Service on the session bus',
    });
  });
});

describe('the cache file', () => {
  it('is written atomically without key material and shown at the next start as cached', async () => {
    const first = await setup();
    const live = await first.services.costs.fetchSummary();
    const text = await readOpsFiles(first.home);
    expect(text).not.toContain(first.fake.key);
    expect(text).not.toMatch(/sk-ant|x-api-key/);
    const restarted = await first.restart();
    const cached = await restarted.costs.fetchSummary();
    expect(first.fake.reportFetches()).toHaveLength(1);
    expect(cached.summary).toEqual({ ...live.summary, source: 'cached' });
  });

  it('offline after the TTL: the cached summary comes back stale with the network error', async () => {
    const first = await setup();
    await first.services.costs.fetchSummary();
    await first.clock.advance(3_600_000);
    first.fake.fail({ kind: 'status', status: 500 });
    const restarted = await first.restart();
    const atOnce = await restarted.costs.fetchSummary();
    expect(atOnce).toMatchObject({ summary: { source: 'cached', stale: true }, error: null });
    await until(() => restarted.costs.costStatus().errorKind === 'network');
    const answer = await restarted.costs.fetchSummary();
    expect(answer.summary).toMatchObject({ source: 'cached', stale: true });
    expect(answer.error?.kind).toBe('network');
  });

  it('an expired summary is answered at once while the refresh hangs; ?refresh waits for it', async () => {
    const first = await setup({ timeoutMs: 1500 });
    const live = await first.services.costs.fetchSummary();
    await first.clock.advance(901_000);
    first.fake.fail({ kind: 'hang' });
    const restarted = await first.restart();
    const answer = await restarted.costs.fetchSummary();
    // Had the read waited for the hanging upstream, it would carry the timeout's network error.
    expect(answer.error).toBeNull();
    expect(answer.summary).toMatchObject({
      source: 'cached',
      monthToDateUsd: live.summary?.monthToDateUsd,
      fetchedAt: live.summary?.fetchedAt,
    });
    await until(() => first.fake.reportFetches().length === 2);
    expect(restarted.costs.costStatus().errorKind).toBeNull();
    await until(() => restarted.costs.costStatus().errorKind === 'network');

    const waited = await first.services.costs.fetchSummary({ refresh: true });
    expect(waited.error?.kind).toBe('network');
    expect(first.fake.reportFetches()).toHaveLength(3);
  });

  it('a missing file is no cache and no warning', async () => {
    const { logs } = await setup();
    expect(logs.text()).not.toContain('cost cache');
  });

  // The previous version's file (a 30-day summary), read when no day cache exists yet.
  it.each([
    ['not JSON', () => '{"version":1,', /not valid JSON/],
    ['another version', (file: CacheFile) => ({ ...file, version: 2 }), /version 2, expected 1/],
    [
      'the wrong shape',
      (file: CacheFile) => ({ ...file, summary: { ...file.summary, todayUsd: 'lots' } }),
      /wrong shape at summary\.todayUsd/,
    ],
    [
      'a bad amount',
      (file: CacheFile) => ({ ...file, dayModel: [{ ...file.dayModel[0], amount: '1,5' }] }),
      /amount "1,5" for \d{4}-\d\d-\d\d is not a decimal/,
    ],
  ] as const)('a file with %s is ignored with one warning giving the reason', async (_name, corrupt, reason) => {
    const first = await setup();
    const path = costCachePath(first.home);
    await writeLegacyCache(first.home, first.clock.now());
    const file = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
    const next = corrupt(file);
    await writeFile(path, typeof next === 'string' ? next : JSON.stringify(next));
    const before = first.logs.lines.length;
    const restarted = await first.restart();
    const warnings = first.logs.lines.slice(before).filter((line) => line.includes('ignoring the cost cache file'));
    expect(warnings).toHaveLength(1);
    const entry = JSON.parse(warnings[0]!) as { level: number; msg: string; path: string };
    expect(entry).toMatchObject({ level: 40, path });
    expect(entry.msg).toMatch(reason);
    expect(warnings[0]).not.toContain(first.fake.key);
    first.fake.fail({ kind: 'status', status: 500 });
    expect((await restarted.costs.fetchSummary()).summary).toBeNull();
  });

  it('clearCache (test only) forgets memory but not the file', async () => {
    const { services, fake } = await setup();
    await services.costs.fetchSummary();
    services.costs.clearCache();
    await services.costs.fetchSummary();
    expect(fake.reportFetches()).toHaveLength(2);
  });
});

describe('cache TTL setting', () => {
  it('defaults to 900, falls back to 900 when unparsable and clamps below 1 to 1', () => {
    expect(cacheTtlSeconds({})).toBe(900);
    expect(cacheTtlSeconds({ ANTHROPIC_COST_CACHE_TTL_SECONDS: 'soon' })).toBe(900);
    expect(cacheTtlSeconds({ ANTHROPIC_COST_CACHE_TTL_SECONDS: '0' })).toBe(1);
    expect(cacheTtlSeconds({ ANTHROPIC_COST_CACHE_TTL_SECONDS: '-5' })).toBe(1);
    expect(cacheTtlSeconds({ ANTHROPIC_COST_CACHE_TTL_SECONDS: '60' })).toBe(60);
  });

  it('is applied from the injected env', async () => {
    const { services, fake, clock } = await setup({ env: { ANTHROPIC_COST_CACHE_TTL_SECONDS: '10' } });
    await services.costs.fetchSummary();
    // Waiting for any refresh, so the count of upstream calls is settled when read.
    await clock.advance(9_000);
    expect((await services.costs.fetchSummary({ awaitRefresh: true })).summary?.source).toBe('cached');
    expect(fake.reportFetches()).toHaveLength(1);
    await clock.advance(2_000);
    expect((await services.costs.fetchSummary({ awaitRefresh: true })).summary?.source).toBe('live');
    expect(fake.reportFetches()).toHaveLength(2);
  });
});
