/**
 * Builders for runner tests: a temp project whose `.attune/workflows.yaml` declares
 * workflows backed by the scripts in test/fixtures/scripts, a real server with runs
 * allowed, and helpers to start runs, poll their state and read their event streams.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/test-server.js';
import { tempDir } from '../support/temp.js';
import type { PublicRun, RunRecord } from '../../main/runs/run-types.js';

export const SCRIPTS = fileURLToPath(new URL('../fixtures/scripts/', import.meta.url));
export const NODE = process.execPath;

export const node = (script: string, ...args: string[]): string[] => [NODE, join(SCRIPTS, script), ...args];
export const sh = (script: string): string[] => ['/bin/sh', join(SCRIPTS, script)];

/** A record as a crashed server leaves it: a `build` run still `running`; the test names its processes. */
export function runningRecord(
  startedAt: string,
  suffix: string,
  processes: Pick<RunRecord, 'pid' | 'pidStartTime' | 'serverPid' | 'serverStartedAt'> & Partial<RunRecord>,
): RunRecord {
  return {
    version: 1,
    id: `${startedAt.replace(/[-:.]/g, '')}-${suffix}`,
    workflow: 'build',
    path: '',
    trigger: 'manual',
    status: 'running',
    command: ['make'],
    startedAt,
    finishedAt: null,
    durationMs: null,
    exitCode: null,
    signal: null,
    lineCount: 0,
    reason: null,
    ...processes,
  };
}

export type WorkflowSpec = Record<string, unknown> & { name: string };

export async function writeWorkflows(projectRoot: string, workflows: WorkflowSpec[] | string): Promise<string> {
  const file = join(projectRoot, '.attune', 'workflows.yaml');
  await mkdir(join(projectRoot, '.attune'), { recursive: true });
  await writeFile(file, typeof workflows === 'string' ? workflows : stringify({ version: 1, workflows }));
  return file;
}

export interface RunsServer extends TestServer {
  start(workflow: string, body?: Record<string, unknown>): Promise<PublicRun>;
  run(id: string): Promise<PublicRun>;
  waitFor(id: string, done: (run: PublicRun) => boolean, what?: string): Promise<PublicRun>;
  waitForEnd(id: string): Promise<PublicRun>;
}

export async function startRunsServer(
  workflows: WorkflowSpec[],
  options: TestServerOptions & { allowRun?: boolean; killGraceMs?: number } = {},
): Promise<RunsServer> {
  const projectRoot = options.projectRoot ?? (await tempDir('attune-runs-project-'));
  await writeWorkflows(projectRoot, workflows);
  const server = await startTestServer({
    checked: true,
    ...options,
    projectRoot,
    config: { allowRun: options.allowRun ?? true, ...options.config },
    // An empty in-memory keychain: costs report `no_key`, which the status treats as ok.
    deps: { runKillGraceMs: options.killGraceMs ?? 300, secretStore: createMemorySecretStore(), ...options.deps },
  });
  const run = async (id: string) => ((await (await server.api(`/api/runs/${id}`)).json()) as { run: PublicRun }).run;
  const waitFor = async (id: string, done: (run: PublicRun) => boolean, what = 'condition') => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const current = await run(id);
      if (done(current)) return current;
      if (Date.now() > deadline)
        throw new Error(`run ${id}: timed out waiting for ${what}; last ${JSON.stringify(current)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return Object.assign(server, {
    run,
    waitFor,
    waitForEnd: (id: string) => waitFor(id, (r) => r.status !== 'running', 'the end'),
    async start(workflow: string, body: Record<string, unknown> = {}) {
      const response = await server.api(`/api/workflows/${workflow}/runs`, { method: 'POST', json: body });
      const json = (await response.json()) as { run?: PublicRun; error?: unknown };
      if (response.status !== 201 || !json.run)
        throw new Error(`start ${workflow}: ${response.status} ${JSON.stringify(json)}`);
      return json.run;
    },
  });
}

export async function pollUntil<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
