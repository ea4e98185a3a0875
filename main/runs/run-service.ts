/**
 * The workflow runner (`services.runs`), a façade: starts (after the concurrency check
 * across every server on this home), cancels, lists and prunes runs, and hands out log
 * readers. State lives here and in the launcher (run-launcher.ts) only; the disk holds each
 * run's record and log. Runs a dead server left `running` are recovered at `ready()`;
 * another live server's runs are left alone (run-maintenance.ts, run-owner.ts).
 */
import type { Clock, TimerHandle } from '../core/clock.js';
import { OpsError } from '../core/errors.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import type { Settings } from '../settings/schema.js';
import type { WorkflowCatalogue } from '../workflows/workflow-catalogue.js';
import type { WorkflowDefinition } from '../workflows/workflow-schema.js';
import type { EnvMap } from './process/child-env.js';
import { assertRunsAllowed, findWorkflow, planLaunch } from './process/run-launch.js';
import { RunIndex, type RunQuery } from './history/run-index.js';
import { loadHistory } from './history/run-recovery.js';
import { pruneRuns, type PruneResult } from './history/run-retention.js';
import { runningOnHome, syncForeign } from './history/foreign-runs.js';
import { ProcessProbe } from './process/process-identity.js';
import { serverIdentity } from './history/run-owner.js';
import { RunLogs, type LogChunk } from './log/run-logs.js';
import type { RunOutput } from './log/run-output.js';
import type { SpawnFn } from './process/run-process.js';
import { RunStore } from './history/run-store.js';
import { unknownRun } from './process/run-outcome.js';
import { KILL_GRACE_MS, RunLauncher } from './run-launcher.js';
import type { RunRecord, RunTrigger } from './run-types.js';

export { KILL_GRACE_MS };
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

export class RunService {
  readonly store: RunStore;
  readonly catalogue: WorkflowCatalogue;
  /** Reading run logs: pages, tail, search, first error, download (log/run-logs.ts). */
  readonly logs: RunLogs;
  private readonly index = new RunIndex();
  private readonly live: RunLauncher;
  private readonly listeners = new Set<(run: RunRecord) => void>();
  private loading: Promise<void> | undefined;
  private skipped = 0;
  private lastFinishedId: string | null = null;
  private pruneTimer: TimerHandle | undefined;
  private readonly probe: ProcessProbe;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly options: RunServiceOptions) {
    this.store = new RunStore(options.runsDir);
    this.probe = options.probe ?? new ProcessProbe();
    this.catalogue = options.catalogue;
    this.logs = new RunLogs({
      store: this.store,
      live: (id) => this.live.get(id),
      record: (id) => this.index.get(id)?.record,
    });
    this.live = new RunLauncher({
      ...options,
      store: this.store,
      index: this.index,
      killGraceMs: options.killGraceMs ?? KILL_GRACE_MS,
      probe: this.probe,
      identity: serverIdentity(this.probe),
      startedAt: new Date(options.clock.now()).toISOString(),
      emit: (run) => this.emit(run),
      finished: (id) => (this.lastFinishedId = id),
    });
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
    return this.live.launch(plan, request.trigger ?? 'manual');
  }

  /** Asks a running run to stop (SIGTERM to its group, SIGKILL after the grace period). */
  cancel(id: string): RunRecord {
    const live = this.live.get(id);
    const ended = live ? undefined : this.index.get(id)?.record;
    if (!live && !ended) throw unknownRun(id);
    if (!live)
      throw new OpsError(409, 'conflict', `Run ${id} already ended (${ended?.status}).`, { status: ended?.status });
    this.live.end(live, 'cancel');
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
    return this.live
      .runs()
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

  /** Shutdown: every running run is cancelled and recorded `cancelled`. */
  async stop(): Promise<void> {
    if (this.pruneTimer) this.options.clock.clearInterval(this.pruneTimer);
    await this.live.stopAll();
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

  private async load(): Promise<void> {
    const leftovers = {
      probe: this.probe,
      clock: this.options.clock,
      killGraceMs: this.options.killGraceMs ?? KILL_GRACE_MS,
    };
    const loaded = await loadHistory(this.store, this.options.logger, (id) => this.live.has(id), leftovers);
    this.skipped = loaded.skipped;
    this.index.load([...loaded.runs, ...this.live.runs().map((l) => ({ record: l.record, bytes: 0 }))]);
    this.lastFinishedId ??= loaded.lastFinishedId;
  }

  private emit(run: RunRecord): void {
    for (const listener of this.listeners) listener(run);
  }
}
