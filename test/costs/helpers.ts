/**
 * Builders for cost tests: services (or a whole server) wired to a fake Admin API, an
 * in-memory or counting secret store, a manual clock and a captured log.
 */
import { mkdir } from 'node:fs/promises';
import { afterEach } from 'vitest';
import { join } from 'node:path';
import { buildConfig } from '../../main/config/config.js';
import { createLogger, memoryDestination } from '../../main/logging/logger.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { createMemorySecretStore, type SecretStore } from '../../main/secrets/secret-store.js';
import { createServices, type Services } from '../../main/services.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { buildUsageRows } from '../fakes/usage-report.js';
import { manualClock, type ManualClock } from '../fakes/manual-clock.js';
import { tempDir } from '../support/temp.js';

export const NOW = '2026-11-20T15:00:00Z';

/** A store that counts reads, to prove the keychain is read once. */
export function countingStore(
  initial: Record<string, string> = {},
): SecretStore & { reads: number; entries: Map<string, string> } {
  const inner = createMemorySecretStore(initial);
  const store = {
    reads: 0,
    entries: inner.entries,
    get: async (account: string) => {
      store.reads += 1;
      return inner.get(account);
    },
    set: inner.set,
    delete: inner.delete,
    accounts: inner.accounts,
  };
  return store;
}

export interface CostSetup {
  services: Services;
  fake: FakeAdminApi;
  clock: ManualClock;
  home: string;
  logs: ReturnType<typeof memoryDestination>;
  store: ReturnType<typeof countingStore>;
  /** Builds a second services instance on the same home (a restart). */
  restart(overrides?: { env?: Record<string, string>; clock?: ManualClock }): Promise<Services>;
}

export interface CostSetupOptions {
  env?: Record<string, string>;
  /** Put the fake's key in the keychain (default) or leave it empty. */
  keyInStore?: boolean;
  store?: SecretStore;
  now?: string;
  home?: string;
  timeoutMs?: number;
  /** stopServices' wait for a cost refresh under way. */
  stopGraceMs?: number;
}

export async function setupCosts(options: CostSetupOptions = {}): Promise<CostSetup> {
  const clock = manualClock(options.now ?? NOW);
  const home = options.home ?? (await tempDir('attune-costs-'));
  await mkdir(join(home, 'ops'), { recursive: true });
  const start = new Date(clock.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  const fake = await startFakeAdminApi({
    rows: buildCostRows({ start, days: 41, perDay: 5 }),
    usageRows: buildUsageRows(start, 41),
  });
  const logs = memoryDestination();
  const counting = countingStore(options.keyInStore === false ? {} : { 'anthropic-admin-api-key': fake.key });
  const store = options.store ?? counting;
  const env = { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ...options.env };
  const build = async (buildEnv: Record<string, string>, buildClock: ManualClock) => {
    const redactor = new SecretRedactor();
    const logger = createLogger({ redactor, destinations: [logs], level: 'debug' });
    const config = buildConfig({ attuneHome: home, projectRoot: home, env: {}, port: 0 });
    return createServices(config, {
      env: buildEnv,
      clock: buildClock,
      secretStore: store,
      logger,
      redactor,
      // Generous: under a loaded CI a short one expired before the stand-in answered (a refresh with no report fetch). Tests of timeouts set their own.
      costTimeoutMs: options.timeoutMs ?? 10_000,
      costStopGraceMs: options.stopGraceMs,
    });
  };
  const services = await build(env, clock);
  return {
    services,
    fake,
    clock,
    home,
    logs,
    store: counting,
    restart: (overrides = {}) => build({ ...env, ...overrides.env }, overrides.clock ?? clock),
  };
}

/** Polls until `condition` holds (a real deadline, so a broken condition fails the test). */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Advances the manual clock and waits until the refresh it fired has scheduled the next one. */
export async function tick(clock: ManualClock, ms: number): Promise<void> {
  await clock.advance(ms);
  await until(() => clock.pending() > 0);
}

/**
 * A `setupCosts` whose services are stopped and fake Admin APIs closed after every test.
 * Call once at a test file's top level.
 */
export function trackedCostSetups(): (options?: CostSetupOptions) => Promise<CostSetup> {
  const setups: CostSetup[] = [];
  afterEach(async () => {
    for (const s of setups.splice(0)) {
      s.services.costs.stop();
      await s.fake.close();
    }
  });
  return async (options = {}) => {
    const s = await setupCosts(options);
    setups.push(s);
    return s;
  };
}

/** The text of every file the cost capability keeps under `<home>/ops` (cost days, organization, names…), joined. */
export async function readOpsFiles(home: string): Promise<string> {
  const { readdir, readFile } = await import('node:fs/promises');
  const entries = await readdir(join(home, 'ops'), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  if (files.length === 0) throw new Error('no file under ops/');
  // An atomic write in progress (a background Claude Code pass) may rename its temp file away
  // between the listing and the read: its text is then in the final file, which is read too.
  const read = (f: string) =>
    readFile(f, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && f.endsWith('.tmp')) return '';
      throw error;
    });
  return (await Promise.all(files.map(read))).join('\n');
}

/** Writes a cost cache file in the previous version's format (a 30-day summary), as an upgrade finds it. */
export async function writeLegacyCache(home: string, nowMs: number): Promise<void> {
  const { aggregateCosts } = await import('../../main/costs/aggregate.js');
  const { costCachePath, writeCostCache } = await import('../../main/costs/cost-cache-file.js');
  const { costWindow } = await import('../../main/costs/cost-window.js');
  const { parseCents } = await import('../../main/costs/money.js');
  const window = costWindow(nowMs);
  const rows = window.days.map((day, i) => ({
    day,
    amount: parseCents(`${100 + i}.5`) ?? 0n,
    model: i % 2 ? 'claude-legacy' : null,
    costType: 'tokens',
    workspaceId: null,
    currency: 'USD',
  }));
  await writeCostCache(costCachePath(home), {
    snapshot: aggregateCosts(rows, window),
    fetchedAtMs: nowMs,
    days: window.days,
  });
}
