/**
 * The stand-in `app`. Rules encoded from Electron 45's documentation:
 *   - `enableSandbox()` only before ready; `whenReady()` resolves once Chromium is up;
 *   - the single-instance lock is per app name; a second instance hands its argv to the
 *     first (`second-instance`) and gets `false`;
 *   - `quit()`: `before-quit` (preventable) → each window's `close` (a prevented close
 *     cancels the quit) → windows destroyed → `will-quit` (preventable) → `quit` → exit 0;
 *     `exit(code)` exits at once without any event;
 *   - login items: Windows matches the stored `path`/`args` against the ones given to
 *     `getLoginItemSettings` (default `process.execPath`, no args); macOS reports
 *     `wasOpenedAtLogin`; both persist across launches in the harness's state folder.
 */
import { EventEmitter } from 'node:events';
import type { Electron as E } from '../../electron/electron-surface.js';
import type { ShellApp } from '../../electron/electron-surface.js';
import { claimLock } from './instance-lock.js';
import { LoginItems } from './login-items.js';
import { electronEvent, requireNotReady, type World } from './world.js';

export class StandinApp extends EventEmitter implements ShellApp {
  readonly isPackaged: boolean;
  private readonly loginItems: LoginItems;
  private quitRunning = false;
  private exiting = false;

  constructor(
    private readonly world: World,
    private readonly readyPromise: Promise<void>,
    private readonly shutdown: (code: number) => Promise<never>,
  ) {
    super();
    this.isPackaged = world.isPackaged;
    this.loginItems = new LoginItems(world.platform, process.env.STANDIN_STATE_DIR ?? '');
  }

  requestSingleInstanceLock(): boolean {
    const lock = claimLock(process.env.STANDIN_STATE_DIR ?? '', this.world.identity.name, (argv, cwd) => {
      this.world.records.events.push('second-instance');
      this.emit('second-instance', electronEvent(), argv, cwd);
    });
    if (lock.kind === 'secondary') this.world.beforeExit.push(lock.handedOver);
    return lock.kind === 'primary';
  }

  enableSandbox(): void {
    requireNotReady(this.world, 'app.enableSandbox()');
    this.world.records.events.push('enableSandbox');
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.world.ready;
  }

  getVersion(): string {
    return this.world.identity.version;
  }

  getName(): string {
    return this.world.identity.name;
  }

  setAppUserModelId(id: string): void {
    this.world.records.appUserModelId = id;
  }

  getLoginItemSettings(options?: E.LoginItemSettingsOptions): E.LoginItemSettings {
    return this.loginItems.getLoginItemSettings(options);
  }

  setLoginItemSettings(settings: E.Settings): void {
    this.loginItems.setLoginItemSettings(settings);
  }

  quit(): void {
    if (this.quitRunning || this.exiting) return;
    this.quitRunning = true;
    void this.runQuit().finally(() => {
      this.quitRunning = false;
    });
  }

  exit(code = 0): void {
    this.exiting = true;
    void this.shutdown(code);
  }

  private async runQuit(): Promise<void> {
    const { records } = this.world;
    records.events.push('before-quit');
    const beforeQuit = electronEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of [...this.world.windows]) {
      records.events.push('window-close');
      if (window.requestClose()) {
        records.events.push('quit-cancelled-by-window');
        return;
      }
    }
    await Promise.all([...this.world.windows].map((window) => window.destroy()));
    records.events.push('will-quit');
    const willQuit = electronEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    records.events.push('quit');
    this.emit('quit', electronEvent(), 0);
    this.exiting = true;
    await this.shutdown(0);
  }
}
