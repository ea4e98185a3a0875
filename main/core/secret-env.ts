/**
 * The one policy for the environment of any child process the server starts (workflow
 * runs, git/gh, the browser opener): the server's environment minus every secret it
 * holds. Removed: `ANTHROPIC_ADMIN_API_KEY`, `ATTUNE_OPS_TOKEN`, any value holding an
 * admin key (`sk-ant-admin…`) or the admin key's value, and any value holding an exact
 * secret registered with the redactor (the launch token, a key stored in the keychain).
 */
import type { SecretRedactor } from '../logging/redact.js';

export type EnvMap = Record<string, string | undefined>;

const DENIED_NAMES = new Set(['ANTHROPIC_ADMIN_API_KEY', 'ATTUNE_OPS_TOKEN']);
const ADMIN_KEY_SHAPE = /sk-ant-admin/i;

export function withoutSecrets(base: EnvMap, redactor: Pick<SecretRedactor, 'containsSecret'>): Record<string, string> {
  const adminKey = base.ANTHROPIC_ADMIN_API_KEY;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || DENIED_NAMES.has(name.toUpperCase())) continue;
    if (value !== '' && isSecretValue(value, adminKey, redactor)) continue;
    env[name] = value;
  }
  return env;
}

function isSecretValue(
  value: string,
  adminKey: string | undefined,
  redactor: Pick<SecretRedactor, 'containsSecret'>,
): boolean {
  if (adminKey && value.includes(adminKey)) return true;
  return ADMIN_KEY_SHAPE.test(value) || redactor.containsSecret(value);
}
