/**
 * What the Claude Code answer says when something went wrong, in its own words (not the
 * cost report's): its error is redacted with
 * the exact admin key (one that does not look like sk-ant-… included) before the renderer
 * or the CLI sees it; the latest refresh failure wins over an older Claude Code error; the
 * empty reason never says "no activity" for days that were not fetched.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { claudeCodeResponseSchema } from '../../main/contract/costs-claude-code.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { manualClock } from '../fakes/manual-clock.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { NOW, trackedCostSetups } from './helpers.js';

const setup = trackedCostSetups();
let fake: FakeAdminApi | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = fake = undefined;
});
afterAll(removeTempDirs);

describe('the Claude Code error', () => {
  it('never carries the exact admin key, even one without a key shape', async () => {
    const key = 'attune-plain-admin-credential-7c1f9d2e';
    fake = await startFakeAdminApi({ key });
    fake.claudeCode.fail(403, `the credential ${key} lacks the permission`);
    server = await startTestServer({
      deps: { env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: key }, costTimeoutMs: 2000 },
    });
    const response = await server.api('/api/claude-code?refresh=1');
    const text = await response.text();
    const { error } = claudeCodeResponseSchema.parse(JSON.parse(text));
    expect(error).toMatchObject({ kind: 'auth_failed', upstream: { type: 'permission_error' } });
    expect(error?.upstream?.message).toContain('[REDACTED]');
    expect(error?.message).toMatch(/^This key may not read the Claude Code report: /); // its own words, not the costs'
    expect(text).not.toContain(key);
    expect(server.logs.text()).not.toContain(key);
  });

  it('is the latest refresh failure when the cost refresh failed after a Claude Code failure', async () => {
    const s = await setup();
    s.fake.claudeCode.fail(403);
    const first = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(first.error).toMatchObject({ kind: 'auth_failed', message: expect.stringContaining('scripted 403') });
    s.fake.fail({ kind: 'status', status: 500 });
    const latest = await s.services.costs.claudeCode({ refresh: true });
    expect(latest.error).toMatchObject({ kind: 'network', message: expect.stringContaining('HTTP 500') });
  });
});

describe('the empty reason', () => {
  it('without a day of the window held says none is fetched, and why', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows([]);
    expect((await s.services.costs.claudeCode({ awaitRefresh: true })).claudeCode?.coveredFrom).toBe('2026-10-22');
    s.fake.claudeCode.fail(500);
    const restarted = await s.restart({ clock: manualClock(Date.parse(NOW) + 40 * 86_400_000) });
    try {
      const { claudeCode, error } = await restarted.costs.claudeCode({ awaitRefresh: true });
      expect(error).toMatchObject({ kind: 'network' });
      expect(claudeCode).toMatchObject({ coveredFrom: null, actors: [] });
      expect(claudeCode?.emptyReason).toBe(
        `No day of the last 30 UTC days of the Claude Code report is fetched: ${error?.message}`,
      );
    } finally {
      restarted.costs.stop();
    }
  });

  it('with an error does not claim the whole window had no activity', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows([]);
    s.fake.claudeCode.badDay('2026-11-15');
    const { claudeCode } = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(claudeCode?.emptyReason).toMatch(
      /^The Claude Code report has no activity for this organization on the days fetched in the last 30 UTC days\. Not every day was fetched: The Claude Code report of 2026-11-15 /,
    );
  });
});
