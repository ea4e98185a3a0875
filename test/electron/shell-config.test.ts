import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../main/index.js';
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

  it('command line beats the settings file, which beats the defaults', async () => {
    const home = await tempDir('attune-shell-cfg-');
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(
      join(home, 'ops', 'config.json'),
      JSON.stringify({ desktopProjectRoot: '/from-settings', desktopPort: 9000, allowRun: true }),
    );
    const load = (argv: string[]) =>
      loadShellConfig({ argv, env: { ATTUNE_HOME: home }, home, buildConfig, readText: (p) => readFile(p, 'utf8') });
    const fromSettings = await load([]);
    expect(fromSettings.config).toMatchObject({ projectRoot: '/from-settings', port: 9000, allowRun: true });
    expect(fromSettings.settingsWarning).toBeNull();
    expect((await load(['--project-root', '/cli', '--port', '0'])).config).toMatchObject({
      projectRoot: '/cli',
      port: 0,
    });
  });

  it('falls back to defaults with a reason when the settings file is not JSON', async () => {
    const home = await tempDir('attune-shell-cfg-');
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(join(home, 'ops', 'config.json'), '{oops');
    const loaded = await loadShellConfig({
      argv: [],
      env: { ATTUNE_HOME: home },
      home,
      buildConfig,
      readText: (p) => readFile(p, 'utf8'),
    });
    expect(loaded.config).toMatchObject({ projectRoot: home, port: 8765, allowRun: false });
    expect(loaded.settingsWarning).toContain('is not valid JSON');
  });
});
