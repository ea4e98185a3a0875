/**
 * Structured logging (pino) with redaction built in.
 *
 * Every record passes through `SecretRedactor` before it is serialised, so a key that
 * slips into a message, an error or a field is scrubbed. Destinations are injected: the
 * CLI logs to the console and `<attuneHome>/ops/logs/ops.log` (ops-log-file.ts); tests log into memory and search
 * the captured text for secrets.
 */
import pino, { type Logger as PinoLogger, type DestinationStream } from 'pino';
import { OpsLogFile, type OpsLogFileOptions } from './ops-log-file.js';

export { consoleDestination } from './console-destination.js';
import type { SecretRedactor } from './redact.js';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  redactor: SecretRedactor;
  /** Streams to write to; defaults to stdout only. */
  destinations?: DestinationStream[];
}

export function createLogger(options: LoggerOptions): Logger {
  const { redactor } = options;
  const destinations = options.destinations ?? [pino.destination(1)];
  const stream =
    destinations.length === 1 ? destinations[0]! : pino.multistream(destinations.map((s) => ({ stream: s })));
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'attune-ops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (object) => redactor.redactValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactor.redact(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (error: unknown) => redactor.redactValue(error),
      },
    },
    stream,
  );
}

/**
 * `<attuneHome>/ops/logs/ops.log` (0600): degrades to stderr when it cannot be written and
 * reports that as its `LogHealth` (ops-log-file.ts).
 */
export function fileDestination(attuneHome: string, options?: OpsLogFileOptions): OpsLogFile {
  return new OpsLogFile(attuneHome, options);
}

/** An in-memory destination for tests: every line written, in order. */
export function memoryDestination(): DestinationStream & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    lines,
    write(chunk: string) {
      lines.push(chunk);
    },
    text: () => lines.join(''),
  };
}

/** A logger that drops everything, for tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
