/**
 * How a scope reaches a workflow's command. The scope is chosen (and validated) relative
 * to the project root; `{path}` is what a command run in the workflow's `cwd` expects
 * (relative to that cwd, `.` for the cwd itself, `../…` outside it), `{projectPath}` is
 * relative to the project root and `{absPath}` absolute. The run's argv is checked as the
 * child process received it (print-env.mjs prints its own argv).
 */
import { mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../main/runs/run-types.js';
import { removeTempDirs } from '../support/temp.js';
import { node, startRunsServer, type RunsServer } from './run-fixtures.js';

let server: RunsServer;

beforeAll(async () => {
  server = await startRunsServer([
    {
      name: 'in-tools',
      command: node('print-env.mjs'),
      cwd: 'tools',
      pathArg: ['{path}', '--project={projectPath}', '--abs={absPath}'],
    },
    { name: 'at-root', command: node('print-env.mjs'), pathArg: ['{path}'] },
  ]);
  for (const dir of ['tools/data', 'src']) await mkdir(join(server.projectRoot, dir), { recursive: true });
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

/** The argv the child process printed (its second output line). */
async function argvOf(workflow: string, path: string): Promise<string[]> {
  const run = await server.waitForEnd((await server.start(workflow, { path })).id);
  expect(run.status).toBe('succeeded');
  const log = (await (await server.api(`/api/runs/${run.id}/log`)).json()) as { lines: LogLine[] };
  return JSON.parse(log.lines[1]!.text) as string[];
}

describe('scope placeholders', () => {
  it('cwd tools, scope tools/data: {path} is data, {projectPath} tools/data, {absPath} absolute', async () => {
    const root = await realpath(server.projectRoot);
    expect(await argvOf('in-tools', 'tools/data')).toEqual([
      'data',
      '--project=tools/data',
      `--abs=${join(root, 'tools', 'data')}`,
    ]);
  });

  it('cwd tools, scope src (outside the cwd, inside the project): {path} is ../src', async () => {
    expect((await argvOf('in-tools', 'src'))[0]).toBe('../src');
  });

  it('cwd tools, scope tools (the cwd itself): {path} is .', async () => {
    expect((await argvOf('in-tools', 'tools'))[0]).toBe('.');
  });

  it('validation stays relative to the project root: data alone is not a folder of the project', async () => {
    const answer = await server.api('/api/workflows/in-tools/runs', { method: 'POST', json: { path: 'data' } });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('invalid_path');
  });

  it('cwd at the project root: {path} equals the project-relative scope', async () => {
    expect(await argvOf('at-root', 'tools/data')).toEqual(['tools/data']);
  });
});
