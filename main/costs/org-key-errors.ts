/**
 * The refusals of a key change among several organizations (organizations.ts), each an
 * OpsError with a stable code and words a user can act on; they name slots and labels, never a key.
 */
import { OpsError } from '../core/errors.js';
import { KEYCHAIN_SLOT } from '../secrets/admin-key-slots.js';

/** The keychain could not be read, so adding a key might overwrite the first organization's. */
export const firstKeyUnknown = (reason: string) =>
  new OpsError(
    503,
    'keychain_unavailable',
    `The OS keychain cannot be read (${reason}), so whether the first organization has a key is unknown: nothing was stored. Unlock or start your keychain and add the key again.`,
  );

/** With the environment key, the keychain's first entry is the `keychain` organization's: removing "default" would take it. */
export const keychainKeyIsOther = (label: string) =>
  new OpsError(
    409,
    'conflict',
    `The first organization uses ANTHROPIC_ADMIN_API_KEY, which only unsetting it removes; the key in the keychain is organization "${label}" (slot keychain): remove that one instead.`,
    { slot: KEYCHAIN_SLOT },
  );
