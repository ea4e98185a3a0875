/**
 * The desktop app run as Electron runs it: the compiled composition root (package.json
 * `main`) in plain Node against the stand-in Electron, with each window a real headless
 * Chromium page, once per platform branch. Needs `npm run build` (npm test builds first).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { launchDesktop, type Desktop, type LaunchOptions, type MenuView } from './harness.js';

const root = new URL('../..', import.meta.url).pathname;
const launched: Desktop[] = [];
afterAll(async () => {
  for (const desktop of launched) desktop.kill();
  await removeTempDirs();
});

async function setup() {
  const base = await tempDir('attune-standin-');
  const project = join(base, 'project');
  cpSync(join(root, 'test', 'fixtures', 'demo-project'), project, { recursive: true });
  const home = join(base, 'home');
  const stateDir = join(base, 'state');
  mkdirSync(home);
  mkdirSync(stateDir);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ATTUNE_HOME: join(home, '.attune'),
    XDG_CONFIG_HOME: join(home, '.config'),
    CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
  return { base, project, home, stateDir, env };
}

function start(options: Omit<LaunchOptions, 'appPath'> & { appPath?: string }): Desktop {
  const desktop = launchDesktop({ appPath: root, ...options });
  launched.push(desktop);
  return desktop;
}

const CONSOLE_PAINTED = `document.querySelector('header') !== null`;

function labels(menu: MenuView[] | undefined): string[] {
  return (menu ?? []).map((item) => item.label);
}

function runRecord(attuneHome: string): Array<{ status?: string }> {
  const dir = join(attuneHome, 'ops', 'runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { status?: string });
}

describe.each(['linux', 'win32', 'darwin'] as const)('desktop app on %s (stand-in Electron)', (platform) => {
  it('loads the console with the token only in an HttpOnly Strict cookie', { timeout: 90_000 }, async () => {
    const { project, stateDir, env } = await setup();
    const desktop = start({ platform, stateDir, env, args: ['--project-root', project, '--allow-run', '--port', '0'] });
    const state = await desktop.waitFor(CONSOLE_PAINTED);
    expect(state.name).toBe('Attune Ops');
    const [window] = state.windows;
    expect(window?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(window?.url).not.toContain('token');
    const cookie = state.cookies.find((c) => c.name.startsWith('attune_ops_session_'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await desktop.evaluate('document.cookie')).toBe('');
    expect(await desktop.evaluate('Object.keys(window.attuneDesktop).sort()')).toEqual([
      'appVersion',
      'isDesktop',
      'onTrayCommand',
      'openExternal',
    ]);
    expect(state.records.documentHeaders?.['Content-Security-Policy']).toContain("default-src 'self'");
    expect(labels(state.tray?.menu)).toContain('Open console');
    const quitAt = Date.now();
    await desktop.send('quit');
    const exit = await desktop.exited;
    expect(exit.code).toBe(0);
    console.log(`[${platform}] quit took ${Date.now() - quitAt} ms; events ${exit.state?.records.events.join(' ')}`);
  });
});
