/**
 * The spend answers for `?org=`: one organization's own, or — for `all` — the counted
 * organizations' answers summed (org-combine.ts). Organizations without a key are left out
 * of the sum while another has one; with a single counted organization its own answer is
 * given unchanged (its alarm explanation and budget crossings included).
 */
import type { UsageResponse } from '../contract/costs.js';
import type { CostsResponse, FetchSummaryOptions } from './cost-types.js';
import { combineCosts, combineUsage } from './org-combine.js';
import type { OrgEntry, Organizations } from './organizations.js';
import { slotBudgetUsd } from './spend-watch.js';

type Answer = { error: { kind: string } | null };

async function counted<T extends Answer>(
  organizations: Organizations,
  ask: (entry: OrgEntry) => Promise<T>,
  hasFigures: (answer: T) => boolean,
) {
  const settings = organizations.settings.get();
  const parts = await Promise.all(
    organizations.counted().map(async (entry) => ({
      label: organizations.label(entry),
      answer: await ask(entry),
      budgetUsd: slotBudgetUsd(settings, entry.slot),
    })),
  );
  const keyed = parts.filter((part) => part.answer.error?.kind !== 'no_key' || hasFigures(part.answer));
  return keyed.length === 0 ? parts.slice(0, 1) : keyed;
}

export async function costsFor(
  organizations: Organizations,
  org: string | undefined,
  options: FetchSummaryOptions,
): Promise<CostsResponse> {
  const entry = organizations.pick(org);
  if (entry !== 'all') return entry.costs.costs(options);
  const parts = await counted(
    organizations,
    (one) => one.costs.costs(options),
    (answer) => answer.summary !== null,
  );
  return parts.length === 1 ? parts[0]!.answer : combineCosts(parts);
}

export async function usageFor(
  organizations: Organizations,
  org: string | undefined,
  options: FetchSummaryOptions,
): Promise<UsageResponse> {
  const entry = organizations.pick(org);
  if (entry !== 'all') return entry.costs.usage(options);
  const parts = await counted(
    organizations,
    (one) => one.costs.usage(options),
    (answer) => answer.usage !== null,
  );
  return parts.length === 1 ? parts[0]!.answer : combineUsage(parts);
}
