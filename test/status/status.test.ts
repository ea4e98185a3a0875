/**
 * The overall status: the rules (running > error > warning > stale > ok) with a fake
 * cost source, driven by real runs over HTTP, and the `/api/status/events` stream that
 * sends the current status on connect and each change after it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CostState, CostStatus, OpsStatus } from '../../main/core/contracts.js';
import { silentLogger } from '../../main/logging/logger.js';
import { overallState, StatusService } from '../../main/status/status-service.js';
import type { RunRecord } from '../../main/runs/run-types.js';
import { removeTempDirs } from '../support/temp.js';
import { TEST_TOKEN } from '../support/test-server.js';
import { node, pollUntil, sh, startRunsServer } from '../runs/run-fixtures.js';
import { openSseClient } from '../runs/sse-client.js';

afterAll(removeTempDirs);

const cost = (state: CostState): CostStatus => ({
  state,
  monthToDateUsd: 12.5,
  budgetPct: 40,
  fetchedAt: '2026-11-24T07:00:00Z',
  errorKind: state === 'error' ? 'network' : null,
  detail: null,
});

describe('overallState', () => {
  it.each([
    [true, true, 'error', 'running'],
    [false, true, 'ok', 'error'],
    [false, false, 'error', 'error'],
    [false, false, 'warning', 'warning'],
    [false, false, 'stale', 'stale'],
    [false, false, 'no_key', 'ok'],
    [false, false, 'loading', 'ok'],
    [false, false, 'ok', 'ok'],
  ] as const)('running=%s failure=%s costs=%s → %s', (running, failure, costs, expected) => {
    expect(overallState(running, failure, cost(costs))).toBe(expected);
  });
});

describe('StatusService', () => {
  it('follows cost changes and notifies only on a change', () => {
    let state: CostState = 'ok';
    let costListener: () => void = () => undefined;
    const extras = new Map<string, unknown>();
    const service = new StatusService({
      runs: { runningRuns: () => [], lastFinished: () => null as RunRecord | null, onChange: () => () => undefined },
      costs: { costStatus: () => cost(state), onCostStatusChange: (l) => ((costListener = l), () => undefined) },
      extras: { getExtra: (k) => extras.get(k), setExtra: async (k, v) => void extras.set(k, v) },
      logger: silentLogger(),
    });
    const seen: OpsStatus[] = [];
    service.onChange((s) => seen.push(s));
    costListener();
    expect(seen).toHaveLength(0);
    state = 'warning';
    costListener();
    state = 'stale';
    costListener();
    expect(seen.map((s) => s.overall)).toEqual(['warning', 'stale']);
    expect(service.current().costs).toMatchObject({ state: 'stale', monthToDateUsd: 12.5, budgetPct: 40 });
  });
});

describe('/api/status with real runs', () => {
  it('running while a run runs, error after a failure until acknowledged or a later success, streamed as events', async () => {
    const server = await startRunsServer([
      { name: 'fail', command: node('emit-lines.mjs', '--count', '1', '--exit', '1') },
      { name: 'pass', command: node('emit-lines.mjs', '--count', '1') },
      { name: 'long', command: sh('with-grandchild.sh') },
    ]);
    const events = openSseClient(server.port, '/api/status/events', { Authorization: `Bearer ${TEST_TOKEN}` });
    const status = async () => (await (await server.api('/api/status')).json()) as OpsStatus;
    try {
      await pollUntil(() => events.events.length >= 1 || undefined, 'the status on connect');
      expect(JSON.parse(events.events[0]!.data)).toMatchObject({ overall: 'ok' });

      const long = await server.start('long');
      expect(await status()).toMatchObject({
        overall: 'running',
        runs: { running: [{ id: long.id, workflow: 'long', status: 'running' }] },
      });
      await server.api(`/api/runs/${long.id}/cancel`, { method: 'POST' });
      await server.waitForEnd(long.id);
      await pollUntil(async () => ((await status()).overall === 'ok' ? true : undefined), 'ok after a cancelled run');

      const failed = await server.waitForEnd((await server.start('fail')).id);
      await pollUntil(async () => ((await status()).overall === 'error' ? true : undefined), 'error after a failure');
      expect((await status()).runs.lastFinished).toMatchObject({ id: failed.id, status: 'failed' });
      const ack = await server.api('/api/status/ack-failure', { method: 'POST', json: {} });
      expect(((await ack.json()) as OpsStatus).overall).toBe('ok');

      await server.waitForEnd((await server.start('fail')).id);
      await pollUntil(
        async () => ((await status()).overall === 'error' ? true : undefined),
        'error after a second failure',
      );
      await server.waitForEnd((await server.start('pass')).id);
      await pollUntil(async () => ((await status()).overall === 'ok' ? true : undefined), 'ok after a success');

      const overalls = events.events
        .filter((e) => e.event === 'status')
        .map((e) => (JSON.parse(e.data) as OpsStatus).overall);
      expect(overalls).toEqual(expect.arrayContaining(['ok', 'running', 'error']));
      for (let i = 1; i < events.events.length; i++)
        expect(events.events[i]!.data).not.toBe(events.events[i - 1]!.data);
    } finally {
      events.close();
      await server.close();
    }
  });
});
