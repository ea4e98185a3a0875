/**
 * Test-side driver of the stand-in Electron: launches the app folder's `package.json`
 * `main` (the compiled composition root) in plain Node with the stand-in registered, as
 * a given platform, and talks to it over Node IPC. `exited` resolves with the exit code,
 * the last state the stand-in reported and the time the exit took from `quit`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LaunchOptions {
  platform: 'linux' | 'win32' | 'darwin';
  /** The app folder (Electron is given the folder, as `electron .` does). */
  appPath: string;
  stateDir: string;
  env: Record<string, string>;
  args?: string[];
  packaged?: boolean;
}

export interface StandinState {
  name: string;
  records: {
    events: string[];
    eventTimes: number[];
    openedExternally: string[];
    errorBoxes: Array<{ title: string; content: string }>;
    applicationMenu: string;
    notifications: Array<{ title: string; body: string; shown: boolean }>;
    presenterAppId: string | null;
    appUserModelId: string;
    clipboard: string | null;
    documentHeaders: Record<string, string> | null;
  };
  windows: Array<{ visible: boolean; destroyed: boolean; url: string; title: string; additionalArguments: string[] }>;
  tray?: { image: string; tooltip: string; destroyed: boolean; menu: MenuView[] };
  applicationMenu: MenuView[] | null;
  cookies: Array<{ name: string; value: string; httpOnly: boolean; sameSite: string }>;
  uptimeMs: number;
}

export interface MenuView {
  label: string;
  type: string;
  role: string | null;
  enabled: boolean;
  checked: boolean;
  submenu?: MenuView[];
}

export interface Exit {
  code: number | null;
  state: StandinState | null;
  output: string;
}

export class Desktop {
  output = '';
  readonly exited: Promise<Exit>;
  /** When the stand-in reported the app's exit (before its own Chromium teardown). */
  exitReportedAt: number | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private last: StandinState | null = null;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.on(
      'message',
      (message: { id?: number; value?: unknown; error?: string; exit?: number; state?: StandinState }) => {
        if (message.exit !== undefined) {
          this.last = message.state ?? null;
          this.exitReportedAt = Date.now();
        }
        const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id!);
        if (message.error) waiter.reject(new Error(message.error));
        else waiter.resolve(message.value);
      },
    );
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        for (const waiter of this.pending.values())
          waiter.reject(new Error(`the app exited (${code}): ${this.output}`));
        resolve({ code, state: this.last, output: this.output });
      }),
    );
  }

  send<T = unknown>(cmd: string, extra: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, ...extra });
    });
  }

  state(): Promise<StandinState> {
    return this.send<StandinState>('state');
  }

  /** Waits for a page condition (a JS expression) and returns the state then. */
  waitFor(expression: string): Promise<StandinState> {
    return this.send<StandinState>('wait-for', { expression });
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.send<T>('eval', { expression });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export function launchDesktop(options: LaunchOptions): Desktop {
  const pkg = JSON.parse(readFileSync(join(options.appPath, 'package.json'), 'utf8')) as { main: string };
  const child = fork(join(options.appPath, pkg.main), options.args ?? [], {
    execArgv: ['--import', new URL('./register.mjs', import.meta.url).href],
    env: {
      ...options.env,
      STANDIN_PLATFORM: options.platform,
      STANDIN_APP_PATH: options.appPath,
      STANDIN_STATE_DIR: options.stateDir,
      ...(options.packaged && { STANDIN_PACKAGED: '1' }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return new Desktop(child);
}
