/**
 * Where each admin key of several organizations lives. A slot is a local, stable name for
 * one key: `default` is the key there always was (ANTHROPIC_ADMIN_API_KEY when set, else the
 * keychain account `anthropic-admin-api-key`), so an existing key is the first organization
 * with no migration step; `keychain` is that keychain entry when the environment key hides
 * it (the environment counts as one more); `k2`, `k3`, … are the keys added since, each in
 * its own keychain account `anthropic-admin-api-key.k<N>`. Slot ids are the only names of
 * keys that leave main/ (never the key, never the account's secret).
 */
import { ADMIN_KEY_ACCOUNT } from './secret-store.js';

export type AdminKeySlot = string;
export const DEFAULT_SLOT = 'default';
export const KEYCHAIN_SLOT = 'keychain';
/** `default`, `keychain` or `k2`…`k999`: what an `org` parameter may name (besides `all`). */
export const SLOT_PATTERN = /^(default|keychain|k[2-9]|k[1-9][0-9]{1,2})$/;
const EXTRA_ACCOUNT = /^anthropic-admin-api-key\.(k[2-9]|k[1-9][0-9]{1,2})$/;

/** Where a slot's key is kept in the keychain, and whether the environment key stands in front of it. */
export function slotKeySource(slot: AdminKeySlot): { account: string; useEnv: boolean } {
  if (slot === DEFAULT_SLOT) return { account: ADMIN_KEY_ACCOUNT, useEnv: true };
  if (slot === KEYCHAIN_SLOT) return { account: ADMIN_KEY_ACCOUNT, useEnv: false };
  return { account: `${ADMIN_KEY_ACCOUNT}.${slot}`, useEnv: false };
}

/** The added slots among the keychain's accounts, in order (k2, k3, …); other accounts are not ours. */
export function extraSlotsOf(accounts: readonly string[]): AdminKeySlot[] {
  return accounts
    .map((account) => EXTRA_ACCOUNT.exec(account)?.[1])
    .filter((slot): slot is string => slot !== undefined)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

/** The next added slot: one past the highest in use and the highest ever given (`lastIssued`). */
export function nextExtraSlot(inUse: readonly AdminKeySlot[], lastIssued = 1): AdminKeySlot {
  const numbers = inUse.filter((slot) => /^k\d+$/.test(slot)).map((slot) => Number(slot.slice(1)));
  return `k${Math.max(lastIssued, ...numbers) + 1}`;
}
