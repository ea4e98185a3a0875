/**
 * The real ops server for end-to-end tests, serving the built console (dist/renderer)
 * for a private copy of the demo project with a temp ATTUNE_HOME. Two ways to run it:
 *   - `in-process`: startTestServer() in this process, with `env` injected (fast);
 *   - `process`: `node bin/attune-ops.js serve …` as a real child, which can be killed
 *     and restarted on the same port, token and ATTUNE_HOME (the "server restarts
 *     mid-run" tests). The child inherits process.env (the private D-Bus session for
 *     the keychain) plus `env`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/built.js';
import { runCliProcess, type CliProcess } from '../../support/cli-process.js';
import { tempDir } from '../../support/temp.js';
import { createKeytarSecretStore } from '../../../main/secrets/keytar-store.js';
import { startTestServer, TEST_TOKEN, type TestServer } from '../../support/test-server.js';
import type { StartServerDeps } from '../../../main/server/start-server.js';
import { copyDemoProject } from './project.js';

export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');

export interface E2eServerOptions {
  mode?: 'in-process' | 'process';
  allowRun?: boolean;
  specsCandidates?: boolean;
  /** Environment for the server (ATTUNE_ANTHROPIC_BASE_URL, ANTHROPIC_ADMIN_API_KEY…). */
  env?: Record<string, string | undefined>;
  /** Reuse a project root / home (defaults: a fresh demo-project copy, a fresh home). */
  projectRoot?: string;
  home?: string;
  token?: string;
  /** Only in `in-process` mode: injected dependencies (a secret store, a clock…). */
  deps?: StartServerDeps;
}

export interface E2eServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly home: string;
  readonly projectRoot: string;
  /** Only in `in-process` mode: the live services (settings, costs…). */
  readonly inProcess: TestServer | null;
  /** `fetch` against the API with the Bearer token. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Stops the server and starts it again on the same port, token and home. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops it without restarting (the page should show the reconnecting state). */
  stop(): Promise<void>;
  /** Kills the server process with SIGKILL (mode 'process' only): a crash, no clean shutdown. */
  crash(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function requireRendererBuild(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('dist/renderer is missing: run `npm run build` before the e2e tests.');
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  requireRendererBuild();
  const mode = options.mode ?? 'in-process';
  const projectRoot = options.projectRoot ?? (await copyDemoProject());
  const home = options.home ?? (await tempDir('attune-e2e-home-'));
  const token = options.token ?? TEST_TOKEN;
  const env = { ...options.env, ATTUNE_HOME: home };
  let port = 0;
  let inProcess: TestServer | null = null;
  let child: CliProcess | null = null;

  const start = async () => {
    if (mode === 'in-process') {
      inProcess = await startTestServer({
        config: {
          projectRoot,
          port,
          ...(options.allowRun !== undefined && { allowRun: options.allowRun }),
          ...(options.specsCandidates !== undefined && { specsCandidatesEnabled: options.specsCandidates }),
        },
        // The real OS keychain (e2e runs inside a private keyring session), as the CLI uses.
        deps: { secretStore: createKeytarSecretStore(), ...options.deps, env, rendererDir: RENDERER_DIR },
        home,
        projectRoot,
        token,
      });
      port = inProcess.port;
      return;
    }
    const args = ['serve', '--port', String(port), '--no-browser', '--project-root', projectRoot];
    if (options.allowRun) args.push('--allow-run');
    if (options.specsCandidates !== undefined)
      args.push(options.specsCandidates ? '--specs-candidates' : '--no-specs-candidates');
    child = await spawnWithRetry(args, { ...env, ATTUNE_OPS_TOKEN: token });
    const match = await child.waitForOutput(/http:\/\/127\.0\.0\.1:(\d+)/, 20_000);
    port = Number(match[1]);
  };

  const stop = async () => {
    if (inProcess) {
      await inProcess.close();
      inProcess = null;
    }
    if (child) {
      const running = child;
      child = null;
      if (running.child.exitCode === null) {
        running.child.kill('SIGTERM');
        const exited = await Promise.race([
          running.exited,
          new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
        ]);
        if (!exited) running.child.kill('SIGKILL');
      }
    }
  };

  const crash = async () => {
    if (!child) throw new Error('crash() needs a server started with mode: "process"');
    const running = child;
    child = null;
    running.child.kill('SIGKILL');
    await running.exited;
  };

  await start();
  const server: E2eServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    token,
    home,
    projectRoot,
    get inProcess() {
      return inProcess;
    },
    api(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers, body });
    },
    async restart({ downMs = 0 } = {}) {
      await stop();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop,
    crash,
    start,
    close: stop,
  };
  return server;
}

/** The port of a just-stopped server can take a moment to free up: retry a few times. */
async function spawnWithRetry(args: string[], env: Record<string, string | undefined>): Promise<CliProcess> {
  for (let attempt = 0; ; attempt += 1) {
    const child = runCliProcess(args, env);
    try {
      await child.waitForOutput(/http:\/\/127\.0\.0\.1:\d+|already in use/, 20_000);
    } catch (error) {
      throw new Error(`attune-ops serve did not start: ${String(error)}`, { cause: error });
    }
    if (!/already in use/.test(child.stderr()) || attempt >= 20) return child;
    await child.exited;
    await new Promise((r) => setTimeout(r, 250));
  }
}
