/**
 * A run's life with real child processes: every end state (succeeded, failed,
 * cancelled, timed_out, cannot start, server shutdown), the record on disk, the log, the
 * child's environment, and the process group killed on cancel with no grandchild left.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../support/temp.js';
import { TEST_TOKEN } from '../support/test-server.js';
import { node, pollUntil, processAlive, sh, startRunsServer, type RunsServer } from './run-fixtures.js';

const servers: RunsServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
  await removeTempDirs();
});

async function setup(...args: Parameters<typeof startRunsServer>): Promise<RunsServer> {
  const server = await startRunsServer(...args);
  servers.push(server);
  return server;
}

async function logTexts(server: RunsServer, id: string): Promise<Array<{ stream: string; text: string; seq: number }>> {
  const body = (await (await server.api(`/api/runs/${id}/log?limit=10000`)).json()) as {
    lines: Array<{ stream: string; text: string; seq: number }>;
  };
  return body.lines;
}

describe('run end states', () => {
  it('a command that exits 0 succeeds, with its stdout and stderr lines tagged and numbered', async () => {
    const server = await setup([{ name: 'ok', command: node('emit-lines.mjs', '--count', '6', '--stderr', '3') }]);
    const started = await server.start('ok');
    expect(started).toMatchObject({ workflow: 'ok', status: 'running', trigger: 'manual', path: '' });
    expect(started.id).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    const run = await server.waitForEnd(started.id);
    expect(run).toMatchObject({ status: 'succeeded', exitCode: 0, signal: null, lineCount: 6 });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const lines = await logTexts(server, run.id);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      lines
        .filter((l) => l.stream === 'stderr')
        .map((l) => l.text)
        .sort(),
    ).toEqual(['line 3', 'line 6']);
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual([
      'line 1',
      'line 2',
      'line 4',
      'line 5',
    ]);
  });

  it('the record with the pid is on disk as soon as the run is started (a crash right after the spawn still leaves the pid)', async () => {
    const server = await setup([{ name: 'sleepy', command: ['sleep', '2'] }]);
    const run = await server.services.runs.start('sleepy', {});
    // Read at once, without waiting for any write: it must already be there.
    const onDisk = JSON.parse(readFileSync(join(server.home, 'ops', 'runs', 'sleepy', `${run.id}.json`), 'utf8')) as {
      pid: number;
      status: string;
    };
    expect(onDisk).toMatchObject({ status: 'running', pid: run.pid });
    expect(run.pid).toBeGreaterThan(0);
    server.services.runs.cancel(run.id);
    await server.waitForEnd(run.id);
  });

  it('a non-zero exit fails the run and keeps the exit code', async () => {
    const server = await setup([{ name: 'bad', command: node('emit-lines.mjs', '--count', '2', '--exit', '3') }]);
    const run = await server.waitForEnd((await server.start('bad')).id);
    expect(run).toMatchObject({ status: 'failed', exitCode: 3, lineCount: 2 });
    expect(run.reason).toContain('code 3');
  });

  it('a command that cannot start fails the run with a clear first log line', async () => {
    const server = await setup([{ name: 'missing', command: ['definitely-not-a-command-attune', '--x'] }]);
    const run = await server.waitForEnd((await server.start('missing')).id);
    expect(run.status).toBe('failed');
    const lines = await logTexts(server, run.id);
    expect(lines[0]).toMatchObject({ seq: 1, stream: 'system' });
    expect(lines[0]!.text).toContain('Could not start "definitely-not-a-command-attune"');
  });

  it('cancel kills the whole process group: the run ends cancelled and no grandchild survives', async () => {
    const server = await setup([{ name: 'tree', command: sh('with-grandchild.sh') }]);
    const started = await server.start('tree');
    const grandchild = await pollUntil(async () => {
      const line = (await logTexts(server, started.id)).find((l) => l.text.startsWith('grandchild '));
      return line ? Number(line.text.split(' ')[1]) : undefined;
    }, 'the grandchild pid');
    expect(processAlive(grandchild)).toBe(true);
    const cancel = await server.api(`/api/runs/${started.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(202);
    const run = await server.waitForEnd(started.id);
    expect(run.status).toBe('cancelled');
    expect(run.reason).toBe('Cancelled by the user.');
    await pollUntil(() => !processAlive(grandchild) || undefined, `grandchild ${grandchild} to be gone`);
  });

  it('a child that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
    const server = await setup([{ name: 'stubborn', command: sh('ignore-term.sh') }], { killGraceMs: 200 });
    const started = await server.start('stubborn');
    await pollUntil(
      async () => (await logTexts(server, started.id)).some((l) => l.text === 'started') || undefined,
      'the start line',
    );
    await server.api(`/api/runs/${started.id}/cancel`, { method: 'POST' });
    const run = await server.waitForEnd(started.id);
    expect(run).toMatchObject({ status: 'cancelled', signal: 'SIGKILL' });
    expect((await logTexts(server, run.id)).map((l) => l.text)).toContain('got TERM, ignoring');
  });

  it('a run longer than timeoutMinutes ends timed_out', async () => {
    const server = await setup([{ name: 'slow', command: sh('with-grandchild.sh'), timeoutMinutes: 0.005 }]);
    const run = await server.waitForEnd((await server.start('slow')).id);
    expect(run.status).toBe('timed_out');
    expect(run.reason).toContain('timeout');
  });

  it('server shutdown cancels running runs and records them cancelled on disk', async () => {
    const server = await startRunsServer([{ name: 'tree', command: sh('with-grandchild.sh') }]);
    const started = await server.start('tree');
    await pollUntil(async () => (await logTexts(server, started.id)).length >= 2 || undefined, 'output');
    await server.close();
    const record = JSON.parse(
      await readFile(join(server.home, 'ops', 'runs', 'tree', `${started.id}.json`), 'utf8'),
    ) as { status: string; reason: string };
    expect(record.status).toBe('cancelled');
    expect(record.reason).toContain('shut down');
  });
});

describe('the child process', () => {
  it('gets no admin key and no launch token, but its run id, trigger, workflow env and scope argument', async () => {
    const projectEnv = {
      PATH: process.env.PATH,
      HOME: '/tmp',
      ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-secretsecret',
      ATTUNE_OPS_TOKEN: TEST_TOKEN,
      COPY_OF_TOKEN: TEST_TOKEN,
      KEEP_ME: 'yes',
    };
    const server = await setup(
      [{ name: 'env', command: node('print-env.mjs'), env: { CI: '1' }, pathArg: ['--scope', '{path}'] }],
      { deps: { env: projectEnv } },
    );
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(server.projectRoot, 'src', 'app'), { recursive: true });
    const run = await server.waitForEnd((await server.start('env', { path: 'src/app' })).id);
    const [envLine, argvLine] = await logTexts(server, run.id);
    const env = JSON.parse(envLine!.text) as Record<string, string>;
    expect(env).toMatchObject({ KEEP_ME: 'yes', CI: '1', ATTUNE_RUN_ID: run.id, ATTUNE_RUN_TRIGGER: 'manual' });
    expect(env).not.toHaveProperty('ANTHROPIC_ADMIN_API_KEY');
    expect(env).not.toHaveProperty('ATTUNE_OPS_TOKEN');
    expect(env).not.toHaveProperty('COPY_OF_TOKEN');
    expect(JSON.parse(argvLine!.text)).toEqual(['--scope', 'src/app']);
    expect(run.path).toBe('src/app');
  });

  it('splits awkward output: split UTF-8, invalid bytes, CRLF, a 1 MB line, a final partial line', async () => {
    const server = await setup([{ name: 'odd', command: node('odd-output.mjs') }]);
    const run = await server.waitForEnd((await server.start('odd')).id);
    const texts = (await logTexts(server, run.id)).map((l) => l.text);
    expect(texts).toHaveLength(5);
    expect(texts[0]).toBe('café');
    expect(texts[1]).toBe('bad\uFFFD');
    expect(texts[2]).toBe('windows');
    expect(texts[3]).toBe('x'.repeat(1024 * 1024));
    expect(texts[4]).toBe('no newline at the end');
  });
});
