/**
 * Every organization the user follows: one CostService and one KeySpendService per admin
 * key slot (admin-key-slots.ts). The first (`default`) is the key there always was, so an
 * existing install is the first organization without a migration step; the added slots are
 * listed in org-keys-file.ts, so a start reads no keychain (keys are read when first used);
 * with an environment key, a different key kept in the keychain's first entry is found once
 * started and becomes the `keychain` organization (the environment counts as one more). Two keys of
 * the same organization count once (the later is `duplicateOf` the earlier and is not
 * refreshed); `all` sums the counted ones (org-combine.ts) and the status the tray shows
 * is theirs combined (org-status.ts). Adding or removing a key happens one at a time.
 */
import { rm } from 'node:fs/promises';
import { OpsError } from '../core/errors.js';
import type { CostStatus, CostStatusSource } from '../core/contracts.js';
import {
  DEFAULT_SLOT,
  KEYCHAIN_SLOT,
  nextExtraSlot,
  SLOT_PATTERN,
  type AdminKeySlot,
} from '../secrets/admin-key-slots.js';
import { buildOrgEntry, type OrgEntry, type OrganizationsOptions } from './org-entry.js';
import { duplicateOf, DuplicatePolling, supersededBy } from './org-duplicates.js';
import { discoverSlots, hiddenKeychainKey, OrgKeysFile } from './org-keys-file.js';
import { firstKeyUnknown, keychainKeyIsOther } from './org-key-errors.js';
import { orgLabel } from './org-label.js';
import { combineStatus } from './org-status.js';
import { slotFilePath } from './slot-paths.js';
import { slotCrossingsKey } from './spend-watch.js';

export class Organizations implements CostStatusSource {
  private readonly entries = new Map<AdminKeySlot, OrgEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly polling = new DuplicatePolling<OrgEntry>(() => this.entries.values());
  private changing: Promise<unknown> = Promise.resolve();
  readonly keysFile: OrgKeysFile;

  /** Finds the slots, builds each organization's services and loads their files (no upstream request). */
  static async create(options: OrganizationsOptions): Promise<Organizations> {
    const organizations = new Organizations(options);
    for (const slot of await discoverSlots(organizations.keysFile, options)) await organizations.build(slot);
    return organizations;
  }

  private constructor(private readonly options: OrganizationsOptions) {
    this.keysFile = new OrgKeysFile(options.config.attuneHome, options.logger);
  }

  get settings() {
    return this.options.settings;
  }

  /** The first organization: what a request without `org` and the single-key routes mean. */
  get primary(): OrgEntry {
    return this.entries.get(DEFAULT_SLOT)!;
  }

  /** The organizations in order (first key first). */
  all(): OrgEntry[] {
    return [...this.entries.values()];
  }

  /** The organizations `all` sums: not duplicates, nor a keyless slot whose organization a later key stands for. */
  counted(): OrgEntry[] {
    const entries = this.all();
    return entries.filter((entry) => this.duplicateOf(entry) === null && supersededBy(entries, entry) === null);
  }

  /** `org=` resolved: an organization, or `all`; an unknown slot is a 404 `unknown_org`. */
  pick(org: string | undefined): OrgEntry | 'all' {
    if (org === 'all') return 'all';
    const entry = this.entries.get(org ?? DEFAULT_SLOT);
    if (!entry) throw new OpsError(404, 'unknown_org', `There is no organization "${org}": GET /api/orgs lists them.`);
    return entry;
  }

  /** `org=` for what is shown per organization only; `all` is a 400 saying so. */
  one(org: string | undefined, what: string): OrgEntry {
    const entry = this.pick(org);
    const why = `${what} is shown per organization: choose one (org=<slot>, GET /api/orgs).`;
    if (entry === 'all') throw new OpsError(400, 'invalid_query', why, { field: 'org' });
    return entry;
  }

  /** The label of an organization (org-label.ts). */
  label(entry: OrgEntry): string {
    return orgLabel(entry);
  }

  /** The slot of an earlier key of the same organization, or null (org-duplicates.ts). */
  duplicateOf(entry: OrgEntry): AdminKeySlot | null {
    return duplicateOf(this.entries.values(), entry);
  }

  /** Stores a key: as the first organization's while it has none, else under a new slot; refreshes it. */
  add(key: string): Promise<OrgEntry> {
    return this.serially(async () => {
      // Read again if the keychain was locked: a key there must never be taken for none.
      const first = await this.primary.costs.adminKey.load({ retryUnavailable: true });
      if (first.kind === 'unavailable') throw firstKeyUnknown(first.reason);
      if (first.kind === 'missing') {
        await this.primary.costs.adminKey.save(key); // a 400 or 503 leaves everything as it was
        this.refreshSoon(this.primary);
        return this.primary;
      }
      const slot = nextExtraSlot([...this.entries.keys()], this.keysFile.lastIssued); // a removed name is not given again
      if (!SLOT_PATTERN.test(slot))
        throw new OpsError(409, 'conflict', 'Every key name (k2 to k999) has been given here.');
      await this.keysFile.write([...this.extraSlots(), slot]); // listed first: a key is never stored unlisted
      const entry = await this.build(slot);
      try {
        await entry.costs.adminKey.save(key);
      } catch (error) {
        this.forget(entry);
        await this.keysFile.writeOrWarn(this.extraSlots()); // a listed slot without a key shows as "no key"
        throw error;
      }
      if (this.polling.running) entry.costs.start();
      this.refreshSoon(entry);
      this.emit();
      return entry;
    });
  }

