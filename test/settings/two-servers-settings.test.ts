/**
 * Two real servers on one attune home: a settings change made through one is not undone
 * by a later change made through the other (a write re-reads the file and writes only its
 * own keys over it), and each server sees the other's change without a restart (a read
 * notices that the file changed, at most RECHECK_MS late).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../main/settings/schema.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  const home = await tempDir('attune-two-servers-');
  a = await startTestServer({ home, checked: true });
  b = await startTestServer({ home, config: { allowRun: true }, checked: true });
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await removeTempDirs();
});

const settingsOf = async (server: TestServer): Promise<Settings> =>
  ((await (await server.api('/api/settings')).json()) as { settings: Settings }).settings;

async function eventually(server: TestServer, check: (settings: Settings) => boolean): Promise<Settings> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const settings = await settingsOf(server);
    if (check(settings) || Date.now() > deadline) return settings;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two servers on one home', () => {
  it('keep each other’s changes and see them without a restart', async () => {
    // Both have read the (empty) settings before either writes.
    expect((await settingsOf(a)).theme).toBe('system');
    expect((await settingsOf(b)).maxConcurrentRuns).toBe(1);

    expect((await a.api('/api/settings', { method: 'PUT', json: { theme: 'dark' } })).status).toBe(200);
    expect((await b.api('/api/settings', { method: 'PUT', json: { maxConcurrentRuns: 3 } })).status).toBe(200);

    const saved = JSON.parse(await readFile(join(a.home, 'ops', 'config.json'), 'utf8')) as {
      settings: Record<string, unknown>;
    };
    expect(saved.settings).toEqual({ theme: 'dark', maxConcurrentRuns: 3 });
    // B wrote after A without undoing A's theme, and knows it.
    expect((await settingsOf(b)).theme).toBe('dark');
    expect(await eventually(a, (s) => s.maxConcurrentRuns === 3)).toMatchObject({
      theme: 'dark',
      maxConcurrentRuns: 3,
    });
  });

  it('drops a launch override when the other server changes that setting', async () => {
    expect((await settingsOf(b)).allowRun).toBe(true); // B started with --allow-run
    expect((await a.api('/api/settings', { method: 'PUT', json: { allowRun: false } })).status).toBe(200);
    expect((await eventually(b, (s) => s.allowRun === false)).allowRun).toBe(false);
  });

  it('notifies listeners of a change made by the other server', async () => {
    const seen: string[][] = [];
    const off = a.services.settings.onChange((_settings, changed) => seen.push(changed));
    expect((await b.api('/api/settings', { method: 'PUT', json: { costRefreshMinutes: 7 } })).status).toBe(200);
    await eventually(a, (s) => s.costRefreshMinutes === 7);
    off();
    expect(seen).toContainEqual(['costRefreshMinutes']);
  });
});
