/**
 * The month-end forecast against hand-computed fixtures: pace from the last 14 complete
 * days, the 10th/90th percentile range, the rest of today counted from the fetch time,
 * the budget date (reached, on pace, not this month), the month's first day with and
 * without earlier history, zero spend, and exact sums of fractional cents.
 */
import { describe, expect, it } from 'vitest';
import { forecastMonth } from '../../main/costs/forecast.js';
import { UNITS_PER_CENT } from '../../main/costs/money.js';

const dollars = (n: number) => BigInt(Math.round(n * 100)) * UNITS_PER_CENT;
const day = (date: string, usd: number) => ({ date, amount: dollars(usd) });

/** Nov 1–5 at $10, Nov 6–19 at $1…$14, today (Nov 20) $3 so far; fetched at noon. */
function november(budgetUsd: number | null) {
  const days = [
    ...Array.from({ length: 5 }, (_, i) => day(`2026-11-0${i + 1}`, 10)),
    ...Array.from({ length: 14 }, (_, i) => day(`2026-11-${String(i + 6).padStart(2, '0')}`, i + 1)),
    day('2026-11-20', 3),
  ];
  return forecastMonth({
    days,
    today: '2026-11-20',
    nowMs: Date.parse('2026-11-20T12:00:00Z'),
    coveredFrom: null,
    budgetUsd,
  });
}

describe('forecastMonth', () => {
  it('projects month to date + mean pace × the 10.5 remaining days, the range from the 10th/90th percentile day', () => {
    const f = november(null);
    // MTD 50 + 105 + 3 = 158; pace 105/14 = 7.5; p10 = 2nd smallest ($2), p90 = 13th ($13).
    expect(f).toMatchObject({
      kind: 'projected',
      month: '2026-11',
      monthToDateUsd: 158,
      paceUsd: 7.5,
      lowDayUsd: 2,
      highDayUsd: 13,
      paceDays: 14,
      paceFrom: '2026-11-06',
      paceTo: '2026-11-19',
      projectedUsd: 236.75, // 158 + 7.5 × 10.5
      lowUsd: 179, // 158 + 2 × 10.5
      highUsd: 294.5, // 158 + 13 × 10.5
      budget: { kind: 'unset' },
    });
    if (f.kind !== 'projected') throw new Error('expected a projection');
    expect(f.restOfMonth).toHaveLength(10);
    expect(f.restOfMonth[0]).toBe('2026-11-21');
    expect(f.restOfMonth.at(-1)).toBe('2026-11-30');
    expect(f.detail).toBe(
      'Projected month end $236.75 (range $179.00–$294.50): month to date $158.00 plus $7.50 a day, the mean of the last 14 complete days (a quiet day $2.00, a busy day $13.00), for the remaining 10.5 days.',
    );
  });

  it('names the day the budget is reached at this pace', () => {
    // End of today 158 + 3.75 = 161.75; Nov 25 ends at 199.25, Nov 26 at 206.75.
    expect(november(200)).toMatchObject({
      budget: {
        kind: 'on_pace',
        date: '2026-11-26',
        detail: 'At this pace the budget $200.00 is reached on 2026-11-26.',
      },
    });
    // Already past by the end of today's pace: today.
    expect(november(160)).toMatchObject({ budget: { kind: 'on_pace', date: '2026-11-20' } });
  });

  it('says when the budget was already reached (the day the cumulative spend passed it)', () => {
    // 50 after Nov 5, then +1, +2, …: 141 after Nov 18, 155 after Nov 19.
    expect(november(150)).toMatchObject({
      budget: { kind: 'reached', date: '2026-11-19', detail: 'The budget $150.00 was reached on 2026-11-19.' },
    });
  });

  it('says when the budget is not reached this month', () => {
    expect(november(300)).toMatchObject({
      budget: {
        kind: 'not_this_month',
        detail: 'At this pace the budget $300.00 is not reached this month (projected $236.75).',
      },
    });
  });

  it("on the month's first day with no complete day held, says there is no projection yet", () => {
    const f = forecastMonth({
      days: [day('2026-12-01', 5)],
      today: '2026-12-01',
      nowMs: Date.parse('2026-12-01T09:00:00Z'),
      coveredFrom: '2026-12-01',
      budgetUsd: 100,
    });
    expect(f).toMatchObject({ kind: 'no_history', month: '2026-12', monthToDateUsd: 5 });
    expect(f.detail).toMatch(/no complete UTC day of spend is held/);
  });

  it("on the month's first day, the pace comes from the previous month's last 14 days", () => {
    const days = [
      ...Array.from({ length: 20 }, (_, i) => day(`2026-11-${String(i + 11).padStart(2, '0')}`, i < 6 ? 50 : 2)),
      day('2026-12-01', 0),
    ];
    // Nov 11–16 ($50) are more than 14 days back; Nov 17–30 at $2. All of today and 30 days remain.
    const f = forecastMonth({
      days,
      today: '2026-12-01',
      nowMs: Date.parse('2026-12-01T00:00:00Z'),
      coveredFrom: null,
      budgetUsd: null,
    });
    expect(f).toMatchObject({
      kind: 'projected',
      paceDays: 14,
      paceFrom: '2026-11-17',
      paceUsd: 2,
      projectedUsd: 62,
      lowUsd: 62,
      highUsd: 62,
      monthToDateUsd: 0,
    });
  });

  it('with zero spend projects zero and never reaches a budget; days before the first held day are not counted', () => {
    const days = Array.from({ length: 10 }, (_, i) =>
      day(`2026-11-${String(i + 11).padStart(2, '0')}`, i < 5 ? 99 : 0),
    );
    const f = forecastMonth({
      days,
      today: '2026-11-20',
      nowMs: Date.parse('2026-11-20T06:00:00Z'),
      coveredFrom: '2026-11-16', // Nov 11–15 are unknown, not $99 days
      budgetUsd: 50,
    });
    expect(f).toMatchObject({
      kind: 'projected',
      paceDays: 4,
      paceUsd: 0,
      projectedUsd: 495, // the month to date still holds the $99 days
      lowUsd: 495,
      highUsd: 495,
      budget: { kind: 'reached', date: '2026-11-11' },
    });
    const none = forecastMonth({
      ...{ days: days.map((d) => ({ ...d, amount: 0n })) },
      today: '2026-11-20',
      nowMs: Date.parse('2026-11-20T06:00:00Z'),
      coveredFrom: null,
      budgetUsd: 50,
    });
    expect(none).toMatchObject({ projectedUsd: 0, lowUsd: 0, highUsd: 0, budget: { kind: 'not_this_month' } });
  });

  it('keeps fractions of a cent until the figures are rounded', () => {
    // 14 days of 0.4 cents (0 if rounded per day): month to date 5.6 cents, + 0.4 × 10 days = 9.6 cents.
    const fraction = (UNITS_PER_CENT * 4n) / 10n;
    const days = [
      ...Array.from({ length: 14 }, (_, i) => ({
        date: `2026-11-${String(i + 6).padStart(2, '0')}`,
        amount: fraction,
      })),
      { date: '2026-11-20', amount: 0n },
    ];
    const f = forecastMonth({
      days,
      today: '2026-11-20',
      nowMs: Date.parse('2026-11-21T00:00:00Z'), // nothing of today left
      coveredFrom: null,
      budgetUsd: null,
    });
    expect(f).toMatchObject({ kind: 'projected', paceUsd: 0, monthToDateUsd: 0.06, projectedUsd: 0.1 });
  });
});
