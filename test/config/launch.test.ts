/**
 * loadLaunch (main/config/launch.ts): one read of the settings file gives the store its
 * initial state; launch flags win over persisted settings in the store, which is the one
 * source of `allowRun` and every other setting; the token's source.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLaunch, type Launch } from '../../main/config/launch.js';
import { SettingsStore } from '../../main/settings/settings-store.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

async function homeWith(settings: Record<string, unknown>): Promise<string> {
  const home = await tempDir('attune-launch-');
  await mkdir(join(home, 'ops'), { recursive: true });
  await writeFile(join(home, 'ops', 'config.json'), JSON.stringify({ version: 1, settings }));
  return home;
}

async function launched(input: Parameters<typeof loadLaunch>[0]): Promise<Launch> {
  const result = await loadLaunch(input);
  if (result.kind !== 'ok') throw new Error(`launch refused: ${result.message}`);
  return result.launch;
}

describe('loadLaunch', () => {
  it('reads the settings file once and hands the store that read: persisted < launch flag', async () => {
    const home = await homeWith({ allowRun: false, specsCandidatesEnabled: true, runsRetentionDays: 7 });
    const launch = await launched({ flags: { allowRun: true }, env: { ATTUNE_HOME: home }, cwd: home });
    expect(launch.settingsRead).toMatchObject({
      kind: 'ok',
      settings: { allowRun: false, specsCandidatesEnabled: true, runsRetentionDays: 7 },
    });
    expect(Object.isFrozen(launch)).toBe(true);
    // The file changes after the launch read: the store starts from the launch's read, not a second one.
    await writeFile(launch.config.settingsPath, JSON.stringify({ version: 1, settings: { theme: 'dark' } }));
    const store = SettingsStore.fromRead(launch.config, launch.settingsRead);
    expect(store.get()).toMatchObject({
      allowRun: true,
      specsCandidatesEnabled: true,
      runsRetentionDays: 7,
      theme: 'system',
    });
  });

  it('names where the token comes from: the environment, or none (random)', async () => {
    const home = await tempDir('attune-launch-');
    const env = { ATTUNE_HOME: home, ATTUNE_OPS_TOKEN: 'env-token-0123456789abcdef' };
    expect((await launched({ flags: {}, env, cwd: home })).token).toEqual({
      kind: 'env',
      token: 'env-token-0123456789abcdef',
    });
    expect((await launched({ flags: {}, env: { ATTUNE_HOME: home }, cwd: home })).token).toEqual({ kind: 'random' });
    expect((await launched({ flags: {}, env, cwd: home, serves: false })).token).toEqual({ kind: 'not_needed' });
  });

  it('refuses a token that is too short, with one line and exit 2', async () => {
    const home = await tempDir('attune-launch-');
    const result = await loadLaunch({ flags: {}, env: { ATTUNE_HOME: home, ATTUNE_OPS_TOKEN: 'short' }, cwd: home });
    expect(result).toEqual({ kind: 'invalid', message: expect.stringMatching(/16 to 512/), exitCode: 2 });
  });
});
