/**
 * The workflow runner (`services.runs`): starts, cancels and times out runs, keeps the
 * history index, and hands out log readers. State lives here only; the disk holds each
 * run's record (rewritten atomically at start, when the pid is known and at the end) and
 * its log (appended as it goes; viewers only see lines already written, so a crash never
 * loses a line someone saw). The record keeps the pid and its start time, so the next
 * start can stop a process a crashed server left behind, and this server's own pid and
 * start time, so another server sharing the home leaves a live owner's run alone
 * (run-maintenance.ts, run-owner.ts).
 *
 * Ends: exit 0 → succeeded, other exit or signal → failed, user → cancelled, timeout →
 * timed_out, server shutdown → cancelled, server died → interrupted (at next startup),
 * log not writable → the run is stopped and failed (run-outcome.ts).
 */
import type { Clock, TimerHandle } from '../core/clock.js';
import { OpsError } from '../core/errors.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import type { Settings } from '../settings/schema.js';
import type { WorkflowCatalogue } from '../workflows/workflow-catalogue.js';
import type { WorkflowDefinition } from '../workflows/workflow-schema.js';
import { buildChildEnv, type EnvMap } from './process/child-env.js';
import { assertRunsAllowed, findWorkflow, planLaunch, type LaunchPlan } from './process/run-launch.js';
import { RunIndex, type RunQuery } from './history/run-index.js';
import { loadHistory } from './history/run-recovery.js';
import { pruneRuns, type PruneResult } from './history/run-retention.js';
import { runningOnHome, syncForeign } from './history/foreign-runs.js';
import { newRunId } from './history/run-id.js';
import { ProcessProbe } from './process/process-identity.js';
import { serverIdentity, type ServerIdentity } from './history/run-owner.js';
import { RunLogs, type LogChunk } from './log/run-logs.js';
import { RunOutput } from './log/run-output.js';
import { LineEncoder } from './log/line-encoder.js';
import { SETTLE_MS } from './process/run-members.js';
import { RunProcess, type ProcessEnd, type SpawnFn } from './process/run-process.js';
import { RunStore } from './history/run-store.js';
import { runOutcome, unknownRun } from './process/run-outcome.js';
import type { RunRecord, RunTrigger } from './run-types.js';

export const KILL_GRACE_MS = 5000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RunServiceOptions {
  runsDir: string;
  projectRoot: string;
  catalogue: WorkflowCatalogue;
  settings: { get(): Settings };
  clock: Clock;
  logger: Logger;
  env: EnvMap;
  redactor: SecretRedactor;
  spawn?: SpawnFn;
  killGraceMs?: number;
  windowMaxLines?: number;
  /** Reads process identities (pid + start time); the real /proc when absent. */
  probe?: ProcessProbe;
}

interface LiveRun {
  record: RunRecord;
  output: RunOutput;
  process: RunProcess | null;
  endReason: 'cancel' | 'timeout' | 'shutdown' | null;
  timeoutMinutes: number;
  timer: TimerHandle | undefined;
  writes: Promise<void>;
  done: Promise<void>;
}

export class RunService {
  readonly store: RunStore;
  readonly catalogue: WorkflowCatalogue;
  /** Reading run logs: pages, tail, search, first error, download (log/run-logs.ts). */
  readonly logs: RunLogs;
  private readonly index = new RunIndex();
  private readonly live = new Map<string, LiveRun>();
  private readonly listeners = new Set<(run: RunRecord) => void>();
  private readonly startedAt: string;
  private loading: Promise<void> | undefined;
  private skipped = 0;
  private lastFinishedId: string | null = null;
  private pruneTimer: TimerHandle | undefined;
  private readonly probe: ProcessProbe;
  private lineEncoder: LineEncoder | undefined;
  private refreshing: Promise<void> | undefined;
  /** This server process (pid + start time), recorded in each run as its owner. */
  private readonly identity: ServerIdentity;

  constructor(private readonly options: RunServiceOptions) {
    this.store = new RunStore(options.runsDir);
    this.probe = options.probe ?? new ProcessProbe();
    this.identity = serverIdentity(this.probe);
    this.catalogue = options.catalogue;
    this.logs = new RunLogs({
      store: this.store,
      live: (id) => this.live.get(id),
      record: (id) => this.index.get(id)?.record,
    });
    this.startedAt = new Date(options.clock.now()).toISOString();
  }

  /** Builds the index from disk and recovers runs a dead server left `running` (once). */
  ready(): Promise<void> {
    return (this.loading ??= this.load());
  }

  /** Startup work: index, recovery, retention now and daily. */
  async startBackground(): Promise<void> {
    await this.ready();
    await this.prune();
    this.pruneTimer = this.options.clock.setInterval(() => void this.prune(), DAY_MS);
    (this.pruneTimer as { unref?: () => void }).unref?.();
  }

