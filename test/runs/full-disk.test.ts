/**
 * Runs on a full disk, on a real 512 KiB tmpfs mounted over the runs folder (skipped,
 * saying why, where mounting is not permitted). A run that cannot write its first record
 * is refused with 507 storage_full and never started; a run whose log fills the disk ends
 * `failed`, its final record is retried until space returns, and it is still `failed`
 * after a restart (not `interrupted`). A runs folder that cannot be written (a plain file
 * in its place) refuses the start with 503 storage_unavailable.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../main/runs/run-types.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { node, pollUntil, startRunsServer, type WorkflowSpec } from './run-fixtures.js';

const mounts: string[] = [];

function mountTmpfs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
  mounts.push(dir);
}

/** Whether this machine lets the tests mount a tmpfs (root on Linux, usually). */
function canMount(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts are Linux-only';
  const probe = mkdtempSync(join(tmpdir(), 'attune-tmpfs-probe-'));
  try {
    mountTmpfs(probe);
    execFileSync('umount', [probe]);
    mounts.pop();
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmdirSync(probe);
  }
}

const cannot = canMount();
if (cannot) console.warn(`full-disk tests skipped: ${cannot}`);

afterAll(async () => {
  for (const dir of mounts) execFileSync('umount', ['-l', dir]);
  await removeTempDirs();
});

/** Writes 4 KiB blocks into `path` until the file system is full; returns the bytes written. */
async function fill(path: string): Promise<number> {
  const handle = await open(path, 'w');
  const block = Buffer.alloc(4096, 0x61);
  let written = 0;
  try {
    for (;;) written += (await handle.write(block)).bytesWritten;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return written;
}

async function homeOnTmpfs(): Promise<{ home: string; runsDir: string }> {
  const home = await tempDir('attune-home-');
  const runsDir = join(home, 'ops', 'runs');
  mountTmpfs(runsDir);
  return { home, runsDir };
}

describe.skipIf(cannot !== null)('runs on a full disk (a real 512 KiB tmpfs)', () => {
  it('a run that cannot write its first record: 507 storage_full, not started, not in history', async () => {
    const { home, runsDir } = await homeOnTmpfs();
    const marker = join(await tempDir('attune-marker-'), 'started');
    const workflows: WorkflowSpec[] = [{ name: 'touch', command: ['/usr/bin/touch', marker] }];
    const server = await startRunsServer(workflows, { home });
    try {
      await fill(join(runsDir, 'filler'));
      const answer = await server.api('/api/workflows/touch/runs', { method: 'POST', json: {} });
      expect(answer.status).toBe(507);
      const body = (await answer.json()) as { error: { code: string; message: string; path?: string } };
      expect(body.error.code).toBe('storage_full');
      expect(body.error.message).toContain('disk is full');
      const list = (await (await server.api('/api/runs')).json()) as { runs: unknown[] };
      expect(list.runs).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(existsSync(marker)).toBe(false);
      // Space back: the same start works.
      await rm(join(runsDir, 'filler'));
      const again = await server.api('/api/workflows/touch/runs', { method: 'POST', json: {} });
      expect(again.status).toBe(201);
      const { run } = (await again.json()) as { run: { id: string } };
      expect((await server.waitForEnd(run.id)).status).toBe('succeeded');
    } finally {
      await server.close();
    }
  });

  it('a run whose log fills the disk ends failed, and stays failed after a restart once space returns', async () => {
    const { home, runsDir } = await homeOnTmpfs();
    const workflows: WorkflowSpec[] = [
      { name: 'flood', command: node('emit-lines.mjs', '--count', '1000000', '--every', '2') },
    ];
    const server = await startRunsServer(workflows, { home });
    let id: string;
    try {
      id = (await server.start('flood')).id;
      // The disk fills up while the run prints: its log, then its final record, cannot be written.
      const logPath = join(runsDir, 'flood', `${id}.log`);
      const lines = async () => (await readFile(logPath, 'utf8').catch(() => '')).split('\n').length - 1;
      await pollUntil(async () => (await lines()) >= 20 || undefined, 'some lines written');
      const big = join(runsDir, 'filler');
      await fill(big);
      const ended = await server.waitForEnd(id);
      expect(ended.status).toBe('failed');
      expect(ended.reason).toContain('could not be written');
      const recordPath = join(runsDir, 'flood', `${id}.json`);
      // The final record could not be written yet (the disk is still full): it is being retried.
      expect((JSON.parse(await readFile(recordPath, 'utf8')) as RunRecord).status).toBe('running');
      await rm(big);
      const onDisk = await pollUntil(async () => {
        const record = JSON.parse(await readFile(recordPath, 'utf8')) as RunRecord;
        return record.status === 'running' ? undefined : record;
      }, 'the final record on disk once space returned');
      expect(onDisk.status).toBe('failed');
    } finally {
      await server.close();
    }
    const restarted = await startRunsServer(workflows, { home });
    try {
      expect((await restarted.run(id)).status).toBe('failed');
    } finally {
      await restarted.close();
    }
  });
});

describe('a runs folder that cannot be written', () => {
  it('a plain file where the workflow folder goes: 503 storage_unavailable naming the path, nothing started', async () => {
    const home = await tempDir('attune-home-');
    await mkdir(join(home, 'ops', 'runs'), { recursive: true });
    await writeFile(join(home, 'ops', 'runs', 'touch'), 'not a folder');
    const marker = join(await tempDir('attune-marker-'), 'started');
    const server = await startRunsServer([{ name: 'touch', command: ['/usr/bin/touch', marker] }], { home });
    try {
      const answer = await server.api('/api/workflows/touch/runs', { method: 'POST', json: {} });
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as { error: { code: string; path: string } };
      expect(body.error.code).toBe('storage_unavailable');
      expect(body.error.path).toContain(join(home, 'ops', 'runs', 'touch'));
      expect(((await (await server.api('/api/runs')).json()) as { runs: unknown[] }).runs).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(existsSync(marker)).toBe(false);
    } finally {
      await server.close();
    }
  });
});
