import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { keyCommand } from '../../main/cli/commands/key.js';
import { buildConfig } from '../../main/config/config.js';
import { costCliServices } from '../../main/cli/cost-services.js';
import { createMemorySecretStore, createUnavailableSecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { buildUsageRows } from '../fakes/usage-report.js';
import { manualClock } from '../fakes/manual-clock.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { captureIo, fakeTty } from './cli-support.js';
import { until } from './helpers.js';

let fake: FakeAdminApi;
let home: string;
const env = () => ({ ATTUNE_HOME: home, ATTUNE_ANTHROPIC_BASE_URL: fake.url });

beforeEach(async () => {
  home = await tempDir('attune-cli-');
  const start = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
  fake = await startFakeAdminApi({
    rows: buildCostRows({ start, days: 32, perDay: 3 }),
    usageRows: buildUsageRows(start, 32),
  });
});
afterEach(async () => fake.close());
afterAll(removeTempDirs);

describe('attune-ops key', () => {
  it('set reads a piped key, stores it, and never prints it; status and delete follow', async () => {
    const store = createMemorySecretStore();
    const set = captureIo({ env: env(), cwd: home, stdin: `${fake.key}\n` });
    expect(await keyCommand(['set'], set, { secretStore: store })).toBe(0);
    expect(store.entries.get('anthropic-admin-api-key')).toBe(fake.key);
    expect(set.out()).toContain(`…${fake.key.slice(-4)}`);
    expect(set.out() + set.err()).not.toContain(fake.key);

    const status = captureIo({ env: env(), cwd: home });
    expect(await keyCommand(['status'], status, { secretStore: store })).toBe(0);
    expect(status.out()).toMatch(/configured from the OS keychain \(ends in …/);

    const removed = captureIo({ env: env(), cwd: home });
    expect(await keyCommand(['delete'], removed, { secretStore: store })).toBe(0);
    expect(store.entries.size).toBe(0);
    const after = captureIo({ env: env(), cwd: home });
    expect(await keyCommand(['status'], after, { secretStore: store })).toBe(1);
    expect(after.out()).toMatch(/not configured/);
  });

  it('set on a terminal reads in raw mode without echoing the typed key', async () => {
    const store = createMemorySecretStore();
    const tty = fakeTty();
    const io = captureIo({ env: env(), cwd: home, stdin: tty });
    const done = keyCommand(['set'], io, { secretStore: store });
    await until(() => io.err().includes('input hidden'));
    tty.write(`${fake.key.slice(0, 10)}x\u007f`);
    tty.write(`${fake.key.slice(10)}\r`);
    expect(await done).toBe(0);
    expect(tty.rawModes).toEqual([true, false]);
    expect(store.entries.get('anthropic-admin-api-key')).toBe(fake.key);
    expect(io.out() + io.err()).not.toContain(fake.key.slice(0, 12));
  });

  it('set refuses a workspace key and explains why', async () => {
    const io = captureIo({ env: env(), cwd: home, stdin: 'sk-ant-api03-workspace-0123456789abcdef\n' });
    expect(await keyCommand(['set'], io, { secretStore: createMemorySecretStore() })).toBe(1);
    expect(io.err()).toMatch(/Workspace API keys .* cannot read the cost report/);
    expect(io.err()).not.toContain('sk-ant-api03-workspace-0123456789abcdef');
  });

  it('reports an unavailable keychain with its reason and a non-zero exit', async () => {
    const io = captureIo({ env: env(), cwd: home, stdin: `${fake.key}\n` });
    expect(await keyCommand(['set'], io, { secretStore: createUnavailableSecretStore('no D-Bus session') })).toBe(1);
    expect(io.err()).toMatch(/keychain: no D-Bus session/);
    const status = captureIo({ env: env(), cwd: home });
    expect(
      await keyCommand(['status'], status, { secretStore: createUnavailableSecretStore('no D-Bus session') }),
    ).toBe(1);
    expect(status.out()).toMatch(/unavailable \(no D-Bus session\)/);
  });

  it('says on stderr when the settings file cannot be used, and still answers', async () => {
    const settingsPath = buildConfig({ env: env(), cwd: home }).settingsPath;
    await mkdir(dirname(settingsPath), { recursive: true });
    await writeFile(settingsPath, '{"version":1,');
    const io = captureIo({ env: env(), cwd: home });
    expect(
      await keyCommand(['status'], io, {
        secretStore: createMemorySecretStore({ 'anthropic-admin-api-key': fake.key }),
      }),
    ).toBe(0);
    expect(io.err()).toBe(
      `Warning: Settings file ${settingsPath} is not valid JSON; using defaults. Fix or delete it.\n`,
    );
    expect(io.out()).toMatch(/configured from the OS keychain/);
  });

  it('builds only the cost pieces, not the runs, specs, telemetry or status services', async () => {
    const services = await costCliServices(captureIo({ env: env(), cwd: home }), {
      secretStore: createMemorySecretStore(),
    });
    expect(Object.keys(services).sort()).toEqual(['clock', 'costs', 'logger', 'orgs']);
  });

  it('rejects an unknown action with usage and exit 2', async () => {
    const io = captureIo({ env: env(), cwd: home });
    expect(await keyCommand(['show'], io)).toBe(2);
    expect(io.err()).toMatch(/Usage: attune-ops key/);
  });
});

describe('attune-ops costs', () => {
  it('prints the summary with its source and age, then answers from the cache file', async () => {
    const store = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
    const live = captureIo({ env: env(), cwd: home });
    expect(await costsCommand([], live, { secretStore: store })).toBe(0);
    expect(live.out()).toMatch(/Anthropic API spend \(live; fetched .*, 0 min ago\)/);
    expect(live.out()).toMatch(/Month to date +\$\d+\.\d\d/);
    expect(live.out()).toMatch(
      /Projected month +\$\d+\.\d\d \(range \$\d+\.\d\d–\$\d+\.\d\d\); No monthly budget set\./,
    );
    expect(live.out()).toMatch(/^ +Projected month end \$\d+\.\d\d \(range .*the mean of the last 14 complete days/m);
    expect(live.out()).toMatch(/Cache hit rate +\d+\.\d% \(30 days\)/);
    expect(live.out()).toMatch(
      /Tokens \(30 days\) input [\d,]+, cache read [\d,]+, cache write 5m [\d,]+ \/ 1h [\d,]+, output/,
    );
    const cached = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--json'], cached, { secretStore: store })).toBe(0);
    expect(JSON.parse(cached.out())).toMatchObject({
      summary: { source: 'cached' },
      error: null,
      budget: { state: 'unset' },
      forecast: { kind: 'projected', paceDays: 14, budget: { kind: 'unset' } },
      usage: { span: 30, source: 'cached', totals: { outputTokens: expect.any(Number) } },
    });
    expect(JSON.parse(cached.out()).usage.totals.outputTokens).toBeGreaterThan(0);
    expect(fake.reportFetches()).toHaveLength(1);
    const refreshed = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--json', '--refresh'], refreshed, { secretStore: store })).toBe(0);
    expect(JSON.parse(refreshed.out())).toMatchObject({ summary: { source: 'live' } });
  });

  it('exits non-zero with the categorized error, showing last good figures as stale', async () => {
    const store = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
    await costsCommand([], captureIo({ env: env(), cwd: home }), { secretStore: store });
    fake.fail({ kind: 'status', status: 403 });
    const io = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--refresh'], io, { secretStore: store })).toBe(1);
    expect(io.out()).toMatch(/\(cached, stale;/);
    expect(io.err()).toMatch(/^Error \(auth_failed\): Key not allowed to read costs/m);
    home = await tempDir('attune-cli-empty-'); // no cache file: the key is needed
    const none = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--json'], none, { secretStore: createMemorySecretStore() })).toBe(1);
    expect(JSON.parse(none.out())).toMatchObject({ error: { kind: 'no_key' } });
  });

  it('waits for the refresh of an expired cache instead of printing it and exiting', async () => {
    const store = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
    await costsCommand([], captureIo({ env: env(), cwd: home }), { secretStore: store });
    fake.fail({ kind: 'status', status: 500 });
    const later = manualClock(Date.now() + 20 * 60_000); // past the 15-minute TTL
    const io = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--json'], io, { secretStore: store, clock: later })).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({
      summary: { source: 'cached', stale: true },
      error: { kind: 'network' },
    });
    expect(fake.reportFetches()).toHaveLength(2);
  });

  it('rejects unknown options', async () => {
    const io = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--csv'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown option --csv/);
  });
});
