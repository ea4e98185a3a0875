/**
 * The Anthropic admin key: where it comes from, kept in memory once read.
 *
 * `ANTHROPIC_ADMIN_API_KEY` in the injected environment wins when non-empty (unless `useEnv`
 * is false: a key of another organization, admin-key-slots.ts); otherwise the keychain entry
 * (service `attune-ops`, account `anthropic-admin-api-key` or the slot's own). The keychain
 * is read once and the answer kept, so polling never prompts again; `save`/`remove`
 * update the kept answer. Every key loaded, or saved after passing validation, is
 * registered with the redactor before it is used or stored. Nothing here returns the key
 * to a caller outside main/: status answers carry only the last 4.
 */
import { OpsError } from '../core/errors.js';
import type { SecretRedactor } from '../logging/redact.js';
import type { AdminKeyStatus } from '../costs/cost-types.js';
import { ADMIN_KEY_ACCOUNT, SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

export const ADMIN_KEY_ENV = 'ANTHROPIC_ADMIN_API_KEY';
export const ADMIN_KEY_PREFIX = 'sk-ant-admin';
export const ADMIN_KEY_MAX_LENGTH = 512;

export type AdminKeyResult =
  | { kind: 'ok'; key: string; source: 'env' | 'keychain' }
  | { kind: 'missing' }
  | { kind: 'unavailable'; reason: string };

export interface AdminKeyDeps {
  env: Record<string, string | undefined>;
  store: SecretStore;
  /** The keychain account (`anthropic-admin-api-key` when absent). */
  account?: string;
  /** Whether the environment key stands in front of the keychain entry (true when absent). */
  useEnv?: boolean;
}

/** Reads the key from the environment, else the keychain; never throws for a keychain problem. */
export async function loadAdminKey(deps: AdminKeyDeps): Promise<AdminKeyResult> {
  const fromEnv = deps.useEnv === false ? undefined : deps.env[ADMIN_KEY_ENV]?.trim();
  if (fromEnv) return { kind: 'ok', key: fromEnv, source: 'env' };
  try {
    const stored = await deps.store.get(deps.account ?? ADMIN_KEY_ACCOUNT);
    return stored ? { kind: 'ok', key: stored, source: 'keychain' } : { kind: 'missing' };
  } catch (error) {
    if (error instanceof SecretStoreUnavailableError) return { kind: 'unavailable', reason: error.reason };
    throw error;
  }
}

/** Checks a key a user pasted; the message never repeats the key. */
export function validateAdminKey(key: string): { kind: 'ok' } | { kind: 'invalid'; message: string } {
  if (key.length === 0) return { kind: 'invalid', message: 'The admin key is empty.' };
  if (key.length > ADMIN_KEY_MAX_LENGTH)
    return { kind: 'invalid', message: `The admin key is longer than ${ADMIN_KEY_MAX_LENGTH} characters.` };
  if (/\s/.test(key))
    return {
      kind: 'invalid',
      message: 'The admin key contains whitespace; paste it again without spaces or line breaks.',
    };
  if (!key.startsWith(ADMIN_KEY_PREFIX)) {
    return {
      kind: 'invalid',
      message: `This is not an admin key (admin keys start with ${ADMIN_KEY_PREFIX}). Workspace API keys (sk-ant-api…) cannot read the cost report; create an Admin key in the Anthropic Console (Settings → Admin keys).`,
    };
  }
  return { kind: 'ok' };
}

export class AdminKeyManager {
  private current: Promise<AdminKeyResult> | undefined;
  private knownLast4: string | null = null;
  private knownMissing = false;

  constructor(private readonly deps: AdminKeyDeps & { redactor: SecretRedactor }) {}

  /** The key, read once; an `unavailable` answer is retried only when `retryUnavailable` is set. */
  async load(options: { retryUnavailable?: boolean } = {}): Promise<AdminKeyResult> {
    if (this.current && options.retryUnavailable && (await this.current).kind === 'unavailable')
      this.current = undefined;
    this.current ??= loadAdminKey(this.deps).then((result) => {
      if (result.kind === 'ok') this.deps.redactor.add(result.key);
      this.knownLast4 = result.kind === 'ok' ? result.key.slice(-4) : null;
      this.knownMissing = result.kind === 'missing';
      return result;
    });
    return this.current;
  }

  async status(): Promise<AdminKeyStatus> {
    const result = await this.load();
    if (result.kind === 'ok') return { configured: true, source: result.source, last4: result.key.slice(-4) };
    if (result.kind === 'missing') return { configured: false, source: null, last4: null };
    return { configured: false, source: null, last4: null, unavailableReason: result.reason };
  }

  /** The last 4 characters of the key as last read (what Settings shows); null before a read or without a key. */
  get last4(): string | null {
    return this.knownLast4;
  }

  /** True once a read or a removal found no key (false before any read, and with a key). */
  get missing(): boolean {
    return this.knownMissing;
  }

  /** Validates and stores the key in the keychain; 400 when invalid, 503 when the keychain is unavailable. */
  async save(key: string): Promise<AdminKeyStatus> {
    const valid = validateAdminKey(key);
    if (valid.kind === 'invalid') throw new OpsError(400, 'invalid_body', valid.message, { field: 'key' });
    // Only a key that passed validation is remembered: a refused paste is never stored or
    // used, and an oversized one would slow every log line.
    this.deps.redactor.add(key);
    try {
      await this.deps.store.set(this.account, key);
    } catch (error) {
      throw keychainOpsError('store', error);
    }
    this.current = Promise.resolve(this.fromEnv() ?? { kind: 'ok', key, source: 'keychain' });
    this.knownLast4 = (this.fromEnv()?.kind === 'ok' ? this.deps.env[ADMIN_KEY_ENV]!.trim() : key).slice(-4);
    this.knownMissing = false;
    return this.status();
  }

  /** Removes the keychain entry (`removed`: whether there was one); an environment key, if any, stays in effect. */
  async remove(): Promise<{ removed: boolean; status: AdminKeyStatus }> {
    let removed: boolean;
    try {
      removed = await this.deps.store.delete(this.account);
    } catch (error) {
      throw keychainOpsError('remove', error);
    }
    this.current = Promise.resolve(this.fromEnv() ?? { kind: 'missing' });
    this.knownLast4 = this.fromEnv() ? this.deps.env[ADMIN_KEY_ENV]!.trim().slice(-4) : null;
    this.knownMissing = !this.fromEnv();
    return { removed, status: await this.status() };
  }

  private get account(): string {
    return this.deps.account ?? ADMIN_KEY_ACCOUNT;
  }

  private fromEnv(): AdminKeyResult | undefined {
    const key = this.deps.useEnv === false ? undefined : this.deps.env[ADMIN_KEY_ENV]?.trim();
    return key ? { kind: 'ok', key, source: 'env' } : undefined;
  }
}

function keychainOpsError(action: 'store' | 'remove', error: unknown): Error {
  if (!(error instanceof SecretStoreUnavailableError)) return error as Error;
  return new OpsError(
    503,
    'keychain_unavailable',
    `Could not ${action} the admin key in the OS keychain: ${error.reason}. Unlock or start your keychain (Secret Service on Linux), or set ANTHROPIC_ADMIN_API_KEY for headless use.`,
  );
}
