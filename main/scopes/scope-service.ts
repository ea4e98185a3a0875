/**
 * The scope picker's data: the project's features (from `.help/features.yaml`), the
 * "Whole project" entry (the empty path), and the last scope chosen per workflow.
 *
 * Invariants:
 * - The features file is re-read only when its mtime, size or inode changes.
 * - A problem with the file is reported as `warning` (missing or malformed alike), never
 *   as an HTTP error: the picker still works with "Whole project".
 * - A feature path that does not resolve inside the project root is offered with
 *   `path: null` and a `pathReason`.
 * - The last scope per workflow is kept in the settings file under `lastScopeByWorkflow`
 *   (shared by the window and any browser); an entry whose path no longer resolves inside
 *   the project root is left out of answers and reported in `droppedLast`.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveProjectPath } from '../core/project-path.js';
import type { Logger } from '../logging/logger.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { FEATURES_FILE, readFeaturesFile, type Feature, type FeaturesRead } from './features-file.js';

export const LAST_SCOPE_KEY = 'lastScopeByWorkflow';
export const WHOLE_PROJECT = Object.freeze({ label: 'Whole project', path: '' });

export interface ScopesView {
  features: Feature[];
  wholeProject: typeof WHOLE_PROJECT;
  lastByWorkflow: Record<string, string>;
  droppedLast: { workflow: string; path: string; reason: string }[];
  warning?: string;
}

export type RememberResult = { kind: 'ok'; workflow: string; path: string } | { kind: 'invalid'; reason: string };

export interface ScopeServiceOptions {
  projectRoot: string;
  settings: Pick<SettingsStore, 'getExtra' | 'setExtra'>;
  logger: Logger;
}

export class ScopeService {
  private cached: { signature: string; read: FeaturesRead } | undefined;
  private readonly filePath: string;

  constructor(private readonly options: ScopeServiceOptions) {
    this.filePath = join(options.projectRoot, FEATURES_FILE);
  }

  /** The whole picker view; cheap when the features file has not changed. */
  async view(): Promise<ScopesView> {
    const read = await this.readFeatures();
    const lasts = await this.lastByWorkflow();
    const base = { wholeProject: WHOLE_PROJECT, lastByWorkflow: lasts.kept, droppedLast: lasts.dropped };
    if (read.kind !== 'ok') return { ...base, features: [], warning: read.warning };
    const features = await Promise.all(read.features.map((feature) => this.checkPath(feature)));
    const sentences = [
      ...(read.skipped.length > 0
        ? [`Skipped features in ${this.filePath} that are not mappings: ${read.skipped.join(', ')}.`]
        : []),
      ...read.problems.map((problem) => `${this.filePath}: ${problem}`),
    ];
    const warning = sentences.length > 0 ? sentences.join(' ') : undefined;
    return { ...base, features, ...(warning !== undefined && { warning }) };
  }

  /** Remembers `path` as the last scope of `workflow`, stored in its normalised form. */
  async rememberLast(workflow: string, path: string): Promise<RememberResult> {
    const resolved = await resolveProjectPath(this.options.projectRoot, path);
    if (resolved.kind === 'invalid') return resolved;
    const current = storedLasts(this.options.settings.getExtra(LAST_SCOPE_KEY));
    await this.options.settings.setExtra(LAST_SCOPE_KEY, { ...current, [workflow]: resolved.relative });
    return { kind: 'ok', workflow, path: resolved.relative };
  }

  private async readFeatures(): Promise<FeaturesRead> {
    const signature = await fileSignature(this.filePath);
    if (this.cached && this.cached.signature === signature) return this.cached.read;
    const read = await readFeaturesFile(this.filePath);
    if (read.kind === 'invalid') this.options.logger.warn({ path: this.filePath }, read.warning);
    this.cached = { signature, read };
    return read;
  }

  private async checkPath(feature: Feature): Promise<Feature> {
    if (feature.path === null) return feature;
    const resolved = await resolveProjectPath(this.options.projectRoot, feature.path);
    if (resolved.kind === 'ok') return feature;
    return {
      ...feature,
      path: null,
      pathReason: `${resolved.reason} (from ${FEATURES_FILE}, feature "${feature.name}")`,
    };
  }

  private async lastByWorkflow(): Promise<{ kept: Record<string, string>; dropped: ScopesView['droppedLast'] }> {
    const stored = storedLasts(this.options.settings.getExtra(LAST_SCOPE_KEY));
    const kept: Record<string, string> = {};
    const dropped: ScopesView['droppedLast'] = [];
    await Promise.all(
      Object.entries(stored).map(async ([workflow, path]) => {
        const resolved = await resolveProjectPath(this.options.projectRoot, path);
        if (resolved.kind === 'ok') kept[workflow] = path;
        else dropped.push({ workflow, path, reason: resolved.reason });
      }),
    );
    dropped.sort((a, b) => (a.workflow < b.workflow ? -1 : 1));
    return { kept, dropped };
  }
}

function storedLasts(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

async function fileSignature(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch (error) {
    return `absent:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}
