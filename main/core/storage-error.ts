/**
 * The one mapping from a failed file-system write to what the user is told: no space
 * (ENOSPC, EDQUOT) is a 507 `storage_full`; no permission, a read-only or immutable
 * file or file system, or something odd in the way (EACCES, EPERM, EROFS, EISDIR,
 * ENOTDIR, EEXIST…) is a 503 `storage_unavailable`. Both name the path and the reason.
 * Anything that is not an errno error is returned unchanged (a fault, not storage).
 */
import { OpsError } from './errors.js';

const FULL = new Set(['ENOSPC', 'EDQUOT']);

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

export function isStorageFull(error: unknown): boolean {
  const code = errnoCode(error);
  return code !== undefined && FULL.has(code);
}

/** `error` as an OpsError when it is an errno failure of writing `path`; otherwise `error` itself. */
export function storageError(error: unknown, path: string): unknown {
  if (error instanceof OpsError) return error;
  const code = errnoCode(error);
  if (code === undefined) return error;
  if (FULL.has(code)) {
    return new OpsError(
      507,
      'storage_full',
      `Could not save ${path}: the disk is full (${code}). Free some space and try again; the previous file is unchanged.`,
      { path, reason: code },
    );
  }
  return new OpsError(
    503,
    'storage_unavailable',
    `Could not save ${path}: ${describe(code)} (${code}). The previous file is unchanged.`,
    { path, reason: code },
  );
}

function describe(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the file or its folder may be read-only or immutable)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'a folder is in the way';
    case 'ENOTDIR':
      return 'a file is in the way of a folder on the path';
    default:
      return 'the file system refused the write';
  }
}
