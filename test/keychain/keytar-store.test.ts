import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../main/secrets/keytar-store.js';
import { ADMIN_KEY_ACCOUNT } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { startTestServer } from '../support/test-server.js';
import { requireKeyringSession } from './session-guard.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const TEST_ACCOUNT = 'attune-ops-keychain-test';
let fake: FakeAdminApi;

beforeAll(async () => {
  const start = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
  fake = await startFakeAdminApi({ rows: buildCostRows({ start, days: 32, perDay: 2 }) });
});
afterAll(async () => {
  await fake?.close();
  await removeTempDirs();
});

describe('keytar secret store against a real GNOME keyring', () => {
  it('sets, reads, replaces and deletes a secret', async () => {
    requireKeyringSession();
    const store = createKeytarSecretStore();
    await store.delete(TEST_ACCOUNT);
    expect(await store.get(TEST_ACCOUNT)).toBeNull();
    await store.set(TEST_ACCOUNT, 'sk-ant-admin01-first-value-0000');
    expect(await store.get(TEST_ACCOUNT)).toBe('sk-ant-admin01-first-value-0000');
    await store.set(TEST_ACCOUNT, 'sk-ant-admin01-second-value-1111');
    expect(await createKeytarSecretStore().get(TEST_ACCOUNT)).toBe('sk-ant-admin01-second-value-1111');
    expect(await store.delete(TEST_ACCOUNT)).toBe(true);
    expect(await store.get(TEST_ACCOUNT)).toBeNull();
    expect(await store.delete(TEST_ACCOUNT)).toBe(false);
  });

  it('PUT/GET/DELETE /api/costs/key store the key in the keychain, and a restart reads it back', async () => {
    requireKeyringSession();
    const home = await tempDir('attune-keychain-home-');
    const deps = { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url }, secretStore: createKeytarSecretStore() };
    const server = await startTestServer({ home, deps });
    try {
      const put = await server.api('/api/costs/key', { method: 'PUT', json: { key: fake.key } });
      expect(await put.json()).toEqual({ configured: true, source: 'keychain', last4: fake.key.slice(-4) });
      expect(await createKeytarSecretStore().get(ADMIN_KEY_ACCOUNT)).toBe(fake.key);
    } finally {
      await server.close();
    }
    const restarted = await startTestServer({ home, deps: { ...deps, secretStore: createKeytarSecretStore() } });
    try {
      expect(await (await restarted.api('/api/costs/key')).json()).toEqual({
        configured: true,
        source: 'keychain',
        last4: fake.key.slice(-4),
      });
      const costs = (await (await restarted.api('/api/costs?refresh=1')).json()) as {
        error: unknown;
        summary: { source: string };
      };
      expect(costs.error).toBeNull();
      expect(costs.summary.source).toBe('live');
      const removed = await restarted.api('/api/costs/key', { method: 'DELETE' });
      expect(await removed.json()).toEqual({ configured: false, source: null, last4: null });
      expect(await createKeytarSecretStore().get(ADMIN_KEY_ACCOUNT)).toBeNull();
      expect(restarted.logs.text()).not.toContain(fake.key);
    } finally {
      await restarted.close();
    }
  });

  it('is unavailable, with a reason, in a process that has no D-Bus session', async () => {
    requireKeyringSession();
    const dir = join(ROOT, 'test-artifacts', `keychain-child-${process.pid}`);
    await mkdir(dir, { recursive: true });
    try {
      for (const name of ['secret-store', 'keytar-store']) {
        const source = await readFile(join(ROOT, 'main', 'secrets', `${name}.ts`), 'utf8');
        const { outputText } = ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        });
        await writeFile(join(dir, `${name}.js`), outputText);
      }
      await writeFile(join(dir, 'package.json'), '{"type":"module"}\n');
      await writeFile(
        join(dir, 'child.js'),
        `import { createKeytarSecretStore } from './keytar-store.js';
const store = createKeytarSecretStore();
try { const value = await store.get('${ADMIN_KEY_ACCOUNT}'); console.log(JSON.stringify({ kind: 'ok', value })); }
catch (error) { console.log(JSON.stringify({ kind: error.name, reason: error.reason })); }
process.exit(0);
`,
      );
      const freshHome = await tempDir('attune-no-dbus-');
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: freshHome,
        XDG_RUNTIME_DIR: freshHome,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(freshHome, 'no-bus')}`,
      };
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [join(dir, 'child.js')], { env, cwd: dir });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.on('error', reject);
        child.on('exit', () => resolve(text));
      });
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { kind: string; reason?: string };
      expect(result.kind).toBe('SecretStoreUnavailableError');
      expect(result.reason).toMatch(/\S{4,}/);
      console.info(`keychain unavailable without D-Bus: ${result.reason}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
