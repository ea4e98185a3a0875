import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildConfig } from '../../main/config/config.js';
import { readSettingsFile } from '../../main/settings/settings-file.js';
import { SettingsStore } from '../../main/settings/settings-store.js';
import { createLogger, memoryDestination } from '../../main/logging/logger.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

describe('buildConfig', () => {
  it('uses the documented defaults and derives paths from attuneHome', () => {
    const config = buildConfig({ cwd: '/proj', env: { ATTUNE_HOME: '/h' } });
    expect(config).toMatchObject({
      projectRoot: '/proj',
      attuneHome: '/h',
      host: '127.0.0.1',
      port: 8765,
      specsRoots: ['/proj/docs/specs'],
      trustedHosts: [],
      runsDir: '/h/ops/runs',
      telemetryPath: '/h/telemetry/usage.jsonl',
      settingsPath: '/h/ops/config.json',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config).not.toHaveProperty('allowRun');
    expect(config).not.toHaveProperty('specsCandidatesEnabled');
    expect(config.launchOverrides).toEqual({});
  });

  it('falls back to ~/.attune when ATTUNE_HOME is unset or blank, and reads PORT', () => {
    const config = buildConfig({ cwd: '/p', env: { ATTUNE_HOME: '  ', PORT: '9100' } });
    expect(config.attuneHome.endsWith('/.attune')).toBe(true);
    expect(config.port).toBe(9100);
    expect(buildConfig({ cwd: '/p', env: { PORT: 'abc' } }).port).toBe(8765);
  });

  it('keeps the settings given for this launch as overrides, and nothing else', () => {
    const flags = buildConfig({ cwd: '/p', env: {}, allowRun: false, runsRetentionDays: 0 });
    expect(flags.launchOverrides).toEqual({ allowRun: false, runsRetentionDays: 0 });
    expect(Object.isFrozen(flags.launchOverrides)).toBe(true);
  });

  it('resolves specs roots against the project root', () => {
    expect(buildConfig({ cwd: '/p', env: {}, specsRoots: ['specs', '/abs'] }).specsRoots).toEqual(['/p/specs', '/abs']);
  });
});

describe('settings file', () => {
  it('treats a missing file as empty', async () => {
    const dir = await tempDir();
    expect(await readSettingsFile(join(dir, 'ops', 'config.json'))).toEqual({
      kind: 'missing',
      settings: {},
      stamp: null,
    });
  });

  it.each([
    ['corrupt JSON', '{"version": 1, "settings": {'],
    ['wrong version', '{"version": 2, "settings": {"allowRun": true}}'],
    ['settings not an object', '{"version": 1, "settings": [1]}'],
    ['not an object', '[]'],
  ])('treats %s as empty with a warning', async (_name, text) => {
    const dir = await tempDir();
    const path = join(dir, 'config.json');
    await writeFile(path, text);
    const read = await readSettingsFile(path);
    expect(read.kind).toBe('invalid');
    expect(read.settings).toEqual({});
    expect(read.kind === 'invalid' && read.warning).toContain(path);
  });
});

async function storeIn(home: string, options: Parameters<typeof buildConfig>[0] = {}) {
  const logs = memoryDestination();
  const logger = createLogger({ redactor: new SecretRedactor(), destinations: [logs] });
  const config = buildConfig({ cwd: home, env: {}, attuneHome: home, ...options });
  return { store: await SettingsStore.load(config, logger), logs, path: config.settingsPath };
}

describe('SettingsStore', () => {
  it('starts from defaults, persists a patch in the original format and keeps unknown keys', async () => {
    const home = await tempDir();
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(
      join(home, 'ops', 'config.json'),
      JSON.stringify({ version: 1, settings: { zLegacy: 'keep me', theme: 'dark' } }),
    );
    const { store, path } = await storeIn(home);
    expect(store.get()).toMatchObject({
      allowRun: false,
      theme: 'dark',
      costRefreshMinutes: 5,
      monthlyBudgetUsd: null,
    });
    await store.update({ monthlyBudgetUsd: 250, allowRun: true });
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      '{\n  "settings": {\n    "allowRun": true,\n    "monthlyBudgetUsd": 250,\n    "theme": "dark",\n    "zLegacy": "keep me"\n  },\n  "version": 1\n}\n',
    );
  });

  it('logs a warning for a corrupt file and never throws', async () => {
    const home = await tempDir();
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(join(home, 'ops', 'config.json'), 'not json');
    const { store, logs } = await storeIn(home);
    expect(store.get().allowRun).toBe(false);
    expect(store.warning).toMatch(/not valid JSON/);
    expect(logs.text()).toMatch(/not valid JSON/);
  });

  it('ignores persisted values of the wrong type', async () => {
    const home = await tempDir();
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(
      join(home, 'ops', 'config.json'),
      JSON.stringify({ version: 1, settings: { allowRun: 'yes', runsRetentionDays: -3 } }),
    );
    const { store } = await storeIn(home);
    expect(store.get()).toMatchObject({ allowRun: false, runsRetentionDays: 30 });
  });

  it('lets a launch flag win until the user changes that setting', async () => {
    const home = await tempDir();
    await mkdir(join(home, 'ops'), { recursive: true });
    await writeFile(join(home, 'ops', 'config.json'), JSON.stringify({ version: 1, settings: { allowRun: false } }));
    const { store } = await storeIn(home, { allowRun: true });
    expect(store.get().allowRun).toBe(true);
    const seen: string[][] = [];
    store.onChange((_settings, changed) => seen.push(changed));
    await store.update({ allowRun: false });
    expect(store.get().allowRun).toBe(false);
    expect(seen).toEqual([['allowRun']]);
  });

  it('serialises concurrent updates so none is lost', async () => {
    const home = await tempDir();
    const { store, path } = await storeIn(home);
    await Promise.all([
      store.update({ theme: 'light' }),
      store.update({ maxConcurrentRuns: 3 }),
      store.setExtra('lastScopeByWorkflow', { lint: 'src' }),
    ]);
    const saved = JSON.parse(await readFile(path, 'utf8')) as { settings: Record<string, unknown> };
    expect(saved.settings).toEqual({ theme: 'light', maxConcurrentRuns: 3, lastScopeByWorkflow: { lint: 'src' } });
  });
});
