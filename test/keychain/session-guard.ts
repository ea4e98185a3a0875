/**
 * Keychain tests need the private D-Bus session with an unlocked GNOME keyring that
 * scripts/run-tests.mjs starts (it sets ATTUNE_KEYCHAIN_TESTS=1 and a throw-away HOME).
 * Run any other way they fail with instructions rather than skipping silently or touching
 * the developer's own keyring.
 */
export const HOW_TO_RUN =
  'Keychain tests must run inside the private D-Bus session with an unlocked GNOME keyring: `node scripts/run-tests.mjs keychain` (needs dbus, dbus-x11, gnome-keyring, libsecret-1-dev).';

export function requireKeyringSession(): void {
  if (process.env.ATTUNE_KEYCHAIN_TESTS !== '1') throw new Error(HOW_TO_RUN);
}
