/**
 * What an organization is called wherever it is shown (the switcher, the tray, error
 * prefixes, the CLI): its name, else its id once verified, else its key's last 4, else its
 * slot. Never the key itself.
 */
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';
import type { CostService } from './cost-service.js';

export function orgLabel(entry: { slot: AdminKeySlot; costs: CostService }): string {
  const org = entry.costs.organization();
  if (org?.name) return org.name;
  if (org?.verified) return org.id;
  const last4 = org?.keyLast4 ?? entry.costs.adminKey.last4;
  return last4 ? `Key …${last4}` : entry.slot === DEFAULT_SLOT ? 'First organization' : `Key ${entry.slot}`;
}
