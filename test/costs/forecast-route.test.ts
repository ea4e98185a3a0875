/**
 * `GET /api/costs` carries the forecast and, while the alarm fires, its explanation, over
 * real HTTP against the fake Admin API, valid against the contract, with figures computed
 * by hand: $1 a day for 35 days, then $12 today (the $11 of it claude-opus-4-1 in Research).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { costsResponseSchema, type CostsResponse } from '../../main/contract/index.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { addDays, row } from '../fakes/cost-rows.js';
import { manualClock } from '../fakes/manual-clock.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { captureIo } from './cli-support.js';

const TODAY = '2026-11-20';
let fake: FakeAdminApi | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});
afterAll(removeTempDirs);

async function start(rows: ReturnType<typeof row>[]): Promise<TestServer> {
  fake = await startFakeAdminApi({ rows });
  fake.setWorkspaces([{ id: 'wrkspc_1', name: 'Research' }]);
  const secretStore = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
  server = await startTestServer({
    deps: {
      env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
      secretStore,
      costTimeoutMs: 500,
      clock: manualClock(`${TODAY}T12:00:00Z`),
    },
  });
  return server;
}

const usual = Array.from({ length: 35 }, (_, i) => row(addDays(TODAY, i - 35), '100', 0)); // sonnet, Default workspace

describe('GET /api/costs forecast and explanation', () => {
  it('projects the month end and names what drives the alarm', async () => {
    const server = await start([...usual, row(TODAY, '100', 0), row(TODAY, '1100', 1)]);
    await server.services.settings.update({ monthlyBudgetUsd: 35 });
    const response = await server.api('/api/costs?refresh=1');
    const body = costsResponseSchema.parse(await response.json()) as CostsResponse;
    // Month to date 19 × $1 + $12 = $31; pace $1 over the 14 days before today; 10.5 days remain.
    expect(body.forecast).toMatchObject({
      kind: 'projected',
      month: '2026-11',
      monthToDateUsd: 31,
      paceUsd: 1,
      paceDays: 14,
      projectedUsd: 41.5,
      lowUsd: 41.5,
      highUsd: 41.5,
      // End of today $31.50; $35 is passed during Nov 24.
      budget: { kind: 'on_pace', date: '2026-11-24' },
    });
    expect(body.budget).toMatchObject({ projectedMonthUsd: 41.5, monthlyBudgetUsd: 35 });
    expect(body.alarm?.kind).toBe('alarm');
    expect(body.explanation).toMatchObject({
      kind: 'contributors',
      contributors: [
        {
          model: 'claude-opus-4-1',
          workspaceId: 'wrkspc_1',
          sentence: 'claude-opus-4-1 in workspace Research: +$11.00 vs a usual $0.00',
        },
      ],
    });
  });

  it('has no explanation while the alarm is quiet', async () => {
    const server = await start([...usual, row(TODAY, '100', 0)]);
    const body = (await (await server.api('/api/costs?refresh=1')).json()) as CostsResponse;
    expect(body.alarm?.kind).toBe('ok');
    expect(body.explanation).toBeNull();
    expect(body.forecast).toMatchObject({ kind: 'projected', projectedUsd: 30.5, budget: { kind: 'unset' } });
  });

  it('attune-ops costs prints the projection and the contributors in words', async () => {
    fake = await startFakeAdminApi({ rows: [...usual, row(TODAY, '100', 0), row(TODAY, '1100', 1)] });
    fake.setWorkspaces([{ id: 'wrkspc_1', name: 'Research' }]);
    const home = await tempDir('attune-forecast-cli-');
    const io = captureIo({ env: { ATTUNE_HOME: home, ATTUNE_ANTHROPIC_BASE_URL: fake.url }, cwd: home });
    const secretStore = createMemorySecretStore({ 'anthropic-admin-api-key': fake.key });
    expect(await costsCommand([], io, { secretStore, clock: manualClock(`${TODAY}T12:00:00Z`) })).toBe(0);
    expect(io.out()).toContain('  Projected month  $41.50 (range $41.50–$41.50); No monthly budget set.\n');
    expect(io.out()).toMatch(
      /Daily alarm +alarm: .*\n {4}claude-opus-4-1 in workspace Research: \+\$11\.00 vs a usual \$0\.00\n/,
    );
  });
});
