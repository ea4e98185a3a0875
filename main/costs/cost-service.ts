/**
 * The cost service: owns the admin key (through AdminKeyManager), the last good cost data
 * (memory + cache file), the last error, budget crossings and the background refresh.
 *
 * Invariants:
 * - `fetchSummary` never throws for an upstream or keychain problem: it answers
 *   `{summary, error}`, where a failed refresh keeps the last good summary (`stale: true`).
 * - At most one upstream refresh runs at a time; concurrent callers share it.
 * - Fresh data (younger than the TTL) and a recent failure (younger than ERROR_HOLD_MS, or
 *   inside a `retry-after`) are answered from memory without calling the API.
 * - Expired data is answered at once while a background refresh runs, unless the caller
 *   asked to refresh or to wait; only with no data at all does a read wait upstream.
 * - `source` is `live` only in the answer of a request that waited for the fetch; every
 *   answer served from what was held is `cached`.
 * - The key never leaves this capability except in the `x-api-key` header.
 */
import type { AxiosInstance } from 'axios';
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { CostStatus, CostStatusSource } from '../core/contracts.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import { AdminKeyManager } from '../secrets/admin-key.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { CostClient } from './cost-client.js';
import { adminApiBaseUrl, cacheTtlSeconds } from './cost-config.js';
import { costsCsv } from './cost-csv.js';
import { keychainError, noKeyError } from './cost-errors.js';
import { deriveCostStatus } from './cost-status.js';
import type {
  BudgetCrossing,
  CostError,
  CostsResponse,
  FetchSummaryOptions,
  FetchSummaryResult,
} from './cost-types.js';
import { CostStore } from './cost-store.js';
import { DEFAULT_SPAN, type Span } from './cost-window.js';
import { NameDirectory, namesCachePath } from './name-directory.js';
import { OrgResolver, orgFilePath } from './org-identity.js';
import { presentSummary } from './present-summary.js';
import { UsageStore, type UsageResponse } from './usage-store.js';
import { RefreshScheduler } from './refresh-scheduler.js';
import { SpendWatch } from './spend-watch.js';

export const ERROR_HOLD_MS = 30_000;

export interface CostServiceOptions {
  config: Config;
  settings: SettingsStore;
  logger: Logger;
  redactor: SecretRedactor;
  clock: Clock;
  env: Record<string, string | undefined>;
  version: string;
  secretStore: SecretStore;
  /** Upstream request timeout; 10 s by default. */
  timeoutMs?: number;
  http?: AxiosInstance;
}

export class CostService implements CostStatusSource {
  readonly adminKey: AdminKeyManager;
  readonly ttlMs: number;
  private readonly client: CostClient;
  private readonly store: CostStore;
  private readonly usageStore: UsageStore;
  private readonly org: OrgResolver;
  private readonly names: NameDirectory;
  private readonly watch: SpendWatch;
  private readonly scheduler: RefreshScheduler;
  private lastError: { error: CostError; atMs: number } | null = null;
  private retryNotBeforeMs = 0;
  private inflight: Promise<CostError | null> | null = null;
  private readonly statusListeners = new Set<() => void>();
  private unsubscribeSettings: (() => void) | undefined;

  /** Builds the service and loads the cache file, so a start shows the last good figures at once. */
  static async create(options: CostServiceOptions): Promise<CostService> {
    const service = new CostService(options);
    await service.names.load();
    await service.org.load();
    await service.store.load();
    await service.usageStore.load(service.org.current?.id);
    return service;
  }

