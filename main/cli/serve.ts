/**
 * `attune-ops serve`: starts the ops server headless and blocks until SIGINT/SIGTERM,
 * then shuts down cleanly (running runs cancelled, streams closed) and returns 0.
 * Prints the console URL with its token and the effective settings, and explains how to
 * turn on what is off. A port already in use is a one-line error and exit code 1.
 *
 * Start-up order is tuned for the first answer: once the flags are valid, the server's
 * module graph (Koa, routes, services) and the logger (pino) start loading together, while
 * the launch is loaded (loadLaunch: the settings file, read once), instead of one after another; the ES module loader overlaps
 * one graph's file reads with the other's compiling. After the banner, while the first
 * client connects, Node's lazily loaded web globals are primed (see primeWebGlobals).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { launchToken, loadLaunch } from '../config/launch.js';
import { isLoopbackHost } from '../server/middleware/host-allowlist.js';
import { SecretRedactor } from '../logging/redact.js';
import { packageRoot } from '../core/version.js';
import { withoutSecrets } from '../core/secret-env.js';
import type { CliIo } from './io.js';
import { parseServeArgs, SERVE_USAGE } from './serve-options.js';
import { usageError } from './usage-errors.js';
import type { Settings } from '../settings/schema.js';

export interface ServeHooks {
  /** Resolves when the process should shut down; defaults to the first SIGINT/SIGTERM. */
  untilStopped?: () => Promise<string>;
  openUrl?: (url: string) => void;
}

export async function serveCommand(argv: string[], io: CliIo, hooks: ServeHooks = {}): Promise<number> {
  const parsed = parseServeArgs(argv);
  if (parsed.kind === 'error') {
    return usageError(io, 'serve', parsed.message);
  }
  if (parsed.options.help) {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  const serverModule = import('../server/start-server.js');
  const loggingModule = import('../logging/logger.js');
  // Awaited below; until then a failed load must not count as an unhandled rejection.
  serverModule.catch(() => undefined);
  loggingModule.catch(() => undefined);

  const loaded = await loadLaunch({ flags: parsed.options.flags, env: io.env, cwd: io.cwd });
  if (loaded.kind === 'invalid') {
    io.stderr.write(`attune-ops serve: ${loaded.message}\n`);
    return loaded.exitCode;
  }
  const { config, settingsRead } = loaded.launch;

  const redactor = new SecretRedactor();
  const { createLogger, consoleDestination, fileDestination } = await loggingModule;
  const opsLog = fileDestination(config.attuneHome);
  const logger = createLogger({ redactor, destinations: [opsLog, consoleDestination(process.stdout, process.stderr)] });
  if (settingsRead.kind === 'invalid')
    io.stderr.write(`warning: ${settingsRead.warning}
`);

  const { startServer } = await serverModule;
  let server;
  try {
    server = await startServer(config, {
      env: io.env,
      logger,
      logHealth: opsLog,
      redactor,
      token: launchToken(loaded.launch.token),
      settingsRead,
      rendererDir: join(packageRoot(), 'dist', 'renderer'),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      io.stderr.write(
        `attune-ops: port ${config.port} on ${config.host} is already in use; pick another with --port (0 picks a free one).\n`,
      );
    else if (code === 'EACCES')
      io.stderr.write(`attune-ops: not allowed to listen on ${config.host}:${config.port}.\n`);
    else io.stderr.write(`attune-ops: could not start: ${redactor.redact((error as Error).message)}\n`);
    return 1;
  }

  // Listen for the stop signal before the banner: whoever reads it may signal at once.
  const stopped = (hooks.untilStopped ?? untilSignal)();
  io.stdout.write(banner(config, server.services.settings.get(), server.consoleUrl));
  if (!isLoopbackHost(config.host) && config.trustedHosts.length === 0) {
    io.stderr.write(
      `warning: listening on non-loopback address ${config.host} without --trusted-host: only requests with Host ${config.host}:${server.port} are answered, and the console is reachable from the network (token still required).\n`,
    );
  }
  if (parsed.options.openBrowser)
    (hooks.openUrl ?? ((url: string) => openInBrowser(url, withoutSecrets(io.env, redactor))))(server.consoleUrl);

  primeWebGlobals();
  const reason = await stopped;
  io.stdout.write(`attune-ops: ${reason} received, shutting down…\n`);
  await server.close();
  logger.flush();
  io.stdout.write('attune-ops: stopped cleanly.\n');
  return 0;
}

function banner(config: Config, settings: Settings, consoleUrl: string): string {
  const allow = settings.allowRun
    ? 'on'
    : "off (workflows will not execute; start with --allow-run or turn on 'Allow runs' in Settings)";
  const candidates = settings.specsCandidatesEnabled
    ? 'on'
    : 'off (start with --specs-candidates or turn it on in Settings)';
  return [
    `Attune Ops console: ${consoleUrl}`,
    `  project root:     ${config.projectRoot}`,
    `  attune home:      ${config.attuneHome}`,
    `  allow-run:        ${allow}`,
    `  specs-candidates: ${candidates}`,
    '',
  ].join('\n');
}

/**
 * Koa's body setter tests every body against `ReadableStream`, `Blob` and `Response`;
 * Node defines those globals lazily and the first touch loads its whole fetch
 * implementation (undici, ~10-15 ms). Touching them right after the banner, while the
 * first client is still connecting, keeps that load out of the first answer.
 */
function primeWebGlobals(): boolean {
  return typeof ReadableStream === 'function' && typeof Blob === 'function' && typeof Response === 'function';
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Best effort: opens the console in the default browser where a desktop exists. */
function openInBrowser(url: string, env: Record<string, string>): void {
  const hasDesktop = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDesktop) return;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true, env });
  child.on('error', () => undefined);
  child.unref();
}
