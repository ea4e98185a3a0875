/**
 * Stopping the cost capability with the Claude Code report: a stop() that lands while the
 * admin key is read, or a refresh asked after stop(), makes no Admin API request at all
 * (counted at the stand-in), and stopServices returns promptly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../main/secrets/secret-store.js';
import { stopServices } from '../../main/services.js';
import { FAKE_ADMIN_KEY } from '../fakes/admin-api.js';
import { removeTempDirs } from '../support/temp.js';
import { trackedCostSetups, until, type CostSetup } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

/** A keychain whose reads wait until `release()`. */
function gatedStore(): SecretStore & { reads: number; release(): void } {
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
});
