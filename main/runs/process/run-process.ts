/**
 * One workflow process: spawned from an argv (a shell only when the workflow asks for
 * it), detached so it leads its own session and process group, stdout and stderr read
 * separately and split into lines. The run is over when the leader has exited and its
 * output has closed or the drain window (`DRAIN_MS`) has passed; whatever is still
 * attached then (group, session, `ATTUNE_RUN_ID` marker: run-members.ts) is stopped with
 * the grace of a cancel and named in a runner line. `terminate()` (cancel, timeout,
 * shutdown) stops the same set. Either way `onEnd` comes at most grace + `SETTLE_MS`
 * after stopping began, whatever the processes do. Output can be paused (back-pressure).
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { LineSplitter, type OutputPiece } from '../log/line-splitter.js';
import type { ProcessProbe } from './process-identity.js';
import { findRunMembers, SETTLE_MS, stopRunMembers } from './run-members.js';

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
  /** The run's id, also in `env` as ATTUNE_RUN_ID: how its escaped processes are found. */
  runId: string;
  probe: ProcessProbe;
  spawn?: SpawnFn;
  /** Lines of one stream as the splitter gives them (bytes of complete lines, or one line as text). */
  onOutput(stream: 'stdout' | 'stderr', pieces: OutputPiece[]): void;
  /** A line from the runner about the run's processes (what was stopped, what could not be). */
  onNotice(text: string): void;
  onEnd(end: ProcessEnd): void;
}

/** After the leader exits, how long the rest of the run may keep its output open. */
export const DRAIN_MS = 2000;

export class RunProcess {
  readonly pid: number | null;
  /** The leader's start time, the lower bound of its descendants' (null: unknown). */
  readonly since: number | null;
  private readonly child: ChildProcess;
  private ended = false;
  private exit: { code: number | null; signal: string | null } | null = null;
  private stopping: Promise<void> | undefined;
  private outputClosed: Promise<void> = Promise.resolve();

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
    this.since = this.pid === null ? null : options.probe.startTime(this.pid);
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

  /** Stops everything attached to the run: SIGTERM now, SIGKILL after the grace period. */
  terminate(): void {
    if (this.ended || this.pid === null) return;
    void this.stop();
  }

  /** The live processes attached to this run now. */
  members(): number[] {
    if (this.pid === null) return [];
    return findRunMembers(this.options.probe, {
      runId: this.options.runId,
      group: this.pid,
      session: this.pid,
      since: this.since,
    });
  }

  private watch(): void {
    this.outputClosed = Promise.all([
      this.read('stdout', this.child.stdout),
      this.read('stderr', this.child.stderr),
    ]).then(() => undefined);
    this.child.once('error', (error: NodeJS.ErrnoException) => {
      if (this.pid !== null) return;
      this.finish({ kind: 'spawn_failed', message: describeSpawnError(this.options, error) });
    });
    this.child.once('exit', (code, signal) => {
      this.exit = { code, signal };
      void this.afterLeaderExit();
    });
  }

  private async afterLeaderExit(): Promise<void> {
    const closed = await this.within(this.outputClosed, DRAIN_MS);
    const left = this.members();
    if (left.length > 0 && !this.stopping) {
      const why = closed
        ? 'after its leader exited'
        : `${DRAIN_MS / 1000} s after its leader exited, holding its output`;
      this.options.onNotice(
        `${left.length} process(es) of this run were still running ${why} (pid ${left.join(', ')}); stopping them (SIGTERM, then SIGKILL after ${this.options.killGraceMs} ms).`,
      );
    }
    if (left.length > 0 || this.stopping) await this.stop();
    if (!closed) await this.within(this.outputClosed, SETTLE_MS);
    this.finishExited();
  }

  private stop(): Promise<void> {
    return (this.stopping ??= this.stopAll());
  }

  private async stopAll(): Promise<void> {
    const result = await stopRunMembers(() => this.members(), {
      group: this.pid,
      clock: this.options.clock,
      graceMs: this.options.killGraceMs,
      settleMs: SETTLE_MS,
    });
    if (result.survivors.length > 0) {
      this.options.onNotice(
        `Could not stop process(es) ${result.survivors.join(', ')} of this run (still there ${SETTLE_MS / 1000} s after SIGKILL); the run ends without them. Stop them yourself.`,
      );
    }
    // A leader that outlived SIGKILL (uninterruptible, or not ours to kill) does not hold the run.
    if (this.exit === null) {
      await this.within(new Promise<void>((resolve) => this.child.once('exit', () => resolve())), POLL_AFTER_KILL_MS);
      if (this.exit === null) this.finishExited();
    }
  }

  private finishExited(): void {
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.finish({ kind: 'exited', exitCode: this.exit?.code ?? null, signal: this.exit?.signal ?? null });
  }

  /** Whether `promise` settled within `ms`. */
  private within(promise: Promise<void>, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.options.clock.setTimeout(() => resolve(false), ms);
      void promise.then(() => {
        this.options.clock.clearTimeout(timer);
        resolve(true);
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
        if (rest.length > 0 && !this.ended) this.options.onOutput(stream, rest);
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
    this.options.onEnd(end);
  }
}

/** How long a leader that survived the stop is still awaited before the run ends without it. */
const POLL_AFTER_KILL_MS = 100;

function describeSpawnError(options: RunProcessOptions, error: NodeJS.ErrnoException): string {
  const command = options.argv[0] ?? '';
  if (error.code === 'ENOENT') {
    return `Could not start "${command}": the command was not found on PATH, or the working folder ${options.cwd} does not exist.`;
  }
  if (error.code === 'EACCES') return `Could not start "${command}": permission denied (is it executable?).`;
  return `Could not start "${command}": ${error.code ?? error.message}.`;
}
