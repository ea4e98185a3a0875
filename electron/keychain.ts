/**
 * The OS keychain handed to the core by the desktop composition root: the core's
 * `createKeytarSecretStore` (keytar imported lazily, so a broken native build only
 * disables the keychain, with the reason). In a packaged app keytar's .node file is
 * unpacked from the asar (build/electron-builder.config.cjs).
 */
import { createKeytarSecretStore, type StartServerDeps } from '../main/index.js';

/** The real OS keychain for the admin key; only the composition root (main.ts) passes it. */
export function keychainDeps(): Pick<StartServerDeps, 'secretStore'> {
  return { secretStore: createKeytarSecretStore() };
}
