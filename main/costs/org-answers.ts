/**
 * The spend answers for `?org=`: one organization's own, or — for `all` — the counted
 * organizations' answers summed (org-combine.ts). Organizations without a key are left out
 * of the sum while another has one; with a single counted organization its own answer is
 * given unchanged (its alarm explanation and budget crossings included); the summed alarm is
 * explained over every counted organization's rows (org-explain.ts).
 */
import type { UsageResponse } from '../contract/costs.js';
import type { CostsResponse, FetchSummaryOptions } from './cost-types.js';
import { combineCosts, combineUsage } from './org-combine.js';
import { explainAcross } from './org-explain.js';
import type { OrgEntry } from './org-entry.js';
import type { Organizations } from './organizations.js';
import { slotBudgetUsd } from './spend-watch.js';

type Answer = { error: { kind: string } | null };

/** One organization's answer, or — for `all` — the counted organizations' answers combined. */
async function answerFor<T extends Answer>(
  organizations: Organizations,
  org: string | undefined,
  report: {
    ask: (entry: OrgEntry) => Promise<T>;
    hasFigures: (answer: T) => boolean;
    combine: (parts: Array<{ label: string; answer: T; budgetUsd: number | null; entry: OrgEntry }>) => T;
  },
): Promise<T> {
  const entry = organizations.pick(org);
  if (entry !== 'all') return report.ask(entry);
  await organizations.settleDuplicates();
  const settings = organizations.settings.get();
  const parts = await Promise.all(
    organizations.counted().map(async (one) => ({
      label: organizations.label(one),
      answer: await report.ask(one),
      budgetUsd: slotBudgetUsd(settings, one.slot),
      entry: one,
    })),
  );
  const keyed = parts.filter((part) => part.answer.error?.kind !== 'no_key' || report.hasFigures(part.answer));
  if (keyed.length === 0) return parts[0]!.answer;
  return keyed.length === 1 ? keyed[0]!.answer : report.combine(keyed);
}

export function costsFor(
  organizations: Organizations,
  org: string | undefined,
  options: FetchSummaryOptions,
): Promise<CostsResponse> {
  return answerFor(organizations, org, {
    ask: (one) => one.costs.costs(options),
    hasFigures: (answer) => answer.summary !== null,
    combine: (parts) => {
      const combined = combineCosts(parts);
      const today = combined.summary?.byDay.at(-1)?.date;
      if (!combined.summary || !today) return combined;
      const held = parts.map((part) => ({ label: part.label, ...part.entry.costs.heldRows() }));
      return { ...combined, explanation: explainAcross(held, { ...combined, byDay: combined.summary.byDay, today }) };
    },
  });
}

export function usageFor(
  organizations: Organizations,
  org: string | undefined,
  options: FetchSummaryOptions,
): Promise<UsageResponse> {
  return answerFor(organizations, org, {
    ask: (one) => one.costs.usage(options),
    hasFigures: (answer) => answer.usage !== null,
    combine: combineUsage,
  });
}
