/**
 * A start with no key configured is "Billing not connected", not an error: in the cost
 * status, the overall status (tray, pill) and the CLI. An error only once a configured key
 * fails. Messages are whole sentences; `key delete` and `costs` say only what they did.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { keyCommand } from '../../main/cli/commands/key.js';
import { createMemorySecretStore, createUnavailableSecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { captureIo } from './cli-support.js';
import { trackedCostSetups } from './helpers.js';

const setup = trackedCostSetups();
const NO_DISPLAY = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
let fake: FakeAdminApi;
let home: string;
const env = () => ({ ATTUNE_HOME: home, ATTUNE_ANTHROPIC_BASE_URL: fake.url });

beforeEach(async () => {
  home = await tempDir('attune-cli-');
  const start = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
  fake = await startFakeAdminApi({ rows: buildCostRows({ start, days: 32, perDay: 3 }) });
});
afterEach(async () => fake.close());
afterAll(removeTempDirs);

describe('billing not connected', () => {
  it('no keychain and no key: a neutral state in costs and the overall status, in whole sentences', async () => {
    const { services } = await setup({ store: createUnavailableSecretStore(NO_DISPLAY) });
    const answer = await services.costs.fetchSummary();
    expect(answer.error?.kind).toBe('keychain_unavailable');
    expect(answer.error?.message).toContain('without X11 $DISPLAY. Unlock or start your keychain');
    expect(services.costs.costStatus()).toMatchObject({ state: 'no_key', errorKind: 'keychain_unavailable' });
    expect(services.costs.costStatus().detail).toMatch(/^Billing not connected\. The OS keychain could not be read/);
    services.status.refresh();
    expect(services.status.current()).toMatchObject({ overall: 'ok', costs: { state: 'no_key' } });
  });

  it('no key at all: no_key, overall ok; a configured key that fails: error', async () => {
    const empty = await setup({ keyInStore: false });
    await empty.services.costs.fetchSummary();
    empty.services.status.refresh();
    expect(empty.services.status.current()).toMatchObject({ overall: 'ok', costs: { state: 'no_key' } });

    const rejected = await setup();
    rejected.fake.fail({ kind: 'status', status: 401 });
    await rejected.services.costs.fetchSummary();
    rejected.services.status.refresh();
    expect(rejected.services.status.current()).toMatchObject({ overall: 'error', costs: { state: 'error' } });
  });

  it('logs a failure that repeats on every refresh as a warning once', async () => {
    const { services, fake: api, logs } = await setup();
    api.fail({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i += 1) await services.costs.fetchSummary({ refresh: true });
    const warnings = logs
      .text()
      .split('\n')
      .filter((line) => line.includes('cost refresh failed') && line.includes('"level":40'));
    expect(warnings).toHaveLength(1);
  });
});

describe('the CLI says only what it did', () => {
  it('key delete with nothing stored says there was nothing to remove', async () => {
    const io = captureIo({ env: env(), cwd: home });
    expect(await keyCommand(['delete'], io, { secretStore: createMemorySecretStore() })).toBe(0);
    expect(io.out()).toMatch(/No admin key was stored in the OS keychain; nothing removed\./);
    expect(io.out()).not.toMatch(/^Removed/m);
  });

  it('costs, rate-limited, does not promise a retry it does not make', async () => {
    fake.fail({ kind: 'rate_limited', retryAfter: '37' });
    const io = captureIo({ env: env(), cwd: home });
    const store = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
    expect(await costsCommand(['--refresh'], io, { secretStore: store })).toBe(1);
    expect(io.err()).toMatch(/^Error \(rate_limited\): .*asks to wait 37 s/m);
    expect(io.out() + io.err()).not.toMatch(/retrying|automatically/i);
  });
});
