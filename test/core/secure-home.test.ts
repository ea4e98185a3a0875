/**
 * secureHome and a real server start: loose modes left by older versions (0644 logs,
 * 0755 folders) under `<home>/ops` are tightened to 0600/0700, the home itself becomes
 * 0700, symlinks and other tools' folders are left alone, and after a start nothing under
 * `<home>/ops` is readable by others.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secureHome } from '../../main/core/secure-home.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';

afterAll(removeTempDirs);

const mode = (path: string) => statSync(path).mode & 0o777;

async function looseHome(): Promise<{ home: string; outside: string }> {
  const home = await tempDir('attune-home-');
  const outside = join(await tempDir(), 'target.txt');
  writeFileSync(outside, 'not ours');
  chmodSync(outside, 0o644);
  mkdirSync(join(home, 'ops', 'runs', '2026-11'), { recursive: true, mode: 0o755 });
  mkdirSync(join(home, 'ops', 'logs'), { recursive: true, mode: 0o755 });
  mkdirSync(join(home, 'telemetry'), { mode: 0o755 });
  writeFileSync(join(home, 'ops', 'runs', '2026-11', 'r1.log'), 'out\n', { mode: 0o644 });
  writeFileSync(join(home, 'ops', 'logs', 'ops.log'), '{}\n', { mode: 0o644 });
  writeFileSync(join(home, 'telemetry', 'usage.jsonl'), '', { mode: 0o644 });
  symlinkSync(outside, join(home, 'ops', 'link.txt'));
  for (const dir of [home, join(home, 'ops'), join(home, 'ops', 'runs'), join(home, 'ops', 'runs', '2026-11')])
    chmodSync(dir, 0o755);
  return { home, outside };
}

function everyModeUnder(dir: string): Array<[string, number]> {
  const found: Array<[string, number]> = [[dir, mode(dir)]];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (stats.isDirectory()) found.push(...everyModeUnder(path));
    else if (stats.isFile()) found.push([path, stats.mode & 0o777]);
  }
  return found;
}

describe('secureHome', () => {
  it('tightens the home and everything under ops, and leaves links and other folders alone', async () => {
    const { home, outside } = await looseHome();
    const report = await secureHome(home);
    expect(report.problems).toEqual([]);
    expect(mode(home)).toBe(0o700);
    expect(mode(join(home, 'ops', 'runs', '2026-11'))).toBe(0o700);
    expect(mode(join(home, 'ops', 'runs', '2026-11', 'r1.log'))).toBe(0o600);
    expect(mode(join(home, 'ops', 'logs', 'ops.log'))).toBe(0o600);
    expect(mode(outside)).toBe(0o644);
    expect(mode(join(home, 'telemetry'))).toBe(0o755);
    expect(report.tightened).toContain(join(home, 'ops', 'runs', '2026-11', 'r1.log'));
    expect((await secureHome(home)).tightened).toEqual([]);
  });

  it('does nothing for a home that does not exist yet', async () => {
    const home = join(await tempDir(), 'not-yet');
    expect(await secureHome(home)).toEqual({ tightened: [], problems: [] });
  });
});

describe('a server start', () => {
  it('leaves nothing under <home>/ops readable by others', async () => {
    const { home } = await looseHome();
    const server = await startTestServer({ home, checked: true });
    try {
      const response = await server.api('/api/settings', { method: 'PUT', json: { refreshMinutes: 10 } });
      expect(response.status).toBeLessThan(500);
      const loose = everyModeUnder(join(home, 'ops')).filter(([, m]) => (m & 0o077) !== 0);
      expect(loose).toEqual([]);
      expect(mode(home)).toBe(0o700);
    } finally {
      await server.close();
    }
  });
});
