/**
 * The dismissed-candidates file, `<attuneHome>/ops/spec_completion_dismissed.json`, in the
 * original's format: `{"version":1,"dismissed":{"<slug>":{"dismissed_at": ISO-with-offset,
 * "snapshot_hash": hex, "ttl_days": 14}}}`.
 *
 * - A missing, unreadable or wrong-version file reads as no dismissals (with a warning log);
 *   a bad entry is skipped on its own (and kept as is when the file is rewritten).
 * - A dismissal is active while the hash is unchanged and now < dismissed_at + ttl_days.
 * - Writes are atomic and serialised.
 */
import { join } from 'node:path';
import { stableJson, writeFileAtomic } from '../../core/atomic-write.js';
import { describeRead, readRegularFileText } from '../../core/regular-file.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../logging/logger.js';

export const DISMISS_FILE = 'spec_completion_dismissed.json';
export const DISMISS_TTL_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Dismissal {
  dismissedAtMs: number;
  snapshotHash: string;
  ttlDays: number;
}

export interface DismissStoreOptions {
  attuneHome: string;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
}

export class DismissStore {
  readonly path: string;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DismissStoreOptions) {
    this.path = join(options.attuneHome, 'ops', DISMISS_FILE);
  }

  /** The well-formed entries by slug. */
  async load(): Promise<Map<string, Dismissal>> {
    const entries = new Map<string, Dismissal>();
    for (const [slug, raw] of Object.entries(await this.readRaw())) {
      const entry = parseEntry(raw);
      if (entry) entries.set(slug, entry);
      else this.options.logger.warn({ path: this.path, slug }, 'skipping a malformed dismissal entry');
    }
    return entries;
  }

  isActive(entry: Dismissal | undefined, currentHash: string): boolean {
    if (!entry || entry.snapshotHash !== currentHash) return false;
    return this.options.clock.now() < entry.dismissedAtMs + entry.ttlDays * DAY_MS;
  }

  async save(slug: string, snapshotHash: string): Promise<Dismissal> {
    const entry: Dismissal = { dismissedAtMs: this.options.clock.now(), snapshotHash, ttlDays: DISMISS_TTL_DAYS };
    await this.update((dismissed) => {
      dismissed[slug] = {
        dismissed_at: isoWithOffset(entry.dismissedAtMs),
        snapshot_hash: snapshotHash,
        ttl_days: entry.ttlDays,
      };
    });
    return entry;
  }

  async clear(slug: string): Promise<void> {
    await this.update((dismissed) => {
      if (!(slug in dismissed)) return false;
      delete dismissed[slug];
      return true;
    });
  }

  private update(change: (dismissed: Record<string, unknown>) => boolean | void): Promise<void> {
    const run = this.writing.then(async () => {
      const dismissed = await this.readRaw();
      if (change(dismissed) === false) return;
      await writeFileAtomic(this.path, stableJson({ version: 1, dismissed }));
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async readRaw(): Promise<Record<string, unknown>> {
    // Regular files only: a FIFO at this path must not block the candidates answer.
    const read = await readRegularFileText(this.path);
    if (read.kind !== 'ok') {
      if (read.kind !== 'missing')
        this.options.logger.warn(
          { path: this.path, reason: describeRead(read) },
          'dismissal file unreadable; treating as empty',
        );
      return {};
    }
    const text = read.text;
    try {
      const data = JSON.parse(text) as unknown;
      if (isRecord(data) && data.version === 1 && isRecord(data.dismissed)) return { ...data.dismissed };
      this.options.logger.warn(
        { path: this.path },
        'dismissal file is not version 1 with a "dismissed" object; treating as empty',
      );
    } catch {
      this.options.logger.warn({ path: this.path }, 'dismissal file is not valid JSON; treating as empty');
    }
    return {};
  }
}

export function isoWithOffset(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '+00:00');
}

function parseEntry(raw: unknown): Dismissal | null {
  if (!isRecord(raw)) return null;
  const { dismissed_at: at, snapshot_hash: hash, ttl_days: ttl } = raw;
  if (typeof at !== 'string' || typeof hash !== 'string' || typeof ttl !== 'number') return null;
  if (!Number.isInteger(ttl) || ttl < 0 || !/(?:Z|[+-]\d{2}:?\d{2})$/.test(at)) return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : { dismissedAtMs: ms, snapshotHash: hash, ttlDays: ttl };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
