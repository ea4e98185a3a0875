import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_VERSION_SWITCH,
  handleOpenExternal,
  handleOpenProject,
  OPEN_EXTERNAL_CHANNEL,
  OPEN_PROJECT_CHANNEL,
  TRAY_COMMAND_CHANNEL,
} from '../../electron/ipc.js';
import type { OpenProjectRequest, ProjectSwitcher } from '../../electron/project-switch.js';

const ORIGIN = 'http://127.0.0.1:8765';
const preloadSource = readFileSync(new URL('../../electron/preload.cts', import.meta.url), 'utf8');

/** Runs the preload as Electron would (CommonJS, only 'electron' requirable) with a fake bridge. */
function loadPreload(argv: string[]) {
  const js = ts.transpileModule(preloadSource, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const ipcRenderer = {
    invoke: vi.fn(async () => ({ kind: 'opened' })),
    on: (channel: string, listener: (...args: unknown[]) => void) => void listeners.set(channel, listener),
    removeListener: (channel: string) => void listeners.delete(channel),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer,
  };
  const module = { exports: {} };
  const require = (id: string) => {
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  runInNewContext(js, { module, exports: module.exports, require, process: { argv } });
  return { api: exposed.attuneDesktop as Record<string, unknown>, exposed, ipcRenderer, listeners };
}

describe('preload bridge', () => {
  it('exposes exactly the five named members under attuneDesktop', () => {
    const { api, exposed } = loadPreload(['electron', `${APP_VERSION_SWITCH}4.5.6`]);
    expect(Object.keys(exposed)).toEqual(['attuneDesktop']);
    expect(Object.keys(api).sort()).toEqual([
      'appVersion',
      'isDesktop',
      'onTrayCommand',
      'openExternal',
      'openProject',
    ]);
    expect(api.isDesktop).toBe(true);
    expect(api.appVersion).toBe('4.5.6');
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('uses the same channel names as the main process', () => {
    expect(preloadSource).toContain(`'${OPEN_EXTERNAL_CHANNEL}'`);
    expect(preloadSource).toContain(`'${TRAY_COMMAND_CHANNEL}'`);
    expect(preloadSource).toContain(`'${OPEN_PROJECT_CHANNEL}'`);
    expect(preloadSource).toContain(`'${APP_VERSION_SWITCH}'`);
  });

  it('forwards valid tray commands without the IPC event and unsubscribes', async () => {
    const { api, listeners, ipcRenderer } = loadPreload([]);
    const seen: unknown[] = [];
    const unsubscribe = (api.onTrayCommand as (cb: (c: unknown) => void) => () => void)((command) =>
      seen.push(command),
    );
    const listener = listeners.get(TRAY_COMMAND_CHANNEL)!;
    listener({ sender: 'ipc-event' }, { kind: 'open-run', runId: 'r1', extra: 'dropped' });
    listener({ sender: 'ipc-event' }, { kind: 'evil' });
    expect(seen).toEqual([{ kind: 'open-run', runId: 'r1' }]);
    unsubscribe();
    expect(listeners.has(TRAY_COMMAND_CHANNEL)).toBe(false);
    await expect((api.openExternal as (u: string) => Promise<boolean>)('https://example.com')).resolves.toBe(true);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(OPEN_EXTERNAL_CHANNEL, 'https://example.com');
  });

  it('asks for a project with nothing but an optional path, and passes back only a kind and a reason', async () => {
    const { api, ipcRenderer } = loadPreload([]);
    const openProject = api.openProject as (root?: unknown) => Promise<unknown>;
    await expect(openProject()).resolves.toEqual({ kind: 'opened' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(OPEN_PROJECT_CHANNEL, undefined);
    ipcRenderer.invoke.mockResolvedValueOnce({ kind: 'refused', reason: 'no', extra: 'dropped' } as never);
    await expect(openProject('/p')).resolves.toEqual({ kind: 'refused', reason: 'no' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(OPEN_PROJECT_CHANNEL, '/p');
    ipcRenderer.invoke.mockResolvedValueOnce(null as never);
    await expect(openProject()).resolves.toEqual({ kind: 'refused', reason: 'the desktop app did not answer' });
  });

  it('cannot require anything but electron', () => {
    expect(preloadSource.match(/require\('([^']+)'\)/g)).toEqual(["require('electron')"]);
  });
});

describe('open-external IPC handler', () => {
  it('opens http(s) links sent by the console page', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(
      handleOpenExternal(
        { senderUrl: `${ORIGIN}/costs`, url: 'https://console.anthropic.com/' },
        { origin: ORIGIN, shell },
      ),
    ).resolves.toEqual({ kind: 'opened', url: 'https://console.anthropic.com/' });
    expect(shell.openExternal).toHaveBeenCalledOnce();
  });

  it('refuses other senders, other schemes and non-strings', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const ask = (senderUrl: string | undefined, url: unknown) =>
      handleOpenExternal({ senderUrl, url }, { origin: ORIGIN, shell });
    expect((await ask('https://evil.example/', 'https://example.com')).kind).toBe('refused');
    expect((await ask(undefined, 'https://example.com')).kind).toBe('refused');
    expect((await ask(`${ORIGIN}/`, 'file:///etc/passwd')).kind).toBe('refused');
    expect((await ask(`${ORIGIN}/`, { href: 'https://x' })).kind).toBe('refused');
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('open-project IPC handler', () => {
  const switcher = () => {
    const asked: OpenProjectRequest[] = [];
    const fake: ProjectSwitcher = {
      isChosen: () => true,
      open: async (request) => (asked.push(request), { kind: 'opened', root: '/secret/path/not/echoed' }),
    };
    return { asked, fake };
  };

  it('turns no path into the dialog and a string into a recent project, answering without the path', async () => {
    const { asked, fake } = switcher();
    const ask = (root: unknown) =>
      handleOpenProject({ senderUrl: `${ORIGIN}/`, root }, { origin: ORIGIN, switcher: fake });
    await expect(ask(undefined)).resolves.toEqual({ kind: 'opened' });
    await expect(ask('/p')).resolves.toEqual({ kind: 'opened' });
    expect(asked).toEqual([{ kind: 'dialog' }, { kind: 'recent', root: '/p' }]);
  });

  it('refuses other senders, non-string paths, and requests before the shell is up', async () => {
    const { asked, fake } = switcher();
    const ask = (senderUrl: string | undefined, root: unknown, withSwitcher = true) =>
      handleOpenProject({ senderUrl, root }, { origin: ORIGIN, switcher: withSwitcher ? fake : undefined });
    expect(await ask('https://evil.example/', undefined)).toMatchObject({ kind: 'refused' });
    expect(await ask(undefined, undefined)).toMatchObject({ kind: 'refused' });
    expect(await ask(`${ORIGIN}/`, { path: '/p' })).toMatchObject({ kind: 'refused', reason: /folder path/ });
    expect(await ask(`${ORIGIN}/`, undefined, false)).toMatchObject({ kind: 'refused', reason: /still starting/ });
    expect(asked).toEqual([]);
  });
});