  /** PUT /api/costs/key: the first organization's key replaced, one change at a time with add and remove. */
  setFirstKey(key: string): Promise<void> {
    return this.serially(async () => {
      await this.primary.costs.adminKey.save(key);
      this.polling.sync();
      this.refreshSoon(this.primary);
      this.emit();
    });
  }

  /** Removes a slot's key from the keychain (the first organization stays, keyless, or on the environment key). */
  remove(slot: string): Promise<void> {
    return this.serially(async () => {
      const entry = this.pick(slot);
      if (entry === 'all') throw new OpsError(400, 'invalid_path', 'Name one organization to remove.');
      const keychainOrg = this.entries.get(KEYCHAIN_SLOT);
      if (entry === this.primary && keychainOrg && (await entry.costs.adminKey.status()).source === 'env')
        throw keychainKeyIsOther(this.label(keychainOrg));
      await entry.costs.adminKey.remove();
      this.polling.sync(); // a key that duplicated this one may stand for the organization now
      if (entry.slot === DEFAULT_SLOT) this.refreshSoon(entry);
      else await this.retire(entry);
      this.emit();
    });
  }

  /** Reads the keys a later key duplicates (only those): one removed no longer stands for its organization. */
  async settleDuplicates(): Promise<void> {
    const earlier = new Set(this.all().map((entry) => this.duplicateOf(entry)));
    await Promise.all([...earlier].map((slot) => (slot ? this.entries.get(slot)?.costs.adminKey.load() : null)));
    this.polling.sync();
  }

  /** The user's Refresh of every counted organization (the tray's); resolves when all are done. */
  async refresh(): Promise<void> {
    await Promise.all(this.counted().map((entry) => entry.costs.refresh({ userAsked: true })));
  }

  start(): void {
    this.polling.start();
    void this.serially(async () => {
      await this.settleDuplicates();
      await this.addHiddenKeychainKey();
    });
  }

  stop(): void {
    for (const entry of this.entries.values()) entry.costs.stop();
  }

  idle(): Promise<void> {
    return Promise.all(this.all().map((entry) => entry.costs.idle())).then(() => undefined);
  }

  costStatus(): CostStatus {
    return combineStatus(
      this.counted().map((entry) => ({ label: this.label(entry), status: entry.costs.costStatus() })),
    );
  }

  onCostStatusChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private extraSlots(): AdminKeySlot[] {
    return [...this.entries.keys()].filter((slot) => slot !== DEFAULT_SLOT);
  }

  /** With an environment key, a different key in the keychain's first entry is one more organization. */
  private async addHiddenKeychainKey(): Promise<void> {
    if (this.entries.has(KEYCHAIN_SLOT) || !(await hiddenKeychainKey(this.options))) return;
    const entry = await this.build(KEYCHAIN_SLOT);
    await this.keysFile.writeOrWarn(this.extraSlots()); // found again at the next start anyway
    entry.costs.start();
    this.emit();
  }

  private async build(slot: AdminKeySlot): Promise<OrgEntry> {
    const entry = await buildOrgEntry(this.options, slot);
    entry.costs.onCostStatusChange(() => {
      this.polling.sync();
      this.emit();
    });
    this.entries.set(slot, entry);
    return entry;
  }

  /** An added slot's key is gone: its services stop, its budget, crossings and files go with it. */
  private async retire(entry: OrgEntry): Promise<void> {
    this.forget(entry);
    await entry.costs.idle(); // a refresh under way writes its files first, then they all go
    const { settings } = this.options;
    const { [entry.slot]: _dropped, ...budgets } = settings.get().orgBudgetsUsd;
    if (_dropped !== undefined) await settings.update({ orgBudgetsUsd: budgets });
    await settings.setExtra(slotCrossingsKey(entry.slot), undefined);
    await rm(slotFilePath(this.options.config.attuneHome, entry.slot, ''), { recursive: true, force: true });
    await this.keysFile.write(this.extraSlots()); // the key is gone; a failure is the user's 507/503
  }

  private forget(entry: OrgEntry): void {
    entry.costs.stop();
    this.entries.delete(entry.slot);
    this.polling.forget(entry);
  }

  private refreshSoon(entry: OrgEntry): void {
    entry.costs
      .refresh({ userAsked: true })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'cost refresh after a key change failed'));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.changing.then(work, work);
    this.changing = next.catch(() => undefined);
    return next;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
