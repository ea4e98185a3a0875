/**
 * AdminKeyManager.save: a key is validated before anything else happens to it. A refused
 * paste (workspace key, too long, whitespace) is neither stored nor registered with the
 * redactor; an accepted one is registered before it is stored.
 */
import { describe, expect, it } from 'vitest';
import { isOpsError } from '../../main/core/errors.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { AdminKeyManager } from '../../main/secrets/admin-key.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { FAKE_ADMIN_KEY } from '../fakes/admin-api.js';

const manager = () => {
  const redactor = new SecretRedactor();
  const store = createMemorySecretStore();
  return { redactor, store, keys: new AdminKeyManager({ env: {}, store, redactor }) };
};

describe('AdminKeyManager.save', () => {
  it.each([
    ['a workspace key', 'sk-ant-api03-workspace-0123456789abcdef'],
    ['a key longer than 512 characters', `sk-ant-admin01-${'x'.repeat(600)}`],
    ['a key with whitespace', 'sk-ant-admin01-abc def-0123456789'],
  ])('refuses %s without registering it with the redactor', async (_name, key) => {
    const { redactor, store, keys } = manager();
    const refused = await keys.save(key).catch((error: unknown) => error);
    expect(isOpsError(refused) && refused.status).toBe(400);
    expect(redactor.containsSecret(key)).toBe(false);
    expect(store.entries.size).toBe(0);
  });

  it('registers an accepted key with the redactor and stores it', async () => {
    const { redactor, store, keys } = manager();
    expect(await keys.save(FAKE_ADMIN_KEY)).toMatchObject({
      configured: true,
      source: 'keychain',
      last4: FAKE_ADMIN_KEY.slice(-4),
    });
    expect(redactor.containsSecret(FAKE_ADMIN_KEY)).toBe(true);
    expect(store.entries.get('anthropic-admin-api-key')).toBe(FAKE_ADMIN_KEY);
  });
});
