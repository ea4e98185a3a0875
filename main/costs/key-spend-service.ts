/**
 * Cost per API key over the last N UTC days (`GET /api/costs/keys`): exact from the beta
 * analytics cost report when the organization has it (probed once, remembered in the
 * key-method file; a refusal is asked again after REPROBE_REFUSED_MS or with another key),
 * otherwise estimated from the cost and usage reports. Invariants: never throws for an
 * upstream or keychain problem (the answer carries `error`, keeping the last good rows);
 * one computation per N at a time; an answer is held for the TTL, a failure for 30 s or its
 * `retry-after`; the key travels only in the `x-api-key` header.
 */
import type { AxiosInstance } from 'axios';
import type { Clock } from '../core/clock.js';
import type { KeySpendMethod, KeySpendResponse } from '../contract/costs-keys.js';
import type { Logger } from '../logging/logger.js';
import type { AdminKeyManager } from '../secrets/admin-key.js';
import type { AdminKeySlot } from '../secrets/admin-key-slots.js';
import { CostClient } from './cost-client.js';
import { adminApiBaseUrl } from './cost-config.js';
import { keychainError, noKeyError, type KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';
import { addDays, dayOf } from './cost-window.js';
import { estimateByKey, exactByKey, type KeyAnalyticsRow } from './key-allocation.js';
import { keyMethodPath, KeyMethodFile, type KeyMethodMemory } from './key-method-file.js';
import { fetchAnalyticsByKey, fetchCostCells, fetchKeyUsage, type DayRange } from './key-report-fetch.js';
import { presentKeySpend } from './key-spend-present.js';
import { sumMoney } from './money.js';

export const REPROBE_REFUSED_MS = 7 * 86_400_000;
export const DEFAULT_KEY_SPEND_DAYS = 30;
/** A failure is answered again for this long (or its `retry-after`) before the API is asked again. */
export const ERROR_HOLD_MS = 30_000;

export const EXACT_DETAIL =
  "Exact: each key's cost as Anthropic's analytics cost report gives it, per UTC day. What that report gives no key, and any difference from the cost report's total, is shown as \"Not attributable to a key\", so the rows add up to the organization's total.";
export const ESTIMATED_DETAIL =
  "Estimated: the cost report has no API key column, so each day's cost of each model and token type (uncached input, cache reads, cache writes, output) is divided among the keys by their share of that day's tokens of that model and type in the usage report. Web search, code execution and use without a key (the Console workbench) are not attributable to a key.";

export interface KeySpendServiceOptions {
  attuneHome: string;
  /** Whose key (its own method file, slot-paths.ts); the first key's when absent. */
  slot?: AdminKeySlot;
  env: Record<string, string | undefined>;
  clock: Clock;
  logger: Logger;
  version: string;
  adminKey: AdminKeyManager;
  apiKeyName: (id: string) => { name: string; status: string } | null;
  ttlMs: number;
  timeoutMs?: number;
  http?: AxiosInstance;
}

interface Held {
  answer: KeySpendResponse;
  atMs: number;
}

type Decision = { kind: 'exact'; rows: KeyAnalyticsRow[] } | { kind: 'estimate'; why: string | null };

export class KeySpendService {
  private readonly client: CostClient;
  private readonly methodFile: KeyMethodFile;
  private readonly held = new Map<number, Held>();
  private readonly inflight = new Map<number, Promise<KeySpendResponse>>();
  private readonly failures = new Map<number, { answer: KeySpendResponse; untilMs: number; rateLimited: boolean }>();

  constructor(private readonly options: KeySpendServiceOptions) {
    this.client = new CostClient({
      baseUrl: adminApiBaseUrl(options.env),
      version: options.version,
      timeoutMs: options.timeoutMs,
      now: () => options.clock.now(),
      logger: options.logger,
      http: options.http,
    });
    this.methodFile = new KeyMethodFile({
      path: keyMethodPath(options.attuneHome, options.slot),
      logger: options.logger,
    });
  }

  /** The answer for the last `days` UTC days; `refresh` (the user's Refresh) goes upstream now. */
  async keySpend(options: { days?: number; refresh?: boolean } = {}): Promise<KeySpendResponse> {
    const days = options.days ?? DEFAULT_KEY_SPEND_DAYS;
    const now = this.options.clock.now();
    const held = this.held.get(days);
    if (held && !options.refresh && now - held.atMs < this.options.ttlMs) return held.answer;
    // A recent failure is answered again (a refresh may retry it, unless the API asked to wait).
    const failure = this.failures.get(days);
    if (failure && now < failure.untilMs && (!options.refresh || failure.rateLimited)) return failure.answer;
    let running = this.inflight.get(days);
    if (!running) {
      running = this.compute(days).finally(() => this.inflight.delete(days));
      this.inflight.set(days, running);
    }
    return running;
  }

  private async compute(days: number): Promise<KeySpendResponse> {
    const nowMs = this.options.clock.now();
    const to = dayOf(nowMs);
    const range = { from: addDays(to, -(days - 1)), to };
    const key = await this.options.adminKey.load();
    if (key.kind !== 'ok')
      return this.failed(days, range, key.kind === 'missing' ? noKeyError() : keychainError(key.reason));
    const access = { client: this.client, key: key.key, keySource: key.source as KeySource };
    const cells = await fetchCostCells(access, range);
    if (cells.kind === 'error') return this.failed(days, range, cells.error);
    const decision = await this.decide(access, range, key.key.slice(-4));
    let allocation;
    let method: KeySpendMethod;
    if (decision.kind === 'exact') {
      allocation = exactByKey(decision.rows, sumMoney(cells.rows.map((c) => c.amount)));
      method = { kind: 'exact', label: 'Exact', detail: EXACT_DETAIL, fallbackReason: null };
    } else {
      const usage = await fetchKeyUsage(access, range);
      if (usage.kind === 'error') return this.failed(days, range, usage.error);
      allocation = estimateByKey(cells.rows, usage.rows);
      method = { kind: 'estimated', label: 'Estimated', detail: ESTIMATED_DETAIL, fallbackReason: decision.why };
    }
    const answer = presentKeySpend({
      allocation,
      method,
      days,
      ...range,
      fetchedAt: new Date(this.options.clock.now()).toISOString(),
      apiKeyName: this.options.apiKeyName,
    });
    this.held.set(days, { answer, atMs: this.options.clock.now() });
    this.failures.delete(days);
    return answer;
  }

  /** Exact when the analytics report is (or, probed now, turns out to be) available; the reason otherwise. */
  private async decide(
    access: { client: CostClient; key: string; keySource: KeySource },
    range: DayRange,
    last4: string,
  ): Promise<Decision> {
    const memory = await this.methodFile.read();
    const now = this.options.clock.now();
    const sameKey = memory?.keyLast4 === last4;
    if (memory && sameKey && memory.analytics === 'refused' && now - Date.parse(memory.probedAt) < REPROBE_REFUSED_MS)
      return { kind: 'estimate', why: refusedReason(memory) };
    const rows = await fetchAnalyticsByKey(access, range);
    if (rows.kind === 'ok') {
      if (!memory || !sameKey || memory.analytics !== 'available') {
        this.options.logger.info('the analytics cost report answered: cost per API key is exact');
        await this.remember({ analytics: 'available', keyLast4: last4, reason: null });
      }
      return { kind: 'exact', rows: rows.rows };
    }
    if (rows.error.kind === 'rate_limited' || rows.error.kind === 'network') {
      this.options.logger.warn(
        { kind: rows.error.kind },
        'analytics cost report unreachable; estimating cost per key this time',
      );
      return {
        kind: 'estimate',
        why: `The analytics cost report could not be reached this time (${rows.error.message}); estimated instead.`,
      };
    }
    this.options.logger.info(
      { kind: rows.error.kind },
      'the analytics cost report is not available; cost per API key is estimated',
    );
    const refused = { analytics: 'refused' as const, keyLast4: last4, reason: refusalWords(rows.error) };
    await this.remember(refused);
    return { kind: 'estimate', why: refusedReason({ ...refused, version: 1, probedAt: new Date(now).toISOString() }) };
  }

  private remember(memory: Omit<KeyMethodMemory, 'version' | 'probedAt'>): Promise<void> {
    return this.methodFile.write({ version: 1, probedAt: new Date(this.options.clock.now()).toISOString(), ...memory });
  }

  /** The last good rows for these days (if any) with the error; otherwise no rows and the error as the reason. */
  private failed(days: number, range: DayRange, error: CostError): KeySpendResponse {
    const held = this.held.get(days)?.answer;
    const answer: KeySpendResponse = held ? { ...held, error } : this.nothing(days, range, error);
    const waitMs = error.retryAfterS !== undefined ? error.retryAfterS * 1000 : ERROR_HOLD_MS;
    this.failures.set(days, {
      answer,
      untilMs: this.options.clock.now() + waitMs,
      rateLimited: error.retryAfterS !== undefined,
    });
    return answer;
  }

  private nothing(days: number, range: DayRange, error: CostError): KeySpendResponse {
    return {
      days,
      ...range,
      method: null,
      totalCents: 0,
      totalUsd: 0,
      rows: [],
      emptyReason: `Cost per API key is not available: ${error.message}`,
      fetchedAt: null,
      error,
    };
  }
}

/** What the refusal said, without the cost report's remedies (the key itself works: the cost report answered). */
function refusalWords(error: CostError): string {
  const said = [error.upstream?.type, error.upstream?.message].filter(Boolean).join(': ');
  const words = said ? `the Admin API said ${said}` : error.message;
  return words.slice(0, 600);
}

function refusedReason(memory: KeyMethodMemory): string {
  const day = memory.probedAt.slice(0, 10);
  return `The analytics cost report is not available to this organization (asked on ${day}: ${memory.reason ?? 'refused'}), so the figures are estimated; it is asked again after 7 days.`;
}
