/**
 * Opening a run's log (and its index) for reading, only as a regular file
 * (core/regular-file.ts: O_NONBLOCK + fstat, so a FIFO never blocks). A missing log is an
 * empty one; a directory, FIFO, socket or device where the log should be, or a log that
 * cannot be opened, is an OpsError 409 `invalid_file` naming the path and what was found,
 * so a request gets a sentence (never a 500, a dropped connection or a wait).
 */
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { OpsError } from '../../core/errors.js';
import { openRegularFile } from '../../core/regular-file.js';

export type OpenedLog = { kind: 'ok'; handle: FileHandle; stats: Stats } | { kind: 'missing' };

export async function openLog(path: string): Promise<OpenedLog> {
  const opened = await openRegularFile(path);
  if (opened.kind === 'ok' || opened.kind === 'missing') return opened;
  // A folder on the way is a file: no log can be there (a run whose log could not be written).
  if (opened.kind === 'unreadable' && opened.reason === 'ENOTDIR') return { kind: 'missing' };
  throw logFileError(
    path,
    opened.kind === 'not_regular' ? `is ${opened.what}, not a file` : `cannot be read (${opened.reason})`,
  );
}

export function logFileError(path: string, problem: string): OpsError {
  return new OpsError(
    409,
    'invalid_file',
    `This run's log ${path} ${problem}; move it out of the way to read the run's log again.`,
    { path },
  );
}

/** The bytes of a regular file; undefined when it is missing or not one (an index is then rebuilt). */
export async function readRegularFileBytes(path: string): Promise<Buffer | undefined> {
  const opened = await openRegularFile(path);
  if (opened.kind !== 'ok') return undefined;
  try {
    return await opened.handle.readFile();
  } catch {
    return undefined;
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}
