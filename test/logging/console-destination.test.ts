/**
 * The terminal view of the log: on a TTY one readable line per record (time, level,
 * message; no JSON), a repeated warning printed once and again when it changes or clears;
 * off a TTY the JSON lines pass to stdout unchanged.
 */
import { describe, expect, it } from 'vitest';
import { consoleDestination, createLogger } from '../../main/logging/logger.js';
import { SecretRedactor } from '../../main/logging/redact.js';

function sink(isTTY: boolean) {
  const out = { isTTY, text: '', write: (t: string) => void (out.text += t) };
  return out;
}

describe('consoleDestination on a TTY', () => {
  it('prints time, level and message, one line per record, and no JSON', () => {
    const stdout = sink(true);
    const stderr = sink(true);
    const logger = createLogger({ redactor: new SecretRedactor(), destinations: [consoleDestination(stdout, stderr)] });
    logger.info({ port: 8765 }, 'listening');
    logger.error({ err: new Error('boom\nsecond line') }, 'refresh crashed');
    const lines = stderr.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}listening$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ERROR refresh crashed: boom second line$/);
    expect(stdout.text).toBe('');
  });

  it('prints a repeating warning once, again when its text changes, and again after it clears', () => {
    const stderr = sink(true);
    const logger = createLogger({
      redactor: new SecretRedactor(),
      destinations: [consoleDestination(sink(true), stderr)],
    });
    const keychain = { warningKey: 'costs.refresh' };
    for (let i = 0; i < 3; i++) logger.warn(keychain, 'cost refresh failed: the OS keychain could not be read.');
    logger.warn({}, 'an unrelated warning');
    logger.warn({}, 'an unrelated warning');
    logger.warn(keychain, 'cost refresh failed: the key was rejected.');
    logger.warn(keychain, 'cost refresh failed: the key was rejected.');
    logger.info(keychain, 'cost refresh succeeded.');
    logger.warn(keychain, 'cost refresh failed: the key was rejected.');
    const warnings = stderr.text.split('\n').filter((l) => l.includes('WARN'));
    expect(warnings.map((l) => l.slice(15))).toEqual([
      'cost refresh failed: the OS keychain could not be read.',
      'an unrelated warning',
      'cost refresh failed: the key was rejected.',
      'cost refresh failed: the key was rejected.',
    ]);
    expect(stderr.text).toContain('INFO  cost refresh succeeded.');
  });
});

describe('consoleDestination off a TTY', () => {
  it('passes the JSON lines to stdout unchanged, repeats included', () => {
    const stdout = sink(false);
    const stderr = sink(false);
    const logger = createLogger({ redactor: new SecretRedactor(), destinations: [consoleDestination(stdout, stderr)] });
    logger.warn('same');
    logger.warn('same');
    const lines = stdout.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'same'],
      [40, 'same'],
    ]);
    expect(stderr.text).toBe('');
  });
});
