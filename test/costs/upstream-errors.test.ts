/**
 * What the Admin API says when it refuses (its documented error body) reaches the user
 * safely; the remedy follows where the key came from; a non-USD currency is kept apart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateCosts } from '../../main/costs/aggregate.js';
import { CostClient } from '../../main/costs/cost-client.js';
import { costsCsv } from '../../main/costs/cost-csv.js';
import { costWindow } from '../../main/costs/cost-window.js';
import { silentLogger } from '../../main/logging/logger.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, FAKE_ADMIN_KEY } from '../fakes/admin-api.js';
import { row, sumCentsExact } from '../fakes/cost-rows.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';

afterAll(removeTempDirs);

const NOW = Date.parse('2026-11-20T15:00:00Z');
const window = costWindow(NOW);
const client = (baseUrl: string) =>
  new CostClient({ baseUrl, version: '1.0.0', timeoutMs: 2000, now: () => NOW, logger: silentLogger() });

describe('the Admin API error body', () => {
  it('shows error.type, error.message and request_id of a documented 400', async () => {
    const fake = await startFakeAdminApi();
    fake.fail({ kind: 'status', status: 400, message: 'starting_at must be before ending_at' });
    try {
      const result = await client(fake.url).fetchWindow(window, fake.key);
      expect(result.kind).toBe('error');
      if (result.kind !== 'error') return;
      expect(result.error.kind).toBe('unknown');
      expect(result.error.message).toContain('invalid_request_error: starting_at must be before ending_at');
      expect(result.error.message).toMatch(/\(request req_fake\d+\)/);
      expect(result.error.message).not.toContain('does not understand');
      expect(result.error.upstream).toMatchObject({
        type: 'invalid_request_error',
        message: 'starting_at must be before ending_at',
        requestId: expect.stringMatching(/^req_fake/),
      });
    } finally {
      await fake.close();
    }
  });

  it('is redacted, flattened and bounded in length', async () => {
    const fake = await startFakeAdminApi();
    const hostile = `bad key ${FAKE_ADMIN_KEY}\n\u001b[31m${'x'.repeat(5000)}`;
    fake.fail({ kind: 'status', status: 400, message: hostile });
    try {
      const result = await client(fake.url).fetchWindow(window, fake.key);
      if (result.kind !== 'error') throw new Error('expected an error');
      expect(result.error.message).not.toContain(FAKE_ADMIN_KEY.slice(0, 20));
      expect(result.error.message).toContain('bad key [REDACTED]');
      expect(result.error.message).not.toMatch(/\p{Cc}/u);
      expect(result.error.message.length).toBeLessThan(600);
      expect(result.error.upstream?.message?.length).toBeLessThanOrEqual(300);
    } finally {
      await fake.close();
    }
  });

  it('names ANTHROPIC_ADMIN_API_KEY as the remedy for a rejected env key, Settings for a keychain one', async () => {
    const fake = await startFakeAdminApi();
    fake.fail({ kind: 'status', status: 401, message: 'invalid x-api-key' });
    try {
      const fromEnv = await client(fake.url).fetchWindow(window, fake.key, 'env');
      const fromKeychain = await client(fake.url).fetchWindow(window, fake.key, 'keychain');
      if (fromEnv.kind !== 'error' || fromKeychain.kind !== 'error') throw new Error('expected errors');
      expect(fromEnv.error).toMatchObject({ kind: 'auth_failed', keySource: 'env' });
      expect(fromEnv.error.message).toContain('ANTHROPIC_ADMIN_API_KEY');
      expect(fromEnv.error.message).not.toContain('in Settings');
      expect(fromEnv.error.message).toContain('authentication_error: invalid x-api-key');
      expect(fromKeychain.error).toMatchObject({ kind: 'auth_failed', keySource: 'keychain' });
      expect(fromKeychain.error.message).toContain('replace it in Settings');
    } finally {
      await fake.close();
    }
  });

  it('carries the env key source through /api/costs', async () => {
    const fake = await startFakeAdminApi();
    fake.fail({ kind: 'status', status: 401 });
    const server = await startTestServer({
      deps: {
        env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: fake.key },
        secretStore: createMemorySecretStore(),
        costTimeoutMs: 2000,
      },
    });
    try {
      const body = (await (await server.api('/api/costs?refresh=1')).json()) as {
        error: { kind: string; keySource: string; message: string };
      };
      expect(body.error).toMatchObject({ kind: 'auth_failed', keySource: 'env' });
      expect(body.error.message).toContain('ANTHROPIC_ADMIN_API_KEY');
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

describe('currencies', () => {
  it('keeps a non-USD amount apart and never sums it with USD', async () => {
    const today = window.today;
    const usd = [row(today, '1000.5', 0), row(today, '250.25', 1)];
    const eur = [
      { ...row(today, '700', 2), currency: 'EUR' },
      { ...row(today, '300', 0), currency: 'EUR' },
    ];
    const fake = await startFakeAdminApi({ rows: [...usd, ...eur] });
    try {
      const result = await client(fake.url).fetchWindow(window, fake.key);
      if (result.kind !== 'ok') throw new Error('expected rows');
      expect(new Set(result.rows.map((r) => r.currency))).toEqual(new Set(['USD', 'EUR']));
      const { summary, dayModel } = aggregateCosts(result.rows, window);
      const usdTotal = sumCentsExact(usd.map((r) => r.amount)).usd;
      expect(summary.todayUsd).toBe(usdTotal);
      expect(summary.thirtyDayUsd).toBe(usdTotal);
      expect(summary.byModel.reduce((sum, m) => sum + m.usd, 0)).toBeCloseTo(usdTotal, 10);
      expect(summary.otherCurrencies).toEqual([{ currency: 'EUR', amount: 10 }]);
      const csv = costsCsv({ dayModel }, window.days);
      expect(csv).toContain(`\r\n${today},${usdTotal.toFixed(2)},`);
    } finally {
      await fake.close();
    }
  });
});
