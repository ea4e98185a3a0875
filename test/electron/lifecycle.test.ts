import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, installLifecycle } from '../../electron/lifecycle.js';
import { FakeApp, FakeWindow, recordingLogger } from './fakes.js';

function setup(stopServer: () => Promise<void> = vi.fn(async () => undefined)) {
  const app = new FakeApp();
  const window = new FakeWindow();
  const lifecycle = installLifecycle({ app, logger: recordingLogger(), stopServer });
  lifecycle.hideOnClose(window);
  window.show();
  return { app, window, lifecycle, stopServer };
}

describe('hide versus quit', () => {
  it('hides the window to the tray when it is closed and the app is not quitting', () => {
    const { window, app, stopServer } = setup();
    expect(window.close()).toBe('kept');
    expect(window.visible).toBe(false);
    expect(app.calls).not.toContain('quit');
    expect(stopServer).not.toHaveBeenCalled();
  });

  it('lets the window close once before-quit has fired (Cmd+Q, OS shutdown, tray Quit)', () => {
    const { window, app } = setup();
    app.emit('before-quit');
    expect(window.close()).toBe('closed');
  });

  it('stops the server before exiting, then quits for real exactly once', async () => {
    let release!: () => void;
    const stopServer = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const { app, lifecycle } = setup(stopServer);
    lifecycle.quit();
    expect(lifecycle.isQuitting()).toBe(true);
    expect(stopServer).toHaveBeenCalledOnce();
    expect(app.calls).not.toContain('exited');
    app.quit();
    expect(stopServer).toHaveBeenCalledOnce();
    release();
    await vi.waitFor(() => expect(app.calls).toContain('exited'));
  });

  it('still quits when stopping the server fails', async () => {
    const { app, lifecycle } = setup(vi.fn(async () => Promise.reject(new Error('stuck'))));
    lifecycle.quit();
    await vi.waitFor(() => expect(app.calls).toContain('exited'));
  });

  it('does not quit when all windows are closed (the tray keeps it alive)', () => {
    const { app } = setup();
    app.emit('window-all-closed');
    expect(app.calls).not.toContain('quit');
  });
});

describe('single instance', () => {
  it('a second launch quits at once and claims nothing', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app, () => undefined)).toEqual({ kind: 'secondary' });
    expect(app.calls).toEqual(['requestSingleInstanceLock', 'quit', 'exited']);
  });

  it('the first instance focuses (and restores) its window when a second one starts', () => {
    const app = new FakeApp(true);
    const window = new FakeWindow();
    window.minimized = true;
    expect(claimSingleInstance(app, () => window)).toEqual({ kind: 'primary' });
    app.emit('second-instance');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('ignores a second launch that arrives before the window exists, and reveals the window once it does', () => {
    const app = new FakeApp(true);
    const shell: { window?: FakeWindow } = {};
    claimSingleInstance(app, () => shell.window);
    app.emit('second-instance');
    expect(app.calls).toEqual(['requestSingleInstanceLock']);
    const window = new FakeWindow();
    shell.window = window;
    app.emit('second-instance');
    expect(window.calls).toEqual(['show', 'focus']);
  });
});

describe('Windows log-off and shutdown', () => {
  it('stops the server on a window session-end (no before-quit / will-quit then), then exits 0', async () => {
    const { app, window, lifecycle, stopServer } = setup();
    lifecycle.endSessionOn(window);
    window.emit('session-end');
    expect(stopServer).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.calls).toContain('exit:0'));
    expect(lifecycle.isQuitting()).toBe(true);
  });
});
