/**
 * The desktop shell's own logger, for what happens before (and around) the core's: one
 * JSON line per record (pino-compatible `(object, message)` calls) to the given stream,
 * launch tokens and keys scrubbed by the caller-given redact function. The core's own
 * pino logger handles everything inside the server.
 */
import type { LoggerLike } from './shell-types.js';

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
