/**
 * Starts the ops server: services, app, listen. Returns the bound URL, the launch token,
 * the services and `close()`, which stops accepting connections, ends open event
 * streams, cancels running work, and waits for in-flight requests (forcing the rest
 * closed after a grace period).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config.js';
import { createServices, startServices, stopServices, type ServiceDeps, type Services } from '../services.js';
import { buildKoaApp } from './create-app.js';

export const CLOSE_GRACE_MS = 5000;

export interface StartServerDeps extends ServiceDeps {
  /** Fixed launch token (automation); a random 32-byte token otherwise. */
  token?: string;
  rendererDir?: string;
  /** Already-built services (tests, the desktop shell); built from deps otherwise. */
  services?: Services;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  /** The console URL carrying the token once, for a browser to open. */
  consoleUrl: string;
  port: number;
  token: string;
  services: Services;
  server: Server;
  close(): Promise<void>;
}

export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startServer(config: Config, deps: StartServerDeps = {}): Promise<RunningServer> {
  const services = deps.services ?? (await createServices(config, deps));
  const token = deps.token ?? createLaunchToken();
  services.redactor.add(token);
  let boundPort = config.port;
  const app = buildKoaApp(config, { services, token, port: () => boundPort, rendererDir: deps.rendererDir });
  const server = createServer(app.callback());
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  await startServices(services);

  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${boundPort}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    consoleUrl: `${url}/?token=${encodeURIComponent(token)}`,
    port: boundPort,
    token,
    services,
    server,
    close: () => (closing ??= closeServer(server, services)),
  };
}

async function closeServer(server: Server, services: Services): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await stopServices(services);
  server.closeIdleConnections();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
  await Promise.race([closed, grace]);
  server.closeAllConnections();
  await closed;
}
