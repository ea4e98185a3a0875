import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../electron/app-identity.js';

const require = createRequire(import.meta.url);
const config = require('../../build/electron-builder.config.cjs') as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
};
const pkg = require('../../package.json') as { main: string; author?: { email?: string }; homepage?: string };

type Matcher = (path: string, pattern: string, options?: object) => boolean;
const minimatchModule = require('minimatch') as Matcher & { minimatch?: Matcher };
const minimatch: Matcher = minimatchModule.minimatch ?? minimatchModule;
const included = (path: string) => {
  const positive = config.files.filter((p) => !p.startsWith('!'));
  const negative = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return (
    positive.some((p) => minimatch(path, p, { dot: true })) && !negative.some((p) => minimatch(path, p, { dot: true }))
  );
};

describe('electron-builder config', () => {
  it('packages the built renderer, the compiled core and the compiled shell with its preload', () => {
    for (const path of [
      'package.json',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc.js',
      'dist/main/index.js',
      'dist/main/server/start-server.js',
      pkg.main,
      'dist/electron/preload.cjs',
      'electron/assets/tray/okTemplate@2x.png',
      'electron/assets/tray/error.ico',
    ]) {
      expect(included(path), path).toBe(true);
    }
    for (const path of ['electron/main.ts', 'dist/electron/main.js.map', 'test/electron/fakes.ts', 'bench/run.mjs']) {
      expect(included(path), path).toBe(false);
    }
  });

  it('unpacks native .node files (keytar) from the asar', () => {
    expect(
      config.asarUnpack.some((p) => minimatch('node_modules/keytar/build/Release/keytar.node', p, { matchBase: true })),
    ).toBe(true);
  });

  it('names the app and targets every platform as the issue asks', () => {
    expect(config).toMatchObject({
      appId: APP_ID,
      productName: PRODUCT_NAME,
      directories: { buildResources: 'build', output: 'release' },
      mac: { target: ['dmg', 'zip'] },
      win: { target: ['nsis'] },
      linux: { target: ['deb', 'AppImage'], category: 'Development', syncDesktopName: true },
      extraMetadata: { desktopName: `${APP_ID}.desktop` },
      toolsets: { appimage: '1.0.2' },
    });
    expect(pkg.author?.email).toMatch(/@/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(existsSync(new URL('../../build/icon.png', import.meta.url))).toBe(true);
  });

  it("adds to electron-builder's default .deb dependencies instead of replacing them", () => {
    // A custom `depends` replaces the defaults (app-builder-lib's FpmTarget), so each must be listed.
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as {
      default: { prototype: { getDefaultDepends(target: string): string[] } };
    };
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults).toContain('xdg-utils');
    const depends = (config.deb as { depends: string[] }).depends;
    expect(defaults.filter((name) => !depends.includes(name))).toEqual([]);
    expect(depends).toContain('libsecret-1-0');
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, l: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
