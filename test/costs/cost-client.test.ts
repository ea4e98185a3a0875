import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateCosts } from '../../main/costs/aggregate.js';
import { CostClient, MAX_PAGES } from '../../main/costs/cost-client.js';
import { costWindow } from '../../main/costs/cost-window.js';
import { silentLogger } from '../../main/logging/logger.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { buildCostRows, sumCentsExact } from '../fakes/cost-rows.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const window = costWindow(NOW);
let fake: FakeAdminApi;

const client = (timeoutMs = 10_000, baseUrl = fake.url) =>
  new CostClient({ baseUrl, version: '9.8.7', timeoutMs, now: () => NOW, logger: silentLogger() });

beforeEach(async () => {
  fake = await startFakeAdminApi({ rows: buildCostRows({ start: window.start, days: window.days.length, perDay: 7 }) });
});
afterEach(async () => fake.close());
afterAll(() => undefined);

describe('cost client against the fake Admin API', () => {
  it('follows next_page across pages and keeps fractional cents, null models and the default workspace', async () => {
    fake.setMaxBucketsPerPage(20);
    const rows = buildCostRows({ start: window.start, days: window.days.length, perDay: 7 });
    const result = await client().fetchWindow(window, fake.key);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.pages).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.query.get('page')).toBe('page_20');
    expect(result.rows.some((r) => r.model === null)).toBe(true);
    expect(result.rows.some((r) => r.workspaceId === null)).toBe(true);
    const { summary } = aggregateCosts(result.rows, window);
    const thirty = rows.filter((r) => r.date >= '2026-10-22').map((r) => r.amount);
    expect(summary.thirtyDayUsd).toBe(sumCentsExact(thirty).usd);
    expect(summary.monthToDateUsd).toBe(
      sumCentsExact(rows.filter((r) => r.date >= '2026-11-01').map((r) => r.amount)).usd,
    );
  });

  it('sends the admin key, API version, a User-Agent and the report query', async () => {
    await client().fetchWindow(window, fake.key);
    const request = fake.requests[0];
    expect(request?.keyMatched).toBe(true);
    expect(request?.anthropicVersion).toBe('2023-06-01');
    expect(request?.userAgent).toBe('attune-ops/9.8.7');
    expect(request?.query.get('bucket_width')).toBe('1d');
    expect(request?.query.get('limit')).toBe('31');
    expect(request?.query.getAll('group_by[]')).toEqual(['workspace_id', 'description']);
    expect(request?.query.get('starting_at')).toBe('2026-10-22T00:00:00Z');
    expect(request?.query.get('ending_at')).toBe('2026-11-21T00:00:00Z');
  });

  it.each([
    [{ kind: 'status', status: 401 } as const, 'auth_failed', /Key rejected/],
    [{ kind: 'status', status: 403 } as const, 'auth_failed', /admin key/],
    [{ kind: 'status', status: 500 } as const, 'network', /HTTP 500/],
    [{ kind: 'status', status: 529 } as const, 'network', /overloaded/],
    [{ kind: 'status', status: 404 } as const, 'unknown', /HTTP 404/],
    [{ kind: 'non_json' } as const, 'unknown', /not JSON/],
    [{ kind: 'wrong_shape' } as const, 'unknown', /shape/],
    [{ kind: 'stuck_cursor' } as const, 'unknown', /same next_page/],
  ])('categorizes %o as %s', async (mode, kind, message) => {
    fake.fail(mode);
    const result = await client().fetchWindow(window, fake.key);
    expect(result).toMatchObject({ kind: 'error', error: { kind, message: expect.stringMatching(message) } });
    expect(fake.requests.length).toBeLessThanOrEqual(2);
  });

  it('rejects a wrong key as auth_failed', async () => {
    const result = await client().fetchWindow(window, 'sk-ant-admin01-wrong-key-000000000000');
    expect(result).toMatchObject({ kind: 'error', error: { kind: 'auth_failed' } });
  });

  it('reads retry-after as seconds or as an HTTP date', async () => {
    fake.failNext({ kind: 'rate_limited', retryAfter: '42' });
    expect(await client().fetchWindow(window, fake.key)).toMatchObject({
      error: { kind: 'rate_limited', retryAfterS: 42 },
    });
    fake.failNext({ kind: 'rate_limited', retryAfter: new Date(NOW + 90_000).toUTCString() });
    expect(await client().fetchWindow(window, fake.key)).toMatchObject({
      error: { kind: 'rate_limited', retryAfterS: 90 },
    });
    fake.failNext({ kind: 'rate_limited' });
    const bare = await client().fetchWindow(window, fake.key);
    expect(bare).toMatchObject({ error: { kind: 'rate_limited' } });
    expect(bare.kind === 'error' && 'retryAfterS' in bare.error).toBe(false);
  });

  it('gives up on a hanging answer after the timeout as a network error', async () => {
    fake.fail({ kind: 'hang' });
    const result = await client(300).fetchWindow(window, fake.key);
    expect(result).toMatchObject({
      kind: 'error',
      error: { kind: 'network', message: expect.stringMatching(/within 0.3 s/) },
    });
  });

  it('reports a refused connection as a network error', async () => {
    const url = fake.url;
    await fake.close();
    const result = await client(2000, url).fetchWindow(window, fake.key);
    expect(result).toMatchObject({
      kind: 'error',
      error: { kind: 'network', message: expect.stringMatching(/refused/) },
    });
  });

  it('stops at the page cap when has_more never ends', async () => {
    fake.setMaxBucketsPerPage(1);
    const longWindow = { ...window, days: [], endingAt: '2027-06-01T00:00:00Z' };
    const result = await client().fetchWindow(longWindow, fake.key);
    expect(result).toMatchObject({
      kind: 'error',
      error: { kind: 'unknown', message: expect.stringMatching(`more than ${MAX_PAGES} pages`) },
    });
    expect(fake.requests).toHaveLength(MAX_PAGES);
  });
});
