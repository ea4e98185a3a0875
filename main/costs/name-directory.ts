/**
 * Names for the ids in the reports: the organization's workspaces and API keys, held in
 * memory and in `<attuneHome>/ops/cost-names.json` (names and statuses only, scrubbed,
 * written atomically), refreshed at most once a day — or when the user presses Refresh.
 * A failed refresh keeps the names held (ids are shown until names arrive) and is logged;
 * it never fails the cost answer. `workspace_id: null` is the Default workspace.
 */
import { DEFAULT_SLOT, type AdminKeySlot } from '../secrets/admin-key-slots.js';
import { slotFilePath } from './slot-paths.js';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { readRegularFileText } from '../core/regular-file.js';
import type { Logger } from '../logging/logger.js';
import type { CostClient } from './cost-client.js';
import type { KeySource } from './cost-errors.js';
import { fetchDirectory, type Directory } from './directory-fetch.js';

export const NAMES_MAX_AGE_MS = 24 * 3_600_000;
export const DEFAULT_WORKSPACE_NAME = 'Default workspace';

export function namesCachePath(attuneHome: string, slot: AdminKeySlot = DEFAULT_SLOT): string {
  return slotFilePath(attuneHome, slot, 'cost-names.json');
}

const fileSchema = z.object({
  version: z.literal(1),
  fetchedAt: z.string(),
  workspaces: z.array(z.object({ id: z.string(), name: z.string(), archived: z.boolean() })),
  apiKeys: z.array(
    z.object({ id: z.string(), name: z.string(), status: z.string(), workspaceId: z.string().nullable() }),
  ),
});

export interface WorkspaceLabel {
  name: string;
  archived: boolean;
}

export class NameDirectory {
  private held: { directory: Directory; fetchedAtMs: number } | null = null;
  private loaded = false;

  constructor(private readonly options: { path: string; client: CostClient; logger: Logger; now: () => number }) {}

  /** Fetches the names when none are held, they are a day old, or `force` (the user's Refresh). */
  async refresh(key: string, keySource: KeySource, force: boolean): Promise<void> {
    await this.load();
    const { now, logger } = this.options;
    if (!force && this.held && now() - this.held.fetchedAtMs < NAMES_MAX_AGE_MS) return;
    const result = await fetchDirectory(this.options.client, key, keySource);
    if (result.kind === 'error') {
      logger.warn({ kind: result.error.kind }, `workspace and API key names not refreshed: ${result.error.message}`);
      return;
    }
    this.held = { directory: result.directory, fetchedAtMs: now() };
    logger.info({ requests: result.requests }, 'workspace and API key names refreshed');
    try {
      await writeFileAtomic(
        this.options.path,
        stableJson({ version: 1, fetchedAt: new Date(this.held.fetchedAtMs).toISOString(), ...result.directory }),
      );
    } catch (error) {
      logger.warn({ err: error, path: this.options.path }, 'could not write the names cache file');
    }
  }

  /** The label of a workspace id of a report; null when no name is known (the id is shown). */
  workspace(id: string | null): WorkspaceLabel | null {
    if (id === null) return { name: DEFAULT_WORKSPACE_NAME, archived: false };
    const found = this.held?.directory.workspaces.find((w) => w.id === id);
    return found ? { name: found.name, archived: found.archived } : null;
  }

  apiKey(id: string): { name: string; status: string } | null {
    const found = this.held?.directory.apiKeys.find((k) => k.id === id);
    return found ? { name: found.name, status: found.status } : null;
  }

  /** Reads the cache file once; a bad file is ignored with a warning naming the reason. */
  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const read = await readRegularFileText(this.options.path);
    if (read.kind === 'missing') return;
    if (read.kind !== 'ok') {
      this.options.logger.warn({ path: this.options.path }, `ignoring the names cache file (${read.kind})`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch {
      json = null;
    }
    const parsed = fileSchema.safeParse(json);
    const fetchedAtMs = parsed.success ? Date.parse(parsed.data.fetchedAt) : NaN;
    if (!parsed.success || Number.isNaN(fetchedAtMs)) {
      this.options.logger.warn({ path: this.options.path }, 'ignoring the names cache file (wrong shape)');
      return;
    }
    this.held = { directory: { workspaces: parsed.data.workspaces, apiKeys: parsed.data.apiKeys }, fetchedAtMs };
  }
}
