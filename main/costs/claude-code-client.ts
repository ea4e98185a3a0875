/**
 * The Admin API Claude Code report (`/v1/organizations/usage_report/claude_code`,
 * docs/ADMIN-API.md): one UTC day per request (`starting_at=YYYY-MM-DD`, `limit=1000`),
 * following `next_page` through the shared page walker (key-report-pages.ts). One row per
 * actor (a user by e-mail or an API key by name) and day, several when the actor used
 * several terminals; a row's `date` must be the day asked (absent: that day), another date
 * is a shape problem of that day. A null or absent count is 0, a negative or fractional one a shape
 * error; `estimated_cost.amount` is a NUMBER of cents, kept exact (money.ts); the currency
 * is kept per model (USD when absent). Every text is scrubbed of key shapes.
 */
import { z } from 'zod';
import { redactKeyShapes } from '../logging/redact.js';
import type { CostClient } from './cost-client.js';
import { shapeError, type KeySource, type ReportWords } from './cost-errors.js';
import { fetchReportPages } from './key-report-pages.js';
import { parseCents, parseCentsNumber, type Money } from './money.js';
import type { DayFetched } from './org-day-store.js';

export const CLAUDE_CODE_REPORT_PATH = '/v1/organizations/usage_report/claude_code';
export const CLAUDE_CODE_PAGE_LIMIT = 1000;

export type ClaudeCodeActor = { type: 'user'; email: string } | { type: 'api_key'; apiKeyName: string };

/** The counted fields of a row (the store reads the same ones from disk). */
export const CLAUDE_CODE_COUNTS = [
  'sessions',
  'linesAdded',
  'linesRemoved',
  'commits',
  'pullRequests',
  'editsAccepted',
  'editsRejected',
] as const;
export type ClaudeCodeCounts = Record<(typeof CLAUDE_CODE_COUNTS)[number], number>;

export interface ModelCost {
  model: string | null;
  currency: string;
  amount: Money;
}

export interface ClaudeCodeRow extends ClaudeCodeCounts {
  day: string;
  actor: ClaudeCodeActor;
  models: ModelCost[];
}

/** The edit tools whose accepted / rejected actions make the acceptance rate. */
export const EDIT_TOOLS = ['edit_tool', 'multi_edit_tool', 'write_tool', 'notebook_edit_tool'] as const;

const count = z.number().int().nonnegative().nullish();
const text = z.string().nullish();
const decision = z.object({ accepted: count, rejected: count }).nullish();
const rowSchema = z.object({
  date: text,
  actor: z.object({ type: z.string(), email_address: text, api_key_name: text }),
  core_metrics: z
    .object({
      num_sessions: count,
      lines_of_code: z.object({ added: count, removed: count }).nullish(),
      commits_by_claude_code: count,
      pull_requests_by_claude_code: count,
    })
    .nullish(),
  tool_actions: z.object(Object.fromEntries(EDIT_TOOLS.map((tool) => [tool, decision]))).nullish(),
  model_breakdown: z
    .array(
      z.object({
        model: text,
        estimated_cost: z.object({ amount: z.union([z.number(), z.string()]).nullish(), currency: text }).nullish(),
      }),
    )
    .nullish(),
});
const pageSchema = z.object({ data: z.array(rowSchema), has_more: z.boolean(), next_page: z.string().nullish() });

/** The error messages name this report, not the cost report. */
export const CLAUDE_CODE_WORDS: ReportWords = {
  forbidden:
    'This key may not read the Claude Code report: it needs an organization admin key (sk-ant-admin…) of an organization using Claude Code with the API; workspace keys and individual accounts are refused',
  requests: 'Claude Code report requests',
  request: 'the Claude Code report request',
  unavailable: 'Claude Code report unavailable',
};

export type ClaudeCodeDayResult = DayFetched<ClaudeCodeRow>;

/**
 * Every row of one UTC day (`YYYY-MM-DD`), all pages; `invalid` (with the reason) when an
 * answer of that day could not be read, so the caller can go on to the other days.
 */
export async function fetchClaudeCodeDay(
  client: CostClient,
  day: string,
  key: string,
  keySource: KeySource,
): Promise<ClaudeCodeDayResult> {
  const rows: ClaudeCodeRow[] = [];
  const problem: { reason: string | null } = { reason: null };
  const query = new URLSearchParams({ starting_at: day, limit: String(CLAUDE_CODE_PAGE_LIMIT) });
  const request = { client, path: CLAUDE_CODE_REPORT_PATH, query, key, keySource, words: CLAUDE_CODE_WORDS };
  const result = await fetchReportPages(request, (json) => {
    const parsed = pageSchema.safeParse(json);
    if (!parsed.success) problem.reason = 'the answer does not have the Claude Code report shape';
    for (const raw of parsed.data?.data ?? []) {
      const row = toRow(raw, day);
      if (typeof row === 'string') {
        problem.reason = row;
        break;
      }
      rows.push(row);
    }
    if (problem.reason !== null || !parsed.success) return { kind: 'error', error: shapeError(String(problem.reason)) };
    return { kind: 'ok', hasMore: parsed.data.has_more, nextPage: parsed.data.next_page ?? null };
  });
  if (problem.reason !== null) return { kind: 'invalid', reason: problem.reason };
  return result.kind === 'ok' ? { kind: 'ok', rows, pages: result.pages } : result;
}

/** A row, or what is wrong with it. */
function toRow(raw: z.infer<typeof rowSchema>, day: string): ClaudeCodeRow | string {
  // The day asked is the row's day; a row dated another day is not filed under a day it does not claim.
  if (raw.date != null && !raw.date.startsWith(day))
    return `a Claude Code row of ${day} is dated ${scrub(raw.date).slice(0, 40)}`;
  const actor = toActor(raw.actor);
  if (!actor) return `a Claude Code row has an actor of an unknown kind (${scrub(raw.actor.type).slice(0, 40)})`;
  const core = raw.core_metrics;
  const tools = EDIT_TOOLS.map((tool) => raw.tool_actions?.[tool]);
  const models: ModelCost[] = [];
  for (const entry of raw.model_breakdown ?? []) {
    const value = entry.estimated_cost?.amount ?? 0;
    const amount = typeof value === 'number' ? parseCentsNumber(value) : parseCents(value);
    if (amount === null) return 'an estimated cost of the Claude Code report is not a number';
    const currency = entry.estimated_cost?.currency;
    models.push({
      model: entry.model == null ? null : scrub(entry.model),
      currency: currency ? scrub(currency).toUpperCase() : 'USD',
      amount,
    });
  }
  return {
    day,
    actor,
    sessions: core?.num_sessions ?? 0,
    linesAdded: core?.lines_of_code?.added ?? 0,
    linesRemoved: core?.lines_of_code?.removed ?? 0,
    commits: core?.commits_by_claude_code ?? 0,
    pullRequests: core?.pull_requests_by_claude_code ?? 0,
    editsAccepted: tools.reduce((sum, t) => sum + (t?.accepted ?? 0), 0),
    editsRejected: tools.reduce((sum, t) => sum + (t?.rejected ?? 0), 0),
    models,
  };
}

function toActor(actor: z.infer<typeof rowSchema>['actor']): ClaudeCodeActor | null {
  if (actor.type === 'user_actor' && actor.email_address) return { type: 'user', email: scrub(actor.email_address) };
  if (actor.type === 'api_actor' && actor.api_key_name)
    return { type: 'api_key', apiKeyName: scrub(actor.api_key_name) };
  return null;
}

const scrub = (value: string) => redactKeyShapes(value);
