/**
 * The overall status the tray icon and the UI header follow (`services.status`). It
 * combines the runner and the cost service; the first rule that holds wins:
 *   running  a run is running
 *   error    the last finished run failed (failed, timed_out, interrupted) and the user
 *            has not acknowledged it, nor has a later run succeeded; or costs are `error`
 *   warning  costs `warning` (budget crossing, anomaly), or ops.log cannot be written
 *   stale    costs `stale`
 *   ok       otherwise (`no_key` and `loading` are not problems)
 * The acknowledged run id is persisted (settings extra), so a restart does not re-alarm.
 * Listeners are called only when the status actually changed.
 */
import type {
  CostStatus,
  CostStatusSource,
  OpsStatus,
  OverallState,
  RunBrief,
  StatusSource,
} from '../core/contracts.js';
import type { LogHealthSource } from '../logging/log-health.js';
import type { Logger } from '../logging/logger.js';
import type { RunRecord } from '../runs/run-types.js';

export const ACK_KEY = 'statusAcknowledgedRunId';
const FAILED = new Set(['failed', 'timed_out', 'interrupted']);

export interface StatusRunsSource {
  runningRuns(): RunRecord[];
  lastFinished(): RunRecord | null;
  onChange(listener: (run: RunRecord) => void): () => void;
}

export interface StatusServiceOptions {
  runs: StatusRunsSource;
  costs?: CostStatusSource;
  extras: { getExtra(key: string): unknown; setExtra(key: string, value: unknown): Promise<void> };
  logger: Logger;
  /** ops.log's health (main/logging); a degraded log is a warning. */
  logHealth?: LogHealthSource;
}

const NO_COSTS: CostStatus = {
  state: 'loading',
  monthToDateUsd: null,
  budgetPct: null,
  fetchedAt: null,
  errorKind: null,
  detail: 'The cost service is not available in this build.',
};

export class StatusService implements StatusSource {
  private readonly listeners = new Set<(status: OpsStatus) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private status: OpsStatus;
  private serialised: string;

  constructor(private readonly options: StatusServiceOptions) {
    this.status = this.compute();
    this.serialised = JSON.stringify(this.status);
    this.unsubscribe.push(options.runs.onChange(() => this.refresh()));
    if (options.costs) this.unsubscribe.push(options.costs.onCostStatusChange(() => this.refresh()));
    if (options.logHealth) this.unsubscribe.push(options.logHealth.onLogHealthChange(() => this.refresh()));
  }

  current(): OpsStatus {
    return this.status;
  }

  onChange(listener: (status: OpsStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user has seen the last failure: `error` (from runs) clears until the next one. */
  async acknowledgeFailure(): Promise<OpsStatus> {
    const last = this.options.runs.lastFinished();
    if (last) await this.options.extras.setExtra(ACK_KEY, last.id);
    this.refresh();
    return this.status;
  }

  /** Recomputes (after startup recovery, for example) and notifies if it changed. */
  refresh(): void {
    const next = this.compute();
    const serialised = JSON.stringify(next);
    if (serialised === this.serialised) return;
    this.status = next;
    this.serialised = serialised;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch (error) {
        this.options.logger.error({ err: error }, 'status listener failed');
      }
    }
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.listeners.clear();
  }

  private compute(): OpsStatus {
    const running = this.options.runs.runningRuns().map(brief);
    const last = this.options.runs.lastFinished();
    const costs = this.options.costs?.costStatus() ?? NO_COSTS;
    const unseenFailure = last !== null && FAILED.has(last.status) && this.options.extras.getExtra(ACK_KEY) !== last.id;
    const log = this.options.logHealth?.logHealth();
    const overall = overallState(running.length > 0, unseenFailure, costs);
    return {
      overall: log?.state === 'degraded' && (overall === 'ok' || overall === 'stale') ? 'warning' : overall,
      runs: { running, lastFinished: last ? brief(last) : null },
      costs: {
        state: costs.state,
        monthToDateUsd: costs.monthToDateUsd,
        budgetPct: costs.budgetPct,
        fetchedAt: costs.fetchedAt,
        detail: costs.detail,
      },
      ...(log && { log }),
    };
  }
}

export function overallState(running: boolean, unseenRunFailure: boolean, costs: CostStatus): OverallState {
  if (running) return 'running';
  if (unseenRunFailure || costs.state === 'error') return 'error';
  if (costs.state === 'warning') return 'warning';
  if (costs.state === 'stale') return 'stale';
  return 'ok';
}

function brief(run: RunRecord): RunBrief {
  return {
    id: run.id,
    workflow: run.workflow,
    path: run.path,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
