/**
 * The remembered analytics probe of cost per API key, through the real services against
 * the stand-in Admin API: a corrupt memory file is skipped with a warning and rewritten; a
 * refusal is asked again after 7 days or with another admin key; a server error falls
 * back to the estimate for that once, remembering nothing; a rate-limited cost report is
 * not asked again before its `retry-after`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { keyMethodPath } from '../../main/costs/key-method-file.js';
import { REPROBE_REFUSED_MS } from '../../main/costs/key-spend-service.js';
import { ANALYTICS_PATH } from '../fakes/admin-api-keys.js';
import { removeTempDirs } from '../support/temp.js';
import { trackedCostSetups } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

const probes = (s: Awaited<ReturnType<typeof setup>>) =>
  s.fake.otherRequests.filter((r) => r.path === ANALYTICS_PATH).length;
const memory = async (home: string) =>
  JSON.parse(await readFile(keyMethodPath(home), 'utf8')) as Record<string, unknown>;

describe('the analytics probe of cost per API key', () => {
  it('skips a corrupt memory file with a warning, probes, and rewrites it', async () => {
    const s = await setup();
    await writeFile(keyMethodPath(s.home), '{"version": 1, "analytics": "maybe"');
    const answer = await s.services.keySpend.keySpend({ days: 7 });
    expect(answer.method?.kind).toBe('exact');
    expect(probes(s)).toBe(1);
    expect(s.logs.text()).toContain('ignoring the key-method file (wrong shape)');
    expect(await memory(s.home)).toMatchObject({ analytics: 'available' });
  });

  it('asks a refused report again after 7 days, and at once for another admin key', async () => {
    const s = await setup();
    s.fake.keys.setAnalyticsAccess(404);
    expect((await s.services.keySpend.keySpend({ days: 7 })).method?.kind).toBe('estimated');
    await s.clock.advance(REPROBE_REFUSED_MS - 60_000);
    await s.services.keySpend.keySpend({ days: 7, refresh: true });
    expect(probes(s)).toBe(1);
    s.fake.keys.setAnalyticsAccess('available');
    await s.clock.advance(120_000);
    expect((await s.services.keySpend.keySpend({ days: 7, refresh: true })).method?.kind).toBe('exact');
    expect(probes(s)).toBe(2);

    s.fake.keys.setAnalyticsAccess(403);
    await s.services.keySpend.keySpend({ days: 7, refresh: true }); // "available" is asked each time: refused now
    expect(probes(s)).toBe(3);
    expect(await memory(s.home)).toMatchObject({ analytics: 'refused', keyLast4: s.fake.key.slice(-4) });
    await s.services.keySpend.keySpend({ days: 7, refresh: true });
    expect(probes(s)).toBe(3);

    // A refusal remembered for another admin key (another organization) is not this key's.
    await writeFile(keyMethodPath(s.home), JSON.stringify({ ...(await memory(s.home)), keyLast4: 'ZZZZ' }));
    s.fake.keys.setAnalyticsAccess('available');
    expect((await s.services.keySpend.keySpend({ days: 7, refresh: true })).method?.kind).toBe('exact');
    expect(probes(s)).toBe(4);
  });

  it('estimates once without remembering when the analytics report fails with a server error', async () => {
    const s = await setup();
    s.fake.keys.setAnalyticsAccess(500);
    const answer = await s.services.keySpend.keySpend({ days: 7 });
    expect(answer.method).toMatchObject({ kind: 'estimated' });
    expect(answer.method?.fallbackReason).toContain('could not be reached this time');
    await expect(readFile(keyMethodPath(s.home), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    s.fake.keys.setAnalyticsAccess('available');
    expect((await s.services.keySpend.keySpend({ days: 7, refresh: true })).method?.kind).toBe('exact');
    expect(probes(s)).toBe(2);
  });
});

describe('a failing cost report', () => {
  it('is answered with its reason and not asked again while the API asks to wait', async () => {
    const s = await setup();
    s.fake.fail({ kind: 'rate_limited', retryAfter: '60' });
    const first = await s.services.keySpend.keySpend({ days: 7 });
    expect(first).toMatchObject({ rows: [], method: null, error: { kind: 'rate_limited', retryAfterS: 60 } });
    expect(first.emptyReason).toContain('rate-limiting');
    const asked = s.fake.requests.length;
    await s.services.keySpend.keySpend({ days: 7, refresh: true });
    expect(s.fake.requests).toHaveLength(asked);
    s.fake.fail(null);
    await s.clock.advance(61_000);
    expect((await s.services.keySpend.keySpend({ days: 7 })).error).toBeNull();
    expect(s.fake.requests.length).toBeGreaterThan(asked);
  });
});
