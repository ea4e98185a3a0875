/**
 * The stand-in `BrowserWindow` and its `webContents`, each window a real headless
 * Chromium page in the default session's context. Encoded rules: constructing before
 * ready throws; every method of a destroyed window throws "Object has been destroyed";
 * `ready-to-show` follows the first load; a renderer-initiated main-frame navigation
 * emits `will-navigate` (preventable, then aborted) while `loadURL` does not; responses
 * to documents pass through the session's `onHeadersReceived`; the preload runs in the
 * sandbox emulation (preload-sandbox.ts); `ipcMain.handle` answers `ipcRenderer.invoke`
 * with `event.senderFrame.url`; `window.open` asks `setWindowOpenHandler`.
 */
import { EventEmitter } from 'node:events';
import type { Electron as E } from '../../electron/electron-surface.js';
import type { Page } from 'playwright-core';
import type { ShellBrowserWindow, ShellWebContents } from '../../electron/electron-surface.js';
import { installPage } from './page-install.js';
import type { StandinSession } from './session.js';
import { destroyedError, electronEvent, requireReady, type World } from './world.js';

export type InvokeHandler = (event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown;

export interface WindowEnv {
  world: World;
  session: StandinSession;
  handlers: Map<string, InvokeHandler>;
  emitApp: (event: string, ...args: unknown[]) => void;
}

export class StandinWebContents extends EventEmitter implements ShellWebContents {
  destroyed = false;
  openHandler: ((details: E.HandlerDetails) => E.WindowOpenHandlerResponse) | null = null;
  page: Page | null = null;
  readonly pageReady: Promise<Page>;

  constructor(pageReady: Promise<Page>) {
    super();
    this.pageReady = pageReady.then((page) => (this.page = page));
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    void this.pageReady.then((page) =>
      page
        .evaluate(
          ([name, values]) =>
            (window as unknown as Record<symbol, (c: string, a: unknown[]) => void>)[Symbol.for('standin.deliver')]!(
              name,
              values,
            ),
          [channel, args] as const,
        )
        .catch(() => undefined),
    );
  }

  setWindowOpenHandler(handler: (details: E.HandlerDetails) => E.WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function createBrowserWindowClass(env: WindowEnv) {
  return class StandinBrowserWindow extends EventEmitter implements ShellBrowserWindow {
    readonly webContents: StandinWebContents;
    readonly options: E.BrowserWindowConstructorOptions;
    private destroyed = false;
    private visible: boolean;
    private minimized = false;
    private loads = 0;
    expectedNavigation: string | null = null;
    url = '';

    constructor(options: E.BrowserWindowConstructorOptions) {
      requireReady(env.world, 'create a BrowserWindow');
      super();
      this.options = options;
      this.visible = options.show ?? true;
      this.webContents = new StandinWebContents(installPage(this, env));
      const handle = {
        requestClose: () => this.requestClose(),
        destroy: () => this.destroy(),
        emit: (event: string, ...args: unknown[]) => this.emit(event, ...args),
        snapshot: () => this.snapshot(),
      };
      env.world.windows.add(handle);
      this.once('closed', () => env.world.windows.delete(handle));
      env.emitApp('web-contents-created', electronEvent(), this.webContents);
    }

    private alive(): void {
      if (this.destroyed) throw destroyedError();
    }

    snapshot() {
      return {
        visible: this.visible,
        destroyed: this.destroyed,
        url: this.url,
        title: this.options.title ?? '',
        // What Electron puts on the renderer process's command line.
        additionalArguments: this.options.webPreferences?.additionalArguments ?? [],
      };
    }

    show(): void {
      this.alive();
      this.visible = true;
      env.world.records.events.push('window-show');
    }
    hide(): void {
      this.alive();
      this.visible = false;
      env.world.records.events.push('window-hide');
    }
    focus(): void {
      this.alive();
      env.world.records.events.push('window-focus');
    }
    restore(): void {
      this.alive();
      this.minimized = false;
    }
    isMinimized(): boolean {
      this.alive();
      return this.minimized;
    }
    isVisible(): boolean {
      this.alive();
      return this.visible;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }

    async loadURL(url: string): Promise<void> {
      this.alive();
      const page = await this.webContents.pageReady;
      this.expectedNavigation = url;
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response) throw new Error(`ERR_FAILED (-2) loading '${url}'`);
      this.url = page.url();
      if (this.loads++ === 0) this.emit('ready-to-show');
    }

    /** The user (or the quit sequence) closes the window; true when a listener prevented it. */
    requestClose(): boolean {
      if (this.destroyed) return false;
      const event = electronEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return true;
      void this.destroy();
      return false;
    }

    private destroying: Promise<void> | null = null;

    destroy(): Promise<void> {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.destroying ??= (async () => {
        await this.webContents.pageReady.then((page) => page.close()).catch(() => undefined);
        this.emit('closed');
      })();
      return this.destroying;
    }
  };
}
