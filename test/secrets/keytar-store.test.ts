import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore, type KeytarLike } from '../../main/secrets/keytar-store.js';
import { SecretStoreUnavailableError } from '../../main/secrets/secret-store.js';
import { loadAdminKey } from '../../main/secrets/admin-key.js';

function fakeKeytar(overrides: Partial<KeytarLike> = {}): KeytarLike & { calls: string[] } {
  const entries = new Map<string, string>();
  const calls: string[] = [];
  return {
    calls,
    getPassword: async (service, account) => (calls.push(`get ${service}/${account}`), entries.get(account) ?? null),
    setPassword: async (service, account, password) =>
      void (calls.push(`set ${service}/${account}`), entries.set(account, password)),
    deletePassword: async (service, account) => (calls.push(`delete ${service}/${account}`), entries.delete(account)),
    findCredentials: async (service) => (
      calls.push(`find ${service}`),
      [...entries].map(([account, password]) => ({ account, password }))
    ),
    ...overrides,
  };
}

describe('keytar secret store (injected keytar)', () => {
  it('loads keytar only on first use, once, and uses the attune-ops service', async () => {
    let loads = 0;
    const keytar = fakeKeytar();
    const store = createKeytarSecretStore({ loadKeytar: async () => ((loads += 1), keytar) });
    expect(loads).toBe(0);
    await store.set('anthropic-admin-api-key', 'sk-ant-admin01-abcdefgh');
    expect(await store.get('anthropic-admin-api-key')).toBe('sk-ant-admin01-abcdefgh');
    expect(loads).toBe(1);
    expect(keytar.calls).toEqual(['set attune-ops/anthropic-admin-api-key', 'get attune-ops/anthropic-admin-api-key']);
  });

  it('turns a native module that fails to load into unavailable, and retries loading later', async () => {
    let attempt = 0;
    const store = createKeytarSecretStore({
      loadKeytar: async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('libsecret-1.so.0: cannot open shared object file');
        return fakeKeytar();
      },
    });
    await expect(store.get('x')).rejects.toMatchObject({
      name: 'SecretStoreUnavailableError',
      reason: expect.stringMatching(/keytar native module could not be loaded \(libsecret/),
    });
    expect(await store.get('x')).toBeNull();
  });

  it('turns backend failures into unavailable without repeating the secret', async () => {
    const secret = 'sk-ant-admin01-secret-value-xyz';
    const store = createKeytarSecretStore({
      loadKeytar: async () =>
        fakeKeytar({
          setPassword: async (_s, _a, password) => {
            throw new Error(`Cannot create an item in a locked collection (${password})`);
          },
        }),
    });
    const error = await store.set('a', secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreUnavailableError);
    expect((error as SecretStoreUnavailableError).reason).toMatch(/locked collection/);
    expect((error as Error).message).not.toContain(secret);
  });

  it('loadAdminKey: env wins when non-empty, then keychain, else missing or unavailable', async () => {
    const keytar = fakeKeytar();
    const store = createKeytarSecretStore({ loadKeytar: async () => keytar });
    expect(await loadAdminKey({ env: {}, store })).toEqual({ kind: 'missing' });
    await store.set('anthropic-admin-api-key', 'sk-ant-admin01-from-keychain');
    expect(await loadAdminKey({ env: { ANTHROPIC_ADMIN_API_KEY: '' }, store })).toEqual({
      kind: 'ok',
      key: 'sk-ant-admin01-from-keychain',
      source: 'keychain',
    });
    expect(await loadAdminKey({ env: { ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-from-env' }, store })).toEqual({
      kind: 'ok',
      key: 'sk-ant-admin01-from-env',
      source: 'env',
    });
    const broken = createKeytarSecretStore({ loadKeytar: async () => Promise.reject(new Error('no module')) });
    expect(await loadAdminKey({ env: {}, store: broken })).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringContaining('no module'),
    });
  });
});
