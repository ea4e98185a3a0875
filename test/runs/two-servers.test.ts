/**
 * Two ops servers on one attune home (the desktop app and a terminal `attune-ops serve`):
 * each run record names its owning server (pid + that process's start time), and start-up
 * recovery leaves alone a `running` run whose owner is provably alive. Only when the owner
 * is gone (kill -9) does the next server recover the run as `interrupted` and stop its
 * leftover process group. An owner pid that is alive without proof is never signalled nor
 * marked interrupted; the reason says so. A run the first server ends shows as ended on
 * the second too. Real server processes (the built CLI).
 * Needs the build (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicRun, RunRecord } from '../../main/runs/run-types.js';
import { requireBuild } from '../support/built.js';
import type { CliProcess } from '../support/cli-process.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { killGroups, running, startTime } from './proc-helpers.js';
import { pollUntil, runningRecord, sh, startRunsServer, writeWorkflows } from './run-fixtures.js';
import { serveProcess, SERVE_AUTH, type ServeProcess } from './serve-process.js';
import { openSseClient } from './sse-client.js';

const groups: number[] = [];
const servers: CliProcess[] = [];

beforeAll(requireBuild);
afterAll(async () => {
  for (const server of servers)
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  killGroups(groups);
  await removeTempDirs();
});

async function serve(home: string, projectRoot: string): Promise<ServeProcess> {
  const served = await serveProcess(home, projectRoot);
  servers.push(served.cli);
  return served;
}

// Ticks forever and ignores SIGPIPE, so it outlives a killed server; its background sleep is the grandchild.
const TICKER = `trap '' PIPE; sleep 300 & echo "grandchild $!"; i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo "tick $i" 2>/dev/null; sleep 0.05; done`;

describe.runIf(process.platform === 'linux')('two servers sharing one attune home', () => {
  it("a second server leaves the first one's live run alone; after the first dies, the next server recovers it and stops its group", async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    const workflows = [{ name: 'ticker', shell: true, command: TICKER }];
    await writeWorkflows(projectRoot, workflows);
    const a = await serve(home, projectRoot);
    const { id } = await a.start('ticker');
    const dir = join(home, 'ops', 'runs', 'ticker');
    const onDisk = async () =>
      JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8').catch(() => '{}')) as Partial<RunRecord>;
    const leader = await pollUntil(async () => (await onDisk()).pid ?? undefined, 'the pid in the record');
    groups.push(leader);
    const watcher = openSseClient(a.port, `/api/runs/${id}/events`, SERVE_AUTH);
    await pollUntil(() => watcher.lines().length >= 3 || undefined, '3 lines streamed from server A');

    const b = await serve(home, projectRoot);
    const listed = (await (await b.api('/api/runs')).json()) as { runs: PublicRun[] };
    expect(listed.runs.find((run) => run.id === id)).toMatchObject({ status: 'running', reason: null });
    expect(await onDisk()).toMatchObject({
      serverPid: a.cli.child.pid,
      serverPidStartTime: startTime(a.cli.child.pid!),
    });
    const seenAfterB = watcher.lines().length;
    await pollUntil(
      () => watcher.lines().length >= seenAfterB + 5 || undefined,
      'server A still streaming after server B started',
    );
    expect(watcher.lines().map((line) => line.seq)).toEqual(
      Array.from({ length: watcher.lines().length }, (_, i) => i + 1),
    );
    expect(running(leader)).toBe(true);
    expect(await onDisk()).toMatchObject({ status: 'running', reason: null });
    const grandchild = Number(/grandchild (\d+)/.exec(await readFile(join(dir, `${id}.log`), 'utf8'))?.[1]);
    expect(running(grandchild)).toBe(true);
    watcher.close();
    b.cli.child.kill('SIGTERM');
    await b.cli.exited;
    expect([running(leader), (await onDisk()).status]).toEqual([true, 'running']);

    a.cli.child.kill('SIGKILL');
    await a.cli.exited;
    const c = await startRunsServer(workflows, { home, projectRoot, killGraceMs: 300 });
    try {
      const run = await c.waitForEnd(id);
      expect(run.status).toBe('interrupted');
      expect(run.reason).toContain(
        `Its process (pid ${leader}) was still running after the crash; it and its process group were stopped`,
      );
      expect([running(leader), running(grandchild)]).toEqual([false, false]);
    } finally {
      await c.close();
    }
  });

  it("a second server shows the end of the first one's run once the first recorded it", async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    await writeWorkflows(projectRoot, [{ name: 'short', shell: true, command: 'echo one; sleep 4; echo two' }]);
    const a = await serve(home, projectRoot);
    const startedRun = await a.start('short');
    const b = await serve(home, projectRoot);
    const fromB = async () => ((await (await b.api(`/api/runs/${startedRun.id}`)).json()) as { run: PublicRun }).run;
    expect((await fromB()).status).toBe('running');
    const ended = await pollUntil(
      async () => {
        const run = await fromB();
        return run.status === 'running' ? undefined : run;
      },
      'server B to show the run ended',
      10_000,
    );
    expect(ended).toMatchObject({ status: 'succeeded', exitCode: 0, lineCount: 2 });
    const listed = (await (await b.api('/api/runs')).json()) as { runs: PublicRun[] };
    expect(listed.runs.find((run) => run.id === startedRun.id)).toMatchObject({ status: 'succeeded' });
    for (const server of [a, b]) {
      server.cli.child.kill('SIGTERM');
      await server.cli.exited;
    }
  });

  it('an owner pid alive without proof is neither signalled nor marked interrupted; a reused owner pid means the owner died', async () => {
    const home = await tempDir('attune-home-');
    const sleeper = () => {
      const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
      groups.push(child.pid!);
      return child.pid!;
    };
    const [owner, unprovenRun, deadOwnersRun] = [sleeper(), sleeper(), sleeper()];
    const dir = join(home, 'ops', 'runs', 'build');
    await mkdir(dir, { recursive: true });
    const startedAt = new Date().toISOString();
    const record = (suffix: string, pid: number, serverPidStartTime: number | null): RunRecord =>
      runningRecord(startedAt, suffix, {
        pid,
        pidStartTime: startTime(pid),
        serverPid: owner,
        serverPidStartTime,
        serverStartedAt: startedAt,
      });
    const unproven = record('aaaaaa', unprovenRun, null);
    const reusedOwner = record('bbbbbb', deadOwnersRun, startTime(owner) - 1);
    for (const r of [unproven, reusedOwner]) await writeFile(join(dir, `${r.id}.json`), JSON.stringify(r));

    const server = await startRunsServer([], { home, killGraceMs: 300 });
    try {
      const left = await server.run(unproven.id);
      expect(left.status).toBe('running');
      expect(left.reason).toContain(`Started by another ops server (pid ${owner}) that may still be running it`);
      expect(left.reason).toContain('neither stopped nor marked interrupted');
      expect([running(owner), running(unprovenRun)]).toEqual([true, true]);
      expect(JSON.parse(await readFile(join(dir, `${unproven.id}.json`), 'utf8'))).toMatchObject({
        status: 'running',
        reason: null,
      });

      const recovered = await server.waitForEnd(reusedOwner.id);
      expect(recovered.status).toBe('interrupted');
      expect(recovered.reason).toContain('it and its process group were stopped');
      expect(running(deadOwnersRun)).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('the concurrency limit across servers on one home', () => {
  it("counts the running runs of every live server: B refuses while A's run goes, and accepts once it ended", async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    const workflows = [{ name: 'long', command: sh('with-grandchild.sh') }];
    const a = await startRunsServer(workflows, { home, projectRoot });
    const b = await startRunsServer(workflows, { home, projectRoot });
    try {
      expect((await b.api('/api/settings', { method: 'PUT', json: { maxConcurrentRuns: 1 } })).status).toBe(200);
      // Started on A after B indexed the history: B only finds it on disk.
      const first = await a.start('long');
      const busy = await b.api('/api/workflows/long/runs', { method: 'POST', json: {} });
      expect(busy.status).toBe(409);
      const body = (await busy.json()) as { error: { code: string; currentRunIds: string[] } };
      expect(body.error).toMatchObject({ code: 'runner_busy', currentRunIds: [first.id] });
      await a.api(`/api/runs/${first.id}/cancel`, { method: 'POST', json: {} });
      await a.waitForEnd(first.id);
      // A shows the end a moment before its record on disk says so; B goes by the disk.
      const second = await pollUntil(async () => {
        const answer = await b.api('/api/workflows/long/runs', { method: 'POST', json: {} });
        return answer.status === 201 ? ((await answer.json()) as { run: PublicRun }).run : undefined;
      }, 'B to accept a run once A ended its own');
      await b.api(`/api/runs/${second.id}/cancel`, { method: 'POST', json: {} });
      await b.waitForEnd(second.id);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
