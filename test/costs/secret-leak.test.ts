/**
 * The admin key must appear nowhere outside the x-api-key header: not in a response body,
 * a log line, the cache file, an error message or CLI output — across a whole flow that
 * stores the key, refreshes, hits every failure kind and exports CSV.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { keyCommand } from '../../main/cli/commands/key.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeFailure } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';
import { captureIo } from './cli-support.js';
import { readOpsFiles, until } from './helpers.js';

afterAll(removeTempDirs);

const FAILURES: FakeFailure[] = [
  { kind: 'status', status: 401 },
  { kind: 'status', status: 403 },
  { kind: 'status', status: 404 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 529 },
  { kind: 'hang' },
  { kind: 'non_json' },
  { kind: 'wrong_shape' },
  { kind: 'stuck_cursor' },
  { kind: 'rate_limited', retryAfter: '0' },
  { kind: 'rate_limited', retryAfter: new Date(Date.now() - 1000).toUTCString() },
];

describe('the admin key never leaks', () => {
  it('is absent from every body, log line, cache file, error message and CLI output', async () => {
    const start = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
    const fake = await startFakeAdminApi({ rows: buildCostRows({ start, days: 32, perDay: 4 }) });
    const store = createMemorySecretStore();
    const server = await startTestServer({
      deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url }, secretStore: store, costTimeoutMs: 250 },
    });
    const seen: string[] = [];
    const call = async (path: string, init?: Parameters<typeof server.api>[1]) => {
      const response = await server.api(path, init);
      const text = await response.text();
      seen.push(`${path} ${response.status} ${JSON.stringify([...response.headers])} ${text}`);
      return text;
    };
    try {
      await call('/api/costs/key', { method: 'PUT', json: { key: `${fake.key} ` } });
      await call('/api/costs/key', { method: 'PUT', json: { key: fake.key } });
      await until(() => server.services.costs.costStatus().fetchedAt !== null);
      await call('/api/costs?refresh=1');
      await call('/api/costs/export.csv');
      for (const failure of FAILURES) {
        fake.fail(failure);
        const body = await call('/api/costs?refresh=1');
        expect(JSON.parse(body).error, JSON.stringify(failure)).not.toBeNull();
      }
      fake.fail(null);
      await call('/api/costs?refresh=1');
      await call('/api/costs/key');
      await call('/api/status');
      await call('/api/costs/key', { method: 'DELETE' });
      await call('/api/costs?refresh=1');

      const cacheFile = await readOpsFiles(server.home);
      const cliStore = createMemorySecretStore();
      const cliEnv = { ATTUNE_HOME: server.home, ATTUNE_ANTHROPIC_BASE_URL: fake.url };
      const cliRuns = [
        captureIo({ env: cliEnv, cwd: server.home, stdin: `${fake.key}\n` }),
        captureIo({ env: cliEnv, cwd: server.home }),
        captureIo({ env: cliEnv, cwd: server.home }),
        captureIo({ env: { ...cliEnv, ANTHROPIC_ADMIN_API_KEY: fake.key }, cwd: server.home }),
      ];
      await keyCommand(['set'], cliRuns[0]!, { secretStore: cliStore });
      await keyCommand(['status'], cliRuns[1]!, { secretStore: cliStore });
      fake.fail({ kind: 'status', status: 401 });
      await costsCommand(['--refresh'], cliRuns[2]!, { secretStore: cliStore });
      await costsCommand(['--json', '--refresh'], cliRuns[3]!, { secretStore: cliStore });
      const errors = [
        server.services.costs.costStatus().detail ?? '',
        JSON.stringify(await server.services.costs.fetchSummary()),
      ];

      const everything = [
        ...seen,
        server.logs.text(),
        cacheFile,
        ...errors,
        ...cliRuns.map((io) => io.out() + io.err()),
      ];
      expect(server.logs.text()).toMatch(/cost refresh failed/); // the logs did capture the failures
      expect(seen.length).toBeGreaterThan(15);
      for (const text of everything) {
        expect(text).not.toContain(fake.key);
        expect(text).not.toContain(fake.key.slice(0, 30));
      }
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

describe('an upstream error that echoes the key', () => {
  it('keeps the exact key out of the cost error and its upstream message, even a key without a key shape', async () => {
    const key = 'attune-plain-admin-credential-3b8e61f0';
    const fake = await startFakeAdminApi({ key });
    fake.fail({ kind: 'status', status: 403, message: `the credential ${key} lacks the permission` });
    const server = await startTestServer({
      deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: key }, costTimeoutMs: 2000 },
    });
    try {
      const response = await server.api('/api/costs?refresh=1');
      const text = await response.text();
      const { error } = JSON.parse(text) as { error: { kind: string; upstream?: { message: string | null } } | null };
      expect(error).toMatchObject({ kind: 'auth_failed' });
      expect(error?.upstream?.message).toContain('[REDACTED]');
      expect(text).not.toContain(key);
      expect(server.logs.text()).not.toContain(key);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});
