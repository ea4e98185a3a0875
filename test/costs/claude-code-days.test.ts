/**
 * Claude Code days on disk: a cold start asks each of the 30 days once; after a restart
 * the figures come from the day cache before any request and a refresh asks for today and
 * yesterday only (counted at the stand-in); a failure halfway keeps the days fetched before
 * it, marked stale with the error, and the next refresh asks only the days still open; a
 * day with unreadable data is named and skipped, not blocking older days; a backfill is
 * held day by day; a stopped service ends its refresh at the next day, keeping the error
 * it did not clear; `attune-ops costs` prints the section.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { dayCachePath } from '../../main/costs/day-cache-file.js';
import { buildClaudeCodeRows } from '../fakes/claude-code-report.js';
import { removeTempDirs } from '../support/temp.js';
import { captureIo } from './cli-support.js';
import { trackedCostSetups, until } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

// NOW is 2026-11-20T15:00:00Z (helpers.ts).
const asked = (s: Awaited<ReturnType<typeof setup>>) =>
  s.fake.claudeCode.requests.map((r) => r.query.get('starting_at'));

describe('Claude Code days', () => {
  it('are asked once each; after a restart only today and yesterday are asked again', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    const first = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(asked(s)).toHaveLength(30);
    expect(asked(s).slice(0, 3)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18']); // newest first
    expect(asked(s).at(-1)).toBe('2026-10-22');
    expect(first.claudeCode?.actors.map((a) => a.label)).toEqual([
      'ada@example.com',
      'grace@example.com',
      'ci-bot key',
    ]);
    expect(first.claudeCode?.actors[0]).toMatchObject({ sessions: 90, linesAdded: 3600, editsAccepted: 310 });
    const file = await readFile(dayCachePath(s.home, 'org_fake01', 'claude-code'), 'utf8');
    expect(Object.keys((JSON.parse(file) as { days: object }).days)).toHaveLength(30);
    expect(file).not.toContain(s.fake.key);

    await s.clock.advance(20 * 60_000);
    const restarted = await s.restart();
    const fromDisk = await restarted.costs.claudeCode();
    expect(fromDisk.claudeCode?.actors[0]).toEqual(first.claudeCode?.actors[0]);
    expect(asked(s)).toHaveLength(30);
    await restarted.costs.refresh();
    await restarted.costs.idle(); // the Claude Code days go on after the cost figures
    expect(asked(s).slice(30)).toEqual(['2026-11-20', '2026-11-19']);
    restarted.costs.stop();
  });

  it('a failure halfway keeps the days before it (stale, with the error); the next refresh asks only the open days', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    s.fake.claudeCode.failDay({ day: '2026-11-15', status: 429 });
    const partial = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(asked(s)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-15']);
    expect(partial.error).toMatchObject({ kind: 'rate_limited' });
    expect(partial.claudeCode).toMatchObject({ coveredFrom: '2026-11-16', stale: true, source: 'cached' });
    expect(partial.claudeCode?.actors[0]?.sessions).toBe(15); // 5 days × 3
    expect((await s.services.costs.costs()).error).toBeNull();

    s.fake.claudeCode.failDay(null);
    await s.clock.advance(20 * 60_000);
    await s.services.costs.refresh();
    await s.services.costs.idle();
    const again = asked(s).slice(6);
    expect(again.slice(0, 3)).toEqual(['2026-11-20', '2026-11-19', '2026-11-15']); // 18th–16th are closed
    expect(again).toHaveLength(2 + 25);
    const whole = await s.services.costs.claudeCode();
    expect(whole).toMatchObject({ error: null, claudeCode: { coveredFrom: '2026-10-22', stale: false } });
  });

  it('a day whose data cannot be read is named in the error and does not block the older days', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    s.fake.claudeCode.badDay('2026-11-15');
    const answer = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(asked(s)).toHaveLength(30);
    expect(answer.error).toMatchObject({
      kind: 'unknown',
      message: expect.stringMatching(
        /^The Claude Code report of 2026-11-15 \(a Claude Code row has an actor of an unknown kind \(robot_actor\)\) could not be read; that day is left out/,
      ),
    });
    expect(answer.claudeCode).toMatchObject({ coveredFrom: '2026-10-22', stale: true });
    expect(answer.claudeCode?.actors[0]?.sessions).toBe(29 * 3);

    s.fake.claudeCode.badDay(null);
    await s.clock.advance(20 * 60_000);
    await s.services.costs.refresh();
    await s.services.costs.idle();
    expect(asked(s).slice(30)).toEqual(['2026-11-20', '2026-11-19', '2026-11-15']);
    expect(await s.services.costs.claudeCode()).toMatchObject({ error: null, claudeCode: { stale: false } });
  });

  it('a row dated another day than the day asked is a shape problem of that day', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    s.fake.claudeCode.badDay('2026-11-15', 'date');
    const answer = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(answer.error?.message).toContain(
      '2026-11-15 (a Claude Code row of 2026-11-15 is dated 2026-11-14T00:00:00Z)',
    );
    expect(answer.claudeCode?.actors[0]?.sessions).toBe(29 * 3);
  });

  it('a backfill shows each day as it comes; a pass cut by stop() keeps the error it did not clear', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    s.fake.claudeCode.failDay({ day: '2026-11-18', status: 500 });
    const failed = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(failed.error).toMatchObject({ kind: 'network' });
    s.fake.claudeCode.failDay(null);
    s.fake.claudeCode.setDelay(40);
    await s.clock.advance(20 * 60_000);
    void s.services.costs.refresh();
    await until(() => s.fake.claudeCode.requests.length >= 3 + 4);
    const midway = await s.services.costs.claudeCode();
    expect(midway.claudeCode?.coveredFrom).toMatch(/^2026-11-1[3-8]$/); // older than the 19th, not yet all
    s.services.costs.stop();
    await s.services.costs.idle();
    const cut = await s.services.costs.claudeCode();
    expect(cut.error).toMatchObject({ kind: 'network' });
    expect(cut.claudeCode?.coveredFrom).not.toBe('2026-10-22');
    expect(s.logs.text()).toContain('Claude Code refresh stopped');
  });

  it("a 429's retry-after skips the Claude Code step until then", async () => {
    const s = await setup();
    s.fake.claudeCode.failDay({ day: '2026-11-18', status: 429, retryAfter: '3600' });
    const limited = await s.services.costs.claudeCode({ awaitRefresh: true });
    expect(limited.error).toMatchObject({
      kind: 'rate_limited',
      retryAfterS: 3600,
      message: expect.stringMatching(
        /^The Admin API is rate-limiting Claude Code report requests and asks to wait 3600 s/,
      ),
    });
    expect(asked(s)).toHaveLength(3);
    s.fake.claudeCode.failDay(null);
    await s.clock.advance(20 * 60_000);
    await s.services.costs.refresh();
    await s.services.costs.idle();
    expect(asked(s)).toHaveLength(3);
    expect(s.logs.text()).toContain('Claude Code report not asked (its retry-after)');
    await s.clock.advance(41 * 60_000);
    await s.services.costs.refresh();
    await s.services.costs.idle();
    expect(asked(s).slice(3, 6)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18']);
  });

  it('a stopped service ends its refresh after the day it is asking for', async () => {
    const s = await setup();
    const refresh = s.services.costs.refresh();
    await new Promise<void>((resolve) => {
      const wait = () => (s.fake.claudeCode.requests.length > 0 ? resolve() : setTimeout(wait, 2));
      wait();
    });
    s.services.costs.stop();
    await s.services.costs.idle();
    expect(await refresh).toBeNull();
    expect(s.fake.claudeCode.requests.length).toBeLessThan(5);
  });

  it('attune-ops costs prints the Claude Code section and --json carries it', async () => {
    const s = await setup();
    s.fake.claudeCode.setRows(buildClaudeCodeRows('2026-10-01', 51));
    const env = { ATTUNE_HOME: s.home, ATTUNE_ANTHROPIC_BASE_URL: s.fake.url };
    const deps = { secretStore: s.store, clock: s.clock, costTimeoutMs: 2000 };
    const text = captureIo({ env, cwd: s.home });
    expect(await costsCommand([], text, deps)).toBe(0);
    expect(text.out()).toMatch(/^Claude Code, last 30 UTC days \(cached; estimated cost \$\d+\.\d\d\)$/m);
    expect(text.out()).toMatch(
      /^ {2}ada@example\.com +90 sessions, \+3600\/-900 lines, 30 commits, 0 PRs, 91\.2% accepted, \$45\.15$/m,
    );
    const json = captureIo({ env, cwd: s.home });
    expect(await costsCommand(['--json'], json, deps)).toBe(0);
    const body = JSON.parse(json.out()) as {
      claudeCode: { actors: Array<{ label: string }> };
      claudeCodeError: unknown;
    };
    expect(body.claudeCode.actors.map((a) => a.label)).toEqual(['ada@example.com', 'grace@example.com', 'ci-bot key']);
    expect(body.claudeCodeError).toBeNull();
  });
});