  /**
   * Starts a workflow, given by name or as the definition a route already found. `allowRun`
   * is checked once, after every await (a toggle during the start still wins); a route
   * that must answer 403 before 404 checks it first itself.
   */
  async start(
    target: string | WorkflowDefinition,
    request: { path?: string; trigger?: RunTrigger },
  ): Promise<RunRecord> {
    const workflow = typeof target === 'string' ? await findWorkflow(this.options.catalogue, target) : target;
    const plan = await planLaunch(this.options.projectRoot, workflow, request.path);
    await this.ready();
    // Every live server on this home counts (history/foreign-runs.ts).
    for (const record of await syncForeign(this.store, this.index, (id) => this.live.has(id))) this.emit(record);
    const settings = this.options.settings.get();
    assertRunsAllowed(settings.allowRun);
    const isLive = (id: string) => this.live.has(id);
    const running = runningOnHome(this.index, this.runningRuns(), this.probe, isLive).map((run) => run.id);
    if (running.length >= settings.maxConcurrentRuns) {
      throw new OpsError(
        409,
        'runner_busy',
        `${running.length} run(s) already going on this attune home (the limit is ${settings.maxConcurrentRuns}); wait, cancel one, or raise 'Max concurrent runs' in Settings.`,
        { currentRunIds: running },
      );
    }
    return this.launch(plan, request.trigger ?? 'manual');
  }

  /** Asks a running run to stop (SIGTERM to its group, SIGKILL after the grace period). */
  cancel(id: string): RunRecord {
    const live = this.live.get(id);
    const ended = live ? undefined : this.index.get(id)?.record;
    if (!live && !ended) throw unknownRun(id);
    if (!live)
      throw new OpsError(409, 'conflict', `Run ${id} already ended (${ended?.status}).`, { status: ended?.status });
    live.endReason ??= 'cancel';
    live.process?.terminate();
    return live.record;
  }

  /**
   * Another server's runs shown here as running are re-read from disk, so that their end
   * (written by their own server) shows here too. Concurrent callers share one pass; it
   * costs one small read per such run, and nothing when there are none.
   */
  refreshForeign(): Promise<void> {
    return (this.refreshing ??= this.rereadForeign().finally(() => (this.refreshing = undefined)));
  }

  private async rereadForeign(): Promise<void> {
    for (const record of this.index.runningRecords()) {
      if (this.live.has(record.id)) continue;
      const stored = await this.store.read(record.workflow, record.id);
      // Still running there: keep what this server knows (e.g. the reason it left the run alone).
      if (!stored || stored.record.status === 'running') continue;
      this.index.put(stored.record, stored.bytes);
      this.emit(stored.record);
    }
  }

  get(id: string): RunRecord | undefined {
    return this.live.get(id)?.record ?? this.index.get(id)?.record;
  }

  list(query: RunQuery): { runs: RunRecord[]; nextCursor: string | null; skipped: number } {
    return { ...this.index.list(query), skipped: this.skipped };
  }

