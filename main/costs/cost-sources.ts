/**
 * The upstream side of the cost capability: the Admin API client and everything fetched
 * through it and kept on disk — the organization, the cost days, the usage days, the names
 * and the Claude Code days. `load()` reads what was kept (a start shows figures at once);
 * `refresh()` runs one refresh in order (organization and cost report, then the usage
 * report, the names at most daily), so the cost figures are held before anything optional
 * can fail, then starts the Claude Code report's open days (one request each) on its own,
 * one pass at a time: the cost answer never waits for it; `idle()` and a Claude Code answer
 * asked to wait do. A usage, names or Claude Code failure is logged and never fails the costs.
 */
import type { AxiosInstance } from 'axios';
import { ClaudeCodeStore } from './claude-code-store.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import { CostClient } from './cost-client.js';
import { adminApiBaseUrl } from './cost-config.js';
import type { KeySource } from './cost-errors.js';
import { CostStore } from './cost-store.js';
import type { CostError, FetchSummaryOptions } from './cost-types.js';
import { NameDirectory, namesCachePath } from './name-directory.js';
import { OrgResolver, orgFilePath, type OrgIdentity } from './org-identity.js';
import { UsageStore } from './usage-store.js';
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';

export interface CostSourcesOptions {
  attuneHome: string;
  /** Which admin key these figures are fetched with (its own files: slot-paths.ts). */
  slot: AdminKeySlot;
  env: Record<string, string | undefined>;
  version: string;
  logger: Logger;
  /** Knows the exact admin key: the Claude Code error is redacted with it before it is kept. */
  redactor: SecretRedactor;
  now: () => number;
  timeoutMs?: number;
  http?: AxiosInstance;
}

export class CostSources {
  readonly costs: CostStore;
  readonly usage: UsageStore;
  readonly names: NameDirectory;
  readonly claudeCode: ClaudeCodeStore;
  private readonly org: OrgResolver;
  private readonly client: CostClient;
  private stoppedFlag = false;
  private claudeCodeRun: Promise<void> | null = null;

  constructor(private readonly options: CostSourcesOptions) {
    const { env, logger, now, attuneHome, redactor, slot } = options;
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
      now,
      logger,
      http: options.http,
    });
    this.names = new NameDirectory({ path: namesCachePath(attuneHome, slot), client: this.client, logger, now });
    this.org = new OrgResolver({ path: orgFilePath(attuneHome, slot), logger, now });
    this.costs = new CostStore({ attuneHome, org: this.org, logger, now, readsLegacyCache: slot === DEFAULT_SLOT });
    this.usage = new UsageStore({ attuneHome, logger, now });
    this.claudeCode = new ClaudeCodeStore({ attuneHome, logger, now, redactor });
  }

  async load(): Promise<void> {
    await this.names.load();
    await this.org.load();
    await this.costs.load();
    await this.usage.load(this.org.current?.id);
    await this.claudeCode.load(this.org.current?.id);
  }

  /** One refresh; the error is the cost report's (or the organization's): null when the figures were fetched. */
  async refresh(key: string, keySource: KeySource, userAsked: boolean): Promise<CostError | null> {
    const { logger } = this.options;
    if (this.stopped) return null;
    const result = await this.costs.refresh(this.client, key, keySource, userAsked);
    if (result.kind === 'error') return result.error;
    const { rows, pages, first, last } = result;
    logger.info({ rows, pages, requests: result.requests, first, last }, 'cost report refreshed');
    const usage = await this.usage.refresh(this.client, result.orgId, key, keySource);
    if (usage.kind === 'error')
      logger.warn({ kind: usage.error.kind }, `usage report not refreshed: ${usage.error.message}`);
    else logger.info({ rows: usage.rows, pages: usage.pages, first: usage.first }, 'usage report refreshed');
    // Names come after the figures (held already), once a day or on the user's Refresh.
    await this.names.refresh(key, keySource, userAsked);
    // The Claude Code days (up to 30 requests) go on after the cost figures are answered.
    if (!this.stopped)
      this.claudeCodeRun ??= this.refreshClaudeCode(result.orgId, key, keySource).finally(() => {
        this.claudeCodeRun = null;
      });
    return null;
  }

  /** The Claude Code answer; one asking for a refresh waits until the Claude Code pass under way (if any) ended. */
  async claudeCodeAnswer(input: Parameters<ClaudeCodeStore['present']>[0], asked: FetchSummaryOptions) {
    if (asked.refresh || asked.awaitRefresh) await this.idle();
    return { ...this.claudeCode.present(input), refreshing: this.claudeCodeRun !== null };
  }

  /** Resolves (never rejects) once no Claude Code refresh runs. */
  async idle(): Promise<void> {
    await this.claudeCodeRun;
  }

  /** The organization the key answered (remembered across restarts); null before the first answer. */
  get organization(): OrgIdentity | null {
    return this.org.current;
  }

  /** Set for good by stop(): no refresh starts, the one under way ends after the Claude Code day it asks for. */
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** The service stops; never undone (a refresh begun before still finishes its current request). */
  stop(): void {
    this.stoppedFlag = true;
  }

  /** One pass over the open Claude Code days, logged; never rejects. */
  private async refreshClaudeCode(orgId: string, key: string, keySource: KeySource): Promise<void> {
    const { logger } = this.options;
    try {
      const code = await this.claudeCode.refresh(this.client, orgId, key, keySource, () => this.stopped);
      if (code.kind === 'error')
        logger.warn({ kind: code.error.kind }, `Claude Code report not refreshed: ${code.error.message}`);
      else if (code.kind === 'waiting')
        logger.info({ until: new Date(code.untilMs).toISOString() }, 'Claude Code report not asked (its retry-after)');
      else if (code.kind === 'cancelled')
        logger.info({ fetched: code.fetched, open: code.open }, 'Claude Code refresh stopped (the service stops)');
      else if (code.invalid.length > 0)
        logger.warn({ invalid: code.invalid.map((d) => d.day) }, 'Claude Code report refreshed except unreadable days');
      else logger.info({ rows: code.rows, pages: code.pages, first: code.first }, 'Claude Code report refreshed');
    } catch (error) {
      logger.error({ err: error }, 'Claude Code report refresh failed unexpectedly');
    }
  }

  /** TEST ONLY (through CostService.clearCache): forgets the figures held in memory. */
  clear(): void {
    this.costs.clear();
    this.usage.clear();
    this.claudeCode.clear();
  }
}
