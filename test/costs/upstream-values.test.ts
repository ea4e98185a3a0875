/**
 * Values taken from the Admin API are foreign text: a stand-in answer that reflects a key
 * (the configured admin key, or any other `sk-ant-…` shape) into a model name, cost type or
 * workspace id must not carry it into `/api/costs`, the CSV export or the cache file — nor
 * back out of a cache file an older version wrote unscrubbed.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { costCachePath } from '../../main/costs/cost-cache-file.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';
import { readOpsFiles } from './helpers.js';

afterAll(removeTempDirs);

const OTHER_KEY = 'sk-ant-api03-reflected-0123456789abcdefghijklmnopqrstuvwxyz';

describe('key shapes in upstream values', () => {
  it('are scrubbed before /api/costs, the CSV and the cache files', async () => {
    const start = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
    const fake = await startFakeAdminApi();
    const rows = buildCostRows({ start, days: 32, perDay: 3 }).map((row, index) => ({
      ...row,
      model: index % 3 === 0 ? `claude-${fake.key}` : row.model,
      costType: index % 3 === 1 ? `tokens ${OTHER_KEY}` : row.costType,
      workspaceId: index % 3 === 2 ? `wrkspc_${OTHER_KEY}` : row.workspaceId,
    }));
    fake.setRows(rows);
    const server = await startTestServer({
      deps: {
        env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
        secretStore: createMemorySecretStore({ 'anthropic-admin-api-key': fake.key }),
        costTimeoutMs: 2000,
      },
    });
    try {
      const costs = await (await server.api('/api/costs?refresh=1')).text();
      const csv = await (await server.api('/api/costs/export.csv')).text();
      const cache = await readOpsFiles(server.home);
      expect(cache).toContain('claude-[REDACTED]');
      const summary = JSON.parse(costs).summary;
      expect(summary.byModel.map((m: { model: string | null }) => m.model)).toContain('claude-[REDACTED]');
      expect(summary.byWorkspace.map((w: { workspaceId: string | null }) => w.workspaceId)).toContain(
        'wrkspc_[REDACTED]',
      );
      expect(csv).toContain('claude-[REDACTED]');
      for (const text of [costs, csv, cache]) {
        expect(text).not.toContain(fake.key.slice(0, 20));
        expect(text).not.toContain(OTHER_KEY.slice(0, 20));
      }
    } finally {
      await server.close();
      await fake.close();
    }
  });

  it('are scrubbed from a cache file an older version wrote unscrubbed', async () => {
    const first = await startTestServer({ deps: { env: {} } });
    const path = costCachePath(first.home);
    const day = new Date().toISOString().slice(0, 10);
    const model = `claude-${OTHER_KEY}`;
    const file = {
      version: 1,
      fetchedAt: new Date().toISOString(),
      days: [day],
      summary: {
        todayUsd: 1,
        sevenDayUsd: 1,
        monthToDateUsd: 1,
        thirtyDayUsd: 1,
        projectedMonthUsd: 1,
        byDay: [{ date: day, usd: 1 }],
        byModel: [{ model, usd: 1 }],
        byCostType: [{ costType: `tokens ${OTHER_KEY}`, usd: 1 }],
        byWorkspace: [{ workspaceId: `wrkspc_${OTHER_KEY}`, usd: 1 }],
      },
      dayModel: [{ date: day, model, amount: '100' }],
    };
    await first.close();
    await writeFile(path, JSON.stringify(file));
    const server = await startTestServer({ home: first.home, deps: { env: {} } });
    try {
      const costs = await (await server.api('/api/costs')).text();
      const csv = await (await server.api('/api/costs/export.csv')).text();
      expect(JSON.parse(costs).summary.byModel[0].model).toBe('claude-[REDACTED]');
      for (const text of [costs, csv]) expect(text).not.toContain(OTHER_KEY.slice(0, 20));
    } finally {
      await server.close();
    }
  });
});
