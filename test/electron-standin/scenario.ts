/**
 * Set-up for stand-in desktop tests: a throw-away HOME / attune home, a copy of the demo
 * project, a state folder for the stand-in (single-instance lock, login items), a launch
 * of the app folder with `--project-root --allow-run --port 0`, and run helpers that go
 * through the console page itself (its session cookie authenticates).
 */
import { cpSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { afterAll } from 'vitest';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { launchDesktop, type Desktop, type StandinState } from './harness.js';
import { REPO_ROOT } from './scenario-run.js';

export { REPO_ROOT, startRun } from './scenario-run.js';

export type Platform = 'linux' | 'win32' | 'darwin';

const launched: Desktop[] = [];
let browserServer: Promise<BrowserServer> | undefined;
afterAll(async () => {
  for (const desktop of launched) desktop.kill();
  await (await browserServer)?.close();
  await removeTempDirs();
});

/**
 * One headless Chromium per test file, launched here (the child plays another platform,
 * which Playwright's own launch code would take literally); each app gets its own context.
 */
function sharedBrowser(): Promise<BrowserServer> {
  browserServer ??= chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return browserServer;
}

export async function setupDesktop(platform: Platform, options: { appPath?: string; packaged?: boolean } = {}) {
  const base = await tempDir('attune-standin-');
  const project = join(base, 'project');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo-project'), project, { recursive: true });
  const home = join(base, 'home');
  const stateDir = join(base, 'state');
  mkdirSync(home);
  mkdirSync(stateDir);
  const attuneHome = join(home, '.attune');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ATTUNE_HOME: attuneHome,
    XDG_CONFIG_HOME: join(home, '.config'),
    STANDIN_BROWSER_WS: (await sharedBrowser()).wsEndpoint(),
  };
  return {
    project,
    home,
    attuneHome,
    launch(extraEnv: Record<string, string> = {}, args = ['--project-root', project, '--allow-run', '--port', '0']) {
      const desktop = launchDesktop({
        platform,
        appPath: options.appPath ?? REPO_ROOT,
        stateDir,
        env: { ...env, ...extraEnv },
        args,
        packaged: options.packaged ?? false,
      });
      launched.push(desktop);
      return desktop;
    },
    /** The status in the run's record on disk (what history shows after a restart). */
    runStatus(runId: string): string | undefined {
      const dir = join(attuneHome, 'ops', 'runs');
      const file = readdirSync(dir, { recursive: true })
        .map(String)
        .find((name) => name.endsWith(`${runId}.json`));
      return file ? (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { status?: string }).status : undefined;
    },
  };
}

/** Polls the stand-in's state until `check` holds. */
export async function waitForRun(desktop: Desktop, check: (state: StandinState) => boolean): Promise<StandinState> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await desktop.state();
    if (check(state)) return state;
    if (Date.now() > deadline) throw new Error(`not reached in 30 s: ${JSON.stringify(state.records.notifications)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
