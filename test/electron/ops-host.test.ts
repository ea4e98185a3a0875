import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createServices, loadLaunch, startServer, type RunningServer } from '../../main/index.js';
import { createOpsHost, type OpsHostDeps } from '../../electron/ops-host.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await removeTempDirs();
});

const DEMO = new URL('../fixtures/demo-project', import.meta.url).pathname;

async function setup(over: Partial<OpsHostDeps> = {}) {
  const attuneHome = await tempDir('attune-host-home-');
  const [a, b] = [await tempDir('attune-host-a-'), await tempDir('attune-host-b-')];
  await cp(DEMO, a, { recursive: true });
  await cp(DEMO, b, { recursive: true });
  const env = { ATTUNE_HOME: attuneHome, PATH: process.env.PATH };
  const deps: OpsHostDeps = {
    loadProject: async (root, port) => {
      const loaded = await loadLaunch({ flags: { projectRoot: root, port, allowRun: true }, env, cwd: attuneHome });
      if (loaded.kind === 'invalid') throw new Error(loaded.message);
      return { config: loaded.launch.config, settingsRead: loaded.launch.settingsRead };
    },
    createServices: ({ config, settingsRead }) => createServices(config, { env, settingsRead, runKillGraceMs: 500 }),
    startServer: async (config, services, token) => {
      const running = await startServer(config, { services, ...(token && { token }) });
      servers.push(running);
      return running;
    },
    closeServer: (running) => running.close(),
    ...over,
  };
  const host = createOpsHost(deps);
  const server = await host.start(await deps.loadProject(a, 0), 0);
  const call = async (method: string, path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      ...(method === 'POST' && { body: '{}' }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { host, server, call, a, b, attuneHome };
}

describe('the ops server across project switches', () => {
  it('restarts on the new root with the same URL and token; a running run is recorded cancelled', async () => {
    const { host, server, call, a, b } = await setup();
    expect((await call('GET', '/api/info')).body.projectRoot).toBe(a);
    const started = await call('POST', '/api/workflows/long-build/runs');
    expect(started.status).toBe(201);
    const runId = (started.body.run as { id: string }).id;
    await vi.waitFor(() => expect(host.runningRuns()).toBe(1));
    const seen = vi.fn();
    host.status.onChange(seen);

    await host.switchTo(b);
    expect((await call('GET', '/api/info')).body.projectRoot).toBe(b);
    expect(seen).toHaveBeenCalled();
    expect(host.runningRuns()).toBe(0);
    expect(host.projects.current()).toBe(b);
    const run = (await call('GET', `/api/runs/${runId}`)).body.run as { status: string };
    expect(run.status).toBe('cancelled');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('saves the project and the recent list through the settings store, in its format', async () => {
    const { host, a, b, attuneHome } = await setup();
    await host.projects.remember(a);
    await host.switchTo(b);
    await host.projects.remember(b);
    expect(host.projects.recent()).toEqual([b, a]);
    const file = JSON.parse(await readFile(join(attuneHome, 'ops', 'config.json'), 'utf8')) as {
      version: number;
      settings: Record<string, unknown>;
    };
    expect(file).toMatchObject({ version: 1, settings: { desktopProjectRoot: b, recentProjects: [b, a] } });
    await host.settings.setExtra('desktopBudgetNotices', { x: [1] });
    expect(host.settings.getExtra('desktopBudgetNotices')).toEqual({ x: [1] });
  });

  it('a root the launch loader refuses leaves the old project serving', async () => {
    const { host, call, a } = await setup();
    await expect(host.switchTo(join(a, 'no-such-folder'))).rejects.toThrow(/does not exist/);
    expect((await call('GET', '/api/info')).body.projectRoot).toBe(a);
  });

  it('when the new server cannot start, the previous project serves again and the failure is told', async () => {
    let failNext = false;
    const { host, call, a, b } = await setup({
      createServices: async ({ config, settingsRead }) => {
        if (failNext && config.projectRoot === b) throw new Error('the runs folder is not writable');
        return createServices(config, { env: { PATH: process.env.PATH }, settingsRead });
      },
    });
    failNext = true;
    await expect(host.switchTo(b)).rejects.toThrow('the runs folder is not writable');
    expect((await call('GET', '/api/info')).body.projectRoot).toBe(a);
    expect(host.projects.current()).toBe(a);
  });
});
