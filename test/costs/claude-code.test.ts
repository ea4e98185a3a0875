/**
 * Claude Code per actor: the report's nested fields and nulls summed per actor over the
 * last 30 UTC days against hand-computed figures (the acceptance rate null without edit
 * actions, money exact per currency and never added across currencies), `GET
 * /api/claude-code` over real HTTP (checked against the contract by the test server),
 * paging within a day, an organization without Claude Code, no key, and bad input.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { claudeCodeResponseSchema, type ClaudeCodeResponse } from '../../main/contract/costs-claude-code.js';
import { acceptanceRate } from '../../main/costs/claude-code-aggregate.js';
import { parseCentsNumber } from '../../main/costs/money.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { claudeCodeRow, type FakeClaudeCodeRow } from '../fakes/claude-code-report.js';
import { manualClock } from '../fakes/manual-clock.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { NOW } from './helpers.js';

let fake: FakeAdminApi | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = fake = undefined;
});
afterAll(removeTempDirs);

// The server's clock is the test's (real timers), so the days cannot shift at midnight UTC.
const day = (offset: number) => new Date(Date.parse(NOW) + offset * 86_400_000).toISOString().slice(0, 10);

/** Ada (two terminals yesterday, a null-filled row today), an API key with no edit actions, Bob 29 days ago, Carol out of the window. */
function fixture(): FakeClaudeCodeRow[] {
  return [
    claudeCodeRow(
      day(-1),
      'ada@example.com',
      { sessions: 3, added: 100, removed: 20, commits: 2, prs: 1 },
      { edit_tool: { accepted: 8, rejected: 2 }, multi_edit_tool: { accepted: null, rejected: 1 }, write_tool: null },
      [
        ['claude-sonnet-4-5', 150.4],
        ['claude-haiku-4-5', 0.75],
      ],
    ),
    {
      ...claudeCodeRow(
        day(-1),
        'ada@example.com',
        { sessions: 1 },
        { notebook_edit_tool: { accepted: 1, rejected: 0 } },
      ),
      core_metrics: {
        num_sessions: 1,
        lines_of_code: { added: 5, removed: null },
        commits_by_claude_code: null,
        pull_requests_by_claude_code: null,
      },
      model_breakdown: [{ model: 'claude-sonnet-4-5', estimated_cost: { amount: 49.4, currency: 'USD' } }],
      terminal_type: 'iTerm.app',
    },
    {
      ...claudeCodeRow(day(0), 'ada@example.com'),
      core_metrics: null,
      tool_actions: null,
      model_breakdown: [{ model: 'claude-sonnet-4-5', estimated_cost: null }],
    },
    claudeCodeRow(day(-1), 'ci key', { sessions: 2 }, { edit_tool: { accepted: 0, rejected: 0 } }, [
      ['claude-sonnet-4-5', 1000, 'EUR'],
      ['claude-opus-4-1', 333.333],
    ]),
    claudeCodeRow(
      day(-29),
      'bob@example.com',
      { sessions: 1, commits: 1 },
      { write_tool: { accepted: 3, rejected: 1 } },
      [['claude-haiku-4-5', 10]],
    ),
    claudeCodeRow(day(-30), 'carol@example.com', { sessions: 99 }),
  ];
}

async function start(rows: FakeClaudeCodeRow[] = fixture(), keyInStore = true) {
  fake = await startFakeAdminApi();
  fake.claudeCode.setRows(rows);
  server = await startTestServer({
    deps: {
      env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
      clock: manualClock(NOW, { realTimers: true }),
      secretStore: createMemorySecretStore(keyInStore ? { 'anthropic-admin-api-key': fake.key } : {}),
      costTimeoutMs: 2000,
    },
  });
  return { fake, server };
}

async function claudeCode(path = '/api/claude-code?refresh=1'): Promise<ClaudeCodeResponse> {
  const response = await server!.api(path);
  expect(response.status).toBe(200);
  return claudeCodeResponseSchema.parse(await response.json());
}

