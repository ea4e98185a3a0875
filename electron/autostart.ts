/**
 * "Start at login". macOS and Windows use Electron's login-item settings; Linux has no
 * such API, so the shell writes (or removes) an XDG autostart entry
 * `~/.config/autostart/<appId>.desktop` (freedesktop Desktop Application Autostart spec).
 * Windows matches the entry by executable and arguments, so both go to the read as to
 * the write; macOS takes no args and tells a login start by `wasOpenedAtLogin`.
 *
 * The Linux part is plain file I/O over an injected directory, so tests run it in a
 * temp dir. Exec paths are quoted per the Desktop Entry spec (spaces in AppImage paths).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShellApp } from './electron-surface.js';

export type LoginItems = Pick<ShellApp, 'getLoginItemSettings' | 'setLoginItemSettings'>;

export interface AutostartOptions {
  platform: NodeJS.Platform;
  appId: string;
  productName: string;
  /** The command that starts the app (process.execPath, or $APPIMAGE when set). */
  execPath: string;
  /** Extra arguments, e.g. `--hidden` so a login start goes straight to the tray. */
  args: string[];
  /** `$XDG_CONFIG_HOME/autostart` or `~/.config/autostart`. */
  autostartDir: string;
  loginItems: LoginItems;
}

export interface Autostart {
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
  /** True when the OS started the app at login without our `--hidden` argument (macOS). */
  openedAtLogin(): boolean;
}

/** The autostart folder per the XDG base-directory spec. */
export function linuxAutostartDir(env: Record<string, string | undefined>, home: string): string {
  const configHome =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

/** Quotes one Exec argument (Desktop Entry spec: double quotes; escape `"`, `` ` ``, `$`, `\`). */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function desktopEntry(options: Pick<AutostartOptions, 'productName' | 'execPath' | 'args'>): string {
  const exec = [options.execPath, ...options.args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${options.productName}`,
    `Comment=Start ${options.productName} in the tray at login`,
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function createAutostart(options: AutostartOptions): Autostart {
  const file = join(options.autostartDir, `${options.appId}.desktop`);
  const { loginItems } = options;
  if (options.platform === 'win32') {
    const entry = { path: options.execPath, args: options.args };
    return {
      isEnabled: async () => loginItems.getLoginItemSettings(entry).openAtLogin,
      setEnabled: async (enabled) => loginItems.setLoginItemSettings({ openAtLogin: enabled, ...entry }),
      openedAtLogin: () => false,
    };
  }
  if (options.platform === 'darwin') {
    return {
      isEnabled: async () => loginItems.getLoginItemSettings().openAtLogin,
      setEnabled: async (enabled) => loginItems.setLoginItemSettings({ openAtLogin: enabled }),
      openedAtLogin: () => loginItems.getLoginItemSettings().wasOpenedAtLogin,
    };
  }
  return {
    openedAtLogin: () => false,
    async isEnabled() {
      try {
        const text = await readFile(file, 'utf8');
        return !/^X-GNOME-Autostart-enabled=false$/m.test(text) && !/^Hidden=true$/m.test(text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
    async setEnabled(enabled) {
      if (!enabled) return rm(file, { force: true });
      await mkdir(options.autostartDir, { recursive: true });
      await writeFile(file, desktopEntry(options), { encoding: 'utf8', mode: 0o644 });
      return undefined;
    },
  };
}
