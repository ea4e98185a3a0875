import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectElectronRuntime, findConsoleUrl, headlessNotice, launchPlan } from '../../electron/electron-runtime.js';
import { tempDir, removeTempDirs } from '../support/temp.js';

afterAll(removeTempDirs);

async function electronDir(files: Record<string, string>) {
  const dir = join(await tempDir('attune-electron-pkg-'), 'node_modules', 'electron');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const probe = (dir: string, env: Record<string, string> = {}) =>
  detectElectronRuntime({ electronDir: dir, env, exists: existsSync, readText: (p) => readFileSync(p, 'utf8') });

describe('Electron runtime detection (npm start)', () => {
  it('reports missing when the package was installed but the runtime never downloaded (this machine)', async () => {
    const dir = await electronDir({ 'package.json': '{}' });
    expect(probe(dir)).toEqual({ kind: 'missing', reason: expect.stringContaining('path.txt is absent') });
  });

  it('reports missing when path.txt names an executable that is not there', async () => {
    const dir = await electronDir({ 'package.json': '{}', 'path.txt': 'electron' });
    expect(probe(dir)).toMatchObject({ kind: 'missing', reason: expect.stringContaining('incomplete') });
  });

  it('finds an installed runtime, and one given by ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dir = await electronDir({ 'package.json': '{}', 'path.txt': 'electron\n', 'dist/electron': '#!' });
    expect(probe(dir)).toEqual({ kind: 'installed', executable: join(dir, 'dist', 'electron') });
    const override = await tempDir('attune-electron-override-');
    await writeFile(join(override, 'electron'), '#!');
    expect(probe(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({
      kind: 'installed',
      executable: join(override, 'electron'),
    });
    expect(probe(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(override, 'nope') }).kind).toBe('missing');
  });

  it('reports missing without the electron package at all', async () => {
    expect(probe(join(await tempDir(), 'none')).kind).toBe('missing');
  });

  it('sees the real state of this checkout without downloading anything', () => {
    const dir = join(process.cwd(), 'node_modules', 'electron');
    const before = existsSync(join(dir, 'dist'));
    probe(dir);
    expect(existsSync(join(dir, 'dist'))).toBe(before);
  });

  it('plans the desktop launch or the headless server, passing arguments through', () => {
    expect(
      launchPlan(
        { kind: 'installed', executable: '/e/electron' },
        { root: '/r', nodePath: '/node', args: ['--port', '0'] },
      ),
    ).toEqual({ kind: 'desktop', command: '/e/electron', args: ['/r', '--port', '0'] });
    expect(
      launchPlan({ kind: 'missing', reason: 'why' }, { root: '/r', nodePath: '/node', args: ['--allow-run'] }),
    ).toEqual({
      kind: 'headless',
      command: '/node',
      args: ['/r/bin/attune-ops.js', 'serve', '--allow-run'],
      reason: 'why',
    });
  });

  it('finds the console URL in the server banner and words the one-line notice', () => {
    const url = findConsoleUrl(
      'starting…\nAttune Ops console: http://127.0.0.1:8765/?token=abc-DEF_1\n  project root: /x',
    );
    expect(url).toBe('http://127.0.0.1:8765/?token=abc-DEF_1');
    expect(findConsoleUrl('no url yet http://127.0.0.1:8765/api')).toBeNull();
    const line = headlessNotice('path.txt is absent', url!);
    expect(line).toMatch(
      /desktop runtime is missing.*`node node_modules\/electron\/install\.js`.*headless.*open http:\/\/127\.0\.0\.1:8765\/\?token=abc-DEF_1 in your browser\.$/,
    );
    expect(line).not.toContain('\n');
  });
});
