/**
 * The pure parts of several organizations: key slots and their accounts, the summed "All"
 * answers against hand-computed figures (cents exact where floating point would drift, the
 * hit rate from the summed tokens), and the combined status the tray shows.
 */
import { describe, expect, it } from 'vitest';
import type { CostSummary, UsageSummary } from '../../main/contract/costs.js';
import type { CostStatus } from '../../main/core/contracts.js';
import { combineCosts, combineSummaries, combineUsage } from '../../main/costs/org-combine.js';
import { combineStatus } from '../../main/costs/org-status.js';
import { extraSlotsOf, nextExtraSlot, slotKeySource, SLOT_PATTERN } from '../../main/secrets/admin-key-slots.js';

function summary(days: Array<[string, number]>, extra: Partial<CostSummary> = {}): CostSummary {
  const total = days.reduce((t, [, usd]) => t + usd, 0);
  return {
    todayUsd: days.at(-1)![1],
    sevenDayUsd: total,
    monthToDateUsd: total,
    thirtyDayUsd: total,
    span: 30,
    spanUsd: total,
    coveredFrom: null,
    projectedMonthUsd: total * 2,
    byDay: days.map(([date, usd]) => ({ date, usd })),
    byModel: [{ model: 'claude-x', usd: total }],
    byCostType: [{ costType: 'tokens', usd: total }],
    byWorkspace: [{ workspaceId: null, usd: total }],
    otherCurrencies: [],
    fetchedAt: '2026-11-20T15:00:00.000Z',
    source: 'cached',
    stale: false,
    ...extra,
  };
}

describe('admin key slots', () => {
  it('maps slots to keychain accounts; the first key is the account there always was', () => {
    expect(slotKeySource('default')).toEqual({ account: 'anthropic-admin-api-key', useEnv: true });
    expect(slotKeySource('keychain')).toEqual({ account: 'anthropic-admin-api-key', useEnv: false });
    expect(slotKeySource('k12')).toEqual({ account: 'anthropic-admin-api-key.k12', useEnv: false });
    const accounts = [
      'anthropic-admin-api-key.k10',
      'other',
      'anthropic-admin-api-key',
      'anthropic-admin-api-key.k2',
      'anthropic-admin-api-key.k1',
      'anthropic-admin-api-key.kx',
    ];
    expect(extraSlotsOf(accounts)).toEqual(['k2', 'k10']);
    expect(nextExtraSlot(['default'])).toBe('k2');
    expect(nextExtraSlot(['default', 'keychain', 'k2', 'k7'])).toBe('k8');
    expect(['default', 'keychain', 'k2', 'k999'].every((slot) => SLOT_PATTERN.test(slot))).toBe(true);
    expect(['k1', 'k0', 'k1000', 'all', '../k2'].some((slot) => SLOT_PATTERN.test(slot))).toBe(false);
  });
});

