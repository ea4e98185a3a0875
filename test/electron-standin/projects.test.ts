/**
 * Projects in the desktop app, run as Electron runs it (compiled composition root, the
 * stand-in Electron, a real headless Chromium window), on Linux: a double-clicked first
 * launch shows the welcome screen; its "Open a project folder…" goes through the preload
 * to the native dialog in the main process and restarts the ops server on the folder;
 * the tray opens another one, asking first while a run is in progress (declined: nothing
 * changes; agreed: the run is recorded cancelled); the header's menu opens a recent one;
 * the next launch reopens the last project, and one that is gone says so on the welcome screen.
 */
import { cpSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Desktop, MenuView } from './harness.js';
import { REPO_ROOT, setupDesktop, startRun } from './scenario.js';

const NO_FLAGS = ['--allow-run', '--port', '0'];
const projectNameIs = (name: string) =>
  `document.querySelector('[data-testid=welcome]') === null && document.querySelector('[data-testid=project-name]')?.textContent === ${JSON.stringify(name)}`;

describe('projects in the desktop app', () => {
  it(
    'welcome screen, folder picker, tray and header switching, reopening, a gone project',
    { timeout: 180_000 },
    async () => {
      const setup = await setupDesktop('linux');
      const first = realpathSync(setup.project);
      const second = join(setup.home, 'second');
      cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo-project'), second, { recursive: true });
      const savedSettings = () =>
        (
          JSON.parse(readFileSync(join(setup.attuneHome, 'ops', 'config.json'), 'utf8')) as {
            settings: Record<string, unknown>;
          }
        ).settings;

      // First launch without --project-root: the welcome screen, not the home folder as a project.
      const desktop = setup.launch({}, NO_FLAGS);
      await desktop.waitFor(`document.querySelector('[data-testid=welcome]') !== null`);
      let state;
      expect(await desktop.evaluate('location.search')).toBe('?welcome=first');
      expect(await desktop.evaluate(`document.querySelector('[data-testid=welcome-why]').textContent`)).toMatch(
        /No project is open yet/,
      );
      expect(await desktop.evaluate('Object.keys(window.attuneDesktop).sort()')).toEqual([
        'appVersion',
        'isDesktop',
        'onTrayCommand',
        'openExternal',
        'openProject',
      ]);
      // The page cannot name a folder of its choosing: only the recent list's.
      expect(await desktop.evaluate(`window.attuneDesktop.openProject('/etc')`)).toEqual({
        kind: 'refused',
        reason: 'that folder is not in the recent projects list',
      });
      await until(desktop, (s) => item(s.tray?.menu, 'Open a project folder…') !== undefined);

      // "Open a project folder…" on the page: the dialog runs in the main process, the server restarts on it.
      await desktop.send('dialog-answer', { openFolder: setup.project });
      await desktop.evaluate(`document.querySelector('[data-testid=open-project]').click()`);
      state = await desktop.waitFor(projectNameIs('project'));
      expect(state.records.events).toContain('open-dialog:openDirectory,createDirectory');
      expect(savedSettings()).toMatchObject({ desktopProjectRoot: first, recentProjects: [first] });
      expect(await desktop.evaluate('document.cookie')).toBe('');
      await until(desktop, (s) => item(item(s.tray?.menu, 'Recent projects')?.submenu, first)?.checked === true);

      // The tray opens another folder while a run is in progress: declined first, then agreed.
      const runId = await startRun(desktop, 'long-build');
      await desktop.send('dialog-answer', { openFolder: second, messageBox: 1 });
      await desktop.send('tray-click', { path: ['Open a project folder…'] });
      await until(desktop, (s) => s.records.events.some((e) => e.startsWith('message-box:1 run is in progress')));
      expect(setup.runStatus(runId)).toBe('running');
      expect(await desktop.evaluate(`document.querySelector('[data-testid=project-name]').textContent`)).toBe(
        'project',
      );
      await desktop.send('dialog-answer', { openFolder: second, messageBox: 0 });
      await desktop.send('tray-click', { path: ['Open a project folder…'] });
      await desktop.waitFor(projectNameIs('second'));
      expect(setup.runStatus(runId)).toBe('cancelled');
      expect(savedSettings()).toMatchObject({ desktopProjectRoot: second, recentProjects: [second, first] });

      // The header's project menu opens a recent project (no run in progress: no question).
      await desktop.evaluate(`document.querySelector('[data-testid=project-switch]').click()`);
      await desktop.waitFor(`document.querySelector('[data-testid=project-menu]') !== null`);
      await desktop.evaluate(
        `[...document.querySelectorAll('[data-testid=project-menu] button')].find((b) => b.textContent === ${JSON.stringify(first)}).click()`,
      );
      state = await desktop.waitFor(projectNameIs('project'));
      expect(state.records.events.filter((e) => e.startsWith('message-box:'))).toHaveLength(2);
      // No project path on the renderer's command line.
      for (const window of state.windows) expect(window.additionalArguments.join(' ')).not.toContain(setup.home);
      await desktop.send('quit');
      expect((await desktop.exited).code).toBe(0);

      // The next double-click reopens the last project.
      const again = setup.launch({}, NO_FLAGS);
      await again.waitFor(projectNameIs('project'));
      expect(await again.evaluate('location.search')).toBe('');
      await again.send('quit');
      expect((await again.exited).code).toBe(0);

      // The saved project is gone: the welcome screen says so, with the path.
      rmSync(setup.project, { recursive: true, force: true });
      const gone = setup.launch({}, NO_FLAGS);
      await gone.waitFor(`document.querySelector('[data-testid=welcome]') !== null`);
      expect(await gone.evaluate('location.search')).toBe('?welcome=missing');
      expect(await gone.evaluate(`document.querySelector('[data-testid=welcome-why]').textContent`)).toBe(
        `${first} no longer exists — it was moved, renamed or deleted. Open it from its new place, or another project.`,
      );
      await gone.send('quit');
      expect((await gone.exited).code).toBe(0);
    },
  );
});

function item(menu: MenuView[] | undefined, label: string): MenuView | undefined {
  return menu?.find((entry) => entry.label === label);
}

async function until(desktop: Desktop, check: (state: Awaited<ReturnType<Desktop['state']>>) => boolean) {
  const deadline = Date.now() + 20_000;
  while (!check(await desktop.state())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in time: ${JSON.stringify((await desktop.state()).tray)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
