/**
 * `attune-ops costs --by key` against the stand-in Admin API: the per-key lines with the
 * method in words and the "Not attributable to a key" row, summing to the printed total;
 * `--json` adds the route's answer as `byKey`; a refused analytics report is remembered
 * by the CLI too (the second run does not ask it again).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import type { KeySpendResponse } from '../../main/contract/costs-keys.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { ANALYTICS_PATH } from '../fakes/admin-api-keys.js';
import { row } from '../fakes/cost-rows.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { captureIo } from './cli-support.js';

let fake: FakeAdminApi;
let home: string;
const env = () => ({ ATTUNE_HOME: home, ATTUNE_ANTHROPIC_BASE_URL: fake.url });
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeEach(async () => {
  home = await tempDir('attune-cli-keys-');
  // variant 1: sonnet uncached input in wrkspc_1; variant 4: a web search cost (no model).
  fake = await startFakeAdminApi({ rows: [row(day, '300', 1), row(day, '25.5', 4)] });
  fake.keys.setUsageRows([
    { date: day, apiKeyId: 'apikey_ci', model: 'claude-opus-4-1', uncached: 2 },
    { date: day, apiKeyId: 'apikey_app', model: 'claude-opus-4-1', uncached: 1 },
  ]);
  fake.setApiKeys([{ id: 'apikey_ci', name: 'CI', status: 'inactive', workspace_id: null }]);
  fake.keys.setAnalyticsAccess(404);
});
afterEach(async () => fake.close());
afterAll(removeTempDirs);

describe('attune-ops costs --by key', () => {
  it('prints cost per key with its method, the unattributed row and the total, and remembers the refusal', async () => {
    const store = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
    const io = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--by', 'key'], io, { secretStore: store })).toBe(0);
    const out = io.out();
    // 300 cents of opus input split 2:1, 25.5 cents of web search not attributable.
    expect(out).toMatch(/CI \(apikey_ci\) \[inactive\] +\$2\.00 +61\.3%/);
    expect(out).toMatch(/apikey_app +\$1\.00/);
    expect(out).toMatch(/Not attributable to a key +\$0\.26/);
    expect(out).toMatch(/Costs other than tokens .*: \$0\.26/);
    expect(out).toMatch(/Total +\$3\.26/);
    expect(out).toContain('Method: Estimated:');
    expect(out).toContain('not available to this organization');
    expect(fake.otherRequests.filter((r) => r.path === ANALYTICS_PATH)).toHaveLength(1);

    const json = captureIo({ env: env(), cwd: home });
    expect(await costsCommand(['--json', '--by', 'key', '--refresh'], json, { secretStore: store })).toBe(0);
    const body = JSON.parse(json.out()) as { summary: unknown; byKey: KeySpendResponse };
    expect(body.summary).not.toBeNull();
    expect(body.byKey).toMatchObject({ totalCents: 326, method: { kind: 'estimated' } });
    expect(body.byKey.rows.reduce((sum, r) => sum + r.cents, 0)).toBe(326);
    expect(fake.otherRequests.filter((r) => r.path === ANALYTICS_PATH)).toHaveLength(1);
  });
});