  runningRuns(): RunRecord[] {
    return [...this.live.values()]
      .map((l) => l.record)
      .filter((r) => r.status === 'running')
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  /** The run that ended most recently (by end time), if any. */
  lastFinished(): RunRecord | null {
    return this.lastFinishedId ? (this.index.get(this.lastFinishedId)?.record ?? null) : null;
  }

  /**
   * A run's log records as bytes from `fromSeq` on, then its end: an async iterator that
   * reads on only when asked (back-pressure) and never holds the run (log/run-logs.ts).
   */
  subscribe(runId: string, fromSeq: number): AsyncGenerator<LogChunk> {
    const run = this.get(runId);
    if (!run) throw unknownRun(runId);
    return this.logs.subscribe(run, fromSeq);
  }

  onChange(listener: (run: RunRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Memory held for a live run's output (tests and benchmarks check it stays bounded). */
  outputStats(id: string): ReturnType<RunOutput['stats']> | undefined {
    return this.live.get(id)?.output.stats();
  }

  /** The one line encoder of this service (made on first use: it compiles a small WebAssembly module). */
  private get encoder(): LineEncoder {
    return (this.lineEncoder ??= new LineEncoder());
  }

  /** Shutdown: every running run is cancelled and recorded `cancelled`. */
  async stop(): Promise<void> {
    if (this.pruneTimer) this.options.clock.clearInterval(this.pruneTimer);
    const live = [...this.live.values()];
    for (const run of live) {
      run.endReason ??= 'shutdown';
      run.process?.terminate();
    }
    // Each run ends within grace + SETTLE_MS of its terminate (process/run-process.ts);
    // the bound here also covers its final record, so shutdown never waits longer.
    const bound = (this.options.killGraceMs ?? KILL_GRACE_MS) + SETTLE_MS;
    let timer: TimerHandle | undefined;
    const late = new Promise<void>((resolve) => (timer = this.options.clock.setTimeout(resolve, bound)));
    await Promise.race([Promise.all(live.map((run) => run.done)), late]);
    if (timer) this.options.clock.clearTimeout(timer);
  }

  async prune(): Promise<PruneResult> {
    await this.ready();
    const settings = this.options.settings.get();
    const result = await pruneRuns(this.index, this.store, {
      retentionDays: settings.runsRetentionDays,
      maxTotalMb: settings.runsMaxTotalMb,
      nowMs: this.options.clock.now(),
    });
    if (result.removed > 0) this.options.logger.info(result, 'pruned old runs');
    return result;
  }

  private launch(plan: LaunchPlan, trigger: RunTrigger): RunRecord {
    const { clock } = this.options;
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
      serverPid: this.identity.pid,
      serverPidStartTime: this.identity.pidStartTime,
      serverStartedAt: this.startedAt,
    };
    // On disk before the spawn: a run whose record cannot be written is refused with the
    // storage error (507/503) and nothing is started (history/run-store.ts).
    this.store.writeNow(record);
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
        logPath: this.store.logPath(record.workflow, id),
        windowMaxLines: this.options.windowMaxLines,
        encoder: this.encoder,
        onPressure: (paused) => (paused ? live.process?.pause() : live.process?.resume()),
        onError: (error) => {
          // Lines that cannot be kept are never shown (run-output.ts), so the run is stopped.
          this.options.logger.error({ err: error, runId: id }, 'writing the run log failed; stopping the run');
          live.process?.terminate();
        },
      }),
    };
    this.live.set(id, live);
    this.index.put(record);
    const env = buildChildEnv({
      base: this.options.env,
      redactor: this.options.redactor,
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
      killGraceMs: this.options.killGraceMs ?? KILL_GRACE_MS,
      runId: id,
      probe: this.probe,
      spawn: this.options.spawn,
      onOutput: (stream, pieces) => live.output.appendOutput(stream, pieces, new Date(clock.now()).toISOString()),
      onNotice: (text) => {
        this.options.logger.warn({ runId: id }, text);
        live.output.append('system', [text], new Date(clock.now()).toISOString());
      },
      onEnd: (end) => void this.finish(live, end).finally(resolveDone),
    });
    const pid = live.process.pid;
    live.record = { ...record, pid, pidStartTime: live.process.since };
    this.index.put(live.record);
    // On disk before anything else can happen: a crash from here on leaves the pid for recovery.
    try {
      this.store.writeNow(live.record);
    } catch (error) {
      this.options.logger.error({ err: error, runId: id }, 'writing the run record with its pid failed; trying again');
      this.persist(live);
    }
    live.timer = clock.setTimeout(() => {
      live.endReason ??= 'timeout';
      live.process?.terminate();
    }, plan.workflow.timeoutMinutes * 60_000);
    this.options.logger.info(
      { runId: id, workflow: record.workflow, path: record.path, pid: live.process.pid },
      'run started',
    );
    this.emit(live.record);
    return live.record;
  }

  private async finish(live: LiveRun, end: ProcessEnd): Promise<void> {
    const { clock } = this.options;
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
    this.index.put(live.record);
    this.lastFinishedId = live.record.id;
    live.output.end();
    this.persist(live);
    await live.writes;
    const bytes = (await this.store.logBytes(live.record.workflow, live.record.id)) + 1024;
    this.index.put(live.record, bytes);
    this.live.delete(live.record.id);
    this.options.logger.info(
      { runId: live.record.id, status: live.record.status, exitCode: live.record.exitCode },
      'run ended',
    );
    this.emit(live.record);
  }

  /** Writes the record as it is now, after the writes before it, retrying a failed write (bounded). */
  private persist(live: LiveRun): void {
    const snapshot = live.record;
    const { clock, logger } = this.options;
    const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const onRetry = (error: unknown, attempt: number) =>
      logger.warn({ err: error, runId: snapshot.id, attempt }, 'writing the run record failed; trying again');
    live.writes = live.writes
      .then(() => this.store.writeRetrying(snapshot, wait, onRetry))
      .catch((error: unknown) =>
        logger.error({ err: error, runId: snapshot.id }, 'writing the run record failed; giving up'),
      );
  }

  private async load(): Promise<void> {
    const leftovers = {
      probe: this.probe,
      clock: this.options.clock,
      killGraceMs: this.options.killGraceMs ?? KILL_GRACE_MS,
    };
    const loaded = await loadHistory(this.store, this.options.logger, (id) => this.live.has(id), leftovers);
    this.skipped = loaded.skipped;
    this.index.load([...loaded.runs, ...[...this.live.values()].map((l) => ({ record: l.record, bytes: 0 }))]);
    this.lastFinishedId ??= loaded.lastFinishedId;
  }

  private emit(run: RunRecord): void {
    for (const listener of this.listeners) listener(run);
  }
}
