import { afterAll, describe, expect, it } from 'vitest';
import { spendAlarm } from '../../main/costs/alarm.js';
import { deriveCostStatus } from '../../main/costs/cost-status.js';
import { MAX_BACKOFF_MS, nextRefreshDelayMs } from '../../main/costs/refresh-scheduler.js';
import { removeTempDirs } from '../support/temp.js';
import { NOW, tick, trackedCostSetups } from './helpers.js';

const MIN = 60_000;
const setup = trackedCostSetups();
afterAll(removeTempDirs);

describe('background refresh', () => {
  it('backs off exponentially from the interval, capped at 30 minutes, and honours retry-after', () => {
    expect([0, 1, 2, 3, 4].map((f) => nextRefreshDelayMs(5 * MIN, f))).toEqual([
      5 * MIN,
      10 * MIN,
      20 * MIN,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
    expect(nextRefreshDelayMs(1 * MIN, 1, 7200)).toBe(7_200_000);
    expect(nextRefreshDelayMs(120 * MIN, 2)).toBe(120 * MIN);
  });

  it('polls every costRefreshMinutes, backs off on errors, and leaves no timer after stop', async () => {
    const { services, fake, clock } = await setup();
    await services.settings.update({ costRefreshMinutes: 2 });
    services.costs.start();
    await tick(clock, 0);
    expect(fake.reportFetches()).toHaveLength(1);
    await tick(clock, 2 * MIN);
    expect(fake.reportFetches()).toHaveLength(2);
    fake.fail({ kind: 'status', status: 500 });
    await tick(clock, 2 * MIN);
    expect(fake.reportFetches()).toHaveLength(3);
    expect(clock.nextDelay()).toBe(4 * MIN);
    await tick(clock, 4 * MIN);
    expect(clock.nextDelay()).toBe(8 * MIN);
    fake.fail(null);
    fake.failNext({ kind: 'rate_limited', retryAfter: '3600' });
    await tick(clock, 8 * MIN);
    expect(clock.nextDelay()).toBe(3_600_000);
    services.costs.stop();
    expect(clock.pending()).toBe(0);
  });

  it('does not call the API at start when the cached data is still fresh', async () => {
    const first = await setup();
    await first.services.costs.fetchSummary();
    const restarted = await first.restart();
    restarted.costs.start();
    await tick(first.clock, 0);
    expect(first.fake.reportFetches()).toHaveLength(1);
    await tick(first.clock, 5 * MIN);
    expect(first.fake.reportFetches()).toHaveLength(2);
    restarted.costs.stop();
    expect(first.clock.pending()).toBe(0);
  });

  it('applies a changed interval at once', async () => {
    const { services, clock } = await setup();
    services.costs.start();
    await tick(clock, 0);
    expect(clock.nextDelay()).toBe(5 * MIN);
    await services.settings.update({ costRefreshMinutes: 1 });
    expect(clock.nextDelay()).toBe(1 * MIN);
  });
});

describe('cost status for the tray and header', () => {
  it('goes loading → ok, tells listeners, and turns stale after twice the interval', async () => {
    const { services, clock } = await setup();
    const changes: string[] = [];
    services.costs.onCostStatusChange(() => changes.push(services.costs.costStatus().state));
    expect(services.costs.costStatus().state).toBe('loading');
    await services.costs.fetchSummary();
    expect(services.costs.costStatus()).toMatchObject({
      state: 'ok',
      errorKind: null,
      fetchedAt: '2026-11-20T15:00:00.000Z',
    });
    expect(changes).toEqual(['ok']);
    await clock.advance(11 * MIN);
    expect(services.costs.costStatus()).toMatchObject({
      state: 'stale',
      errorKind: null,
      detail: 'Spend figures are 11 min old.',
    });
  });

  it('stays error, not stale, when a refresh fails and the figures grow old', async () => {
    const { services, fake, clock } = await setup();
    await services.costs.fetchSummary();
    fake.fail({ kind: 'status', status: 401 });
    await services.costs.fetchSummary({ refresh: true });
    expect(services.costs.costStatus()).toMatchObject({ state: 'error', errorKind: 'auth_failed' });
    await clock.advance(11 * MIN);
    expect(services.costs.costStatus()).toMatchObject({
      state: 'error',
      errorKind: 'auth_failed',
      detail: expect.stringMatching(/Key/),
    });
  });

  it.each(['keychain_unavailable', 'auth_failed', 'rate_limited', 'network', 'unknown'] as const)(
    'shows %s with old figures as error',
    (kind) => {
      const fetchedAtMs = Date.parse(NOW);
      const status = deriveCostStatus({
        nowMs: fetchedAtMs + 60 * MIN,
        refreshIntervalMs: 5 * MIN,
        fetchedAtMs,
        monthToDateUsd: 12.5,
        error: { kind, message: `failed: ${kind}` },
        alarm: null,
        budget: {
          state: 'unset',
          monthlyBudgetUsd: null,
          monthToDateUsd: 12.5,
          pct: null,
          projectedMonthUsd: null,
          projectedPct: null,
          crossings: [],
          detail: 'No budget set.',
        },
      });
      expect(status).toMatchObject({ state: 'error', errorKind: kind, detail: `failed: ${kind}` });
    },
  );

  it('is no_key when billing is not connected', async () => {
    const { services } = await setup({ keyInStore: false });
    await services.costs.fetchSummary();
    expect(services.costs.costStatus()).toMatchObject({ state: 'no_key', errorKind: 'no_key', monthToDateUsd: null });
  });
});

describe('budget', () => {
  it('has no ceiling unless the user sets one', async () => {
    const { services } = await setup();
    const answer = await services.costs.costs();
    expect(answer.budget).toMatchObject({ state: 'unset', monthlyBudgetUsd: null, pct: null });
  });

  it('reports the 80% and 100% crossings once per month, across restarts', async () => {
    const s = await setup();
    const crossings: number[] = [];
    s.services.costs.onBudgetCrossing((c) => crossings.push(c.threshold));
    const { summary } = await s.services.costs.fetchSummary();
    const mtd = summary?.monthToDateUsd ?? 0;
    await s.services.settings.update({ monthlyBudgetUsd: Math.round((mtd / 0.9) * 100) / 100 });
    await s.services.costs.refresh();
    const answer = await s.services.costs.costs();
    expect(answer.budget).toMatchObject({ state: 'warning', pct: expect.closeTo(90, 0) });
    // The budget judges the forecast's month end (pace of the last complete days), not the average so far.
    expect(answer.forecast?.kind).toBe('projected');
    expect(answer.budget.projectedMonthUsd).toBe(answer.forecast?.kind === 'projected' && answer.forecast.projectedUsd);
    expect(crossings).toEqual([80]);
    expect(s.services.costs.costStatus()).toMatchObject({
      state: 'warning',
      detail: expect.stringMatching(/Budget 80% reached/),
    });
    await s.services.costs.refresh();
    expect(crossings).toEqual([80]);

    const restarted = await s.restart();
    const again: number[] = [];
    restarted.costs.onBudgetCrossing((c) => again.push(c.threshold));
    await restarted.settings.update({ monthlyBudgetUsd: Math.round(mtd * 50) / 100 });
    await restarted.costs.refresh();
    expect(again).toEqual([100]);
    expect((await restarted.costs.costs()).budget).toMatchObject({
      state: 'exceeded',
      crossings: [{ threshold: 80 }, { threshold: 100 }],
    });
  });
});

describe('daily spend alarm', () => {
  const days = (values: number[]) =>
    values.map((usd, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, usd }));
  const today = (values: number[]) => `2026-11-${String(values.length).padStart(2, '0')}`;

  it('needs three earlier days with spend', () => {
    const values = [0, 5, 0, 7, 100];
    expect(spendAlarm(days(values), today(values))).toMatchObject({
      kind: 'insufficient_data',
      baselineDays: 2,
      detail: expect.stringMatching(/3 needed/),
    });
  });

  it('alarms at a z-score of 3 or more with the sample standard deviation', () => {
    // baseline 10, 12, 14: mean 12, sample sd 2 → 18 is z = 3 exactly
    expect(spendAlarm(days([10, 12, 14, 18]), today([1, 2, 3, 4]))).toMatchObject({
      kind: 'alarm',
      zScore: 3,
      meanUsd: 12,
      stdUsd: 2,
    });
    expect(spendAlarm(days([10, 12, 14, 17.99]), today([1, 2, 3, 4]))).toMatchObject({ kind: 'ok' });
  });

  it('with a flat baseline alarms only above three times the mean', () => {
    expect(spendAlarm(days([0, 4, 4, 4, 12]), today([1, 2, 3, 4, 5]))).toMatchObject({ kind: 'ok', zScore: null });
    const alarm = spendAlarm(days([0, 4, 4, 4, 12.01]), today([1, 2, 3, 4, 5]));
    expect(alarm).toMatchObject({ kind: 'alarm', baselineDays: 3 });
    expect(alarm.detail).toMatch(/more than 3× the steady \$4\.00 a day/);
  });
});
