/**
 * `GET /api/orgs` answered from the organizations held: one entry per key slot (its label,
 * organization, key status — never the key —, spend state and budget, and the earlier slot
 * of the same organization if any, whether "all" sums it) and the total the tray shows.
 */
import type { Organization, OrgsResponse } from '../contract/costs-orgs.js';
import { DEFAULT_SLOT } from '../secrets/admin-key-slots.js';
import type { OrgEntry } from './org-entry.js';
import type { Organizations } from './organizations.js';
import { slotBudgetUsd } from './spend-watch.js';

export async function listOrgs(organizations: Organizations): Promise<OrgsResponse> {
  await organizations.settleDuplicates();
  const list = await Promise.all(organizations.all().map((entry) => describeOrg(organizations, entry)));
  const { state, monthToDateUsd, detail } = organizations.costStatus();
  return { organizations: list, total: { state, monthToDateUsd, detail } };
}

export async function describeOrg(organizations: Organizations, entry: OrgEntry): Promise<Organization> {
  const org = entry.costs.organization();
  const status = entry.costs.costStatus();
  return {
    slot: entry.slot,
    label: organizations.label(entry),
    orgId: org?.id ?? null,
    orgName: org?.name ?? null,
    primary: entry.slot === DEFAULT_SLOT,
    key: await entry.costs.adminKey.status(),
    state: status.state,
    detail: status.detail,
    monthToDateUsd: status.monthToDateUsd,
    budgetUsd: slotBudgetUsd(organizations.settings.get(), entry.slot),
    duplicateOf: organizations.duplicateOf(entry),
    counted: organizations.counted().includes(entry),
  };
}
