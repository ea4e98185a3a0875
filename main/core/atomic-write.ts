/**
 * Atomic file writes: write a sibling temp file (0600), fsync it, rename it over the
 * target. A reader sees either the old bytes or the new ones, never a torn file. On any
 * failure the temp file is removed and the target is untouched; an errno failure is
 * thrown as the storage OpsError (507 `storage_full`, 503 `storage_unavailable`) that
 * names the target path (storage-error.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { storageError } from './storage-error.js';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  let handle: FileHandle | undefined;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    handle = await open(temp, 'w', 0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw storageError(error, path);
  }
}

/**
 * The same replace-by-rename, synchronously and without fsync: for the one write that
 * must be on disk before anything else happens (a run's pid right after its spawn). The
 * bytes are in the OS cache when it returns, so they survive a kill of this process; an
 * OS crash is what the fsync of the next regular write covers.
 */
export function writeFileAtomicNowSync(path: string, data: string | Uint8Array): void {
  const temp = tempPathFor(path);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the temp file could not be removed either; the write's own error is what matters
    }
    throw storageError(error, path);
  }
}

/** JSON with two-space indent, keys sorted at every level, and a trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
