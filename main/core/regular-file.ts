/**
 * Opening only regular files. Everything the server reads from the attune home or the
 * project goes through here, so a FIFO, socket, device or directory where a file is
 * expected is reported (`not_regular`, with what it is) instead of blocking start-up
 * (a FIFO opened for reading waits for a writer) or failing with a bare error.
 * The open is O_NONBLOCK, so it returns at once whatever the node is; the check is
 * fstat on the opened descriptor (no race between a stat and the open).
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { errnoCode } from './storage-error.js';

export type RegularFileOpen =
  | { kind: 'ok'; handle: FileHandle; stats: Stats }
  | { kind: 'missing' }
  | { kind: 'not_regular'; what: string }
  | { kind: 'unreadable'; reason: string };

export type RegularFileText =
  | { kind: 'ok'; text: string; stats: Stats }
  | { kind: 'missing' }
  | { kind: 'not_regular'; what: string }
  | { kind: 'unreadable'; reason: string };

export async function openRegularFile(path: string): Promise<RegularFileOpen> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ENXIO') return { kind: 'not_regular', what: 'a socket' };
    return { kind: 'unreadable', reason: code ?? String(error) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      return { kind: 'not_regular', what: kindOf(stats) };
    }
    return { kind: 'ok', handle, stats };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { kind: 'unreadable', reason: errnoCode(error) ?? String(error) };
  }
}

/** The whole file as UTF-8, when it is a regular file. */
export async function readRegularFileText(path: string): Promise<RegularFileText> {
  const opened = await openRegularFile(path);
  if (opened.kind !== 'ok') return opened;
  try {
    return { kind: 'ok', text: await opened.handle.readFile({ encoding: 'utf8' }), stats: opened.stats };
  } catch (error) {
    return { kind: 'unreadable', reason: errnoCode(error) ?? String(error) };
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

/** A short noun phrase for a file-system node that is not a regular file. */
export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Why a read did not give the text, as a short phrase ("it is a folder", "ENOENT"). */
export function describeRead(read: Exclude<RegularFileText, { kind: 'ok' }>): string {
  if (read.kind === 'not_regular') return `it is ${read.what}, not a file`;
  return read.kind === 'missing' ? 'ENOENT' : read.reason;
}
