/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager, Secret
 * Service on Linux). keytar is a native module: it is imported on first use, never at
 * import time, so loading main/ stays cheap and a broken native build only disables the
 * keychain. keytar is an optional dependency (absent where its build failed): that says
 * what to install. Any failure to load it or to talk to the backend becomes
 * `SecretStoreUnavailableError` with the reason.
 */
import { SECRET_SERVICE, SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

/** The part of keytar this store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface KeytarStoreOptions {
  service?: string;
  /** Loads keytar; defaults to a dynamic import of the installed module. */
  loadKeytar?: () => Promise<KeytarLike>;
  /** Names the platform's build prerequisites when keytar is missing; process.platform when absent. */
  platform?: NodeJS.Platform;
}

/** A specifier TypeScript does not resolve: keytar (and its types) may be absent at build time. */
const KEYTAR_MODULE: string = 'keytar';

async function importKeytar(): Promise<KeytarLike> {
  const module = (await import(KEYTAR_MODULE)) as { default?: KeytarLike } & Partial<KeytarLike>;
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
      if (isModuleMissing(error)) throw new SecretStoreUnavailableError(keytarMissingReason(options.platform));
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
    accounts: () => call(async (api) => (await api.findCredentials(service)).map((entry) => entry.account)),
  };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim().slice(0, 300) || 'unknown keychain error';
}

/** keytar is an optional dependency: absent when its native build failed at install. */
function isModuleMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

export function keytarMissingReason(platform: NodeJS.Platform = process.platform): string {
  const prerequisites =
    platform === 'darwin'
      ? 'install the Xcode command line tools (`xcode-select --install`)'
      : platform === 'win32'
        ? 'install the Visual Studio C++ build tools (`winget install Microsoft.VisualStudio.2022.BuildTools`)'
        : 'install libsecret-1-dev (libsecret-devel on Fedora)';
  return `keytar's native module is not installed: ${prerequisites} and run \`npm rebuild keytar\``;
}