  private constructor(private readonly options: CostServiceOptions) {
    const { env, clock, logger } = options;
    this.adminKey = new AdminKeyManager({ env, store: options.secretStore, redactor: options.redactor });
    this.ttlMs = cacheTtlSeconds(env) * 1000;
    const baseUrl = adminApiBaseUrl(env);
    const givenBaseUrl = env.ATTUNE_ANTHROPIC_BASE_URL?.trim();
    if (givenBaseUrl && givenBaseUrl !== baseUrl) {
      logger.warn(
        { given: givenBaseUrl, using: baseUrl },
        'ATTUNE_ANTHROPIC_BASE_URL is not an http(s) URL; using the default Admin API address instead',
      );
    }
    this.client = new CostClient({
      baseUrl,
      version: options.version,
      timeoutMs: options.timeoutMs,
      now: () => clock.now(),
      logger,
      http: options.http,
    });
    this.names = new NameDirectory({
      path: namesCachePath(options.config.attuneHome),
      client: this.client,
      logger,
      now: () => clock.now(),
    });
    const now = () => clock.now();
    this.org = new OrgResolver({ path: orgFilePath(options.config.attuneHome), logger, now });
    this.store = new CostStore({ attuneHome: options.config.attuneHome, org: this.org, logger, now });
    this.usageStore = new UsageStore({ attuneHome: options.config.attuneHome, logger, now });
    this.watch = new SpendWatch({ settings: options.settings, logger, now: () => clock.now() });
    this.scheduler = new RefreshScheduler({
      clock,
      logger,
      intervalMs: () => this.intervalMs(),
      refresh: () => this.refresh(),
    });
  }

