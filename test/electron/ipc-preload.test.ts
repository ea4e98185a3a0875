import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_VERSION_SWITCH,
  handleOpenExternal,
  OPEN_EXTERNAL_CHANNEL,
  TRAY_COMMAND_CHANNEL,
} from '../../electron/ipc.js';

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
  it('exposes exactly the four named members under attuneDesktop', () => {
    const { api, exposed } = loadPreload(['electron', `${APP_VERSION_SWITCH}4.5.6`]);
    expect(Object.keys(exposed)).toEqual(['attuneDesktop']);
    expect(Object.keys(api).sort()).toEqual(['appVersion', 'isDesktop', 'onTrayCommand', 'openExternal']);
    expect(api.isDesktop).toBe(true);
    expect(api.appVersion).toBe('4.5.6');
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('uses the same channel names as the main process', () => {
    expect(preloadSource).toContain(`'${OPEN_EXTERNAL_CHANNEL}'`);
    expect(preloadSource).toContain(`'${TRAY_COMMAND_CHANNEL}'`);
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
