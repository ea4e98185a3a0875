/**
 * One organization's spend (its key's `slot`; organizations.ts holds them all): the admin key,
 * what is held (CostSources), the latest failure, budget and alarm (SpendWatch), the background
 * refresh. Never throws for an upstream or keychain problem: answers carry the last good figures
 * (stale) with the error. One upstream refresh at a time; fresh data and held failures are
 * answered from memory, expired data at once while a refresh runs unless the caller waits
 * (then `source` is `live`). The key stays inside.
 */
import type { CostStatus, CostStatusSource } from '../core/contracts.js';
import { AdminKeyManager } from '../secrets/admin-key.js';
import { DEFAULT_SLOT, slotKeySource } from '../secrets/admin-key-slots.js';
import { cacheTtlSeconds } from './cost-config.js';
import type { CostRow } from './cost-client.js';
import { costsCsv } from './cost-csv.js';
import type { CostServiceOptions } from './cost-service-options.js';
import { keychainError, noKeyError } from './cost-errors.js';
import { deriveCostStatus } from './cost-status.js';
import type {
  BudgetCrossing,
  CostError,
  CostsResponse,
  CsvExport,
  FetchSummaryOptions,
  FetchSummaryResult,
} from './cost-types.js';
import { CostSources } from './cost-sources.js';
import { DEFAULT_SPAN, type Span } from './cost-window.js';
import { presentSummary } from './present-summary.js';
import { RefreshFailure } from './refresh-failure.js';
import { RefreshScheduler } from './refresh-scheduler.js';
import { heldOutlook } from './spend-outlook.js';
import { slotBudgetUsd, slotCrossingsKey, SpendWatch } from './spend-watch.js';

export class CostService implements CostStatusSource {
  readonly adminKey: AdminKeyManager;
  readonly ttlMs: number;
  /** The attune home the figures are kept under (`ops/…`), for capabilities that keep files beside them. */
  readonly attuneHome: string;
  private readonly sources: CostSources;
  private readonly watch: SpendWatch;
  private readonly scheduler: RefreshScheduler;
  private readonly failure: RefreshFailure;
  private inflight: Promise<CostError | null> | null = null;
  private readonly statusListeners = new Set<() => void>();
  private unsubscribeSettings: (() => void) | undefined;

  /** Builds the service and loads the cache file, so a start shows the last good figures at once. */
  static async create(options: CostServiceOptions): Promise<CostService> {
    const service = new CostService(options);
    await service.sources.load();
    return service;
  }

  private constructor(private readonly options: CostServiceOptions) {
    const { env, clock, logger, settings } = options;
    const slot = options.slot ?? DEFAULT_SLOT;
    const { secretStore: store, redactor } = options;
    this.adminKey = new AdminKeyManager({ env, store, redactor, ...slotKeySource(slot) });
    this.ttlMs = cacheTtlSeconds(env) * 1000;
    this.attuneHome = options.config.attuneHome;
    const now = () => clock.now();
    this.failure = new RefreshFailure({ redactor, logger, now });
    this.sources = new CostSources({ ...options, slot, attuneHome: options.config.attuneHome, now });
    const budgetUsd = () => slotBudgetUsd(settings.get(), slot);
    this.watch = new SpendWatch({ settings, logger, now, budgetUsd, crossingsKey: slotCrossingsKey(slot) });
    const intervalMs = () => this.intervalMs();
    this.scheduler = new RefreshScheduler({ clock, logger, intervalMs, refresh: () => this.refresh() });
  }

