/**
 * The fake Admin API's Claude Code report (`/v1/organizations/usage_report/claude_code`,
 * mounted by admin-api.ts): one UTC day per request (`starting_at=YYYY-MM-DD`, anything
 * else a 400), `limit` 1–1000 (20 by default), paged by an opaque `page` cursor
 * (`has_more`/`next_page`), rows as the API sends them — nested `core_metrics`,
 * `tool_actions`, `model_breakdown` with `estimated_cost.amount` a NUMBER of cents — and
 * the nulls a row may carry. Its requests are logged apart (never the key); it can be
 * switched to the documented error answers, and its answers delayed (a slow upstream).
 */
import type { ServerResponse } from 'node:http';
import { addDays } from './cost-rows.js';

export const CLAUDE_CODE_PATH = '/v1/organizations/usage_report/claude_code';

type Decision = { accepted: number | null; rejected: number | null } | null;

export interface FakeClaudeCodeRow {
  date: string;
  actor: { type: 'user_actor'; email_address: string } | { type: 'api_actor'; api_key_name: string };
  customer_type?: 'api' | 'subscription';
  terminal_type?: string;
  core_metrics: {
    num_sessions: number | null;
    lines_of_code: { added: number | null; removed: number | null } | null;
    commits_by_claude_code: number | null;
    pull_requests_by_claude_code: number | null;
  } | null;
  tool_actions: Partial<Record<'edit_tool' | 'multi_edit_tool' | 'write_tool' | 'notebook_edit_tool', Decision>> | null;
  model_breakdown: Array<{
    model: string;
    tokens?: { input: number; output: number; cache_read: number; cache_creation: number };
    estimated_cost: { amount: number; currency: string } | null;
  }> | null;
}

export interface FakeRequestEntry {
  path: string;
  query: URLSearchParams;
  keyMatched: boolean;
}

export interface FakeClaudeCode {
  /** Every request of the report (every page). */
  requests: FakeRequestEntry[];
  setRows(rows: FakeClaudeCodeRow[]): void;
  /** Rows per page below the request's `limit`, to force several pages. */
  setPageSize(count: number | undefined): void;
  /** Every following request fails with this status (documented error body, `message` in it) until `fail(null)`. */
  fail(status: 400 | 401 | 403 | 404 | 429 | 500 | null, message?: string): void;
  /** Only the request for this day fails with this status, and `retry-after` when given (until `failDay(null)`). */
  failDay(failure: { day: string; status: 429 | 500; retryAfter?: string } | null): void;
  /** This day's answer carries a row of an undocumented actor type, or (`date`) one dated the day before (until `badDay(null)`). */
  badDay(day: string | null, what?: 'actor' | 'date'): void;
  /** Every answer (error or data) is sent this many ms late (0: at once); the request is logged at once. */
  setDelay(ms: number): void;
}

type Send = {
  error: (res: ServerResponse, status: number, message: string, headers?: Record<string, string>) => void;
  json: (res: ServerResponse, body: unknown) => void;
  keyMatched: boolean;
};

