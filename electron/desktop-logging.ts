/**
 * The desktop's logging, built once in the composition root: ONE SecretRedactor shared
 * by the core services and the shell, and one logger the shell writes through.
 *
 * Why two phases: a startup failure can happen before the config (and so `attuneHome`)
 * is known, and must still be recorded. Until `attach(attuneHome)` the shell logs JSON
 * lines to stderr; from then on it logs through the core's ops logger (file under
 * `<attuneHome>/ops/logs/` plus stderr), the same logger the services get. Every line,
 * in both phases, is scrubbed by the shared redactor, so a secret registered anywhere
 * (the launch token by the server, the admin key by the cost service) is scrubbed in the
 * shell's lines too.
 */
import type { Logger, SecretRedactor } from '../main/index.js';
import { shellLogger, type WritableLike } from './shell-logger.js';
import type { LoggerLike } from './shell-types.js';

export interface OpsLoggerFactory {
  (options: { attuneHome: string; redactor: SecretRedactor; also?: NodeJS.WritableStream }): Promise<Logger>;
}

export interface DesktopLoggingDeps {
  redactor: SecretRedactor;
  /** Where records go before `attach`, and alongside the log file after it. */
  stderr: WritableLike & NodeJS.WritableStream;
  /** `createOpsLogger` from main/index.ts (injected so tests can watch it). */
  createOpsLogger: OpsLoggerFactory;
}

export interface DesktopLogging {
  readonly redactor: SecretRedactor;
  /** The shell's logger: stderr only until attached, then the ops logger. */
  readonly logger: LoggerLike;
  /** Switches to the ops logger for `attuneHome` and returns it for the core services (once; later calls return the same). */
  attach(attuneHome: string): Promise<Logger>;
}

export function createDesktopLogging(deps: DesktopLoggingDeps): DesktopLogging {
  const { redactor } = deps;
  let target: LoggerLike = shellLogger(deps.stderr, (text) => redactor.redact(text));
  let attached: Promise<Logger> | undefined;
  const logger: LoggerLike = {
    info: (object, message) => target.info(object, message),
    warn: (object, message) => target.warn(object, message),
    error: (object, message) => target.error(object, message),
  };
  return {
    redactor,
    logger,
    attach(attuneHome) {
      attached ??= deps.createOpsLogger({ attuneHome, redactor, also: deps.stderr }).then((ops) => {
        const shell = ops.child({ component: 'desktop-shell' });
        const at = (level: 'info' | 'warn' | 'error') => (object: object, message?: string) =>
          message === undefined ? shell[level](object) : shell[level](object, message);
        target = { info: at('info'), warn: at('warn'), error: at('error') };
        return ops;
      });
      return attached;
    },
  };
}
