/**
 * 90 days offline: closed UTC days are kept per organization on disk and never fetched
 * again (only today and yesterday are), across restarts; the 7/30/90-day spans are served
 * from them offline; the previous version's cache file is read on upgrade; a corrupt file
 * or day is skipped and reported, then fetched again; writes are atomic and private.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dayCachePath } from '../../main/costs/day-cache-file.js';
import { orgFilePath } from '../../main/costs/org-identity.js';
import { removeTempDirs } from '../support/temp.js';
import { trackedCostSetups, writeLegacyCache } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

const DAY_MS = 86_400_000;
const meRequests = (s: Awaited<ReturnType<typeof setup>>) =>
  s.fake.otherRequests.filter((r) => r.path === '/v1/organizations/me');

describe('closed days', () => {
  it('are fetched once: a restart and routine refreshes ask only for yesterday and today', async () => {
    const s = await setup();
    await s.services.costs.fetchSummary();
    expect(s.fake.reportFetches()).toHaveLength(1);
    expect(s.fake.reportFetches()[0]?.query.get('starting_at')).toBe('2026-08-23T00:00:00Z'); // 90 days back
    expect(s.fake.requests).toHaveLength(3); // 90 daily buckets, 31 a page

    await s.clock.advance(20 * 60_000);
    const restarted = await s.restart();
    await restarted.costs.refresh();
    expect(s.fake.requests).toHaveLength(4);
    const routine = s.fake.requests[3]!;
    expect(routine.query.get('starting_at')).toBe('2026-11-19T00:00:00Z');
    expect(routine.query.get('ending_at')).toBe('2026-11-21T00:00:00Z');
    expect(meRequests(s)).toHaveLength(1); // the organization is remembered across the restart

    // A day later the old yesterday is closed (fetched after it ended): still two days asked.
    await s.clock.advance(DAY_MS);
    await restarted.costs.refresh();
    expect(s.fake.requests.at(-1)?.query.get('starting_at')).toBe('2026-11-20T00:00:00Z');
    expect(s.fake.requests).toHaveLength(5);
    restarted.costs.stop();
  });

  it('cover 7, 30 and 90 days offline after a restart', async () => {
    const s = await setup();
    const live = await s.services.costs.fetchSummary({ span: 90 });
    s.fake.fail({ kind: 'status', status: 500 });
    const restarted = await s.restart();
    for (const span of [7, 30, 90] as const) {
      const { summary, error } = await restarted.costs.fetchSummary({ span });
      expect(error).toBeNull();
      expect(summary).toMatchObject({ span, source: 'cached', coveredFrom: '2026-08-23' });
      expect(summary?.byDay).toHaveLength(span);
      expect(summary?.byDay.at(-1)?.date).toBe('2026-11-20');
    }
    expect((await restarted.costs.fetchSummary({ span: 90 })).summary?.byDay).toEqual(live.summary?.byDay);
    const csv = await restarted.costs.exportCsv(90);
    expect(csv.kind === 'ok' && csv.csv.trim().split('\r\n')).toHaveLength(91);
    expect(s.fake.reportFetches()).toHaveLength(1);
    restarted.costs.stop();
  });

  it('are kept per organization: another organization’s key starts its own days', async () => {
    const s = await setup();
    await s.services.costs.fetchSummary();
    s.fake.setOrganization({ id: 'org_other', name: 'Other' });
    await s.services.costs.refresh({ userAsked: true });
    expect(s.fake.reportFetches().at(-1)?.query.get('starting_at')).toBe('2026-08-23T00:00:00Z');
    await expect(stat(dayCachePath(s.home, 'org_fake01', 'cost'))).resolves.toBeDefined();
    await expect(stat(dayCachePath(s.home, 'org_other', 'cost'))).resolves.toBeDefined();
    expect(JSON.parse(await readFile(orgFilePath(s.home), 'utf8'))).toMatchObject({ id: 'org_other', verified: true });
  });

  it('fall back to a stable key-based organization when /v1/organizations/me is not offered, with a warning', async () => {
    const s = await setup();
    s.fake.setOrganization(null);
    expect((await s.services.costs.fetchSummary()).error).toBeNull();
    await expect(stat(dayCachePath(s.home, `key-${s.fake.key.slice(-4)}`, 'cost'))).resolves.toBeDefined();
    expect(s.logs.text()).toContain('the organization of the admin key is not known');
  });
});

describe('the day cache file', () => {
  it('is written atomically (no temp file left), 0600 in a 0700 folder, without key material', async () => {
    const s = await setup();
    await s.services.costs.fetchSummary();
    await s.services.costs.idle(); // the Claude Code days are written after the cost figures
    const path = dayCachePath(s.home, 'org_fake01', 'cost');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(path))).mode & 0o777).toBe(0o700);
    expect(await readdir(dirname(path))).toEqual(['claude-code-days.json', 'cost-days.json', 'usage-days.json']);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(s.fake.key);
    expect(Object.keys((JSON.parse(text) as { days: object }).days)).toHaveLength(90);
  });

  it('that cannot be written keeps the figures in memory, leaves no temp file, and says so', async () => {
    const s = await setup();
    await s.services.costs.fetchSummary();
    const path = dayCachePath(s.home, 'org_fake01', 'cost');
    // A non-empty folder where the file goes: the rename over it fails (whoever runs the test).
    await rm(path);
    await mkdir(join(path, 'blocker'), { recursive: true });
    await s.clock.advance(DAY_MS);
    expect(await s.services.costs.refresh()).toBeNull();
    expect(s.logs.text()).toContain('could not write the cost day cache file');
    expect((await s.services.costs.fetchSummary()).summary?.byDay.at(-1)?.date).toBe('2026-11-21');
    await s.services.costs.idle();
    expect(await readdir(dirname(path))).toEqual(['claude-code-days.json', 'cost-days.json', 'usage-days.json']);
  });

  it('when corrupt is skipped with one warning giving the reason, and its days are fetched again', async () => {
    const s = await setup();
    await s.services.costs.fetchSummary();
    await writeFile(dayCachePath(s.home, 'org_fake01', 'cost'), '{"version":1,');
    const restarted = await s.restart();
    expect(s.logs.text()).toMatch(/ignoring the cost day cache file \(not valid JSON\); its days are fetched again/);
    await restarted.costs.refresh();
    expect(s.fake.reportFetches().at(-1)?.query.get('starting_at')).toBe('2026-08-23T00:00:00Z');
    restarted.costs.stop();
  });

  it('with one bad day skips that day only, names it, and fetches from it again', async () => {
    const s = await setup();
    await s.services.costs.fetchSummary();
    const path = dayCachePath(s.home, 'org_fake01', 'cost');
    const file = JSON.parse(await readFile(path, 'utf8')) as { days: Record<string, { rows: unknown[] }> };
    file.days['2026-10-10']!.rows = [{ amount: 'lots' }];
    await writeFile(path, JSON.stringify(file));
    const restarted = await s.restart();
    expect(s.logs.text()).toContain('skipped 1 unreadable day(s) of the cost day cache file (2026-10-10)');
    expect((await restarted.costs.fetchSummary({ span: 90 })).summary?.coveredFrom).toBe('2026-08-23');
    await restarted.costs.refresh();
    expect(s.fake.reportFetches().at(-1)?.query.get('starting_at')).toBe('2026-10-10T00:00:00Z');
    restarted.costs.stop();
  });
});

describe('the previous version’s cache file', () => {
  it('is read on upgrade and shown offline, then replaced by the day cache at the first refresh', async () => {
    const s = await setup();
    await writeLegacyCache(s.home, s.clock.now() - 60_000);
    s.fake.fail({ kind: 'status', status: 500 });
    const upgraded = await s.restart();
    const offline = await upgraded.costs.fetchSummary();
    expect(offline.summary).toMatchObject({ source: 'cached', span: 30, coveredFrom: '2026-10-22' });
    expect(offline.summary?.byModel.map((m) => m.model)).toContain('claude-legacy');
    s.fake.fail(null);
    expect(await upgraded.costs.refresh()).toBeNull();
    const after = await upgraded.costs.fetchSummary({ span: 90 });
    expect(after.summary).toMatchObject({ span: 90, coveredFrom: '2026-08-23' });
    expect(after.summary?.byModel.map((m) => m.model)).not.toContain('claude-legacy');
    upgraded.costs.stop();
  });
});
