import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildConfig, CONTENT_SECURITY_POLICY, startServer } from '../../main/index.js';
import { bindCoreServices, pollingStatusSource, unknownStatus } from '../../electron/core-adapters.js';
import { runShell, type ShellDeps } from '../../electron/shell.js';
import { tempDir, removeTempDirs } from '../support/temp.js';
import {
  FakeApp,
  FakeSession,
  FakeTray,
  FakeWebContents,
  FakeWindow,
  manualClock,
  recordingLogger,
  status,
} from './fakes.js';

afterAll(removeTempDirs);

async function shellDeps(overrides: Partial<ShellDeps> = {}) {
  const home = await tempDir('attune-shell-home-');
  await mkdir(join(home, 'ops'), { recursive: true });
  const config = buildConfig({
    port: 0,
    attuneHome: home,
    projectRoot: await tempDir('attune-shell-project-'),
    env: {},
  });
  const app = new FakeApp();
  const session = new FakeSession();
  const window = new FakeWindow();
  const contents = new FakeWebContents();
  const tray = new FakeTray();
  const order: string[] = [];
  const clock = manualClock();
  const deps: ShellDeps = {
    app,
    platform: 'win32',
    appId: 'dev.attune.ops',
    productName: 'Attune Ops',
    logger: recordingLogger(),
    clock,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    loadConfig: async () => ({ port: 0, args: { hidden: false } }),
    startServer: async (port) => (order.push('server'), startServer({ ...config, port }, { env: {} })),
    bindServices: (server) => ({
      ...bindCoreServices({
        server,
        services: { settings: { getExtra: () => undefined, setExtra: async () => undefined } },
        fetch,
        clock,
      }),
      status: { current: () => status(), onChange: () => () => undefined },
    }),
    session: () => session,
    createWindow: () => (order.push('window'), { window, contents }),
    createTray: () => (order.push('tray'), tray),
    notifications: () => null,
    setApplicationMenu: vi.fn(),
    reportError: vi.fn(),
    fetch: (url, init) => fetch(url, init),
    shell: { openExternal: vi.fn(async () => undefined) },
    autostart: { isEnabled: async () => false, setEnabled: async () => undefined, openedAtLogin: () => false },
    ...overrides,
  };
  return { deps, app, session, window, contents, tray, order };
}

describe('desktop shell startup', () => {
  it('starts the in-process server, then a locked window that loads it without the token, then the tray', async () => {
    const { deps, app, session, window, contents, tray, order } = await shellDeps();
    const outcome = await runShell(deps);
    if (outcome.kind !== 'running') throw new Error('expected the primary instance');
    try {
      expect(app.calls.slice(0, 3)).toEqual([
        'requestSingleInstanceLock',
        'enableSandbox',
        'setAppUserModelId:dev.attune.ops',
      ]);
      expect(order).toEqual(['server', 'window', 'tray']);
      expect((await fetch(`${outcome.server.url}/api/health`)).status).toBe(200);
      expect(window.loaded).toEqual([`${outcome.server.url}/`]);
      expect(session.cookies[0]).toMatchObject({
        name: `attune_ops_session_${outcome.server.port}`,
        value: outcome.server.token,
      });
      expect(session.requestHandler).toBeDefined();
      expect(contents.windowOpenHandler).toBeDefined();
      expect(tray.images[0]).toBe('ok');
      tray.onAction!({ kind: 'open-run', runId: 'r42' });
      expect(window.commands).toEqual([{ kind: 'open-run', runId: 'r42' }]);
      expect(window.loaded).toEqual([`${outcome.server.url}/`]);
      expect(window.close()).toBe('kept');
    } finally {
      app.quit();
      await vi.waitFor(() => expect(app.calls).toContain('exited'));
    }
    await expect(fetch(`${outcome.server.url}/api/health`)).rejects.toThrow();
  });

  it('a second instance starts no server and no window', async () => {
    const { deps, order } = await shellDeps({ app: new FakeApp(false) });
    await expect(runShell(deps)).resolves.toEqual({ kind: 'secondary' });
    expect(order).toEqual([]);
  });

  it('a startup failure rejects with the reason (main.ts turns it into an error box and exit 1)', async () => {
    const { deps } = await shellDeps({
      startServer: async () => Promise.reject(new Error('settings folder is read-only')),
    });
    await expect(runShell(deps)).rejects.toThrow('settings folder is read-only');
  });
});

