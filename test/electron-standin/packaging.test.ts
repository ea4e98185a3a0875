/**
 * Packaging proven as far as a machine without Electron's runtime allows: electron-builder
 * `--dir` (Linux, this machine's arch) against a stand-in Electron distribution folder
 * (`electronDist`: an unpacked "Electron" of one script), keytar left as built for Node
 * (`npmRebuild=false`: rebuilding for Electron's ABI needs its headers from the network).
 * Then the app.asar: what the app needs is in it, tests, sources, maps and dev modules are
 * not, keytar.node is unpacked; the packaged package.json names the app for Linux; and the
 * stand-in harness runs the extracted package once, with app.isPackaged true.
 * Needs `npm run build` (npm test builds first).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { REPO_ROOT, setupDesktop } from './scenario.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
  extractAll(archive: string, dest: string): void;
};
const pkg = require('../../package.json') as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** An unpacked "Electron" as electron-builder copies it: the executable it renames, and its licence. */
function standinElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron: not runnable"\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  return dir;
}

describe('the packaged app', () => {
  it(
    'packs with electron-builder --dir and runs from its app.asar with app.isPackaged',
    { timeout: 180_000 },
    async () => {
      const base = await tempDir('attune-pack-');
      const out = join(base, 'release');
      const startedAt = Date.now();
      await promisify(execFile)(
        process.execPath,
        [
          join(REPO_ROOT, 'node_modules', 'electron-builder', 'cli.js'),
          '--dir',
          '--linux',
          `--${process.arch === 'arm64' ? 'arm64' : 'x64'}`,
          '--config',
          'build/electron-builder.config.cjs',
          `-c.electronDist=${standinElectronDist(join(base, 'electron-dist'))}`,
          '-c.npmRebuild=false',
          `-c.directories.output=${out}`,
          `-c.electronVersion=${require('electron/package.json').version}`,
        ],
        { cwd: REPO_ROOT, timeout: 150_000, env: { ...process.env, CI: '1' } },
      );
      console.log(`electron-builder --dir: ${Date.now() - startedAt} ms`);
      const resources = join(out, `linux-${process.arch === 'arm64' ? 'arm64-' : ''}unpacked`, 'resources');
      const archive = join(resources, 'app.asar');
      const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/^\//, '')));

      for (const needed of [
        'package.json',
        'dist/main/index.js',
        'dist/main/server/start-server.js',
        'dist/electron/main.js',
        'dist/electron/preload.cjs',
        'dist/renderer/index.html',
        'electron/assets/tray/ok.png',
        'electron/assets/tray/okTemplate@2x.png',
        'electron/assets/tray/error.ico',
      ])
        expect(files.has(needed), needed).toBe(true);
      for (const dependency of Object.keys(pkg.dependencies))
        expect(files.has(`node_modules/${dependency}/package.json`), dependency).toBe(true);
      for (const devOnly of ['electron', 'electron-builder', 'vitest', 'react', 'playwright-core', 'typescript'])
        expect(files.has(`node_modules/${devOnly}`), devOnly).toBe(false);
      const ours = [...files].filter((f) => !f.startsWith('node_modules/'));
      expect(ours.filter((f) => /\.(ts|tsx|cts|map)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
      expect(ours.filter((f) => /^(test|bench|renderer|main|scripts|\.ci)\//.test(f) || /(^|\/)\.env/.test(f))).toEqual(
        [],
      );
      expect([...files].filter((f) => f.endsWith('.map'))).toEqual([]);
      if (existsSync(join(REPO_ROOT, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node')))
        expect(
          existsSync(join(`${archive}.unpacked`, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node')),
        ).toBe(true);

      // The package.json the app reads at run time: its entry, and its Linux desktop identity.
      const app = join(base, 'app');
      asar.extractAll(archive, app);
      const packaged = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(packaged).toMatchObject({ main: 'dist/electron/main.js', desktopName: 'dev.attune.ops.desktop' });

      const setup = await setupDesktop('linux', { appPath: app, packaged: true });
      const desktop = setup.launch();
      const state = await desktop.waitFor(
        `document.querySelector('[data-testid=project-name]')?.textContent === 'project'`,
      );
      expect(state.name).toBe('Attune Ops');
      expect(await desktop.evaluate('Object.keys(window.attuneDesktop).length')).toBe(5);
      // Packaged, start at login launches the executable alone (no script path before --hidden).
      await desktop.send('tray-click', { path: ['Start at login'] });
      const autostart = join(setup.home, '.config', 'autostart', 'dev.attune.ops.desktop');
      await expect.poll(() => existsSync(autostart)).toBe(true);
      expect(readFileSync(autostart, 'utf8')).not.toContain('main.js');
      await desktop.send('quit');
      expect((await desktop.exited).code).toBe(0);
    },
  );
});
