/**
 * One workflow process: spawned from an argv (a shell only when the workflow asks for
 * it), detached so it leads its own process group, stdout and stderr read separately and
 * split into lines. `terminate()` signals the whole group (SIGTERM, then SIGKILL after a
 * grace period) so no grandchild survives; after the leader exits, leftovers of the group
 * are killed too, so a background process cannot keep the pipes (and the run) open.
 *
 * Output can be paused (back-pressure from the log writer) without losing bytes.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Clock, TimerHandle } from '../core/clock.js';
import { LineSplitter, type OutputPiece } from './log/line-splitter.js';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export type ProcessEnd =
  { kind: 'exited'; exitCode: number | null; signal: string | null } | { kind: 'spawn_failed'; message: string };

export interface RunProcessOptions {
  argv: string[];
  shell: boolean;
  cwd: string;
  env: Record<string, string>;
  clock: Clock;
  killGraceMs: number;
  spawn?: SpawnFn;
  /** Lines of one stream as the splitter gives them (bytes of complete lines, or one line as text). */
  onOutput(stream: 'stdout' | 'stderr', pieces: OutputPiece[]): void;
  onEnd(end: ProcessEnd): void;
}

/** After the leader exits, how long leftovers of its group may hold the pipes. */
export const LEFTOVER_GRACE_MS = 1000;

export class RunProcess {
  readonly pid: number | null;
  private readonly child: ChildProcess;
  private killTimer: TimerHandle | undefined;
  private ended = false;

  constructor(private readonly options: RunProcessOptions) {
    const [command = '', ...args] = options.argv;
    const spawn = options.spawn ?? nodeSpawn;
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    this.child = options.shell
      ? spawn(options.argv.join(' '), [], { ...spawnOptions, shell: true })
      : spawn(command, args, spawnOptions);
    this.pid = this.child.pid ?? null;
    this.watch();
  }

  pause(): void {
    this.child.stdout?.pause();
    this.child.stderr?.pause();
  }

  resume(): void {
    this.child.stdout?.resume();
    this.child.stderr?.resume();
  }

  /** SIGTERM to the process group now, SIGKILL after the grace period if still there. */
  terminate(): void {
    if (this.ended || this.pid === null) return;
    this.signalGroup('SIGTERM');
    this.killTimer ??= this.options.clock.setTimeout(() => this.signalGroup('SIGKILL'), this.options.killGraceMs);
  }

  private watch(): void {
    const streams = [this.read('stdout', this.child.stdout), this.read('stderr', this.child.stderr)];
    this.child.once('error', (error: NodeJS.ErrnoException) => {
      if (this.pid !== null) return;
      this.finish({ kind: 'spawn_failed', message: describeSpawnError(this.options, error) });
    });
    this.child.once('exit', (exitCode, signal) => {
      const leftovers = this.options.clock.setTimeout(() => this.signalGroup('SIGKILL'), LEFTOVER_GRACE_MS);
      void Promise.all(streams).then(() => {
        this.options.clock.clearTimeout(leftovers);
        this.signalGroup('SIGKILL');
        this.finish({ kind: 'exited', exitCode, signal });
      });
    });
  }

  private read(stream: 'stdout' | 'stderr', readable: Readable | null): Promise<void> {
    if (!readable) return Promise.resolve();
    const splitter = new LineSplitter();
    readable.on('data', (chunk: Buffer) => {
      const pieces = splitter.push(chunk);
      if (pieces.length > 0) this.options.onOutput(stream, pieces);
    });
    return new Promise((resolve) => {
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        const rest = splitter.end();
        if (rest.length > 0) this.options.onOutput(stream, rest);
        resolve();
      };
      readable.once('end', done);
      readable.once('error', done);
      readable.once('close', done);
    });
  }

  private finish(end: ProcessEnd): void {
    if (this.ended) return;
    this.ended = true;
    if (this.killTimer) this.options.clock.clearTimeout(this.killTimer);
    this.options.onEnd(end);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid === null) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // ESRCH: the group is already gone
    }
  }
}

function describeSpawnError(options: RunProcessOptions, error: NodeJS.ErrnoException): string {
  const command = options.argv[0] ?? '';
  if (error.code === 'ENOENT') {
    return `Could not start "${command}": the command was not found on PATH, or the working folder ${options.cwd} does not exist.`;
  }
  if (error.code === 'EACCES') return `Could not start "${command}": permission denied (is it executable?).`;
  return `Could not start "${command}": ${error.code ?? error.message}.`;
}
