/**
 * The status of several organizations as one (the tray tooltip, the header): the worst
 * state among the organizations with a key, the month-to-date total, and a sentence naming
 * each organization in trouble. With a single counted organization its own status, unchanged
 * (its budget share too). Organizations without a key are left out while another has one. Pure.
 */
import type { CostState, CostStatus } from '../core/contracts.js';

export interface OrgStatusPart {
  label: string;
  status: CostStatus;
}

const RANK: Record<CostState, number> = { ok: 0, loading: 1, no_key: 1, stale: 2, warning: 3, error: 4 };
const TROUBLE: ReadonlySet<CostState> = new Set(['stale', 'warning', 'error']);

export function combineStatus(parts: readonly OrgStatusPart[]): CostStatus {
  const counted = parts.filter((part) => part.status.state !== 'no_key');
  if (counted.length === 0) return parts[0]!.status;
  if (counted.length === 1) return counted[0]!.status;
  const worst = counted.reduce((a, b) => (RANK[b.status.state] > RANK[a.status.state] ? b : a));
  const known = counted.map((part) => part.status.monthToDateUsd).filter((usd): usd is number => usd !== null);
  const monthToDateUsd =
    known.length === 0 ? null : known.reduce((total, usd) => total + Math.round(usd * 100), 0) / 100;
  const fetched = counted.map((part) => part.status.fetchedAt).filter((at): at is string => at !== null);
  const total =
    monthToDateUsd === null
      ? `${counted.length} organizations.`
      : `$${monthToDateUsd.toFixed(2)} this month across ${counted.length} organizations.`;
  const troubled = counted
    .filter((part) => TROUBLE.has(part.status.state))
    .map((part) => `${part.label}: ${part.status.detail ?? part.status.state}`);
  return {
    state: worst.status.state,
    monthToDateUsd,
    budgetPct: null,
    fetchedAt: fetched.length === 0 ? null : fetched.sort()[0]!,
    errorKind: counted.find((part) => part.status.errorKind !== null)?.status.errorKind ?? null,
    detail: [total, ...troubled].join(' '),
  };
}
