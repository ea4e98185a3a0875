/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager, Secret
 * Service on Linux). keytar is a native module: it is imported on first use, never at
 * import time, so loading main/ stays cheap and a broken native build only disables the
 * keychain. Any failure to load it or to talk to the backend becomes
 * `SecretStoreUnavailableError` with the reason.
 */
import { SECRET_SERVICE, SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

/** The part of keytar this store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  service?: string;
  /** Loads keytar; defaults to a dynamic import of the installed module. */
  loadKeytar?: () => Promise<KeytarLike>;
}

async function importKeytar(): Promise<KeytarLike> {
  const module = (await import('keytar')) as unknown as { default?: KeytarLike } & Partial<KeytarLike>;
  const keytar = module.default ?? (module as KeytarLike);
  if (typeof keytar.getPassword !== 'function') throw new Error('keytar has no getPassword export');
  return keytar;
}

export function createKeytarSecretStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? SECRET_SERVICE;
  const load = options.loadKeytar ?? importKeytar;
  let loading: Promise<KeytarLike> | undefined;

  const keytar = async (): Promise<KeytarLike> => {
    loading ??= load();
    try {
      return await loading;
    } catch (error) {
      loading = undefined;
      throw new SecretStoreUnavailableError(`the keytar native module could not be loaded (${describe(error)})`);
    }
  };

  const call = async <T>(operation: (api: KeytarLike) => Promise<T>, secret?: string): Promise<T> => {
    const api = await keytar();
    try {
      return await operation(api);
    } catch (error) {
      const reason = describe(error);
      throw new SecretStoreUnavailableError(secret ? reason.split(secret).join('[REDACTED]') : reason);
    }
  };

  return {
    get: (account) => call((api) => api.getPassword(service, account)),
    set: (account, secret) => call((api) => api.setPassword(service, account, secret), secret),
    delete: (account) => call((api) => api.deletePassword(service, account)),
  };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim().slice(0, 300) || 'unknown keychain error';
}
