/**
 * The launch of one run and its live bookkeeping (for the runner, run-service.ts): the
 * record is on disk before the spawn and again once the pid is known (a crash leaves the
 * pid for recovery); the last log lines are written before the outcome is decided (a
 * failed write fails the run) and before readers hear of the end. Record writes are queued
 * per run and retried (bounded). Ends: exit 0 → succeeded, other → failed, user → cancelled,
 * timeout → timed_out, shutdown → cancelled, log not writable → failed (run-outcome.ts).
 */
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import { buildChildEnv, type EnvMap } from './process/child-env.js';
import type { LaunchPlan } from './process/run-launch.js';
import type { RunIndex } from './history/run-index.js';
import { newRunId } from './history/run-id.js';
import type { ProcessProbe } from './process/process-identity.js';
import type { ServerIdentity } from './history/run-owner.js';
import { RunOutput } from './log/run-output.js';
import { LineEncoder } from './log/line-encoder.js';
import { SETTLE_MS } from './process/run-members.js';
import { RunProcess, type ProcessEnd, type SpawnFn } from './process/run-process.js';
import type { RunStore } from './history/run-store.js';
import { runOutcome } from './process/run-outcome.js';
import type { RunRecord, RunTrigger } from './run-types.js';

export const KILL_GRACE_MS = 5000;

export interface RunLauncherDeps {
  store: RunStore;
  index: RunIndex;
  clock: Clock;
  logger: Logger;
  env: EnvMap;
  redactor: SecretRedactor;
  spawn?: SpawnFn;
  killGraceMs: number;
  windowMaxLines?: number;
  probe: ProcessProbe;
  /** This server (recorded in each run as its owner) and when it started. */
  identity: ServerIdentity;
  startedAt: string;
  /** Each new state of a run (started, ended), for the runner's listeners. */
  emit(run: RunRecord): void;
  /** A run's outcome is decided (before its final record is written). */
  finished(id: string): void;
}

export interface LiveRun {
  record: RunRecord;
  output: RunOutput;
  process: RunProcess | null;
  endReason: 'cancel' | 'timeout' | 'shutdown' | null;
  timeoutMinutes: number;
  timer: TimerHandle | undefined;
  writes: Promise<void>;
  done: Promise<void>;
}

export class RunLauncher {
  private readonly live = new Map<string, LiveRun>();
  private lineEncoder: LineEncoder | undefined;

  constructor(private readonly deps: RunLauncherDeps) {}

  get(id: string): LiveRun | undefined {
    return this.live.get(id);
  }

  has(id: string): boolean {
    return this.live.has(id);
  }

  runs(): LiveRun[] {
    return [...this.live.values()];
  }

  /** Asks a live run to stop (SIGTERM to its group, SIGKILL after the grace period); the first reason wins. */
  end(live: LiveRun, reason: 'cancel' | 'timeout' | 'shutdown'): void {
    live.endReason ??= reason;
    live.process?.terminate();
  }

  /** Shutdown: every live run is ended; waits for their final records, bounded. */
  async stopAll(): Promise<void> {
    const live = this.runs();
    for (const run of live) this.end(run, 'shutdown');
    // Each run ends within grace + SETTLE_MS of its terminate (process/run-process.ts);
    // the bound here also covers its final record, so shutdown never waits longer.
    const bound = this.deps.killGraceMs + SETTLE_MS;
    let timer: TimerHandle | undefined;
    const late = new Promise<void>((resolve) => (timer = this.deps.clock.setTimeout(resolve, bound)));
    await Promise.race([Promise.all(live.map((run) => run.done)), late]);
    if (timer) this.deps.clock.clearTimeout(timer);
  }

  /** The one line encoder of this runner (made on first use: it compiles a small WebAssembly module). */
  private get encoder(): LineEncoder {
    return (this.lineEncoder ??= new LineEncoder());
  }

