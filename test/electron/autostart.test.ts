import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAutostart, desktopEntry, linuxAutostartDir, quoteExecArg } from '../../electron/autostart.js';
import { tempDir, removeTempDirs } from '../support/temp.js';
import { LoginItems } from '../electron-standin/login-items.js';

afterAll(removeTempDirs);

const loginItems = () => new LoginItems('linux', '/nonexistent');

describe('start at login on Linux (XDG autostart)', () => {
  it('writes, detects and removes ~/.config/autostart/<appId>.desktop', async () => {
    const dir = join(await tempDir('attune-autostart-'), 'autostart');
    const autostart = createAutostart({
      platform: 'linux',
      appId: 'dev.attune.ops',
      productName: 'Attune Ops',
      execPath: '/opt/Attune Ops/attune-ops',
      args: ['--hidden'],
      autostartDir: dir,
      loginItems: loginItems(),
    });
    expect(await autostart.isEnabled()).toBe(false);
    await autostart.setEnabled(true);
    const file = join(dir, 'dev.attune.ops.desktop');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application');
    expect(text).toContain('Exec="/opt/Attune Ops/attune-ops" --hidden\n');
    expect(text).toContain('Name=Attune Ops');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await autostart.isEnabled()).toBe(true);
    await autostart.setEnabled(false);
    expect(await autostart.isEnabled()).toBe(false);
    await expect(autostart.setEnabled(false)).resolves.toBeUndefined();
  });

  it('treats an entry the user disabled in their session settings as off', async () => {
    const dir = await tempDir('attune-autostart-');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'dev.attune.ops.desktop'), '[Desktop Entry]\nExec=x\nX-GNOME-Autostart-enabled=false\n');
    const autostart = createAutostart({
      platform: 'linux',
      appId: 'dev.attune.ops',
      productName: 'Attune Ops',
      execPath: 'x',
      args: [],
      autostartDir: dir,
      loginItems: loginItems(),
    });
    expect(await autostart.isEnabled()).toBe(false);
  });

  it('finds the folder from XDG_CONFIG_HOME or ~/.config, and quotes Exec per the spec', () => {
    expect(linuxAutostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/autostart');
    expect(linuxAutostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart');
    expect(linuxAutostartDir({}, '/home/u')).toBe('/home/u/.config/autostart');
    expect(quoteExecArg('/usr/bin/app')).toBe('/usr/bin/app');
    expect(quoteExecArg('a "b" $c `d` \\e')).toBe('"a \\"b\\" \\$c \\`d\\` \\\\e"');
    expect(desktopEntry({ productName: 'P', execPath: '/x', args: [] })).toMatch(/^Exec=\/x$/m);
  });
});

describe('start at login on macOS and Windows (Electron 45 login-item rules, persisted across a restart)', () => {
  const create = (platform: 'darwin' | 'win32', stateDir: string) =>
    createAutostart({
      platform,
      appId: 'dev.attune.ops',
      productName: 'Attune Ops',
      execPath: 'C:\\Program Files\\Attune Ops\\Attune Ops.exe',
      args: ['--hidden'],
      autostartDir: '/nonexistent',
      loginItems: new LoginItems(platform, stateDir),
    });

  it.each(['darwin', 'win32'] as const)('reads back as set after a restart on %s', async (platform) => {
    const stateDir = await tempDir();
    await create(platform, stateDir).setEnabled(true);
    expect(await create(platform, stateDir).isEnabled()).toBe(true);
    await create(platform, stateDir).setEnabled(false);
    expect(await create(platform, stateDir).isEnabled()).toBe(false);
  });

  it('tells a macOS login start by wasOpenedAtLogin (there is no --hidden argument there)', async () => {
    const stateDir = await tempDir();
    vi.stubEnv('STANDIN_OPENED_AT_LOGIN', '1');
    expect(create('darwin', stateDir).openedAtLogin()).toBe(true);
    vi.unstubAllEnvs();
    expect(create('darwin', stateDir).openedAtLogin()).toBe(false);
    expect(create('win32', stateDir).openedAtLogin()).toBe(false);
  });
});
