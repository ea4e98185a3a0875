/**
 * Claude Code per actor for the current organization: the Claude Code report's rows per
 * UTC day (org-day-store.ts, `ops/orgs/<org>/claude-code-days.json`, the last 30 days; one
 * request per open day, closed days never asked again), refreshed with the cost report by
 * the cost sources, and its answer (`GET /api/claude-code`). A failed fetch keeps what is
 * held (marked stale) and its error; it never fails the cost figures. An organization
 * without Claude Code activity answers an empty list with the reason in words.
 */
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { redactKeyShapes, type SecretRedactor } from '../logging/redact.js';
import { aggregateClaudeCode, CLAUDE_CODE_DAYS, type ClaudeCodeFigures } from './claude-code-aggregate.js';
import { CLAUDE_CODE_COUNTS, fetchClaudeCodeDay, type ClaudeCodeRow } from './claude-code-client.js';
import type { CostClient } from './cost-client.js';
import { redactCostError, type KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';
import { dayOf } from './cost-window.js';
import { allRows, firstHeldDay } from './day-cache.js';
import type { DayCodec } from './day-cache-file.js';
import { moneyFromJson, moneyToJson } from './money.js';
import { OrgDayStore, type EachDayRefresh, type InvalidDay } from './org-day-store.js';

export interface ClaudeCodeSummary extends ClaudeCodeFigures {
  /** The first day held (later than `from` while older days are not fetched yet). */
  coveredFrom: string | null;
  /** Why `actors` is empty, in words; null when it is not. */
  emptyReason: string | null;
  fetchedAt: string;
  source: 'live' | 'cached';
  stale: boolean;
}

export interface ClaudeCodeResponse {
  claudeCode: ClaudeCodeSummary | null;
  error: CostError | null;
  /** A pass over the Claude Code days runs now (set by the cost sources). */
  refreshing: boolean;
}

const safe = (value: string) => redactKeyShapes(value);
const storedRow = z.object({
  actor: z.discriminatedUnion('type', [
    z.object({ type: z.literal('user'), email: z.string().transform(safe) }),
    z.object({ type: z.literal('api_key'), apiKeyName: z.string().transform(safe) }),
  ]),
  ...Object.fromEntries(CLAUDE_CODE_COUNTS.map((c) => [c, z.number().int().nonnegative()])),
  models: z.array(
    z.object({
      model: z.string().transform(safe).nullable(),
      currency: z.string().transform(safe),
      amount: z.string(),
    }),
  ),
});

export const CLAUDE_CODE_ROW_CODEC: DayCodec<ClaudeCodeRow> = {
  toJson: ({ day: _day, models, ...row }) => ({
    ...row,
    models: models.map((m) => ({ ...m, amount: moneyToJson(m.amount) })),
  }),
  fromJson: (raw, day) => {
    const parsed = storedRow.safeParse(raw);
    if (!parsed.success) return null;
    const models = parsed.data.models.map((m) => ({ ...m, amount: moneyFromJson(m.amount) }));
    if (models.some((m) => m.amount === null)) return null;
    return { ...(parsed.data as unknown as ClaudeCodeRow), day, models: models as ClaudeCodeRow['models'] };
  },
};

export type ClaudeCodeRefresh = EachDayRefresh | { kind: 'waiting'; untilMs: number };

export class ClaudeCodeStore {
  private readonly store: OrgDayStore<ClaudeCodeRow>;
  private error: CostError | null = null;
  private memo: { of: object; today: string; figures: ClaudeCodeFigures } | null = null;
  /** No Claude Code request before this time (the report's `retry-after`). */
  private retryNotBeforeMs = 0;

  constructor(
    private readonly options: { attuneHome: string; logger: Logger; now: () => number; redactor: SecretRedactor },
  ) {
    this.store = new OrgDayStore({
      ...options,
      report: 'claude-code',
      codec: CLAUDE_CODE_ROW_CODEC,
      keptDays: CLAUDE_CODE_DAYS,
    });
  }

  async load(orgId: string | undefined): Promise<void> {
    if (orgId) await this.store.load(orgId);
  }

  /**
   * The report for each day not closed (until `cancelled`); the error is kept for the
   * answer: the failure that stopped it, else the days that could not be read, else none.
   * A cancelled pass leaves the error as it was (its days are not all asked). After a 429
   * with `retry-after` nothing is asked until then (`waiting`, the rate-limit error kept).
   */
  async refresh(
    client: CostClient,
    orgId: string,
    key: string,
    keySource: KeySource,
    cancelled: () => boolean = () => false,
  ): Promise<ClaudeCodeRefresh> {
    if (this.options.now() < this.retryNotBeforeMs) return { kind: 'waiting', untilMs: this.retryNotBeforeMs };
    const fetchDay = (day: string) => fetchClaudeCodeDay(client, day, key, keySource);
    const result = await this.store.refreshEachDay(orgId, fetchDay, cancelled);
    const retryAfterS = result.kind === 'error' ? result.error.retryAfterS : undefined;
    if (retryAfterS !== undefined) this.retryNotBeforeMs = this.options.now() + retryAfterS * 1000;
    if (result.kind === 'error') this.error = this.redact(result.error);
    if (result.kind === 'ok')
      this.error = result.invalid.length > 0 ? this.redact(invalidDaysError(result.invalid)) : null;
    return result;
  }

  /** The answer; `refreshError` is why the latest refresh failed (the key, the cost report), preferred when set. */
  present(input: {
    refreshError: CostError | null;
    nowMs: number;
    intervalMs: number;
    live: boolean;
  }): Omit<ClaudeCodeResponse, 'refreshing'> {
    // The latest failure first: a failed cost refresh is newer than the Claude Code error kept.
    const error = input.refreshError ?? this.error;
    const held = this.store.held;
    if (!held) return { claudeCode: null, error };
    const today = dayOf(input.nowMs);
    if (this.memo?.of !== held || this.memo.today !== today)
      this.memo = { of: held, today, figures: aggregateClaudeCode(allRows(held.days), input.nowMs) };
    const figures = this.memo.figures;
    const coveredFrom = firstHeldDay(new Map([...held.days].filter(([day]) => day >= figures.from)));
    return {
      claudeCode: {
        ...figures,
        coveredFrom,
        emptyReason: figures.actors.length > 0 ? null : emptyReason(figures, coveredFrom, error),
        fetchedAt: new Date(held.fetchedAtMs).toISOString(),
        source: input.live && error === null ? 'live' : 'cached',
        stale: error !== null || input.nowMs - held.fetchedAtMs > 2 * input.intervalMs,
      },
      error,
    };
  }

  /** The exact key (and any secret registered) out of what the renderer and the CLI show, as the cost path does. */
  private redact(error: CostError): CostError {
    return redactCostError(this.options.redactor, error);
  }

  clear(): void {
    this.store.clear();
    this.error = null;
    this.retryNotBeforeMs = 0;
  }
}

/** Which days could not be read and why, in words (three at most named). */
export function invalidDaysError(invalid: readonly InvalidDay[]): CostError {
  const named = invalid.slice(0, 3).map(({ day, reason }) => `${day} (${reason})`);
  const more = invalid.length > 3 ? ` and ${invalid.length - 3} more` : '';
  const these = invalid.length === 1 ? 'that day is' : 'those days are';
  return {
    kind: 'unknown',
    message: `The Claude Code report of ${named.join('; ')}${more} could not be read; ${these} left out of the figures and asked again at the next refresh. If this persists, update Attune Ops.`,
  };
}

/**
 * Why no actor is shown, never claiming more than was fetched: without a day of the window
 * held it says so (and why), and with an error it says not every day was fetched.
 */
function emptyReason(figures: ClaudeCodeFigures, coveredFrom: string | null, error: CostError | null): string {
  const window = `the last ${figures.days} UTC days`;
  if (coveredFrom === null)
    return error
      ? `No day of ${window} of the Claude Code report is fetched: ${error.message}`
      : `No day of ${window} of the Claude Code report is fetched yet; they appear after its first refresh.`;
  const partial = coveredFrom > figures.from;
  const span = partial ? `from ${coveredFrom} to ${figures.to}` : `in ${window}`;
  const lead = `The Claude Code report has no activity for this organization${error ? ' on the days fetched' : ''} ${span}.`;
  const missing = error
    ? ` Not every day was fetched: ${error.message}`
    : partial
      ? ` The days before ${coveredFrom} are not fetched yet.`
      : '';
  return `${lead}${missing} Claude Code used with this organization's API keys or seats appears here about an hour after use.`;
}
