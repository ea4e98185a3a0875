/**
 * The user's login-shell environment for GUI launches. Started from Finder, the Dock or
 * at login (macOS), or from a Linux desktop session's launcher, the app gets the session
 * manager's minimal PATH, so workflows cannot find `node`, `git` or `gh`. The shell asks
 * `$SHELL -ilc` once (bounded in time) and takes PATH and the locale from it. When that
 * cannot be read, PATH gets the usual tool folders appended, and the reason is returned
 * for the log. Launched from a terminal, nothing changes.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export type LoginEnvOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'applied'; shell: string; keys: string[] }
  | { kind: 'fallback'; reason: string; path: string };

const MARK = '__ATTUNE_LOGIN_ENV__';
const TAKEN = /^(PATH|LANG|LC_[A-Z]+)$/;

export interface LoginEnvOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  fromTerminal: boolean;
  timeoutMs?: number;
}

export function isGuiLaunch(options: LoginEnvOptions): boolean {
  if (options.fromTerminal || options.env.TERM_PROGRAM || options.env.TERM) return false;
  if (options.platform === 'darwin') return true;
  return options.platform === 'linux' && Boolean(options.env.XDG_CURRENT_DESKTOP || options.env.DESKTOP_SESSION);
}

function readShell(shell: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    execFile(
      shell,
      ['-ilc', `printf '%s' '${MARK}'; command env -0`],
      { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout) => {
        if (error) return reject(error);
        const at = stdout.indexOf(MARK);
        if (at < 0) return reject(new Error('the shell printed no environment'));
        const pairs = stdout.slice(at + MARK.length).split('\0');
        const out: Record<string, string> = {};
        for (const pair of pairs) {
          const eq = pair.indexOf('=');
          if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        return resolve(out);
      },
    );
  });
}

/** Updates `options.env` in place (it is the process's environment in the app). */
export async function applyLoginShellEnv(options: LoginEnvOptions): Promise<LoginEnvOutcome> {
  if (!isGuiLaunch(options)) return { kind: 'skipped', reason: 'started from a terminal or outside a desktop session' };
  const shell = options.env.SHELL || (options.platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  try {
    const read = await readShell(shell, options.env, options.timeoutMs ?? 5000);
    if (!read.PATH) throw new Error('the login shell has no PATH');
    const keys = Object.keys(read).filter((key) => TAKEN.test(key));
    for (const key of keys) options.env[key] = read[key];
    return { kind: 'applied', shell, keys };
  } catch (error) {
    const extra = ['/opt/homebrew/bin', '/usr/local/bin', join(options.home, '.local', 'bin'), '/usr/bin', '/bin'];
    const parts = (options.env.PATH ?? '').split(':').filter(Boolean);
    const path = [...new Set([...parts, ...extra])].join(':');
    options.env.PATH = path;
    const reason = `could not read the login shell's environment from ${shell} (${(error as Error).message}); added the usual tool folders to PATH`;
    return { kind: 'fallback', reason, path };
  }
}
