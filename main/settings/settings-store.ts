/**
 * The live settings: persisted values merged with this launch's overrides.
 *
 * Effective value = launch override > persisted > default. Changing a setting through
 * `update` drops that key's launch override (the user's latest explicit choice wins), and
 * so does another server's change of it. Several servers may share one home: a write
 * re-reads the file first and writes only the changed keys over it, and a read notices
 * the file changed (its stamp, checked at most every RECHECK_MS) and adopts it. Writes
 * are serialised; unknown keys in the file survive; capabilities keep small records with
 * `getExtra`/`setExtra`.
 */
import { statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { readSettingsFile, writeSettingsFile, type FileStamp, type SettingsFileRead } from './settings-file.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEYS,
  settingsSchema,
  type Settings,
  type SettingsKey,
  type SettingsPatch,
} from './schema.js';

export type SettingsListener = (settings: Settings, changed: SettingsKey[]) => void;

/** How stale a read may be about another server's change, at most (plus one file read). */
export const RECHECK_MS = 500;

export class SettingsStore {
  private raw: Record<string, unknown>;
  private stamp: FileStamp;
  private readonly overrides: Partial<Settings>;
  private effective: Settings;
  private writing: Promise<void> = Promise.resolve();
  private lastCheck = Date.now();
  private reloading = false;
  private readonly listeners = new Set<SettingsListener>();

  private constructor(
    private readonly path: string,
    read: SettingsFileRead,
    overrides: Partial<Settings>,
    readonly warning: string | undefined,
    private readonly logger: Logger | undefined,
  ) {
    this.raw = read.settings;
    this.stamp = read.stamp;
    this.overrides = overrides;
    this.effective = this.compute();
  }

  /** The store for a launch: the settings file as loadLaunch read it, and the launch's overrides. */
  static fromRead(
    config: Pick<Config, 'settingsPath' | 'launchOverrides'>,
    read: SettingsFileRead,
    logger?: Logger,
  ): SettingsStore {
    if (read.kind === 'invalid') logger?.warn({ path: config.settingsPath }, read.warning);
    const overrides: Partial<Settings> = { ...config.launchOverrides };
    const warning = read.kind === 'invalid' ? read.warning : undefined;
    return new SettingsStore(config.settingsPath, read, overrides, warning, logger);
  }

  /** Reads the settings file (never throws for a bad file); for callers without a launch read. */
  static async load(config: Pick<Config, 'settingsPath' | 'launchOverrides'>, logger?: Logger): Promise<SettingsStore> {
    return SettingsStore.fromRead(config, await readSettingsFile(config.settingsPath), logger);
  }

  get(): Settings {
    this.noticeOutsideChange();
    return this.effective;
  }

  /** Validates, merges over the fresh file, persists atomically, notifies, returns the new effective settings. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const keys = Object.keys(patch) as SettingsKey[];
    await this.enqueue(async () => {
      await this.writeMerged(patch);
      for (const key of keys) delete this.overrides[key];
      this.recompute();
    });
    return this.effective;
  }

  /** A capability's own persisted record (e.g. `lastScopeByWorkflow`); undefined if absent. */
  getExtra(key: string): unknown {
    this.noticeOutsideChange();
    return this.raw[key];
  }

  async setExtra(key: string, value: unknown): Promise<void> {
    if ((SETTINGS_KEYS as string[]).includes(key)) throw new Error(`setExtra cannot write the setting ${key}`);
    await this.enqueue(() => this.writeMerged({ [key]: value }));
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the file (another server may have written it), then writes `changes` over it. */
  private async writeMerged(changes: Record<string, unknown>): Promise<void> {
    const fresh = await readSettingsFile(this.path);
    if (fresh.kind !== 'invalid') this.adopt(fresh.settings);
    const next = { ...this.raw, ...changes };
    await writeSettingsFile(this.path, next);
    this.raw = next;
    this.stamp = stampOf(this.path);
  }

  /** At most every RECHECK_MS: when the file's stamp changed, re-read it in the background. */
  private noticeOutsideChange(): void {
    const now = Date.now();
    if (this.reloading || now - this.lastCheck < RECHECK_MS) return;
    this.lastCheck = now;
    if (sameStamp(stampOf(this.path), this.stamp)) return;
    this.reloading = true;
    this.enqueue(async () => {
      const read = await readSettingsFile(this.path);
      this.stamp = read.stamp;
      if (read.kind !== 'invalid') this.adopt(read.settings);
    })
      .catch((error: unknown) => this.logger?.warn({ err: error, path: this.path }, 'settings re-read failed'))
      .finally(() => (this.reloading = false));
  }

  /** Takes another writer's version of the file; a setting it changed loses this launch's override. */
  private adopt(raw: Record<string, unknown>): void {
    for (const key of SETTINGS_KEYS) if (!isDeepStrictEqual(this.raw[key], raw[key])) delete this.overrides[key];
    this.raw = raw;
    this.recompute();
  }

  private recompute(): void {
    const before = this.effective;
    this.effective = this.compute();
    const changed = SETTINGS_KEYS.filter((key) => before[key] !== this.effective[key]);
    if (changed.length > 0) for (const listener of this.listeners) listener(this.effective, changed);
  }

  private compute(): Settings {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of SETTINGS_KEYS) {
      const persisted = settingsSchema.shape[key].safeParse(this.raw[key]);
      if (this.raw[key] !== undefined && persisted.success) merged[key] = persisted.data;
      if (this.overrides[key] !== undefined) merged[key] = this.overrides[key];
    }
    return Object.freeze(merged as Settings);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.writing.then(task);
    this.writing = run.catch(() => undefined);
    return run;
  }
}

function stampOf(path: string): FileStamp {
  try {
    const stats = statSync(path);
    return { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino };
  } catch {
    return null;
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a === b || (a !== null && b !== null && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino);
}
