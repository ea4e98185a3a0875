/**
 * Where one admin key's own files live (the organization it answered, the names, the
 * per-key method): `<home>/ops/` for the `default` slot — the paths there always were, so an
 * existing install reads its files unchanged — and `<home>/ops/keys/<slot>/` for every
 * other. Days are kept per organization (`ops/orgs/<id>/`, day-cache-file.ts), shared by
 * every slot of that organization.
 */
import { join } from 'node:path';
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';

export function slotFilePath(attuneHome: string, slot: AdminKeySlot, file: string): string {
  return slot === DEFAULT_SLOT ? join(attuneHome, 'ops', file) : join(attuneHome, 'ops', 'keys', slot, file);
}
