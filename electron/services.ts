/**
 * Composition-root helpers for the desktop shell that need no Electron: the keychain
 * dependency handed to the core, and the shell's own logger.
 *
 * The keychain: the core's `createKeytarSecretStore` (keytar imported lazily, so a
 * broken native build only disables the keychain, with the reason). In a packaged app
 * keytar's .node file is unpacked from the asar (build/electron-builder.config.cjs).
 *
 * The logger writes one JSON line per record (pino-compatible `(object, message)`
 * calls) to the given stream, with launch tokens and keys scrubbed by the caller-given
 * redact function; the core's own pino logger handles everything inside the server.
 */
import { createKeytarSecretStore, type StartServerDeps } from '../main/index.js';
import type { LoggerLike } from './shell-types.js';

/** The real OS keychain for the admin key; only this composition root passes it. */
export function keychainDeps(): Pick<StartServerDeps, 'secretStore'> {
  return { secretStore: createKeytarSecretStore() };
}

export interface WritableLike {
  write(chunk: string): unknown;
}

/** Why: startup failures happen before the server's logger exists and must still be recorded. */
export function shellLogger(stream: WritableLike, redact: (text: string) => string = (text) => text): LoggerLike {
  const write = (level: string, object: object, message?: string) => {
    const record: Record<string, unknown> = {
      level,
      time: new Date().toISOString(),
      app: 'attune-ops-desktop',
      msg: message ?? '',
    };
    for (const [key, value] of Object.entries(object))
      record[key] = value instanceof Error ? { message: value.message, stack: value.stack } : value;
    stream.write(`${redact(JSON.stringify(record))}\n`);
  };
  return {
    info: (object, message) => write('info', object, message),
    warn: (object, message) => write('warn', object, message),
    error: (object, message) => write('error', object, message),
  };
}
