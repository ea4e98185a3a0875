/**
 * Stopping the cost capability with the Claude Code report: a stop() that lands while the
 * admin key is read, or a refresh asked after stop(), makes no Admin API request at all
 * (counted at the stand-in), and stopServices returns promptly; it waits for a refresh
 * hanging upstream at most its grace, and a refresh that throws does not make it throw.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../main/secrets/secret-store.js';
import { stopServices } from '../../main/services.js';
import { FAKE_ADMIN_KEY } from '../fakes/admin-api.js';
import { removeTempDirs } from '../support/temp.js';
import { trackedCostSetups, until, type CostSetup } from './helpers.js';

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
