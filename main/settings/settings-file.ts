/**
 * Reads and writes `<attuneHome>/ops/config.json` in the original dashboard's format:
 * `{"version": 1, "settings": {...}}`, sorted keys, 2-space indent, trailing newline,
 * atomic write. A missing file is empty; a corrupt or wrong-version file is treated as
 * empty with a warning and never stops startup. Keys this version does not know are kept.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic, stableJson } from '../core/atomic-write.js';

export const SETTINGS_FILE_VERSION = 1;

export type SettingsFileRead =
  | { kind: 'ok'; settings: Record<string, unknown> }
  | { kind: 'missing'; settings: Record<string, unknown> }
  | { kind: 'invalid'; settings: Record<string, unknown>; warning: string };

export async function readSettingsFile(path: string): Promise<SettingsFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', settings: {} };
    return invalid(`Settings file ${path} could not be read (${(error as Error).message}); using defaults.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid(`Settings file ${path} is not valid JSON; using defaults. Fix or delete it.`);
  }
  if (!isRecord(parsed) || parsed.version !== SETTINGS_FILE_VERSION || !isRecord(parsed.settings)) {
    return invalid(`Settings file ${path} is not version ${SETTINGS_FILE_VERSION} settings; using defaults.`);
  }
  return { kind: 'ok', settings: parsed.settings };
}

export async function writeSettingsFile(path: string, settings: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(path, stableJson({ version: SETTINGS_FILE_VERSION, settings }));
}

function invalid(warning: string): SettingsFileRead {
  return { kind: 'invalid', settings: {}, warning };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
