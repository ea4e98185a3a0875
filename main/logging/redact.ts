/**
 * Secret scrubbing for anything that leaves the process as text: log lines, error
 * messages, child output. Anthropic keys (`sk-ant-…`) and bearer tokens are replaced, and
 * callers can register exact secrets (the admin key once loaded, the launch token) so
 * that even a key of an unexpected shape is never written out.
 */

// Real keys have a long tail (sk-ant-admin01-…); a bare "sk-ant-admin" hint in a message stays readable.
const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{12,}/g;
const BEARER_PATTERN = /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
export const REDACTED = '[REDACTED]';

/**
 * Scrubs Anthropic key shapes (`sk-ant-…`, admin and API keys alike) from text that did
 * not come from us: workflow output, values taken from the Admin API. Needs no registered
 * secret, so it holds for keys this process never loaded.
 */
export function redactKeyShapes(text: string): string {
  return text.includes('sk-ant-') ? text.replace(KEY_PATTERN, REDACTED) : text;
}
const MAX_SECRET_LENGTH = 1024;

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /**
   * Remember an exact secret. Strings shorter than 8 characters are too common to scrub;
   * longer than 1024 are no key or token of ours (and would slow every log line).
   */
  add(secret: string | undefined | null): void {
    if (secret && secret.length >= 8 && secret.length <= MAX_SECRET_LENGTH) this.secrets.add(secret);
  }

  /** Whether `text` holds one of the exact secrets registered with add(). */
  containsSecret(text: string): boolean {
    for (const secret of this.secrets) if (text.includes(secret)) return true;
    return false;
  }

  remove(secret: string): void {
    this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text.replace(KEY_PATTERN, REDACTED).replace(BEARER_PATTERN, `$1${REDACTED}`);
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** Deep-copies plain data, scrubbing every string value and key-like field. */
  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    if (value instanceof Error) {
      return { type: value.name, message: this.redact(value.message), stack: value.stack && this.redact(value.stack) };
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] = SENSITIVE_FIELD.test(key) ? REDACTED : this.redactValue(item, depth + 1);
    }
    return out;
  }
}

const SENSITIVE_FIELD =
  /^(x-api-key|authorization|cookie|set-cookie|api[-_]?key|admin[-_]?key|key|token|secret|password)$/i;
