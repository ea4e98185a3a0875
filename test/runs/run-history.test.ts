/**
 * Run history from disk: a missing runsDir is empty history; records of ours and of the
 * original dashboard (log inside `lines`, with its truncation marker) are listed; corrupt
 * records are skipped and counted; a truncated last log line is tolerated; order, filters
 * and cursor pages; history survives a restart; retention by age and by total size.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeLogLine, type PublicRun, type RunRecord } from '../../main/runs/run-types.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { node, sh, startRunsServer } from './run-fixtures.js';

afterAll(removeTempDirs);

const DAY = 86_400_000;
const idAt = (ms: number, suffix: string) =>
  `${new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '')}-${suffix}`;

function record(workflow: string, startedMs: number, suffix: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    version: 1,
    id: idAt(startedMs, suffix),
    workflow,
    path: '',
    trigger: 'manual',
    status: 'succeeded',
    command: ['x'],
    startedAt: new Date(startedMs).toISOString(),
    finishedAt: new Date(startedMs + 1000).toISOString(),
    durationMs: 1000,
    exitCode: 0,
    signal: null,
    lineCount: 2,
    reason: null,
    pid: 1,
    pidStartTime: null,
    serverPid: 1,
    serverStartedAt: '',
    ...overrides,
  };
}

async function seed(
  home: string,
  rec: RunRecord | { workflow: string; id: string; raw: string },
  log?: string,
): Promise<void> {
  const dir = join(home, 'ops', 'runs', rec.workflow);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${rec.id}.json`), 'raw' in rec ? rec.raw : JSON.stringify(rec));
  if (log !== undefined) await writeFile(join(dir, `${rec.id}.log`), log);
}

const list = async (server: Awaited<ReturnType<typeof startRunsServer>>, query = '') =>
  (await (await server.api(`/api/runs${query}`)).json()) as {
    runs: PublicRun[];
    nextCursor: string | null;
    skipped: number;
  };

describe('history from disk', () => {
  it('a missing runsDir is an empty history, not an error', async () => {
    const server = await startRunsServer([]);
    try {
      expect(await list(server)).toEqual({ runs: [], nextCursor: null, skipped: 0 });
    } finally {
      await server.close();
    }
  });

  it('counts a runs sub-folder that cannot be listed instead of hiding it', async () => {
    const home = await tempDir('attune-home-');
    await mkdir(join(home, 'ops', 'runs'), { recursive: true });
    await writeFile(join(home, 'ops', 'runs', 'not-a-folder'), 'stray file where a workflow folder should be');
    const server = await startRunsServer([], { home });
    try {
      expect(await list(server)).toEqual({ runs: [], nextCursor: null, skipped: 1 });
    } finally {
      await server.close();
    }
  });

  it('reads only regular files as records: a FIFO, a socket and a folder are skipped, counted and named, never blocking start-up', async () => {
    const home = await tempDir('attune-home-');
    const now = Date.now();
    const ours = record('build', now - 3000, 'aaaaaa', { lineCount: 0 });
    await seed(home, ours, '');
    const dir = join(home, 'ops', 'runs', 'build');
    const fifo = `${idAt(now - 4000, 'fifo00')}.json`;
    const socket = `${idAt(now - 5000, 'sock00')}.json`;
    const folder = `${idAt(now - 6000, 'dir000')}.json`;
    execFileSync('mkfifo', [join(dir, fifo)]);
    const listener = createServer().listen(join(dir, socket));
    await once(listener, 'listening');
    await mkdir(join(dir, folder));
    try {
      const server = await startRunsServer([], { home });
      try {
        const page = await list(server);
        expect(page.runs.map((r) => r.id)).toEqual([ours.id]);
        expect(page.skipped).toBe(3);
        const warning = server.logs.lines.find((line) => line.includes('skipped unreadable run records'))!;
        expect(warning).toContain(`build/${fifo}: it is a named pipe (FIFO), not a regular file`);
        expect(warning).toContain(`build/${socket}: it is a socket, not a regular file`);
        expect(warning).toContain(`build/${folder}: it is a folder, not a regular file`);
      } finally {
        await server.close();
      }
    } finally {
      listener.close();
    }
  });

  it('lists ours and the original dashboard records, skips and counts corrupt ones, tolerates a truncated log line', async () => {
    const home = await tempDir('attune-home-');
    const now = Date.now();
    const ours = record('build', now - 3000, 'aaaaaa', { lineCount: 3 });
    await seed(
      home,
      ours,
      `${encodeLogLine(1, ours.startedAt, 'stdout', 'one')}\n${encodeLogLine(2, ours.startedAt, 'stderr', 'two')}\n{"seq":3,"t":"${ours.startedAt}","stream":"stdo`,
    );
    const legacyId = idAt(now - 5000, 'legacy');
    await seed(home, {
      workflow: 'test',
      id: legacyId,
      raw: JSON.stringify({
        run_id: legacyId,
        workflow: 'test',
        status: 'success',
        started_at: new Date(now - 5000).toISOString(),
        finished_at: new Date(now - 4000).toISOString(),
        exit_code: 0,
        lines: ['collected 3 items', 'passed', '<TRUNCATED — 1234 bytes more>'],
      }),
    });
    await seed(home, { workflow: 'build', id: idAt(now - 7000, 'broken'), raw: '{"status": "succ' });
    await seed(home, {
      workflow: 'build',
      id: idAt(now - 8000, 'weird0'),
      raw: JSON.stringify({ status: 'exploded', startedAt: new Date().toISOString() }),
    });
    const server = await startRunsServer([], { home });
    try {
      const page = await list(server);
      expect(page.skipped).toBe(2);
      expect(page.runs.map((r) => r.id)).toEqual([ours.id, legacyId]);
      expect(page.runs[1]).toMatchObject({
        workflow: 'test',
        status: 'succeeded',
        exitCode: 0,
        legacy: true,
        lineCount: 3,
      });
      const legacyLog = (await (await server.api(`/api/runs/${legacyId}/log`)).json()) as {
        lines: Array<{ seq: number; text: string }>;
      };
      expect(legacyLog.lines.map((l) => l.text)).toEqual([
        'collected 3 items',
        'passed',
        '<TRUNCATED — 1234 bytes more>',
      ]);
      // The record says 3 lines; the third was cut mid-write, so it shows as a placeholder (seqs stay gap-free).
      const oursLog = (await (await server.api(`/api/runs/${ours.id}/log`)).json()) as {
        lines: Array<{ seq: number; text: string; stream: string }>;
        skipped: number;
      };
      expect(oursLog.lines).toMatchObject([
        { seq: 1, text: 'one', stream: 'stdout' },
        { seq: 2, text: 'two', stream: 'stderr' },
        { seq: 3, text: '[line 3 could not be read]', stream: 'system' },
      ]);
      expect(oursLog.skipped).toBe(1);
      const text = await (await server.api(`/api/runs/${ours.id}/log.txt`)).text();
      expect(text).toBe('one\n[stderr] two\n[runner] [line 3 could not be read]\n');
    } finally {
      await server.close();
    }
  });

  it('orders running first then newest first, filters by workflow and status, and pages with a cursor', async () => {
    const home = await tempDir('attune-home-');
    const base = Date.now() - 10 * 60_000;
    const seeded: RunRecord[] = [];
    for (let i = 0; i < 25; i++) {
      const rec = record(i % 2 === 0 ? 'lint' : 'build', base + i * 1000, `${i}`.padStart(6, '0'), {
        status: i % 5 === 0 ? 'failed' : 'succeeded',
      });
      seeded.push(rec);
      await seed(home, rec);
    }
    const server = await startRunsServer([{ name: 'long', command: sh('with-grandchild.sh') }], { home });
    try {
      const running = await server.start('long');
      const first = await list(server, '?limit=10');
      expect(first.runs[0]!.id).toBe(running.id);
      const newestFirst = [...seeded].reverse().map((r) => r.id);
      expect(first.runs.slice(1).map((r) => r.id)).toEqual(newestFirst.slice(0, 9));
      const second = await list(server, `?limit=10&before=${first.nextCursor}`);
      const third = await list(server, `?limit=10&before=${second.nextCursor}`);
      expect([...second.runs, ...third.runs].map((r) => r.id)).toEqual(newestFirst.slice(9));
      expect(third.nextCursor).toBeNull();
      const failedLint = await list(server, '?workflow=lint&status=failed');
      expect(failedLint.runs.map((r) => r.id)).toEqual(
        seeded
          .filter((r) => r.workflow === 'lint' && r.status === 'failed')
          .reverse()
          .map((r) => r.id),
      );
      expect((await server.api('/api/runs?status=exploded')).status).toBe(400);
      expect((await server.api('/api/runs?color=red')).status).toBe(400);
      expect((await server.api('/api/runs/..%2Fetc')).status).toBe(400);
      await server.api(`/api/runs/${running.id}/cancel`, { method: 'POST' });
      await server.waitForEnd(running.id);
    } finally {
      await server.close();
    }
  });

  it('history survives a restart', async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    const workflows = [{ name: 'hello', command: node('emit-lines.mjs', '--count', '4') }];
    const first = await startRunsServer(workflows, { home, projectRoot });
    const run = await first.waitForEnd((await first.start('hello')).id);
    await first.close();
    const second = await startRunsServer(workflows, { home, projectRoot });
    try {
      expect(await second.run(run.id)).toEqual(run);
      const log = (await (await second.api(`/api/runs/${run.id}/log`)).json()) as { lines: unknown[] };
      expect(log.lines).toHaveLength(4);
    } finally {
      await second.close();
    }
  });
});

describe('retention', () => {
  it('prunes runs older than runsRetentionDays at startup and keeps all with 0', async () => {
    const home = await tempDir('attune-home-');
    const old = record('build', Date.now() - 40 * DAY, 'old000');
    const recent = record('build', Date.now() - 2 * DAY, 'new000');
    await seed(home, old, 'x\n');
    await seed(home, recent, 'x\n');
    const keepAll = await startRunsServer([], { home, config: { runsRetentionDays: 0 } });
    expect((await list(keepAll)).runs).toHaveLength(2);
    await keepAll.close();
    const pruning = await startRunsServer([], { home, config: { runsRetentionDays: 30 } });
    try {
      expect((await list(pruning)).runs.map((r) => r.id)).toEqual([recent.id]);
      expect(await readdir(join(home, 'ops', 'runs', 'build'))).toEqual(
        [`${recent.id}.json`, `${recent.id}.log`].sort(),
      );
    } finally {
      await pruning.close();
    }
  });

  it('prunes the oldest runs first until the history fits runsMaxTotalMb', async () => {
    const home = await tempDir('attune-home-');
    const big = 'y'.repeat(450 * 1024);
    const runs = [0, 1, 2].map((i) => record('build', Date.now() - (3 - i) * 60_000, `big00${i}`));
    for (const rec of runs) await seed(home, rec, big);
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(join(home, 'ops', 'config.json'), JSON.stringify({ version: 1, settings: { runsMaxTotalMb: 1 } }));
    const server = await startRunsServer([], { home });
    try {
      expect((await list(server)).runs.map((r) => r.id)).toEqual([runs[2]!.id, runs[1]!.id]);
    } finally {
      await server.close();
    }
  });
});
