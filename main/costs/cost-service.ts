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
import { aggregateCosts } from './aggregate.js';
import { costCachePath, readCostCache, writeCostCache } from './cost-cache-file.js';
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
import { costWindow } from './cost-window.js';
import { NameDirectory, namesCachePath } from './name-directory.js';
import { presentSummary, type HeldCosts } from './present-summary.js';
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
  readonly cachePath: string;
  private readonly client: CostClient;
  private readonly names: NameDirectory;
  private readonly watch: SpendWatch;
  private readonly scheduler: RefreshScheduler;
  private good: HeldCosts | null = null;
  private lastError: { error: CostError; atMs: number } | null = null;
  private retryNotBeforeMs = 0;
  private inflight: Promise<CostError | null> | null = null;
  private readonly statusListeners = new Set<() => void>();
  private unsubscribeSettings: (() => void) | undefined;

  /** Builds the service and loads the cache file, so a start shows the last good figures at once. */
  static async create(options: CostServiceOptions): Promise<CostService> {
    const service = new CostService(options);
    await service.names.load();
    const read = await readCostCache(service.cachePath);
    if (read.kind === 'ok') service.good = read.cached;
    if (read.kind === 'invalid')
      options.logger.warn(
        { path: service.cachePath, reason: read.reason },
        `ignoring the cost cache file (${read.reason}); spend figures appear after the next refresh`,
      );
    return service;
  }

  private constructor(private readonly options: CostServiceOptions) {
    const { env, clock, logger } = options;
    this.adminKey = new AdminKeyManager({ env, store: options.secretStore, redactor: options.redactor });
    this.ttlMs = cacheTtlSeconds(env) * 1000;
    this.cachePath = costCachePath(options.config.attuneHome);
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
    const fresh = this.good !== null && now - this.good.fetchedAtMs < this.ttlMs && this.lastError === null;
    const heldError = this.lastError !== null && now - this.lastError.atMs < ERROR_HOLD_MS;
    const limited = now < this.retryNotBeforeMs;
    if (limited || (!options.refresh && (fresh || heldError))) return this.present();
    if (this.good !== null && !options.refresh && !options.awaitRefresh) {
      this.refresh().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'background cost refresh failed'),
      );
      return this.present();
    }
    const error = await this.refresh({ userAsked: options.refresh });
    return this.present({ fetchedByRequest: error === null && this.good !== null });
  }

  /** Everything `GET /api/costs` answers. */
  async costs(options: FetchSummaryOptions = {}): Promise<CostsResponse> {
    const { summary, error } = await this.fetchSummary(options);
    return { summary, error, alarm: this.watch.alarm(this.good, summary), budget: this.watch.budget(summary) };
  }

  /** The CSV of the held data, or the error explaining why there is none. */
  async exportCsv(): Promise<{ kind: 'ok'; csv: string } | { kind: 'empty'; error: CostError | null }> {
    const { error } = await this.fetchSummary();
    if (!this.good) return { kind: 'empty', error };
    return { kind: 'ok', csv: costsCsv(this.good.snapshot, this.good.days) };
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
    const due = this.good ? this.good.fetchedAtMs + this.intervalMs() - this.options.clock.now() : 0;
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
      fetchedAtMs: this.good?.fetchedAtMs ?? null,
      monthToDateUsd: summary?.monthToDateUsd ?? null,
      error: this.lastError?.error ?? null,
      alarm: this.watch.alarm(this.good, summary),
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
    this.good = null;
    this.lastError = null;
    this.retryNotBeforeMs = 0;
  }

  private async runRefresh(userAsked: boolean): Promise<CostError | null> {
    const key = await this.adminKey.load({ retryUnavailable: userAsked });
    if (key.kind !== 'ok') return this.fail(key.kind === 'missing' ? noKeyError() : keychainError(key.reason));
    const window = costWindow(this.options.clock.now());
    const result = await this.client.fetchWindow(window, key.key, key.source);
    if (result.kind === 'error') return this.fail(result.error);
    this.good = {
      snapshot: aggregateCosts(result.rows, window),
      fetchedAtMs: this.options.clock.now(),
      days: window.days,
    };
    this.lastError = null;
    this.retryNotBeforeMs = 0;
    this.options.logger.info({ rows: result.rows.length, pages: result.pages }, 'cost report refreshed');
    try {
      await writeCostCache(this.cachePath, this.good);
    } catch (error) {
      this.options.logger.warn({ err: error, path: this.cachePath }, 'could not write the cost cache file');
    }
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
  private present(options: { fetchedByRequest?: boolean } = {}): FetchSummaryResult {
    const { clock } = this.options;
    const answer = presentSummary({
      good: this.good,
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

  private intervalMs(): number {
    return Math.max(1, this.options.settings.get().costRefreshMinutes) * 60_000;
  }

  private emitStatus(): void {
    for (const listener of this.statusListeners) listener();
  }
}
