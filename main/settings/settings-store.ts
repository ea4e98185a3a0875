/**
 * The live settings: persisted values merged with this launch's overrides.
 *
 * Effective value = launch override > persisted > default. Changing a setting through
 * `update` persists it and drops that key's launch override (the user's latest explicit
 * choice wins). Writes are serialised so concurrent updates never lose each other, and
 * unknown keys in the file (written by the original dashboard or a newer version) survive.
 * Other capabilities keep their own small records here with `getExtra`/`setExtra`.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { readSettingsFile, writeSettingsFile, type SettingsFileRead } from './settings-file.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEYS,
  settingsSchema,
  type Settings,
  type SettingsKey,
  type SettingsPatch,
} from './schema.js';

export type SettingsListener = (settings: Settings, changed: SettingsKey[]) => void;

export class SettingsStore {
  private raw: Record<string, unknown>;
  private overrides: Partial<Settings>;
  private effective: Settings;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<SettingsListener>();

  private constructor(
    private readonly path: string,
    raw: Record<string, unknown>,
    overrides: Partial<Settings>,
    readonly warning: string | undefined,
  ) {
    this.raw = raw;
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
    return new SettingsStore(
      config.settingsPath,
      read.settings,
      overrides,
      read.kind === 'invalid' ? read.warning : undefined,
    );
  }

  /** Reads the settings file (never throws for a bad file); for callers without a launch read. */
  static async load(config: Pick<Config, 'settingsPath' | 'launchOverrides'>, logger?: Logger): Promise<SettingsStore> {
    return SettingsStore.fromRead(config, await readSettingsFile(config.settingsPath), logger);
  }

  get(): Settings {
    return this.effective;
  }

  /** Validates, persists atomically, notifies listeners, returns the new effective settings. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const keys = Object.keys(patch) as SettingsKey[];
    await this.enqueue(async () => {
      const next = { ...this.raw, ...patch };
      await writeSettingsFile(this.path, next);
      this.raw = next;
      for (const key of keys) delete this.overrides[key];
    });
    const before = this.effective;
    this.effective = this.compute();
    const changed = SETTINGS_KEYS.filter((key) => before[key] !== this.effective[key]);
    if (changed.length > 0) for (const listener of this.listeners) listener(this.effective, changed);
    return this.effective;
  }

  /** A capability's own persisted record (e.g. `lastScopeByWorkflow`); undefined if absent. */
  getExtra(key: string): unknown {
    return this.raw[key];
  }

  async setExtra(key: string, value: unknown): Promise<void> {
    if ((SETTINGS_KEYS as string[]).includes(key)) throw new Error(`setExtra cannot write the setting ${key}`);
    await this.enqueue(async () => {
      const next = { ...this.raw, [key]: value };
      await writeSettingsFile(this.path, next);
      this.raw = next;
    });
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