  /**
   * The summary and why the latest refresh failed (both may be set). With good data held
   * and no `refresh` asked, an expired summary is answered at once (`cached`) while
   * the refresh runs in the background — an offline start never waits for the upstream
   * timeout. `refresh` (the user's Refresh) and `awaitRefresh` (one-shot CLI) wait for it.
   */
  async fetchSummary(options: FetchSummaryOptions = {}): Promise<FetchSummaryResult> {
    const now = this.options.clock.now();
    const fetchedAtMs = this.sources.costs.fetchedAtMs();
    const fresh = fetchedAtMs !== null && now - fetchedAtMs < this.ttlMs && this.failure.error === null;
    const span = options.span ?? DEFAULT_SPAN;
    if (this.failure.limited(now) || (!options.refresh && (fresh || this.failure.held(now))))
      return this.present({ span });
    if (fetchedAtMs !== null && !options.refresh && !options.awaitRefresh) {
      this.refresh().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'background cost refresh failed'),
      );
      return this.present({ span });
    }
    const error = await this.refresh({ userAsked: options.refresh });
    return this.present({ span, fetchedByRequest: error === null && this.sources.costs.held !== null });
  }

  /** Everything `GET /api/costs` answers. */
  async costs(options: FetchSummaryOptions = {}): Promise<CostsResponse> {
    const { summary, error } = await this.fetchSummary(options);
    const outlook = heldOutlook(this.sources, this.alarm(), this.watch.budgetUsd());
    return { summary, error, alarm: this.alarm(), budget: this.watch.budget(summary, outlook.forecast), ...outlook };
  }

  /** Everything `GET /api/usage` answers: tokens by type and the cache hit rate over a span. */
  async usage(options: FetchSummaryOptions = {}) {
    return this.sources.usage.present({ span: options.span ?? DEFAULT_SPAN, ...(await this.besideCosts(options)) });
  }

  /** Everything `GET /api/claude-code` answers (30 days per actor); `refresh`/`awaitRefresh` wait for its days. */
  async claudeCode(options: FetchSummaryOptions = {}) {
    return this.sources.claudeCodeAnswer(await this.besideCosts(options), options);
  }

  /** The CSV of the held data over a span, or the error explaining why there is none. */
  async exportCsv(span: Span = DEFAULT_SPAN): Promise<CsvExport> {
    const { error } = await this.fetchSummary();
    const view = this.sources.costs.view(span);
    return view ? { kind: 'ok', csv: costsCsv(view.snapshot, view.days) } : { kind: 'empty', error };
  }

  /** One shared upstream refresh; resolves with its error (null on success); after stop() it asks nothing. */
  refresh(options: { userAsked?: boolean } = {}): Promise<CostError | null> {
    this.inflight ??= this.runRefresh(options.userAsked ?? false).finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** Starts (or resumes after pause()) the background refresh. */
  start(): void {
    this.unsubscribeSettings?.();
    this.unsubscribeSettings = this.options.settings.onChange((_settings, changed) => {
      if (changed.includes('costRefreshMinutes')) this.scheduler.reschedule();
      if (changed.includes('monthlyBudgetUsd') || changed.includes('orgBudgetsUsd'))
        void this.watch.check(this.present().summary).finally(() => this.emitStatus());
    });
    const fetchedAtMs = this.sources.costs.fetchedAtMs();
    const due = fetchedAtMs !== null ? fetchedAtMs + this.intervalMs() - this.options.clock.now() : 0;
    this.scheduler.start(Math.max(0, due));
  }

  /** The background refresh only off (a second key of a counted organization); start() resumes it. */
  pause(): void {
    this.scheduler.stop();
  }

  stop(): void {
    this.sources.stop();
    this.scheduler.stop();
    this.unsubscribeSettings?.(); // idempotent
  }

  /** Resolves (never rejects) once no refresh runs, Claude Code included (files written); after `stop()` soon. */
  idle(): Promise<void> {
    return Promise.allSettled([this.inflight]).then(() => this.sources.idle());
  }

  costStatus(): CostStatus {
    const summary = this.present().summary;
    return deriveCostStatus({
      nowMs: this.options.clock.now(),
      refreshIntervalMs: this.intervalMs(),
      fetchedAtMs: this.sources.costs.fetchedAtMs(),
      monthToDateUsd: summary?.monthToDateUsd ?? null,
      error: this.failure.error,
      alarm: this.alarm(),
      budget: this.watch.budget(summary),
    });
  }

  onCostStatusChange(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called once per threshold per month when spend crosses 80% or 100% of the budget. */
  onBudgetCrossing(listener: (crossing: BudgetCrossing) => void): () => void {
    return this.watch.onCrossing(listener);
  }

  /** The organization this key answered (remembered across restarts); null before its first answer. */
  organization() {
    return this.sources.organization;
  }

  /** The name and status of an API key id from the API keys list; null when unknown. */
  apiKeyName(id: string): { name: string; status: string } | null {
    return this.sources.names.apiKey(id);
  }

  /** The held cost rows (null with a summary only) and workspace names: "all"'s explanation (org-explain.ts). */
  heldRows(): { rows: readonly CostRow[] | null; workspaceName: (id: string) => string } {
    return { rows: this.sources.costs.rows(), workspaceName: (id) => this.sources.names.workspace(id)?.name ?? id };
  }

  /** TEST ONLY: forgets the in-memory data, error and rate limit (not the cache file). Product code never calls it. */
  clearCache(): void {
    this.sources.clear();
    this.failure.clear();
  }

  private async runRefresh(userAsked: boolean): Promise<CostError | null> {
    const key = await this.adminKey.load({ retryUnavailable: userAsked });
    if (this.sources.stopped) return this.failure.error; // stop() landed during the key read
    if (key.kind !== 'ok') return this.fail(key.kind === 'missing' ? noKeyError() : keychainError(key.reason));
    const error = await this.sources.refresh(key.key, key.source, userAsked);
    if (error) return this.fail(error);
    this.failure.clear();
    await this.watch.check(this.present().summary);
    this.emitStatus();
    return null;
  }

  private fail(raw: CostError): CostError {
    const error = this.failure.record(raw);
    this.emitStatus();
    return error;
  }

  /** `live` only when this request waited for the fetch that produced the data held. */
  private present(options: { span?: Span; fetchedByRequest?: boolean } = {}): FetchSummaryResult {
    return presentSummary({
      view: this.sources.costs.view(options.span ?? DEFAULT_SPAN),
      error: this.failure.error,
      retryNotBeforeMs: this.failure.retryNotBeforeMs,
      nowMs: this.options.clock.now(),
      intervalMs: this.intervalMs(),
      fetchedByRequest: options.fetchedByRequest ?? false,
      workspaceName: (id) => this.sources.names.workspace(id),
    });
  }

  /** What a report refreshed with the costs needs for its answer (after the refresh the options ask for). */
  private async besideCosts(options: FetchSummaryOptions) {
    const live = (await this.fetchSummary(options)).summary?.source === 'live';
    return { refreshError: this.failure.error, nowMs: this.options.clock.now(), intervalMs: this.intervalMs(), live };
  }

  /** The daily alarm, always against the 30-day span (whatever span a reader shows). */
  private alarm() {
    const view = this.sources.costs.view(DEFAULT_SPAN);
    return this.watch.alarm(view, view ? this.present().summary : null);
  }

  private intervalMs(): number {
    return Math.max(1, this.options.settings.get().costRefreshMinutes) * 60_000;
  }

  private emitStatus(): void {
    for (const listener of this.statusListeners) listener();
  }
}