describe('GET /api/claude-code', () => {
  it('sums each actor over the last 30 days as computed by hand, one request per day', async () => {
    const { fake } = await start();
    const { claudeCode: figures, error } = await claudeCode();
    expect(error).toBeNull();
    expect(figures).toMatchObject({ days: 30, from: day(-29), to: day(0), source: 'live', stale: false });
    expect(figures!.coveredFrom).toBe(day(-29));
    expect(figures!.emptyReason).toBeNull();
    expect(figures!.actors.map((a) => a.label)).toEqual(['ada@example.com', 'ci key', 'bob@example.com']);
    const [ada, key, bob] = figures!.actors;
    expect(ada).toEqual({
      actor: { type: 'user', email: 'ada@example.com' },
      label: 'ada@example.com',
      sessions: 4,
      linesAdded: 105,
      linesRemoved: 20,
      commits: 2,
      pullRequests: 1,
      editsAccepted: 9, // 8 + null + 1
      editsRejected: 3, // 2 + 1 + 0
      acceptanceRate: 0.75,
      // 150.4 + 49.4 + null = 199.8 cents → $2.00 (rounded once, not 150 + 49 = $1.99)
      costByModel: [
        { model: 'claude-sonnet-4-5', currency: 'USD', amount: 2 },
        { model: 'claude-haiku-4-5', currency: 'USD', amount: 0.01 },
      ],
      estimatedCost: [{ currency: 'USD', amount: 2.01 }], // 200.55 cents
    });
    expect(key).toMatchObject({
      actor: { type: 'api_key', apiKeyName: 'ci key' },
      sessions: 2,
      editsAccepted: 0,
      editsRejected: 0,
      acceptanceRate: null,
      costByModel: [
        { model: 'claude-opus-4-1', currency: 'USD', amount: 3.33 },
        { model: 'claude-sonnet-4-5', currency: 'EUR', amount: 10 },
      ],
      estimatedCost: [
        { currency: 'USD', amount: 3.33 },
        { currency: 'EUR', amount: 10 },
      ],
    });
    expect(bob).toMatchObject({
      sessions: 1,
      commits: 1,
      acceptanceRate: 0.75,
      estimatedCost: [{ currency: 'USD', amount: 0.1 }],
    });
    expect(figures!.totals).toEqual({
      sessions: 7,
      linesAdded: 105,
      linesRemoved: 20,
      commits: 3,
      pullRequests: 1,
      editsAccepted: 12,
      editsRejected: 4,
      acceptanceRate: 0.75,
      estimatedCost: [
        { currency: 'USD', amount: 5.44 }, // 200.55 + 333.333 + 10 = 543.883 cents
        { currency: 'EUR', amount: 10 },
      ],
    });
    const asked = fake.claudeCode.requests.map((r) => r.query.get('starting_at'));
    expect(asked).toHaveLength(30);
    expect(new Set(asked)).toEqual(new Set(Array.from({ length: 30 }, (_, i) => day(-i))));
    expect(fake.claudeCode.requests.every((r) => r.query.get('limit') === '1000' && r.keyMatched)).toBe(true);
  });

  it('follows next_page within a day and gets the same figures', async () => {
    const { fake } = await start();
    fake.claudeCode.setPageSize(1);
    const { claudeCode: figures } = await claudeCode();
    expect(figures!.totals.sessions).toBe(7);
    const yesterday = fake.claudeCode.requests.filter((r) => r.query.get('starting_at') === day(-1));
    expect(yesterday.map((r) => r.query.get('page'))).toEqual([null, 'cc_1', 'cc_2']);
    expect(fake.claudeCode.requests).toHaveLength(32);
  });

  it('an organization without Claude Code answers an empty list and says why', async () => {
    await start([]);
    const { claudeCode: figures, error } = await claudeCode();
    expect(error).toBeNull();
    expect(figures!.actors).toEqual([]);
    expect(figures!.totals).toMatchObject({ sessions: 0, acceptanceRate: null, estimatedCost: [] });
    expect(figures!.emptyReason).toMatch(
      /^The Claude Code report has no activity for this organization in the last 30 UTC days\./,
    );
  });

  it('a failing report is a categorized error with nothing invented, and the costs stay fetched', async () => {
    const { fake, server } = await start();
    fake.claudeCode.fail(403);
    expect(await claudeCode()).toEqual({
      claudeCode: null,
      error: expect.objectContaining({ kind: 'auth_failed', message: expect.stringContaining('scripted 403') }),
      refreshing: false,
    });
    expect(((await (await server.api('/api/costs')).json()) as { error: unknown }).error).toBeNull();
    expect(server.logs.text()).toContain('Claude Code report not refreshed');
  });

  it('an actor of an unknown kind is a shape error, not a guess', async () => {
    const odd = { ...claudeCodeRow(day(-1), 'x'), actor: { type: 'robot_actor' } } as unknown as FakeClaudeCodeRow;
    await start([odd]);
    const { error } = await claudeCode();
    expect(error).toMatchObject({
      kind: 'unknown',
      message: expect.stringContaining('actor of an unknown kind (robot_actor)'),
    });
  });

  it('without a key answers billing not connected and never calls the report', async () => {
    const { fake } = await start(fixture(), false);
    expect(await claudeCode('/api/claude-code')).toEqual({
      claudeCode: null,
      error: expect.objectContaining({ kind: 'no_key' }),
      refreshing: false,
    });
    expect(fake.claudeCode.requests).toHaveLength(0);
  });

  it('rejects an unknown query field with a 400 naming it', async () => {
    await start();
    const response = await server!.api('/api/claude-code?days=7');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_query', message: expect.stringContaining('days') },
    });
  });
});

describe('acceptance rate and cents as numbers', () => {
  it('is accepted ÷ all edit actions, null (never NaN) without any', () => {
    expect(acceptanceRate(0, 0)).toBeNull();
    expect(acceptanceRate(2, 1)).toBe(0.6667);
    expect(acceptanceRate(0, 5)).toBe(0);
  });

  it('reads a JSON number of cents through its decimal text, exponents included', () => {
    expect(parseCentsNumber(150.4)! + parseCentsNumber(49.4)!).toBe(199_800_000_000n);
    expect(parseCentsNumber(1e-7)).toBe(100n);
    expect(parseCentsNumber(Number.NaN)).toBeNull();
    expect(parseCentsNumber(1e21)).toBeNull();
  });
});
