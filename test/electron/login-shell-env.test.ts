import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyLoginShellEnv, isGuiLaunch } from '../../electron/login-shell-env.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

/** A real login shell stand-in: prints rc-file noise, then runs the command like `sh -c`. */
async function fakeShell(body: string): Promise<string> {
  const dir = await tempDir();
  const path = join(dir, 'shell');
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('login-shell environment for GUI launches', () => {
  it('takes PATH and the locale from the login shell on a Finder / Dock / login start (macOS)', async () => {
    const shell = await fakeShell(
      `echo "welcome to zsh"; PATH=/opt/homebrew/bin:/Users/u/.nvm/bin:/usr/bin LANG=en_GB.UTF-8 SECRET=x exec /bin/sh -c "$2"`,
    );
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', SHELL: shell };
    const outcome = await applyLoginShellEnv({ platform: 'darwin', env, home: '/Users/u', fromTerminal: false });
    expect(outcome).toMatchObject({ kind: 'applied', shell });
    expect(env.PATH).toBe('/opt/homebrew/bin:/Users/u/.nvm/bin:/usr/bin');
    expect(env.LANG).toBe('en_GB.UTF-8');
    expect(env.SECRET).toBeUndefined();
  });

  it('falls back to the usual tool folders, with the reason, when the shell cannot answer', async () => {
    const shell = await fakeShell('exit 3');
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', SHELL: shell, XDG_CURRENT_DESKTOP: 'GNOME' };
    const outcome = await applyLoginShellEnv({ platform: 'linux', env, home: '/home/u', fromTerminal: false });
    expect(outcome.kind).toBe('fallback');
    expect(outcome.kind === 'fallback' && outcome.reason).toContain(shell);
    expect(env.PATH).toBe('/usr/bin:/bin:/opt/homebrew/bin:/usr/local/bin:/home/u/.local/bin');
  });

  it('leaves a terminal launch, and Windows, alone', () => {
    expect(isGuiLaunch({ platform: 'darwin', env: { TERM: 'xterm' }, home: '/', fromTerminal: false })).toBe(false);
    expect(isGuiLaunch({ platform: 'darwin', env: {}, home: '/', fromTerminal: true })).toBe(false);
    expect(isGuiLaunch({ platform: 'linux', env: {}, home: '/', fromTerminal: false })).toBe(false);
    expect(isGuiLaunch({ platform: 'win32', env: {}, home: '/', fromTerminal: false })).toBe(false);
  });
});
