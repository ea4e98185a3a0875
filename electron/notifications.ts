/**
 * Native notifications driven by status changes: a run finished or failed, and a budget
 * threshold crossed.
 *
 * Invariants:
 *   - a run is announced once, when it becomes `lastFinished` after the shell started
 *     (history from before the launch is never replayed); user-cancelled runs are quiet;
 *   - run notifications are throttled: at most one per `minIntervalMs`; the ones that
 *     arrive inside the window are folded into a single summary shown when it ends;
 *   - a click opens the run (or the runs list for a summary);
 *   - each budget threshold is announced once per calendar month (UTC), remembered
 *     across launches through the injected store; crossing several at once announces
 *     only the highest.
 */
import type {
  BudgetNoticeStore,
  ClockLike as Clock,
  LoggerLike,
  NotificationFactory,
  OpsStatus,
  RunBrief,
} from './shell-types.js';
import { formatUsd } from './tray-view.js';

export const BUDGET_THRESHOLDS_PCT = [50, 80, 100] as const;
export const DEFAULT_MIN_INTERVAL_MS = 10_000;

export interface NotifierOptions {
  notify: NotificationFactory;
  clock: Clock;
  store: BudgetNoticeStore;
  openPath: (path: string) => void;
  logger: LoggerLike;
  minIntervalMs?: number;
  productName: string;
}

export interface Notifier {
  onStatus(status: OpsStatus): void;
  dispose(): void;
}

const RUN_WORDS: Partial<Record<RunBrief['status'], string>> = {
  succeeded: 'finished',
  failed: 'failed',
  timed_out: 'timed out',
  interrupted: 'was interrupted',
};

export function createNotifier(options: NotifierOptions): Notifier {
  const { clock, logger } = options;
  const minInterval = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  const startedAt = clock.now();
  const announced = new Set<string>();
  let lastShownAt = Number.NEGATIVE_INFINITY;
  let held: RunBrief[] = [];
  let timer: ReturnType<Clock['setTimeout']> | undefined;

  const show = (title: string, body: string, path: string) => {
    const notification = options.notify({ title, body });
    notification.onClick(() => options.openPath(path));
    notification.show();
  };

  const showRun = (run: RunBrief) => {
    const failed = run.status !== 'succeeded';
    show(
      `${run.workflow} ${RUN_WORDS[run.status] ?? run.status}`,
      failed
        ? `Open the run to see its log.`
        : `${run.workflow}${run.path && run.path !== '.' ? ` on ${run.path}` : ''} succeeded.`,
      `/runs/${encodeURIComponent(run.id)}`,
    );
  };

  const flush = () => {
    timer = undefined;
    const runs = held;
    held = [];
    if (runs.length === 0) return;
    lastShownAt = clock.now();
    if (runs.length === 1) return showRun(runs[0]!);
    const failed = runs.filter((run) => run.status !== 'succeeded').length;
    return show(
      `${runs.length} runs finished`,
      failed > 0 ? `${failed} of them did not succeed.` : 'All succeeded.',
      '/runs',
    );
  };

  const onRunFinished = (run: RunBrief) => {
    const since = clock.now() - lastShownAt;
    if (since >= minInterval && timer === undefined) {
      lastShownAt = clock.now();
      return showRun(run);
    }
    held.push(run);
    timer ??= clock.setTimeout(flush, Math.max(0, minInterval - since));
    return undefined;
  };

  const onBudget = (costs: OpsStatus['costs']) => {
    if (costs.budgetPct === null) return;
    const pct = costs.budgetPct;
    const month = new Date(clock.now()).toISOString().slice(0, 7);
    const record = options.store.get();
    const done = new Set(record[month] ?? []);
    const crossed = BUDGET_THRESHOLDS_PCT.filter((threshold) => pct >= threshold && !done.has(threshold));
    const highest = crossed.at(-1);
    if (highest === undefined) return;
    for (const threshold of crossed) done.add(threshold);
    options.store
      .set({ [month]: [...done].sort((a, b) => a - b) })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not remember the budget notice'));
    const spend = costs.monthToDateUsd === null ? '' : ` (${formatUsd(costs.monthToDateUsd)})`;
    show(
      `Budget ${highest}% reached`,
      `${options.productName}: this month's spend is at ${Math.round(pct)}% of the budget${spend}.`,
      '/costs',
    );
  };

  return {
    onStatus(status) {
      const run = status.runs.lastFinished;
      if (run && !announced.has(run.id)) {
        announced.add(run.id);
        const finishedAt = run.finishedAt ? Date.parse(run.finishedAt) : Number.NaN;
        if (RUN_WORDS[run.status] && finishedAt >= startedAt) onRunFinished(run);
      }
      onBudget(status.costs);
    },
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      held = [];
    },
  };
}
