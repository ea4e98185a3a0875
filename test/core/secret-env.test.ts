/**
 * The one environment policy for child processes: the server's secrets never pass,
 * under their own names, copied into other variables, or embedded in longer values.
 */
import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../main/core/secret-env.js';
import { SecretRedactor } from '../../main/logging/redact.js';

const TOKEN = 'launch-token-0123456789abcdefghijklmnopqrstuvwxyz';
const KEY = 'sk-ant-admin01-SecretEnvTestKey0123456789abcdef';

describe('withoutSecrets', () => {
  it('drops named secrets, copies, embedded copies and admin-key shapes; keeps the rest', () => {
    const redactor = new SecretRedactor();
    redactor.add(TOKEN);
    const env = withoutSecrets(
      {
        PATH: '/usr/bin',
        HOME: '/home/u',
        EMPTY: '',
        ANTHROPIC_ADMIN_API_KEY: KEY,
        ATTUNE_OPS_TOKEN: TOKEN,
        COPY: TOKEN,
        HEADER: `Bearer ${TOKEN}`,
        MIXED: `sk-ant-api03-x ${TOKEN}`,
        KEY_COPY: `x=${KEY}`,
        OTHER_ADMIN_KEY: 'sk-ant-admin01-another-one-entirely',
        UNSET: undefined,
        ANTHROPIC_API_KEY_HINT: 'not a secret of ours',
      },
      redactor,
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      EMPTY: '',
      ANTHROPIC_API_KEY_HINT: 'not a secret of ours',
    });
  });

  it('treats a secret registered later as a secret from then on', () => {
    const redactor = new SecretRedactor();
    const base = { STORED: KEY.replace('admin', 'api') };
    expect(withoutSecrets(base, redactor)).toEqual(base);
    redactor.add(base.STORED);
    expect(withoutSecrets(base, redactor)).toEqual({});
  });
});