export function fakeClaudeCodeEndpoint() {
  let rows: FakeClaudeCodeRow[] = [];
  let pageSize: number | undefined;
  let failure: number | null = null;
  let failureMessage: string | undefined;
  let dayFailure: { day: string; status: number; retryAfter?: string } | null = null;
  let delayMs = 0;
  let bad: { day: string | null; what: 'actor' | 'date' } = { day: null, what: 'actor' };
  const requests: FakeRequestEntry[] = [];
  const controls: FakeClaudeCode = {
    requests,
    setRows: (next) => {
      rows = next;
    },
    setPageSize: (count) => {
      pageSize = count;
    },
    fail: (status, message) => {
      failure = status;
      failureMessage = message;
    },
    failDay: (next) => {
      dayFailure = next;
    },
    badDay: (day, what = 'actor') => {
      bad = { day, what };
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
  };

  /** `send` with every answer held back by the delay (dropped when the socket closed meanwhile). */
  const delayed = (send: Send): Send => {
    if (delayMs === 0) return send;
    const later =
      <A extends unknown[]>(f: (res: ServerResponse, ...rest: A) => void) =>
      (res: ServerResponse, ...rest: A) =>
        void setTimeout(() => !res.destroyed && f(res, ...rest), delayMs).unref();
    return { ...send, error: later(send.error), json: later(send.json) };
  };

  /** Answers a request of the report (true), or leaves it to the caller (false). */
  const handle = (url: URL, res: ServerResponse, direct: Send): boolean => {
    if (url.pathname !== CLAUDE_CODE_PATH) return false;
    const send = delayed(direct);
    const query = url.searchParams;
    requests.push({ path: url.pathname, query, keyMatched: send.keyMatched });
    const refuse = (status: number, message: string) => {
      send.error(res, status, message);
      return true;
    };
    if (!send.keyMatched) return refuse(401, 'invalid x-api-key');
    if (failure !== null) return refuse(failure, failureMessage ?? `scripted ${failure}`);
    const day = query.get('starting_at') ?? '';
    if (!/^\d{4}-\d\d-\d\d$/.test(day)) return refuse(400, 'starting_at must be a UTC date YYYY-MM-DD');
    if (dayFailure?.day === day) {
      const { status, retryAfter } = dayFailure;
      send.error(res, status, `scripted ${status}`, retryAfter ? { 'retry-after': retryAfter } : {});
      return true;
    }
    const limit = Number(query.get('limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return refuse(400, 'limit must be from 1 to 1000');
    const cursor = query.get('page');
    const offset = cursor ? Number(/^cc_(\d+)$/.exec(cursor)?.[1] ?? NaN) : 0;
    if (!Number.isInteger(offset)) return refuse(400, 'invalid page');
    const size = Math.min(limit, pageSize ?? limit);
    const odd =
      bad.what === 'date'
        ? claudeCodeRow(addDays(day, -1), 'ada@example.com')
        : ({ ...claudeCodeRow(day, 'robot'), actor: { type: 'robot_actor' } } as unknown as FakeClaudeCodeRow);
    const ofDay = [...rows.filter((r) => r.date === day), ...(bad.day === day ? [odd] : [])];
    const hasMore = offset + size < ofDay.length;
    send.json(res, {
      data: ofDay.slice(offset, offset + size).map(({ date, ...row }) => ({
        date: `${date}T00:00:00Z`,
        organization_id: 'org_fake01',
        customer_type: 'api',
        terminal_type: 'vscode',
        ...row,
      })),
      has_more: hasMore,
      next_page: hasMore ? `cc_${offset + size}` : null,
    });
    return true;
  };
  return { controls, handle };
}

/** A row for `date` and an actor, with the given figures (defaults 0) and cost per model in cents. */
export function claudeCodeRow(
  date: string,
  actor: string,
  figures: { sessions?: number; added?: number; removed?: number; commits?: number; prs?: number } = {},
  tools: FakeClaudeCodeRow['tool_actions'] = null,
  costs: Array<[model: string, cents: number, currency?: string]> = [],
): FakeClaudeCodeRow {
  return {
    date,
    actor: actor.includes('@')
      ? { type: 'user_actor', email_address: actor }
      : { type: 'api_actor', api_key_name: actor },
    core_metrics: {
      num_sessions: figures.sessions ?? 0,
      lines_of_code: { added: figures.added ?? 0, removed: figures.removed ?? 0 },
      commits_by_claude_code: figures.commits ?? 0,
      pull_requests_by_claude_code: figures.prs ?? 0,
    },
    tool_actions: tools,
    model_breakdown: costs.map(([model, cents, currency]) => ({
      model,
      tokens: { input: 1000, output: 200, cache_read: 500, cache_creation: 100 },
      estimated_cost: { amount: cents, currency: currency ?? 'USD' },
    })),
  };
}

/** `days` days from `start` for two users and one API key, nulls in every third row. */
export function buildClaudeCodeRows(start: string, days: number): FakeClaudeCodeRow[] {
  const rows: FakeClaudeCodeRow[] = [];
  for (let d = 0; d < days; d += 1) {
    const date = addDays(start, d);
    rows.push(
      claudeCodeRow(
        date,
        'ada@example.com',
        { sessions: 3, added: 120, removed: 30, commits: 1 },
        {
          edit_tool: { accepted: 9, rejected: 1 },
          write_tool: d % 3 === 0 ? null : { accepted: 2, rejected: null },
        },
        [['claude-sonnet-4-5', 150.5]],
      ),
      claudeCodeRow(date, 'grace@example.com', { sessions: 1, added: 10, prs: d % 7 === 0 ? 1 : 0 }, null, [
        ['claude-haiku-4-5', 12.25],
      ]),
    );
    if (d % 2 === 0) rows.push({ ...claudeCodeRow(date, 'ci-bot key'), core_metrics: null, model_breakdown: null });
  }
  return rows;
}