describe('the "All organizations" answer', () => {
  it('sums in whole cents, merges days and models, keeps workspaces apart by organization', () => {
    const a = summary(
      [
        ['2026-11-19', 0.1],
        ['2026-11-20', 0.2],
      ],
      { otherCurrencies: [{ currency: 'EUR', amount: 1.1 }] },
    );
    const b = summary(
      [
        ['2026-11-19', 0.2],
        ['2026-11-20', 0.1],
      ],
      { otherCurrencies: [{ currency: 'EUR', amount: 2.2 }], source: 'live' },
    );
    const all = combineSummaries([
      { label: 'Org A', answer: a, budgetUsd: null },
      { label: 'Org B', answer: b, budgetUsd: null },
    ])!;
    expect(all.byDay).toEqual([
      { date: '2026-11-19', usd: 0.3 },
      { date: '2026-11-20', usd: 0.3 },
    ]);
    expect(all.thirtyDayUsd).toBe(0.6); // 0.1 + 0.2 + 0.2 + 0.1 in floating point is 0.6000000000000001
    expect(all.byModel).toEqual([{ model: 'claude-x', usd: 0.6 }]);
    expect(all.byWorkspace.map((w) => w.name)).toEqual(['Default workspace · Org A', 'Default workspace · Org B']);
    expect(all.otherCurrencies).toEqual([{ currency: 'EUR', amount: 3.3 }]);
    expect(all.source).toBe('cached'); // live only when every part is
  });

  it('has a budget only when every organization has one, and an error naming its organization', () => {
    const costs = (usd: number, error: { kind: 'auth_failed'; message: string } | null = null) => ({
      summary: summary([['2026-11-20', usd]]),
      error,
      alarm: null,
      budget: {
        state: 'unset' as const,
        monthlyBudgetUsd: null,
        monthToDateUsd: usd,
        pct: null,
        projectedMonthUsd: null,
        projectedPct: null,
        crossings: [],
        detail: '',
      },
      forecast: null,
      explanation: null,
    });
    const both = combineCosts([
      { label: 'A', answer: costs(30), budgetUsd: 30 },
      { label: 'B', answer: costs(20, { kind: 'auth_failed', message: 'Key rejected.' }), budgetUsd: 30 },
    ]);
    expect(both.budget).toMatchObject({ state: 'warning', monthlyBudgetUsd: 60, pct: 83.3 });
    expect(both.error).toEqual({ kind: 'auth_failed', message: 'B: Key rejected.' });
    const one = combineCosts([
      { label: 'A', answer: costs(30), budgetUsd: 50 },
      { label: 'B', answer: costs(20), budgetUsd: null },
    ]);
    expect(one.budget.monthlyBudgetUsd).toBeNull();
    expect(one.budget.detail).toContain('per organization');
  });

  it('sums tokens and computes the hit rate again from the sums', () => {
    const figures = (uncached: number, read: number) => ({
      uncachedInputTokens: uncached,
      cacheReadInputTokens: read,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
      outputTokens: 10,
      webSearchRequests: 1,
      hitRate: read / (uncached + read),
    });
    const usage = (uncached: number, read: number): UsageSummary => ({
      span: 30,
      totals: figures(uncached, read),
      byDay: [{ date: '2026-11-20', ...figures(uncached, read) }],
      byModel: [{ model: 'claude-x', ...figures(uncached, read) }],
      coveredFrom: null,
      fetchedAt: '2026-11-20T15:00:00.000Z',
      source: 'cached',
      stale: false,
    });
    const all = combineUsage([
      { label: 'A', answer: { usage: usage(900, 100), error: null } },
      { label: 'B', answer: { usage: usage(100, 900), error: null } },
    ]).usage!;
    expect(all.totals).toMatchObject({
      uncachedInputTokens: 1000,
      cacheReadInputTokens: 1000,
      outputTokens: 20,
      webSearchRequests: 2,
      hitRate: 0.5,
    });
    expect(all.byDay).toHaveLength(1);
    expect(all.byModel[0]!.hitRate).toBe(0.5); // not the mean of 0.1 and 0.9 weighted wrongly: the sums' rate
  });
});

describe('the combined status', () => {
  const status = (state: CostStatus['state'], monthToDateUsd: number | null, detail: string | null): CostStatus => ({
    state,
    monthToDateUsd,
    budgetPct: state === 'warning' ? 85 : null,
    fetchedAt: '2026-11-20T15:00:00.000Z',
    errorKind: state === 'error' ? 'auth_failed' : null,
    detail,
  });

  it("is the organization's own status when there is one", () => {
    const only = status('warning', 12, 'Budget 80% reached');
    expect(combineStatus([{ label: 'A', status: only }])).toBe(only);
  });

  it("is the one keyed organization's own status, budget share kept, while the others have no key", () => {
    const keyed = status('warning', 12, 'Budget 80% reached');
    const combined = combineStatus([
      { label: 'A', status: status('no_key', null, 'Billing not connected') },
      { label: 'B', status: keyed },
    ]);
    expect(combined).toBe(keyed);
    expect(combined.budgetPct).toBe(85);
  });

  it('takes the worst state, totals the month and names each organization in trouble; keyless ones are left out', () => {
    const combined = combineStatus([
      { label: 'A', status: status('ok', 10.1, '$10.10 this month.') },
      { label: 'B', status: status('error', 0.2, 'Key rejected.') },
      { label: 'C', status: status('no_key', null, 'Billing not connected') },
      { label: 'D', status: status('warning', 5, 'Budget 80% reached') },
    ]);
    expect(combined).toMatchObject({ state: 'error', monthToDateUsd: 15.3, errorKind: 'auth_failed', budgetPct: null });
    expect(combined.detail).toBe('$15.30 this month across 3 organizations. B: Key rejected. D: Budget 80% reached');
  });
});
