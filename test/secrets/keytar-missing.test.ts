/**
 * keytar is an optional dependency: where its native build failed it is absent, and the
 * keychain is then unavailable with a reason that says what to install (per platform) and
 * the cost state offers the environment variable instead.
 */
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../main/secrets/keytar-store.js';
import { SecretStoreUnavailableError } from '../../main/secrets/secret-store.js';
import { keychainError } from '../../main/costs/cost-errors.js';

const absent = () => import(/* @vite-ignore */ `keytar-absent-${Date.now()}`);

describe('a keytar that is not installed', () => {
  it.each([
    ['linux', 'install libsecret-1-dev'],
    ['darwin', 'xcode-select --install'],
    ['win32', 'Visual Studio C++ build tools'],
  ] as const)('on %s names the prerequisite and `npm rebuild keytar`', async (platform, words) => {
    const store = createKeytarSecretStore({ loadKeytar: absent, platform });
    const error = await store.get('admin').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecretStoreUnavailableError);
    const reason = (error as SecretStoreUnavailableError).reason;
    expect(reason).toContain("keytar's native module is not installed");
    expect(reason).toContain(words);
    expect(reason).toContain('`npm rebuild keytar`');
    const state = keychainError(reason);
    expect(state.kind).toBe('keychain_unavailable');
    expect(state.message).toContain('ANTHROPIC_ADMIN_API_KEY');
  });
});