  /**
   * The summary and why the latest refresh failed (both may be set). With good data held
   * and no `refresh` asked, an expired summary is answered at once (`cached`) while
   * the refresh runs in the background — an offline start never waits for the upstream
   * timeout. `refresh` (the user's Refresh) and `awaitRefresh` (one-shot CLI) wait for it.
   */
  async fetchSummary(options: FetchSummaryOptions = {}): Promise<FetchSummaryResult> {
    const now = this.options.clock.now();
    const fetchedAtMs = this.store.fetchedAtMs();
    const fresh = fetchedAtMs !== null && now - fetchedAtMs < this.ttlMs && this.lastError === null;
    const span = options.span ?? DEFAULT_SPAN;
    const heldError = this.lastError !== null && now - this.lastError.atMs < ERROR_HOLD_MS;
    const limited = now < this.retryNotBeforeMs;
    if (limited || (!options.refresh && (fresh || heldError))) return this.present({ span });
    if (fetchedAtMs !== null && !options.refresh && !options.awaitRefresh) {
      this.refresh().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'background cost refresh failed'),
      );
      return this.present({ span });
    }
    const error = await this.refresh({ userAsked: options.refresh });
    return this.present({ span, fetchedByRequest: error === null && this.store.held !== null });
  }

  /** Everything `GET /api/costs` answers. */
  async costs(options: FetchSummaryOptions = {}): Promise<CostsResponse> {
    const { summary, error } = await this.fetchSummary(options);
    return { summary, error, alarm: this.alarm(), budget: this.watch.budget(summary) };
  }

  /** Everything `GET /api/usage` answers: tokens by type and the cache hit rate over a span. */
  async usage(options: FetchSummaryOptions = {}): Promise<UsageResponse> {
    const { summary } = await this.fetchSummary(options);
    return this.usageStore.present({
      span: options.span ?? DEFAULT_SPAN,
      refreshError: this.lastError?.error ?? null,
      nowMs: this.options.clock.now(),
      intervalMs: this.intervalMs(),
      live: summary?.source === 'live',
    });
  }

  /** The CSV of the held data over a span, or the error explaining why there is none. */
  async exportCsv(
    span: Span = DEFAULT_SPAN,
  ): Promise<{ kind: 'ok'; csv: string } | { kind: 'empty'; error: CostError | null }> {
    const { error } = await this.fetchSummary();
    const view = this.store.view(span);
    if (!view) return { kind: 'empty', error };
    return { kind: 'ok', csv: costsCsv(view.snapshot, view.days) };
  }

  /** One shared upstream refresh; resolves with its error (null on success). */
  refresh(options: { userAsked?: boolean } = {}): Promise<CostError | null> {
    this.inflight ??= this.runRefresh(options.userAsked ?? false).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  start(): void {
    this.unsubscribeSettings = this.options.settings.onChange((_settings, changed) => {
      if (changed.includes('costRefreshMinutes')) this.scheduler.reschedule();
      if (changed.includes('monthlyBudgetUsd'))
        void this.watch.check(this.present().summary).finally(() => this.emitStatus());
    });
    const fetchedAtMs = this.store.fetchedAtMs();
    const due = fetchedAtMs !== null ? fetchedAtMs + this.intervalMs() - this.options.clock.now() : 0;
    this.scheduler.start(Math.max(0, due));
  }

  stop(): void {
    this.scheduler.stop();
    this.unsubscribeSettings?.();
    this.unsubscribeSettings = undefined;
  }

  costStatus(): CostStatus {
    const summary = this.present().summary;
    return deriveCostStatus({
      nowMs: this.options.clock.now(),
      refreshIntervalMs: this.intervalMs(),
      fetchedAtMs: this.store.fetchedAtMs(),
      monthToDateUsd: summary?.monthToDateUsd ?? null,
      error: this.lastError?.error ?? null,
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

  /** The name and status of an API key id from the API keys list; null when unknown. */
  apiKeyName(id: string): { name: string; status: string } | null {
    return this.names.apiKey(id);
  }

  /** TEST ONLY: forgets the in-memory data, error and rate limit (not the cache file). Product code never calls it. */
  clearCache(): void {
    this.store.clear();
    this.usageStore.clear();
    this.lastError = null;
    this.retryNotBeforeMs = 0;
  }

  private async runRefresh(userAsked: boolean): Promise<CostError | null> {
    const key = await this.adminKey.load({ retryUnavailable: userAsked });
    if (key.kind !== 'ok') return this.fail(key.kind === 'missing' ? noKeyError() : keychainError(key.reason));
    const result = await this.store.refresh(this.client, key.key, key.source, userAsked);
    if (result.kind === 'error') return this.fail(result.error);
    this.lastError = null;
    this.retryNotBeforeMs = 0;
    const { rows, pages, first, last } = result;
    this.options.logger.info({ rows, pages, requests: result.requests, first, last }, 'cost report refreshed');
    const usage = await this.usageStore.refresh(this.client, result.orgId, key.key, key.source);
    if (usage.kind === 'error')
      this.options.logger.warn({ kind: usage.error.kind }, `usage report not refreshed: ${usage.error.message}`);
    else
      this.options.logger.info({ rows: usage.rows, pages: usage.pages, first: usage.first }, 'usage report refreshed');
    // Names come after the figures (held already), once a day or on the user's Refresh.
    await this.names.refresh(key.key, key.source, userAsked);
    await this.watch.check(this.present().summary);
    this.emitStatus();
    return null;
  }

  private fail(raw: CostError): CostError {
    const error = { ...raw, message: this.options.redactor.redact(raw.message) };
    const now = this.options.clock.now();
    // A failure repeating on every refresh is a warning once, then debug until it changes or clears.
    const gist = (e: CostError) => `${e.kind}|${e.message.replace(/ \(request [^)]*\)/g, '')}`;
    const repeated = this.lastError !== null && gist(this.lastError.error) === gist(error);
    this.lastError = { error, atMs: now };
    if (error.retryAfterS !== undefined) this.retryNotBeforeMs = now + error.retryAfterS * 1000;
    this.options.logger[repeated ? 'debug' : 'warn'](
      { kind: error.kind, retryAfterS: error.retryAfterS },
      `cost refresh failed: ${error.message}`,
    );
    this.emitStatus();
    return error;
  }

  /** `live` only when this request waited for the fetch that produced the data held. */
  private present(options: { span?: Span; fetchedByRequest?: boolean } = {}): FetchSummaryResult {
    const { clock } = this.options;
    const answer = presentSummary({
      view: this.store.view(options.span ?? DEFAULT_SPAN),
      error: this.lastError?.error ?? null,
      retryNotBeforeMs: this.retryNotBeforeMs,
      nowMs: clock.now(),
      intervalMs: this.intervalMs(),
      fetchedByRequest: options.fetchedByRequest ?? false,
    });
    if (!answer.summary) return answer;
    const byWorkspace = answer.summary.byWorkspace.map((entry) => ({
      ...entry,
      ...this.names.workspace(entry.workspaceId),
    }));
    return { ...answer, summary: { ...answer.summary, byWorkspace } };
  }

  /** The daily alarm, always against the 30-day span (whatever span a reader shows). */
  private alarm() {
    const view = this.store.view(DEFAULT_SPAN);
    return this.watch.alarm(view, view ? this.present().summary : null);
  }

  private intervalMs(): number {
    return Math.max(1, this.options.settings.get().costRefreshMinutes) * 60_000;
  }

  private emitStatus(): void {
    for (const listener of this.statusListeners) listener();
  }
}
