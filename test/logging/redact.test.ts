/**
 * Log lines never carry a key: scrubbed by shape (sk-ant-…, bearer tokens), by field name,
 * and by exact registered secrets, in messages, fields, nested objects and errors.
 */
import { describe, expect, it } from 'vitest';
import { createLogger, memoryDestination } from '../../main/logging/logger.js';
import { SecretRedactor, REDACTED } from '../../main/logging/redact.js';

const KEY = 'sk-ant-admin01-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const ODD_SECRET = 'plainsecretvalue-without-known-shape';

function setup() {
  const redactor = new SecretRedactor();
  redactor.add(ODD_SECRET);
  const out = memoryDestination();
  const logger = createLogger({ redactor, destinations: [out], level: 'debug' });
  return { redactor, out, logger };
}

describe('log redaction', () => {
  it('scrubs keys from messages, fields, nested objects and errors', () => {
    const { out, logger } = setup();
    logger.info(`using key ${KEY}`);
    logger.info({ headers: { 'x-api-key': KEY, accept: 'json' } }, 'request');
    logger.warn({ nested: { deeper: [`prefix ${KEY} suffix`] } }, 'nested');
    logger.error({ err: new Error(`upstream said ${KEY} is bad`) }, 'failure');
    logger.info({ token: 'abc', authorization: `Bearer ${'t'.repeat(40)}` }, 'auth');
    logger.info(`the odd one ${ODD_SECRET}`);
    const text = out.text();
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('AbCdEfGhIjKlMnOp');
    expect(text).not.toContain(ODD_SECRET);
    expect(text).not.toContain('t'.repeat(40));
    expect(text).toContain(REDACTED);
    expect(text).toContain('"accept":"json"');
    expect(out.lines).toHaveLength(6);
  });

  it('leaves ordinary text alone', () => {
    const redactor = new SecretRedactor();
    expect(redactor.redact('spent $12.34 on claude-sonnet-4-5 today')).toBe('spent $12.34 on claude-sonnet-4-5 today');
  });

  it('forgets a removed secret and ignores secrets too short to be safe to scrub', () => {
    const redactor = new SecretRedactor();
    redactor.add('short');
    expect(redactor.redact('a short text')).toBe('a short text');
    redactor.add(ODD_SECRET);
    redactor.remove(ODD_SECRET);
    expect(redactor.redact(ODD_SECRET)).toBe(ODD_SECRET);
  });
});

describe('key-shaped text', () => {
  it('keeps a prefix hint readable but scrubs anything with a key-length tail', () => {
    const redactor = new SecretRedactor();
    expect(redactor.redact('Admin keys start with sk-ant-admin.')).toBe('Admin keys start with sk-ant-admin.');
    expect(redactor.redact('got sk-ant-admin01-abcdefgh1234')).toBe(`got ${REDACTED}`);
    expect(redactor.redact('got sk-ant-api03-abcdefghijklmnop')).toBe(`got ${REDACTED}`);
  });
});
