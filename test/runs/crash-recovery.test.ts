/**
 * Crash safety with a real server process: `attune-ops serve` (the built CLI) runs a
 * workflow, is killed with SIGKILL mid-run, and a new server on the same attune home
 * shows the run `interrupted` with every line that was written before the kill. And no
 * viewer is ever shown a line the crash then loses: every seq an SSE client received
 * before the kill is in the log file afterwards.
 * Needs the build (`npm test` builds first).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine, RunRecord } from '../../main/runs/run-types.js';
import { requireBuild } from '../support/built.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { killGroups } from './proc-helpers.js';
import { node, pollUntil, startRunsServer, writeWorkflows } from './run-fixtures.js';
import { serveProcess, SERVE_AUTH } from './serve-process.js';
import { openSseClient } from './sse-client.js';

const orphans: number[] = [];

beforeAll(requireBuild);
afterAll(async () => {
  killGroups(orphans);
  await removeTempDirs();
});

describe('kill -9 of the server mid-run', () => {
  it('the next server marks the run interrupted and keeps the lines written so far', async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    const workflows = [{ name: 'paced', command: node('emit-lines.mjs', '--count', '100000', '--every', '5') }];
    await writeWorkflows(projectRoot, workflows);
    const { cli, start } = await serveProcess(home, projectRoot);
    const { id } = await start('paced');
    const logPath = join(home, 'ops', 'runs', 'paced', `${id}.log`);
    const completeLines = async () =>
      (await readFile(logPath, 'utf8').catch(() => '')).split('\n').filter((line) => line.endsWith('}')).length;
    await pollUntil(async () => (await completeLines()) >= 30 || undefined, '30 lines flushed to disk');
    cli.child.kill('SIGKILL');
    await cli.exited;

    const recordPath = join(home, 'ops', 'runs', 'paced', `${id}.json`);
    const onDisk = JSON.parse(await readFile(recordPath, 'utf8')) as RunRecord;
    expect(onDisk.status).toBe('running');
    if (onDisk.pid) orphans.push(onDisk.pid);
    if (onDisk.pid) process.kill(-onDisk.pid, 'SIGKILL');
    const written = await completeLines();
    expect(written).toBeGreaterThanOrEqual(30);

    const server = await startRunsServer(workflows, { home, projectRoot });
    try {
      const run = await server.run(id);
      expect(run).toMatchObject({ status: 'interrupted', lineCount: written });
      expect(run.reason).toContain('stopped');
      const log = (await (await server.api(`/api/runs/${id}/log?limit=10000`)).json()) as { lines: LogLine[] };
      expect(log.lines.map((l) => l.text)).toEqual(Array.from({ length: written }, (_, i) => `line ${i + 1}`));
      expect(JSON.parse(await readFile(recordPath, 'utf8'))).toMatchObject({
        status: 'interrupted',
        lineCount: written,
      });
    } finally {
      await server.close();
    }
  });
});

describe('kill -9 of the server while a client watches the run', () => {
  it('every line the client received before the kill is in the log file', async () => {
    const home = await tempDir('attune-home-');
    const projectRoot = await tempDir('attune-project-');
    // About a line per millisecond: a write timer of a few ms already leaves lines in memory only.
    await writeWorkflows(projectRoot, [
      { name: 'chatty', command: node('emit-lines.mjs', '--count', '1000000', '--every', '1') },
    ]);
    const { cli, port, start } = await serveProcess(home, projectRoot);
    const { id } = await start('chatty');
    const client = openSseClient(port, `/api/runs/${id}/events`, SERVE_AUTH);
    await pollUntil(() => client.lines().length >= 300 || undefined, '300 lines at the client');
    cli.child.kill('SIGKILL');
    await cli.exited;
    const seen = client.lines().map((line) => line.seq);
    client.close();
    const record = JSON.parse(await readFile(join(home, 'ops', 'runs', 'chatty', `${id}.json`), 'utf8')) as RunRecord;
    if (record.pid) {
      orphans.push(record.pid);
      process.kill(-record.pid, 'SIGKILL');
    }

    const onDisk = new Set(
      (await readFile(join(home, 'ops', 'runs', 'chatty', `${id}.log`), 'utf8'))
        .split('\n')
        .filter((line) => line.endsWith('}'))
        .map((line) => (JSON.parse(line) as LogLine).seq),
    );
    expect(seen.length).toBeGreaterThanOrEqual(300);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(seen.filter((seq) => !onDisk.has(seq))).toEqual([]);
  });
});
