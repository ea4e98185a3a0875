/**
 * Public API of the Electron-free core. Importing this module must stay cheap: it loads
 * no server framework and no routes. `createApp` and `startServer` import them lazily.
 */
import type Koa from 'koa';
import type { Config } from './config/config.js';
import type { AppDeps } from './server/create-app.js';
import type { Services } from './services.js';
import type { DestinationStream } from 'pino';
import type { Logger } from './logging/logger.js';
import type { SecretRedactor } from './logging/redact.js';
import type { RunningServer, StartServerDeps } from './server/start-server.js';

export { buildConfig } from './config/config.js';
export type { Config, ConfigOptions, LaunchFlags, LaunchOverrides } from './config/config.js';
export { loadLaunch, launchToken, TOKEN_ENV } from './config/launch.js';
export type { Launch, LaunchInput, LaunchLoad, TokenSource } from './config/launch.js';
export type { SettingsFileRead } from './settings/settings-file.js';
export { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, parseCsp } from './server/csp.js';
export type { AppDeps } from './server/create-app.js';
export type { RunningServer, StartServerDeps } from './server/start-server.js';
export type { Services, ServiceDeps } from './services.js';
export type { OpsStatus, RunBrief, StatusSource, OverallState, CostStatus, CostState } from './core/contracts.js';
export { createKeytarSecretStore } from './secrets/keytar-store.js';
export { SecretRedactor } from './logging/redact.js';
export type { Logger } from './logging/logger.js';

/** Builds the Koa app for `config` without listening; loads Koa on first call. */
export async function createApp(config: Config, deps: AppDeps): Promise<Koa> {
  const { buildKoaApp } = await import('./server/create-app.js');
  return buildKoaApp(config, deps);
}

/** Starts the ops server (services + app + listen); loads Koa on first call. */
export async function startServer(config: Config, deps: StartServerDeps = {}): Promise<RunningServer> {
  const module = await import('./server/start-server.js');
  return module.startServer(config, deps);
}

/** Builds the services for `config` (settings, capabilities) without a server. */
export async function createServices(config: Config, deps: StartServerDeps = {}): Promise<Services> {
  const module = await import('./services.js');
  return module.createServices(config, deps);
}

/**
 * The core's logger for a composition root: JSON lines to `<attuneHome>/ops/logs/ops.log`
 * and, optionally, a stream such as stderr, every record scrubbed by `redactor`. Loads
 * pino on call, so importing this module stays cheap.
 */
export async function createOpsLogger(options: {
  attuneHome: string;
  redactor: SecretRedactor;
  level?: string;
  also?: NodeJS.WritableStream;
}): Promise<Logger> {
  const { createLogger, fileDestination } = await import('./logging/logger.js');
  const destinations = [
    fileDestination(options.attuneHome),
    ...(options.also ? [options.also as unknown as DestinationStream] : []),
  ];
  return createLogger({ redactor: options.redactor, level: options.level, destinations });
}
