/**
 * Which admin keys were added besides the first, remembered in `<attuneHome>/ops/org-keys.json`
 * (slot names only — `k2`, `keychain`… — never a key; 0600, written atomically), so a start
 * knows every organization without touching the keychain (each key is read when first used,
 * as the first one always was). A missing file means none was added; an odd or unreadable
 * one is reported and the keychain's own list of accounts is used instead. With an
 * environment key, a different key in the keychain's first entry is found after the start.
 * The file also remembers the highest slot number ever given (`lastIssued`), so a removed
 * key's name is never given to another organization (a browser remembers its choice by slot).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { describeRead, readRegularFileText } from '../core/regular-file.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import { ADMIN_KEY_ENV } from '../secrets/admin-key.js';
import { DEFAULT_SLOT, extraSlotsOf, SLOT_PATTERN, type AdminKeySlot } from '../secrets/admin-key-slots.js';
import { ADMIN_KEY_ACCOUNT, type SecretStore } from '../secrets/secret-store.js';

const fileSchema = z.object({
  version: z.literal(1),
  slots: z.array(z.string().regex(SLOT_PATTERN)).max(999),
  lastIssued: z.number().int().min(1).max(999).optional(),
});

export type OrgKeysRead = { kind: 'ok'; slots: AdminKeySlot[] } | { kind: 'unusable'; why: string };

export class OrgKeysFile {
  readonly path: string;
  /** The highest `k<N>` ever listed here (1: none yet); only grows. */
  private issued = 1;

  constructor(
    attuneHome: string,
    private readonly logger: Logger,
  ) {
    this.path = join(attuneHome, 'ops', 'org-keys.json');
  }

  async read(): Promise<OrgKeysRead> {
    const read = await readRegularFileText(this.path);
    if (read.kind === 'missing') return { kind: 'ok', slots: [] };
    if (read.kind !== 'ok') return { kind: 'unusable', why: describeRead(read) };
    try {
      const parsed = fileSchema.safeParse(JSON.parse(read.text));
      if (!parsed.success) return { kind: 'unusable', why: 'it does not hold a list of key slots' };
      const slots = parsed.data.slots.filter((slot) => slot !== 'default');
      this.issued = Math.max(this.issued, parsed.data.lastIssued ?? 1, ...slots.map(slotNumber));
      return { kind: 'ok', slots };
    } catch {
      return { kind: 'unusable', why: 'it is not JSON' };
    }
  }

  /** The highest added slot number ever given, removed ones included. */
  get lastIssued(): number {
    return this.issued;
  }

  /** Writes the added slots; a failure throws the storage OpsError (507 `storage_full`, 503), nothing half-written. */
  async write(slots: readonly AdminKeySlot[]): Promise<void> {
    const issued = Math.max(this.issued, ...slots.map(slotNumber));
    await writeFileAtomic(this.path, stableJson({ version: 1, slots, lastIssued: issued }));
    this.issued = issued; // a failed write gives no number away
  }

  /** write(), a failure only logged: for lists that are rebuilt anyway at the next start. */
  async writeOrWarn(slots: readonly AdminKeySlot[]): Promise<void> {
    try {
      await this.write(slots);
    } catch (error) {
      this.logger.warn({ err: error, path: this.path }, 'could not write the list of added admin keys');
    }
  }
}

function slotNumber(slot: AdminKeySlot): number {
  return /^k\d+$/.test(slot) ? Number(slot.slice(1)) : 1;
}

interface SlotDeps {
  logger: Logger;
  secretStore: SecretStore;
  env: Record<string, string | undefined>;
  redactor: SecretRedactor;
}

/** Every slot at start: the first, then those the file lists (or, the file unusable, the keychain's accounts). */
export async function discoverSlots(file: OrgKeysFile, deps: SlotDeps): Promise<AdminKeySlot[]> {
  const read = await file.read();
  if (read.kind === 'ok') return [DEFAULT_SLOT, ...read.slots];
  deps.logger.warn(
    { path: file.path, why: read.why },
    `ignoring ${file.path} (${read.why}): the added admin keys are looked up in the keychain`,
  );
  try {
    const slots = extraSlotsOf(await deps.secretStore.accounts());
    await file.writeOrWarn(slots);
    return [DEFAULT_SLOT, ...slots];
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not list the keychain accounts: only the first organization is shown');
    return [DEFAULT_SLOT];
  }
}

/** Whether an environment key hides a different key in the keychain's first entry (read once, registered for redaction). */
export async function hiddenKeychainKey(deps: SlotDeps): Promise<boolean> {
  const envKey = deps.env[ADMIN_KEY_ENV]?.trim();
  if (!envKey) return false;
  const stored = await deps.secretStore.get(ADMIN_KEY_ACCOUNT).catch((error: unknown) => {
    deps.logger.warn(
      { err: error },
      `could not read the OS keychain beside ${ADMIN_KEY_ENV}: a different key kept there is not shown until the next start`,
    );
    return null;
  });
  if (stored) deps.redactor.add(stored);
  return !!stored && stored !== envKey;
}
