/**
 * Starting a run: the checks in docs/API.md's order, each with its status and code, read
 * live from the settings (allowRun and maxConcurrentRuns can change while running), and
 * rerun of a finished run.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { node, sh, startRunsServer, type RunsServer } from './run-fixtures.js';

let server: RunsServer;

beforeAll(async () => {
  server = await startRunsServer(
    [
      { name: 'scoped', command: node('print-env.mjs'), pathArg: ['--path', '{path}'] },
      { name: 'unscoped', command: node('emit-lines.mjs', '--count', '1') },
      { name: 'long', command: sh('with-grandchild.sh') },
    ],
    { allowRun: false },
  );
  await mkdir(join(server.projectRoot, 'src'), { recursive: true });
  await symlink(await tempDir('attune-outside-'), join(server.projectRoot, 'escape'));
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

async function post(path: string, json: unknown) {
  const response = await server.api(path, { method: 'POST', json });
  return {
    status: response.status,
    body: (await response.json()) as {
      error?: { code: string; message: string; currentRunIds?: string[] };
      run?: { id: string };
    },
  };
}

describe('start checks, in order', () => {
  it('runs off: 403 runs_disabled saying how to enable them, before anything else', async () => {
    const answer = await post('/api/workflows/no-such-workflow/runs', { bogus: 1 });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      code: 'runs_disabled',
      message: "Workflow runs are off. Turn on 'Allow runs' in Settings or start with --allow-run.",
    });
  });

  it('turning allowRun on through PUT /api/settings takes effect without a restart', async () => {
    const put = await server.api('/api/settings', { method: 'PUT', json: { allowRun: true } });
    expect(put.status).toBe(200);
    const answer = await post('/api/workflows/unscoped/runs', {});
    expect(answer.status).toBe(201);
    await server.waitForEnd(answer.body.run!.id);
  });

  it('unknown workflow: 404 unknown_workflow, checked before the body', async () => {
    const answer = await post('/api/workflows/no-such-workflow/runs', { bogus: 1 });
    expect(answer.status).toBe(404);
    expect(answer.body.error?.code).toBe('unknown_workflow');
  });

  it('unknown body keys: 400 naming the key; a bad trigger: 400 naming the field', async () => {
    const unknown = await post('/api/workflows/scoped/runs', { path: 'src', extra: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toContain('extra');
    const trigger = await post('/api/workflows/scoped/runs', { trigger: 'cron' });
    expect(trigger.status).toBe(400);
    expect(trigger.body.error?.message).toContain('trigger');
  });

  it('a path for a workflow without pathArg: 400', async () => {
    const answer = await post('/api/workflows/unscoped/runs', { path: 'src' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_path' });
    expect(answer.body.error?.message).toContain('takes no path');
  });

  it.each([
    ['../outside', 'outside'],
    ['/etc', 'relative'],
    ['src\u0000x', 'NUL'],
    ['escape', 'outside'],
    ['missing/dir', 'No such'],
  ])('path %j: 400 invalid_path (%s)', async (path, words) => {
    const answer = await post('/api/workflows/scoped/runs', { path });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid_path');
    expect(answer.body.error?.message).toContain(words);
  });

  it('concurrency above maxConcurrentRuns: 409 runner_busy with currentRunIds; the limit is read live', async () => {
    const first = await post('/api/workflows/long/runs', {});
    expect(first.status).toBe(201);
    const busy = await post('/api/workflows/unscoped/runs', {});
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'runner_busy', currentRunIds: [first.body.run!.id] });
    await server.api('/api/settings', { method: 'PUT', json: { maxConcurrentRuns: 2 } });
    const second = await post('/api/workflows/unscoped/runs', {});
    expect(second.status).toBe(201);
    await server.waitForEnd(second.body.run!.id);
    await server.api(`/api/runs/${first.body.run!.id}/cancel`, { method: 'POST' });
    await server.waitForEnd(first.body.run!.id);
    await server.api('/api/settings', { method: 'PUT', json: { maxConcurrentRuns: 1 } });
  });
});

describe('scope and rerun', () => {
  it('a scoped run passes the resolved path; the empty path means the whole project (no scope argument)', async () => {
    const scoped = await server.waitForEnd((await server.start('scoped', { path: './src/' })).id);
    expect(scoped.path).toBe('src');
    expect(scoped.command.slice(-2)).toEqual(['--path', 'src']);
    const whole = await server.waitForEnd((await server.start('scoped', { path: '' })).id);
    expect(whole.path).toBe('');
    expect(whole.command).not.toContain('--path');
  });

  it('rerun starts the same workflow and path with trigger rerun (201); cancel of a finished run is 409', async () => {
    const original = await server.waitForEnd(
      (await server.start('scoped', { path: 'src', trigger: 'recommendation' })).id,
    );
    expect(original.trigger).toBe('recommendation');
    const rerun = await post(`/api/runs/${original.id}/rerun`, {});
    expect(rerun.status).toBe(201);
    const again = await server.waitForEnd(rerun.body.run!.id);
    expect(again).toMatchObject({ workflow: 'scoped', path: 'src', trigger: 'rerun', status: 'succeeded' });
    const cancel = await post(`/api/runs/${original.id}/cancel`, {});
    expect(cancel.status).toBe(409);
  });
});
