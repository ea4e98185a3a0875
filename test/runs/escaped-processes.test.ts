/**
 * Runs end when their process ends, whatever its children do. The workflow leaves four
 * processes that a process-group kill misses or that outlive the leader (escapees.sh:
 * setsid, double fork, both, and a setsid one ignoring SIGTERM), all holding stdout open.
 * Under cancel, timeout, server shutdown and a leader that exits 0, the run ends and
 * /proc shows no process carrying the run's ATTUNE_RUN_ID marker afterwards.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine, RunRecord } from '../../main/runs/run-types.js';
import { removeTempDirs } from '../support/temp.js';
import { killMarked, markedProcesses } from './proc-helpers.js';
import { pollUntil, sh, startRunsServer, type RunsServer } from './run-fixtures.js';

const GRACE_MS = 300;
const runIds: string[] = [];
const servers: RunsServer[] = [];

afterAll(async () => {
  killMarked(runIds);
  for (const server of servers) await server.close().catch(() => undefined);
  await removeTempDirs();
});

async function serverWith(args: string[] = [], extra: Record<string, unknown> = {}): Promise<RunsServer> {
  const command = [...sh('escapees.sh'), ...args];
  const server = await startRunsServer([{ name: 'escapees', command, ...extra }], { killGraceMs: GRACE_MS });
  servers.push(server);
  return server;
}

/** Starts the run and waits until its four escapees (and the leader's sleep) are up. */
async function startEscapees(server: RunsServer, atLeast = 4): Promise<string> {
  const { id } = await server.start('escapees');
  runIds.push(id);
  await pollUntil(
    () => markedProcesses(id).filter((p) => p.endsWith(' sleep')).length >= atLeast || undefined,
    'the escapees',
  );
  return id;
}

async function logTexts(server: RunsServer, id: string): Promise<string[]> {
  const body = (await (await server.api(`/api/runs/${id}/log?limit=1000`)).json()) as { lines: LogLine[] };
  return body.lines.map((line) => line.text);
}

describe.runIf(process.platform === 'linux')('a run whose children escape its process group', () => {
  it('cancel: the run ends cancelled and no marked process survives', async () => {
    const server = await serverWith();
    const id = await startEscapees(server, 5);
    const cancel = await server.api(`/api/runs/${id}/cancel`, { method: 'POST', json: {} });
    expect(cancel.status).toBe(202);
    const run = await server.waitForEnd(id);
    expect(run.status).toBe('cancelled');
    expect(markedProcesses(id)).toEqual([]);
  });

  it('timeout: the run ends timed_out and no marked process survives', async () => {
    const server = await serverWith([], { timeoutMinutes: 0.02 });
    const id = await startEscapees(server, 5);
    const run = await server.waitForEnd(id);
    expect(run.status).toBe('timed_out');
    expect(markedProcesses(id)).toEqual([]);
  });

  it('the leader exits 0: the run succeeds, the leftovers are stopped and named in a runner line', async () => {
    const server = await serverWith(['exit']);
    const id = await startEscapees(server);
    const run = await server.waitForEnd(id);
    expect(run.status).toBe('succeeded');
    expect(markedProcesses(id)).toEqual([]);
    const notice = (await logTexts(server, id)).find((text) => text.includes('were still running'));
    expect(notice).toMatch(/^4 process\(es\) of this run were still running 2 s after its leader exited/);
  });

  it('server shutdown: bounded, the run is recorded cancelled, no marked process survives', async () => {
    const server = await serverWith();
    const id = await startEscapees(server, 5);
    const began = Date.now();
    await server.close();
    const took = Date.now() - began;
    const record = JSON.parse(
      await readFile(join(server.home, 'ops', 'runs', 'escapees', `${id}.json`), 'utf8'),
    ) as RunRecord;
    expect(record.status).toBe('cancelled');
    expect(markedProcesses(id)).toEqual([]);
    // Loose on purpose (a shared machine): the promise is grace + 2 s; without a bound it never returns.
    expect(took).toBeLessThan(GRACE_MS + 2000 + 5000);
  });

  it('frees its place in maxConcurrentRuns once it ended', async () => {
    const server = await serverWith(['exit']);
    expect((await server.api('/api/settings', { method: 'PUT', json: { maxConcurrentRuns: 1 } })).status).toBe(200);
    const first = await startEscapees(server);
    await server.waitForEnd(first);
    const second = await server.api('/api/workflows/escapees/runs', { method: 'POST', json: {} });
    expect(second.status).toBe(201);
    const { run } = (await second.json()) as { run: { id: string } };
    runIds.push(run.id);
    await server.waitForEnd(run.id);
  });
});
