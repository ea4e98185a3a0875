import { describe, expect, it } from 'vitest';
import { aggregateCosts } from '../../main/costs/aggregate.js';
import type { CostRow } from '../../main/costs/cost-client.js';
import { costWindow } from '../../main/costs/cost-window.js';
import { formatUsd, parseCents, toUsd } from '../../main/costs/money.js';

const row = (day: string, cents: string, extra: Partial<CostRow> = {}): CostRow => ({
  day,
  amount: parseCents(cents) ?? 0n,
  model: 'claude-sonnet-4-5',
  costType: 'tokens',
  workspaceId: null,
  currency: 'USD',
  ...extra,
});

describe('money is exact', () => {
  it('sums 1,000 pairs of "0.001" and "0.999" cents to exactly $10.00', () => {
    const window = costWindow(Date.parse('2026-11-15T12:00:00Z'));
    const rows: CostRow[] = [];
    for (let i = 0; i < 1000; i += 1) rows.push(row('2026-11-15', '0.001'), row('2026-11-15', '0.999'));
    const { summary } = aggregateCosts(rows, window);
    expect(summary.todayUsd).toBe(10);
    expect(summary.monthToDateUsd).toBe(10);
    expect(summary.byDay.at(-1)).toEqual({ date: '2026-11-15', usd: 10 });
  });

  it('reads amounts as cents, not dollars', () => {
    expect(toUsd(parseCents('1234.5678') ?? 0n)).toBe(12.35);
    expect(formatUsd(parseCents('1234.5678') ?? 0n)).toBe('12.35');
  });

  it('parses signs and fractions and rejects anything that is not a decimal', () => {
    expect(parseCents('-0.5')).toBe(-500_000_000n);
    expect(parseCents('.25')).toBe(250_000_000n);
    expect(parseCents('7')).toBe(7_000_000_000n);
    expect(parseCents('0.0000000005')).toBe(1n);
    for (const bad of ['', 'abc', '1e3', '1,5', '12.3.4', 'NaN']) expect(parseCents(bad)).toBeNull();
  });

  it('rounds to cents only when presenting', () => {
    const window = costWindow(Date.parse('2026-11-15T12:00:00Z'));
    const rows = [row('2026-11-15', '0.4'), row('2026-11-15', '0.4'), row('2026-11-15', '0.4')];
    expect(aggregateCosts(rows, window).summary.todayUsd).toBe(0.01);
  });
});

describe('aggregation windows', () => {
  it('covers the earlier of the month start and 29 days ago, through today, zero-filled', () => {
    const window = costWindow(Date.parse('2026-11-15T23:59:59Z'));
    expect(window.start).toBe('2026-10-17');
    expect(window.today).toBe('2026-11-15');
    expect(window.endingAt).toBe('2026-11-16T00:00:00Z');
    expect(window.days).toHaveLength(30);
    const { summary } = aggregateCosts([row('2026-11-02', '100')], window);
    expect(summary.byDay).toHaveLength(30);
    expect(summary.byDay.filter((d) => d.usd > 0)).toEqual([{ date: '2026-11-02', usd: 1 }]);
  });

  it('on the 31st starts at the first of the month (31 days)', () => {
    const window = costWindow(Date.parse('2026-12-31T08:00:00Z'));
    expect(window.start).toBe('2026-12-01');
    expect(window.days).toHaveLength(31);
    expect(window.endingAt).toBe('2027-01-01T00:00:00Z');
  });

  it('on the first of a month keeps month to date to today and 30 days across the boundary', () => {
    const window = costWindow(Date.parse('2026-03-01T00:00:00Z'));
    expect(window.start).toBe('2026-01-31');
    const rows = [
      row('2026-03-01', '100'),
      row('2026-02-28', '200'),
      row('2026-02-22', '400'),
      row('2026-01-31', '800'),
      row('2026-01-30', '1600'),
    ];
    const { summary } = aggregateCosts(rows, window);
    expect(summary.todayUsd).toBe(1);
    expect(summary.monthToDateUsd).toBe(1);
    expect(summary.sevenDayUsd).toBe(3); // Mar 1 and Feb 28 (Feb 22 is 7 days back)
    expect(summary.thirtyDayUsd).toBe(15); // Jan 30 is outside the window
    expect(summary.projectedMonthUsd).toBe(31);
  });

  it('handles the year boundary: Jan 1 windows reach back into December', () => {
    const window = costWindow(Date.parse('2027-01-01T10:00:00Z'));
    expect(window.start).toBe('2026-12-03');
    expect(window.month).toBe('2027-01');
    const { summary } = aggregateCosts([row('2026-12-31', '250'), row('2027-01-01', '50')], window);
    expect(summary.monthToDateUsd).toBe(0.5);
    expect(summary.sevenDayUsd).toBe(3);
    expect(summary.byDay.at(0)?.date).toBe('2026-12-03');
    expect(summary.byDay.at(-1)).toEqual({ date: '2027-01-01', usd: 0.5 });
  });

  it('projects the month end from the average day so far, leap February included', () => {
    const window = costWindow(Date.parse('2028-02-10T12:00:00Z'));
    expect(window.daysInMonth).toBe(29);
    const { summary } = aggregateCosts([row('2028-02-01', '1000')], window);
    expect(summary.projectedMonthUsd).toBe(29);
  });

  it('breaks the 30 days down by model (null for non-token costs), cost type and workspace, largest first', () => {
    const window = costWindow(Date.parse('2026-11-15T12:00:00Z'));
    const rows = [
      row('2026-11-15', '300', { model: 'claude-opus-4-1' }),
      row('2026-11-14', '100', { model: null, costType: 'web_search', workspaceId: 'wrkspc_a' }),
      row('2026-11-13', '50'),
    ];
    const { summary } = aggregateCosts(rows, window);
    expect(summary.byModel).toEqual([
      { model: 'claude-opus-4-1', usd: 3 },
      { model: null, usd: 1 },
      { model: 'claude-sonnet-4-5', usd: 0.5 },
    ]);
    expect(summary.byCostType).toEqual([
      { costType: 'tokens', usd: 3.5 },
      { costType: 'web_search', usd: 1 },
    ]);
    expect(summary.byWorkspace).toEqual([
      { workspaceId: null, usd: 3.5 },
      { workspaceId: 'wrkspc_a', usd: 1 },
    ]);
  });
});