describe('core adapters', () => {
  it('polls /api/status and reports why while the server cannot answer', async () => {
    const clock = manualClock();
    let answer: () => Promise<ReturnType<typeof status>> = async () => Promise.reject(new Error('404 not found'));
    const source = pollingStatusSource(() => answer(), clock, 2000);
    const seen: string[] = [];
    source.onChange((s) => seen.push(`${s.overall}:${s.costs.detail ?? ''}`));
    await vi.waitFor(() => expect(seen).toEqual(['stale:The ops server did not answer /api/status: 404 not found']));
    answer = async () => status({ overall: 'running' });
    clock.advance(2000);
    await vi.waitFor(() => expect(source.current().overall).toBe('running'));
    clock.advance(2000);
    await Promise.resolve();
    expect(seen).toHaveLength(2);
    source.stop();
    expect(unknownStatus('x').overall).toBe('stale');
  });

  it('lists runs and reports a failed cancel through the HTTP API with the launch token', async () => {
    const { deps } = await shellDeps();
    const server = await deps.startServer(0);
    try {
      const bound = bindCoreServices({
        server,
        services: { settings: { getExtra: () => undefined, setExtra: async () => undefined } },
        fetch,
        clock: manualClock(),
      });
      await expect(bound.runs.recent(5)).resolves.toEqual([]);
      await expect(bound.runs.cancel('no-such-run')).rejects.toThrow();
      bound.stop();
    } finally {
      await server.close();
    }
  });
});

describe('desktop shell, Electron-ordered details', () => {
  it('creates the notification presenter only after the AppUserModelId is set (Windows)', async () => {
    const seen: string[] = [];
    const { deps, app } = await shellDeps({
      notifications: () => {
        seen.push(...app.calls);
        return null;
      },
    });
    const outcome = await runShell(deps);
    if (outcome.kind === 'running') await outcome.server.close();
    expect(seen).toContain('setAppUserModelId:dev.attune.ops');
  });

  it('sets the application menu for the platform (none on Windows)', async () => {
    const setApplicationMenu = vi.fn();
    const { deps } = await shellDeps({ setApplicationMenu });
    const outcome = await runShell(deps);
    if (outcome.kind === 'running') await outcome.server.close();
    expect(setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('opens the welcome screen when no project is chosen, and a tray refusal is told in an error box', async () => {
    const reportError = vi.fn();
    const { deps, window, tray } = await shellDeps({
      reportError,
      projects: {
        launch: { kind: 'welcome', why: 'first', savedRoot: null },
        store: { current: () => '/home/u', recent: () => [], remember: async () => undefined },
        runningRuns: () => 0,
        switchTo: vi.fn(async () => undefined),
        chooseFolder: async () => '/no/such/folder',
        confirmCancelRuns: async () => false,
      },
    });
    const outcome = await runShell(deps);
    if (outcome.kind !== 'running') throw new Error('expected the primary instance');
    try {
      expect(window.loaded[0]).toMatch(/\/\?welcome=first$/);
      const recent = tray.menus.at(-1)!.find((entry) => entry.label === 'Recent projects');
      expect(recent?.submenu).toEqual([{ label: 'No projects opened yet', enabled: false }]);
      tray.onAction!({ kind: 'open-project-folder' });
      await vi.waitFor(() =>
        expect(reportError).toHaveBeenCalledWith(
          'Could not open the project',
          'The folder cannot be opened: /no/such/folder does not exist (moved or deleted?).',
        ),
      );
      expect(outcome.projects?.isChosen()).toBe(false);
    } finally {
      await outcome.server.close();
    }
  });
});