  launch(plan: LaunchPlan, trigger: RunTrigger): RunRecord {
    const { clock } = this.deps;
    const id = newRunId(clock.now());
    const record: RunRecord = {
      version: 1,
      id,
      workflow: plan.workflow.name,
      path: plan.path,
      trigger,
      status: 'running',
      command: plan.argv,
      startedAt: new Date(clock.now()).toISOString(),
      finishedAt: null,
      durationMs: null,
      exitCode: null,
      signal: null,
      lineCount: 0,
      reason: null,
      pid: null,
      pidStartTime: null,
      serverPid: this.deps.identity.pid,
      serverPidStartTime: this.deps.identity.pidStartTime,
      serverStartedAt: this.deps.startedAt,
    };
    // On disk before the spawn: a run whose record cannot be written is refused with the
    // storage error (507/503) and nothing is started (history/run-store.ts).
    this.deps.store.writeNow(record);
    let resolveDone!: () => void;
    const live: LiveRun = {
      record,
      process: null,
      endReason: null,
      timer: undefined,
      writes: Promise.resolve(),
      timeoutMinutes: plan.workflow.timeoutMinutes,
      done: new Promise<void>((resolve) => (resolveDone = resolve)),
      output: new RunOutput({
        logPath: this.deps.store.logPath(record.workflow, id),
        windowMaxLines: this.deps.windowMaxLines,
        encoder: this.encoder,
        onPressure: (paused) => (paused ? live.process?.pause() : live.process?.resume()),
        onError: (error) => {
          // Lines that cannot be kept are never shown (run-output.ts), so the run is stopped.
          this.deps.logger.error({ err: error, runId: id }, 'writing the run log failed; stopping the run');
          live.process?.terminate();
        },
      }),
    };
    this.live.set(id, live);
    this.deps.index.put(record);
    const env = buildChildEnv({
      base: this.deps.env,
      redactor: this.deps.redactor,
      workflowEnv: plan.workflow.env,
      runId: id,
      trigger,
    });
    live.process = new RunProcess({
      argv: plan.argv,
      shell: plan.workflow.shell,
      cwd: plan.cwd,
      env,
      clock,
      killGraceMs: this.deps.killGraceMs,
      runId: id,
      probe: this.deps.probe,
      spawn: this.deps.spawn,
      onOutput: (stream, pieces) => live.output.appendOutput(stream, pieces, new Date(clock.now()).toISOString()),
      onNotice: (text) => {
        this.deps.logger.warn({ runId: id }, text);
        live.output.append('system', [text], new Date(clock.now()).toISOString());
      },
      onEnd: (end) => void this.finish(live, end).finally(resolveDone),
    });
    const pid = live.process.pid;
    live.record = { ...record, pid, pidStartTime: live.process.since };
    this.deps.index.put(live.record);
    // On disk before anything else can happen: a crash from here on leaves the pid for recovery.
    try {
      this.deps.store.writeNow(live.record);
    } catch (error) {
      this.deps.logger.error({ err: error, runId: id }, 'writing the run record with its pid failed; trying again');
      this.persist(live);
    }
    live.timer = clock.setTimeout(() => this.end(live, 'timeout'), plan.workflow.timeoutMinutes * 60_000);
    this.deps.logger.info(
      { runId: id, workflow: record.workflow, path: record.path, pid: live.process.pid },
      'run started',
    );
    this.deps.emit(live.record);
    return live.record;
  }

  private async finish(live: LiveRun, end: ProcessEnd): Promise<void> {
    const { clock } = this.deps;
    if (live.timer) clock.clearTimeout(live.timer);
    if (end.kind === 'spawn_failed') live.output.append('system', [end.message], new Date(clock.now()).toISOString());
    const finishedAt = new Date(clock.now()).toISOString();
    // The last lines are written before the outcome is decided (a failed write fails the
    // run) and before readers hear of the end (they get the final record).
    await live.output.close();
    const log = { failure: live.output.failure, keptLines: live.output.persistedSeq };
    live.record = {
      ...live.record,
      ...runOutcome(end, live.endReason, live.timeoutMinutes, log),
      finishedAt,
      durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(live.record.startedAt)),
      lineCount: live.output.persistedSeq,
    };
    this.deps.index.put(live.record);
    this.deps.finished(live.record.id);
    live.output.end();
    this.persist(live);
    await live.writes;
    const bytes = (await this.deps.store.logBytes(live.record.workflow, live.record.id)) + 1024;
    this.deps.index.put(live.record, bytes);
    this.live.delete(live.record.id);
    this.deps.logger.info(
      { runId: live.record.id, status: live.record.status, exitCode: live.record.exitCode },
      'run ended',
    );
    this.deps.emit(live.record);
  }

  /** Writes the record as it is now, after the writes before it, retrying a failed write (bounded). */
  private persist(live: LiveRun): void {
    const snapshot = live.record;
    const { clock, logger } = this.deps;
    const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const onRetry = (error: unknown, attempt: number) =>
      logger.warn({ err: error, runId: snapshot.id, attempt }, 'writing the run record failed; trying again');
    live.writes = live.writes
      .then(() => this.deps.store.writeRetrying(snapshot, wait, onRetry))
      .catch((error: unknown) =>
        logger.error({ err: error, runId: snapshot.id }, 'writing the run record failed; giving up'),
      );
  }
}
