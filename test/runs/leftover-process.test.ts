/**
 * A crash must not leave a workflow running. `attune-ops serve` (the built CLI) runs a
 * silent script that starts a background `sleep` and waits; the server is killed with
 * SIGKILL, which the script never notices. The next server's start-up recovery stops the
 * leftover process group (the leader is provably the run's process: same pid and start
 * time) and records why, and so are the run's setsid escapees and double-forked
 * children (found by their ATTUNE_RUN_ID marker). A live pid that is not provably the
 * run's (another start time, or none recorded) and carries no marker is never signalled.
 * Needs the build (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_REASON } from '../../main/runs/history/run-recovery.js';
import type { RunRecord } from '../../main/runs/run-types.js';
import { requireBuild } from '../support/built.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { killGroups, killMarked, markedProcesses, running, startTime } from './proc-helpers.js';
import { pollUntil, runningRecord, sh, startRunsServer, writeWorkflows } from './run-fixtures.js';
import { serveProcess } from './serve-process.js';

const groups: number[] = [];
const marked: string[] = [];

beforeAll(requireBuild);
afterAll(async () => {
  killGroups(groups);
  killMarked(marked);
  await removeTempDirs();
});

describe.runIf(process.platform === 'linux')("start-up recovery of a crashed server's processes", () => {
  it('stops the leftover process group of a run (leader and grandchild) and says so in the record', async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    const workflows = [{ name: 'silent', command: sh('with-grandchild.sh') }];
    await writeWorkflows(projectRoot, workflows);
    const { cli, start } = await serveProcess(home, projectRoot);
    const { id } = await start('silent');
    const dir = join(home, 'ops', 'runs', 'silent');
    const grandchild = await pollUntil(
      async () =>
        Number(/grandchild (\d+)/.exec(await readFile(join(dir, `${id}.log`), 'utf8').catch(() => ''))?.[1]) ||
        undefined,
      'the grandchild pid in the log',
    );
    const recorded = async () =>
      JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8').catch(() => '{}')) as Partial<RunRecord>;
    const leader = await pollUntil(async () => (await recorded()).pid ?? undefined, 'the pid in the record');
    groups.push(leader);
    cli.child.kill('SIGKILL');
    await cli.exited;
    const onDisk = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as RunRecord;
    expect(onDisk).toMatchObject({ status: 'running', pid: leader, pidStartTime: startTime(leader) });
    expect([running(leader), running(grandchild)]).toEqual([true, true]);

    const server = await startRunsServer(workflows, { home, projectRoot, killGraceMs: 300 });
    try {
      const run = await server.waitForEnd(id);
      expect(run.status).toBe('interrupted');
      expect(run.reason).toContain(
        `Its process (pid ${leader}) was still running after the crash; it and its process group were stopped`,
      );
      expect([running(leader), running(grandchild)]).toEqual([false, false]);
      expect(JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8'))).toMatchObject({
        status: 'interrupted',
        reason: run.reason,
        lineCount: 2,
      });
    } finally {
      await server.close();
    }
  });

  it('stops setsid escapees and double-forked children of the crashed run, found by its ATTUNE_RUN_ID marker', async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    const workflows = [{ name: 'escapees', command: sh('escapees.sh') }];
    await writeWorkflows(projectRoot, workflows);
    const { cli, start } = await serveProcess(home, projectRoot);
    const { id } = await start('escapees');
    marked.push(id);
    await pollUntil(
      () => markedProcesses(id).filter((p) => p.endsWith(' sleep')).length >= 5 || undefined,
      'the escapees',
    );
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(markedProcesses(id).length).toBeGreaterThanOrEqual(5);

    const server = await startRunsServer(workflows, { home, projectRoot, killGraceMs: 300 });
    try {
      const run = await server.waitForEnd(id);
      expect(run.status).toBe('interrupted');
      expect(run.reason).toContain('it and its process group were stopped at the next start');
      expect(markedProcesses(id)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("never signals a live pid that is not provably the run's: another start time (a reused pid), or none recorded", async () => {
    const home = await tempDir('attune-home-');
    const stranger = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const pid = stranger.pid!;
    groups.push(pid);
    const dir = join(home, 'ops', 'runs', 'build');
    await mkdir(dir, { recursive: true });
    const startedAt = new Date().toISOString();
    // No owning server recorded (like the original's records): only the run's own pid decides.
    const record = (suffix: string, pidStartTime: number | null): RunRecord =>
      runningRecord(startedAt, suffix, { pid, pidStartTime, serverPid: 0, serverStartedAt: '' });
    const reused = record('aaaaaa', startTime(pid) - 1);
    const unknown = record('bbbbbb', null);
    for (const r of [reused, unknown]) await writeFile(join(dir, `${r.id}.json`), JSON.stringify(r));

    const server = await startRunsServer([], { home, killGraceMs: 300 });
    try {
      expect(await server.waitForEnd(reused.id)).toMatchObject({ status: 'interrupted', reason: INTERRUPTED_REASON });
      const unproven = await server.waitForEnd(unknown.id);
      expect(unproven.status).toBe('interrupted');
      expect(unproven.reason).toContain(`Its process (pid ${pid}) may still be running: it was not stopped`);
      expect(running(pid)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
