/**
 * Login items as Electron 45 documents them, persisted in the harness's state folder so
 * a second launch reads back what the first one set (the "after a restart" check):
 *   - win32: a Run-key entry holding `path` and `args`; `getLoginItemSettings()` reports
 *     `openAtLogin` only when given the same `path` (default `process.execPath`) and `args`
 *     (default none); `executableWillLaunchAtLogin` ignores the args;
 *   - darwin: `openAtLogin`, `status`, and `wasOpenedAtLogin` (STANDIN_OPENED_AT_LOGIN=1);
 *     `args`, `path` are Windows-only and ignored;
 *   - linux: no login-item API (always off; the shell writes an XDG autostart file).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Electron as E } from '../../electron/electron-surface.js';

interface Stored {
  openAtLogin: boolean;
  path: string;
  args: string[];
}

export class LoginItems {
  private readonly file: string;
  constructor(
    private readonly platform: NodeJS.Platform,
    dir: string,
  ) {
    this.file = join(dir, 'login-items.json');
  }

  private read(): Stored | null {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Stored) : null;
  }

  setLoginItemSettings(settings: E.Settings): void {
    if (this.platform === 'linux') return;
    const stored: Stored = {
      openAtLogin: settings.openAtLogin ?? false,
      path: this.platform === 'win32' ? (settings.path ?? process.execPath) : process.execPath,
      args: this.platform === 'win32' ? (settings.args ?? []) : [],
    };
    writeFileSync(this.file, JSON.stringify(stored));
  }

  getLoginItemSettings(options?: E.LoginItemSettingsOptions): E.LoginItemSettings {
    const stored = this.read();
    const base = {
      launchItems: [] as E.LaunchItems[],
      executableWillLaunchAtLogin: false,
      wasOpenedAtLogin: false,
    } as const;
    if (this.platform === 'win32') {
      const path = options?.path ?? process.execPath;
      const args = options?.args ?? [];
      const samePath = stored !== null && stored.openAtLogin && stored.path === path;
      const sameArgs = samePath && JSON.stringify(stored.args) === JSON.stringify(args);
      return { ...base, openAtLogin: sameArgs, executableWillLaunchAtLogin: samePath, status: 'not-registered' };
    }
    if (this.platform === 'darwin') {
      const on = stored?.openAtLogin ?? false;
      return {
        ...base,
        openAtLogin: on,
        wasOpenedAtLogin: process.env.STANDIN_OPENED_AT_LOGIN === '1',
        status: on ? 'enabled' : 'not-registered',
      };
    }
    return { ...base, openAtLogin: false, status: 'not-registered' };
  }
}
