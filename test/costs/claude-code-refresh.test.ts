/**
 * The Claude Code refresh beside the costs: `GET /api/costs?refresh=1` answers without
 * waiting for the (slow) Claude Code days, which a `?refresh=1` of `/api/claude-code`
 * waits for. Stopping the cost capability: a stop() that lands while the
 * admin key is read, or a refresh asked after stop(), makes no Admin API request at all
 * (counted at the stand-in), and stopServices returns promptly; it waits for a refresh
 * hanging upstream at most its grace, and a refresh that throws does not make it throw.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../main/secrets/secret-store.js';
import { stopServices } from '../../main/services.js';
import { FAKE_ADMIN_KEY, startFakeAdminApi } from '../fakes/admin-api.js';
import { buildClaudeCodeRows } from '../fakes/claude-code-report.js';
import { manualClock } from '../fakes/manual-clock.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';
import { NOW, trackedCostSetups, until, type CostSetup } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

/** A keychain whose reads wait until `release()` (then answer the key, or throw `failWith`). */
function gatedStore(failWith?: Error): SecretStore & { reads: number; release(): void } {
  const inner = createMemorySecretStore({ 'anthropic-admin-api-key': FAKE_ADMIN_KEY });
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = {
    ...inner,
    reads: 0,
    release: () => release(),
    get: async (account: string) => {
      store.reads += 1;
      await gate;
      if (failWith) throw failWith;
      return inner.get(account);
    },
  };
  return store;
}

const upstreamRequests = (s: CostSetup) =>
  s.fake.requests.length +
  s.fake.usageRequests.length +
  s.fake.otherRequests.length +
  s.fake.claudeCode.requests.length;

async function timed(work: Promise<unknown>): Promise<number> {
  const started = Date.now();
  await work;
  return Date.now() - started;
}

describe('the Claude Code days beside the costs', () => {
  it('a ?refresh=1 of the costs answers without waiting for them; one of Claude Code waits', async () => {
    const fake = await startFakeAdminApi();
    fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    fake.claudeCode.setDelay(400); // 30 days: 12 s
    const server = await startTestServer({
      deps: {
        env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
        clock: manualClock(NOW, { realTimers: true }),
        secretStore: createMemorySecretStore({ 'anthropic-admin-api-key': fake.key }),
        costTimeoutMs: 5000,
        costStopGraceMs: 100,
      },
    });
    try {
      let costsMs = 0;
      const costs = await server.api('/api/costs?refresh=1').finally(() => (costsMs = Date.now()));
      expect(((await costs.json()) as { summary: { source: string } }).summary.source).toBe('live');
      await until(() => fake.claudeCode.requests.length > 0); // under way…
      expect(fake.claudeCode.requests.length).toBeLessThan(5); // …and far from done
      const midway = (await (await server.api('/api/claude-code')).json()) as { refreshing: boolean };
      expect(midway.refreshing).toBe(true);
      fake.claudeCode.setDelay(0);
      const code = await server.api('/api/claude-code?refresh=1');
      const body = (await code.json()) as { claudeCode: { coveredFrom: string } | null; refreshing: boolean };
      expect(body).toMatchObject({ claudeCode: { coveredFrom: '2026-10-22' }, refreshing: false }); // all 30 days, once the pass ended
      expect(Date.now() - costsMs).toBeGreaterThan(300); // it waited for the pass
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

describe('stopping with a refresh', () => {
  it('a stop during the key read is not undone: the refresh asks nothing', async () => {
    const store = gatedStore();
    const s = await setup({ store });
    const refresh = s.services.costs.refresh();
    await until(() => store.reads > 0);
    const stopping = stopServices(s.services);
    store.release();
    expect(await timed(stopping)).toBeLessThan(1000);
    await refresh;
    expect(upstreamRequests(s)).toBe(0);
  });

  it('a refresh asked after stop() asks nothing', async () => {
    const s = await setup();
    s.services.costs.stop();
    await s.services.costs.refresh();
    await s.services.costs.claudeCode({ refresh: true });
    expect(await timed(stopServices(s.services))).toBeLessThan(1000);
    expect(upstreamRequests(s)).toBe(0);
  });

  it('a refresh hanging upstream holds stopServices no longer than the grace', async () => {
    const s = await setup({ timeoutMs: 10_000, stopGraceMs: 150 });
    s.fake.claudeCode.setDelay(8000);
    const refresh = s.services.costs.refresh();
    refresh.catch(() => {});
    await until(() => s.fake.claudeCode.requests.length > 0);
    expect(await timed(stopServices(s.services))).toBeLessThan(1500);
    expect(s.logs.text()).toContain('stopped without waiting longer for the cost refresh');
  });

  it('a refresh that throws does not make idle() or stopServices throw', async () => {
    const store = gatedStore(new Error('keychain exploded'));
    const s = await setup({ store });
    const refresh = s.services.costs.refresh();
    await until(() => store.reads > 0);
    const idle = s.services.costs.idle();
    const stopping = stopServices(s.services);
    store.release();
    await expect(refresh).rejects.toThrow('keychain exploded');
    await expect(idle).resolves.toBeUndefined();
    await expect(stopping).resolves.toBeUndefined();
  });
});
