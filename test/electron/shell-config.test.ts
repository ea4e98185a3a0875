import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLaunch } from '../../main/index.js';
import { loadShellConfig, parseShellArgs } from '../../electron/shell-config.js';
import { tempDir, removeTempDirs } from '../support/temp.js';

afterAll(removeTempDirs);

describe('desktop launch config', () => {
  it('reads its own flags and skips the switches Electron and the OS add', () => {
    expect(
      parseShellArgs(['--no-sandbox', '--project-root', '/p', '--port=0', '-psn_0_123', '--allow-run', '--hidden']),
    ).toEqual({ projectRoot: '/p', port: 0, allowRun: true, hidden: true });
    expect(() => parseShellArgs(['--port', 'eighty'])).toThrow('--port needs a number');
  });

  it("command line beats the saved project, which beats the home folder; the file is the store's own format", async () => {
    const home = await tempDir('attune-shell-cfg-');
    const saved = await tempDir('attune-shell-project-');
    const cli = await tempDir('attune-shell-cli-');
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(
      join(home, 'ops', 'config.json'),
      JSON.stringify({ version: 1, settings: { desktopProjectRoot: saved, allowRun: true } }),
    );
    const load = async (argv: string[]) => {
      const loaded = await loadShellConfig({ argv, env: { ATTUNE_HOME: home }, home, loadLaunch });
      if (loaded.kind !== 'ok') throw new Error(loaded.message);
      return loaded;
    };
    const fromSettings = await load([]);
    expect(fromSettings.config).toMatchObject({ projectRoot: saved, port: 8765 });
    expect(fromSettings.settingsRead).toMatchObject({ kind: 'ok', settings: { allowRun: true } });
    expect(fromSettings.warnings).toEqual([]);
    const fromCli = await load(['--project-root', cli, '--port', '0', '--allow-run']);
    expect(fromCli.config).toMatchObject({ projectRoot: cli, port: 0, launchOverrides: { allowRun: true } });
  });

  it('a saved project that is gone falls back to the home folder with a warning', async () => {
    const home = await tempDir('attune-shell-cfg-');
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(
      join(home, 'ops', 'config.json'),
      JSON.stringify({ version: 1, settings: { desktopProjectRoot: join(home, 'gone') } }),
    );
    const loaded = await loadShellConfig({ argv: [], env: { ATTUNE_HOME: home }, home, loadLaunch });
    expect(loaded).toMatchObject({ kind: 'ok', config: { projectRoot: home } });
    expect(loaded.kind === 'ok' && loaded.warnings.join(' ')).toMatch(
      /saved project could not be opened.*does not exist/,
    );
  });

  it('falls back to defaults with a reason when the settings file is not JSON', async () => {
    const home = await tempDir('attune-shell-cfg-');
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(join(home, 'ops', 'config.json'), '{oops');
    const loaded = await loadShellConfig({ argv: [], env: { ATTUNE_HOME: home }, home, loadLaunch });
    expect(loaded).toMatchObject({ kind: 'ok', config: { projectRoot: home, port: 8765 } });
    expect(loaded.kind === 'ok' && loaded.warnings.join(' ')).toMatch(/not valid JSON|JSON/);
  });

  it('says what the launch opened: the project, or the welcome screen and why', async () => {
    const home = await tempDir('attune-shell-cfg-');
    const project = await tempDir('attune-shell-project-');
    await mkdir(join(home, 'ops'), { recursive: true });
    const saveAndLoad = async (desktopProjectRoot: string | null, argv: string[] = [], env = {}) => {
      await writeFile(
        join(home, 'ops', 'config.json'),
        JSON.stringify({ version: 1, settings: { desktopProjectRoot } }),
      );
      const loaded = await loadShellConfig({ argv, env: { ATTUNE_HOME: home, ...env }, home, loadLaunch });
      if (loaded.kind !== 'ok') throw new Error(loaded.message);
      return loaded.project;
    };
    expect(await saveAndLoad(null)).toEqual({ kind: 'welcome', why: 'first', savedRoot: null });
    expect(await saveAndLoad(null, [], { ATTUNE_PROJECT_ROOT: project })).toEqual({ kind: 'project', root: project });
    expect(await saveAndLoad(project)).toEqual({ kind: 'project', root: project });
    expect(await saveAndLoad(join(home, 'gone'))).toEqual({
      kind: 'welcome',
      why: 'missing',
      savedRoot: join(home, 'gone'),
    });
    await writeFile(join(home, 'a-file'), 'x');
    expect(await saveAndLoad(join(home, 'a-file'))).toMatchObject({ kind: 'welcome', why: 'not-a-folder' });
    expect(await saveAndLoad(join(home, 'gone'), ['--project-root', project])).toEqual({
      kind: 'project',
      root: project,
    });
  });
});
