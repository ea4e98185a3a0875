/**
 * Where secrets live: a narrow, async key-value interface over the OS keychain, so the
 * cost capability can be tested with an in-memory store and the real keychain is touched
 * only through the keytar adapter. A store that cannot reach its backend (no Secret
 * Service, locked keychain, native module failing to load) throws
 * `SecretStoreUnavailableError` with a reason a user can act on; nothing else is expected.
 */

/** The keychain entry of the Anthropic admin key. */
export const SECRET_SERVICE = 'attune-ops';
export const ADMIN_KEY_ACCOUNT = 'anthropic-admin-api-key';

export interface SecretStore {
  /** The secret stored for `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Creates or replaces the secret for `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret; true when one existed. */
  delete(account: string): Promise<boolean>;
  /** The accounts this service holds a secret for (never the secrets). */
  accounts(): Promise<string[]>;
}

export class SecretStoreUnavailableError extends Error {
  override readonly name = 'SecretStoreUnavailableError';
  constructor(readonly reason: string) {
    super(`The OS keychain is unavailable: ${reason}`);
  }
}

/** An in-memory store (tests, headless runs that only use the environment key). */
export function createMemorySecretStore(
  initial: Record<string, string> = {},
): SecretStore & { entries: Map<string, string> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => {
      entries.set(account, secret);
    },
    delete: async (account) => entries.delete(account),
    accounts: async () => [...entries.keys()],
  };
}

/** A store whose backend is always unavailable (tests of the degraded path). */
export function createUnavailableSecretStore(reason: string): SecretStore {
  const fail = async (): Promise<never> => {
    throw new SecretStoreUnavailableError(reason);
  };
  return { get: fail, set: fail, delete: fail, accounts: fail };
}
