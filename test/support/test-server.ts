/**
 * Builder for a real ops server on 127.0.0.1:0 with temp `attuneHome` and project root,
 * a fixed token, and logs captured in memory (so tests can search them for secrets).
 * Every `/api` answer `api` receives is checked against the contract
 * (test/support/checked-fetch.ts), so a test fails on an answer it does not allow;
 * `checked: false` turns that off (for a test that sends what the contract forbids on purpose).
 */
import { mkdir } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildConfig, type ConfigOptions } from '../../main/config/config.js';
import { createLogger, memoryDestination } from '../../main/logging/logger.js';
import { SecretRedactor } from '../../main/logging/redact.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startServer, type RunningServer, type StartServerDeps } from '../../main/server/start-server.js';
import { checkedFetch } from './checked-fetch.js';
import { removeTempDirs, tempDir } from './temp.js';

export interface TestServer extends RunningServer {
  home: string;
  projectRoot: string;
  logs: ReturnType<typeof memoryDestination>;
  /** fetch against the server with the Bearer token (unless `auth: false`). */
  api(path: string, init?: RequestInit & { auth?: boolean; json?: unknown }): Promise<Response>;
  /** A raw HTTP request with full control over headers (Host, Origin, odd bytes). */
  raw(options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }): Promise<RawResponse>;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

export interface TestServerOptions {
  config?: Omit<ConfigOptions, 'attuneHome'>;
  deps?: StartServerDeps;
  home?: string;
  projectRoot?: string;
  token?: string;
  /** Check every `/api` answer of `api` against the contract (a mismatch fails the request); default true. */
  checked?: boolean;
}

export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const home = options.home ?? (await tempDir('attune-home-'));
  const projectRoot = options.projectRoot ?? options.config?.projectRoot ?? (await tempDir('attune-project-'));
  await mkdir(join(home, 'ops'), { recursive: true });
  const config = buildConfig({ port: 0, ...options.config, projectRoot, attuneHome: home, env: {} });
  const logs = memoryDestination();
  const redactor = options.deps?.redactor ?? new SecretRedactor();
  const logger = options.deps?.logger ?? createLogger({ redactor, destinations: [logs], level: 'debug' });
  // An in-memory key store unless a test passes one: unit tests must never read the developer's
  // real keyring (the keychain project tests the real one).
  const running = await startServer(config, {
    env: {},
    secretStore: createMemorySecretStore(),
    ...options.deps,
    redactor,
    logger,
    token: options.token ?? TEST_TOKEN,
  });

  const plainApi: TestServer['api'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.auth !== false) headers.set('Authorization', `Bearer ${running.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${running.url}${path}`, { ...init, headers, body, redirect: 'manual' });
  };
  const api = (options.checked ?? true) ? checkedFetch(plainApi) : plainApi;

  const raw: TestServer['raw'] = ({ method = 'GET', path, headers = {}, body }) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: running.port,
          method,
          path,
          headers,
          setHost: !('Host' in headers || 'host' in headers),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: () => JSON.parse(text) as unknown,
            });
          });
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });

  return Object.assign(running, { home, projectRoot, logs, api, raw });
}

/** One server for a whole test file: started before its tests, closed (and temp dirs removed) after them. */
export function serverForFile(options: TestServerOptions = {}): { readonly server: TestServer; readonly host: string } {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(options);
  });
  afterAll(async () => {
    await started?.close();
    await removeTempDirs();
  });
  const server = (): TestServer => {
    if (!started) throw new Error('the test server is not started yet (use it inside a test)');
    return started;
  };
  return {
    get server() {
      return server();
    },
    /** The Host header the allowlist accepts: `127.0.0.1:<port>`. */
    get host() {
      return `127.0.0.1:${server().port}`;
    },
  };
}
