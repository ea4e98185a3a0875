/**
 * The daily spend anomaly alarm (docs/COMPATIBILITY.md): today against the earlier days of the
 * window that had spend. With at least 3 such days, alarm when today's z-score (sample
 * standard deviation) is ≥ 3; when those days are all equal, alarm when today is more
 * than 3× their mean; with fewer than 3, `insufficient_data`. Works in whole cents.
 */
import type { CostAlarm, CostSummary } from './cost-types.js';

export const MIN_BASELINE_DAYS = 3;
export const Z_THRESHOLD = 3;
export const FLAT_MULTIPLIER = 3;

export function spendAlarm(byDay: CostSummary['byDay'], today: string): CostAlarm {
  const cents = (usd: number) => Math.round(usd * 100);
  const todayCents = cents(byDay.find((entry) => entry.date === today)?.usd ?? 0);
  const baseline = byDay
    .filter((entry) => entry.date < today)
    .map((entry) => cents(entry.usd))
    .filter((value) => value > 0);
  const todayUsd = todayCents / 100;
  if (baseline.length < MIN_BASELINE_DAYS) {
    return {
      kind: 'insufficient_data',
      todayUsd,
      baselineDays: baseline.length,
      detail: `Not enough history for a spend alarm: ${baseline.length} earlier day${baseline.length === 1 ? '' : 's'} with spend, ${MIN_BASELINE_DAYS} needed.`,
    };
  }
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const variance = baseline.reduce((acc, value) => acc + (value - mean) ** 2, 0) / (baseline.length - 1);
  const std = Math.sqrt(variance);
  const base = { todayUsd, meanUsd: round2(mean / 100), stdUsd: round2(std / 100), baselineDays: baseline.length };
  if (std === 0) {
    const alarm = todayCents > FLAT_MULTIPLIER * mean;
    const detail = alarm
      ? `Today's spend ${usd(todayCents)} is more than ${FLAT_MULTIPLIER}× the steady ${usd(mean)} a day of the last ${baseline.length} days with spend.`
      : `Today's spend ${usd(todayCents)} is in line with the steady ${usd(mean)} a day of the last ${baseline.length} days with spend.`;
    return { kind: alarm ? 'alarm' : 'ok', ...base, zScore: null, detail };
  }
  const z = (todayCents - mean) / std;
  const alarm = z >= Z_THRESHOLD;
  const detail = alarm
    ? `Today's spend ${usd(todayCents)} is ${z.toFixed(1)} standard deviations above the daily mean of ${usd(mean)} (${baseline.length} days with spend).`
    : `Today's spend ${usd(todayCents)} is within the usual range (mean ${usd(mean)}, z-score ${z.toFixed(1)} over ${baseline.length} days with spend).`;
  return { kind: alarm ? 'alarm' : 'ok', ...base, zScore: round2(z), detail };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function usd(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
