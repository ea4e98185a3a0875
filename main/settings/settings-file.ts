/**
 * Reads and writes `<attuneHome>/ops/config.json` in the original dashboard's format:
 * `{"version": 1, "settings": {...}}`, sorted keys, 2-space indent, trailing newline,
 * atomic write. A missing file is empty; a corrupt or wrong-version file, or something
 * that is not a regular file (a FIFO never blocks: regular-file.ts), is treated as empty
 * with a warning naming it and never stops startup. Keys this version does not know are
 * kept. A read carries the file's stamp (mtime, size) so a reader can tell it changed.
 */
import { writeFileAtomic, stableJson } from '../core/atomic-write.js';
import { readRegularFileText } from '../core/regular-file.js';

export const SETTINGS_FILE_VERSION = 1;

/** What identifies one version of the file on disk; null when there is none. */
export type FileStamp = { mtimeMs: number; size: number; ino: number } | null;

export type SettingsFileRead =
  | { kind: 'ok'; settings: Record<string, unknown>; stamp: FileStamp }
  | { kind: 'missing'; settings: Record<string, unknown>; stamp: FileStamp }
  | { kind: 'invalid'; settings: Record<string, unknown>; warning: string; stamp: FileStamp };

export async function readSettingsFile(path: string): Promise<SettingsFileRead> {
  const read = await readRegularFileText(path);
  if (read.kind === 'missing') return { kind: 'missing', settings: {}, stamp: null };
  if (read.kind === 'not_regular')
    return invalid(`Settings file ${path} is ${read.what}, not a file; using defaults. Remove it.`, null);
  if (read.kind === 'unreadable')
    return invalid(`Settings file ${path} could not be read (${read.reason}); using defaults.`, null);
  const stamp = { mtimeMs: read.stats.mtimeMs, size: read.stats.size, ino: read.stats.ino };
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return invalid(`Settings file ${path} is not valid JSON; using defaults. Fix or delete it.`, stamp);
  }
  if (!isRecord(parsed) || parsed.version !== SETTINGS_FILE_VERSION || !isRecord(parsed.settings)) {
    return invalid(`Settings file ${path} is not version ${SETTINGS_FILE_VERSION} settings; using defaults.`, stamp);
  }
  return { kind: 'ok', settings: parsed.settings, stamp };
}

export async function writeSettingsFile(path: string, settings: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(path, stableJson({ version: SETTINGS_FILE_VERSION, settings }));
}

function invalid(warning: string, stamp: FileStamp): SettingsFileRead {
  return { kind: 'invalid', settings: {}, warning, stamp };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
