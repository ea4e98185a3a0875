/**
 * What one organization is made of: its admin key slot, its CostService (key, figures,
 * refresh, budget) and its KeySpendService (cost per API key), the latter reading the key
 * and names through the former. Built with the figures kept on disk loaded, no upstream request.
 */
import type { AdminKeySlot } from '../secrets/admin-key-slots.js';
import { CostService } from './cost-service.js';
import type { CostServiceOptions } from './cost-service-options.js';
import { KeySpendService } from './key-spend-service.js';

export interface OrgEntry {
  readonly slot: AdminKeySlot;
  readonly costs: CostService;
  readonly keySpend: KeySpendService;
}

export type OrganizationsOptions = Omit<CostServiceOptions, 'slot'>;

export async function buildOrgEntry(options: OrganizationsOptions, slot: AdminKeySlot): Promise<OrgEntry> {
  const costs = await CostService.create({ ...options, slot });
  const keySpend = new KeySpendService({
    ...options,
    attuneHome: costs.attuneHome,
    slot,
    adminKey: costs.adminKey,
    apiKeyName: (id) => costs.apiKeyName(id),
    ttlMs: costs.ttlMs,
  });
  return { slot, costs, keySpend };
}
