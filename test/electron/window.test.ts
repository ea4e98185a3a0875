import { afterAll, describe, expect, it } from 'vitest';
import {
  openConsoleWindow,
  revealWindow,
  sessionCookie,
  webPreferences,
  windowOptions,
} from '../../electron/window.js';
import { startTestServer } from '../support/test-server.js';
import { removeTempDirs } from '../support/temp.js';
import { FakeSession, FakeWindow } from './fakes.js';

afterAll(removeTempDirs);

describe('console window', () => {
  it('has every security-relevant web preference set', () => {
    const prefs = webPreferences('/app/dist/electron/preload.cjs', '1.2.3');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(prefs.additionalArguments).toEqual(['--attune-app-version=1.2.3']);
    expect(windowOptions('/p.cjs', 'Attune Ops', '1').show).toBe(false);
  });

  it('sets the session cookie before the first load, loads the bare URL and shows on ready-to-show', async () => {
    const session = new FakeSession();
    const window = new FakeWindow();
    const order: string[] = [];
    const original = session.setCookie.bind(session);
    session.setCookie = async (cookie) => void (order.push('cookie'), await original(cookie));
    const loaded = window.loadURL.bind(window);
    window.loadURL = async (url) => void (order.push('load'), await loaded(url));
    await openConsoleWindow({
      session,
      createWindow: () => window,
      serverUrl: 'http://127.0.0.1:4321',
      port: 4321,
      token: 'tok-secret',
      showWhenReady: true,
    });
    expect(order).toEqual(['cookie', 'load']);
    expect(window.loaded).toEqual(['http://127.0.0.1:4321/']);
    expect(window.loaded.join()).not.toContain('tok-secret');
    expect(session.cookies[0]).toMatchObject({
      name: 'attune_ops_session_4321',
      value: 'tok-secret',
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
    });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('stays hidden when started at login', async () => {
    const window = new FakeWindow();
    await openConsoleWindow({
      session: new FakeSession(),
      createWindow: () => window,
      serverUrl: 'http://127.0.0.1:1',
      port: 1,
      token: 't',
      showWhenReady: false,
    });
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
  });

  it('reveals a minimized window by restoring, showing and focusing it', () => {
    const window = new FakeWindow();
    window.minimized = true;
    revealWindow(window);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('uses the cookie name and value the real server accepts', async () => {
    const server = await startTestServer();
    try {
      const cookie = sessionCookie(server.url, server.port, server.token);
      const withCookie = await fetch(`${server.url}/api/info`, {
        headers: { Cookie: `${cookie.name}=${cookie.value}` },
      });
      expect(withCookie.status).toBe(200);
      const wrongPort = sessionCookie(server.url, server.port + 1, server.token);
      const denied = await fetch(`${server.url}/api/info`, {
        headers: { Cookie: `${wrongPort.name}=${wrongPort.value}` },
      });
      expect(denied.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
