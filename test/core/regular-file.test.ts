/**
 * openRegularFile / readRegularFileText on real nodes: a regular file is read; a FIFO
 * (with no writer), a folder, a listening Unix socket and a missing path are reported
 * at once, never blocking; an unreadable file says why.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile, readRegularFileText } from '../../main/core/regular-file.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

let dir: string;
let server: Server;

beforeAll(async () => {
  dir = await tempDir();
  await writeFile(join(dir, 'plain.txt'), 'héllo\n');
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  await mkdir(join(dir, 'folder'));
  server = createServer();
  await new Promise<void>((done) => server.listen(join(dir, 'sock'), done));
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await removeTempDirs();
});

describe('readRegularFileText', () => {
  it('reads a regular file as UTF-8 with its stats', async () => {
    const result = await readRegularFileText(join(dir, 'plain.txt'));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.text).toBe('héllo\n');
    expect(result.stats.isFile()).toBe(true);
  });

  it('reports a FIFO without a writer at once (does not wait for one)', async () => {
    const result = await readRegularFileText(join(dir, 'pipe'));
    expect(result).toEqual({ kind: 'not_regular', what: 'a named pipe (FIFO)' });
  });

  it('reports a folder', async () => {
    expect(await readRegularFileText(join(dir, 'folder'))).toEqual({ kind: 'not_regular', what: 'a folder' });
  });

  it('reports a Unix socket', async () => {
    expect(await readRegularFileText(join(dir, 'sock'))).toEqual({ kind: 'not_regular', what: 'a socket' });
  });

  it('reports a missing file', async () => {
    expect(await readRegularFileText(join(dir, 'nope.txt'))).toEqual({ kind: 'missing' });
  });

  it('reports a missing parent folder as missing and a file-in-the-way as unreadable', async () => {
    expect(await readRegularFileText(join(dir, 'no-such-dir', 'x'))).toEqual({ kind: 'missing' });
    expect(await readRegularFileText(join(dir, 'plain.txt', 'x'))).toEqual({ kind: 'unreadable', reason: 'ENOTDIR' });
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read (not as root)', async () => {
    const locked = join(dir, 'locked.txt');
    await writeFile(locked, 'secret');
    await chmod(locked, 0o000);
    expect(await readRegularFileText(locked)).toEqual({ kind: 'unreadable', reason: 'EACCES' });
  });
});

describe('openRegularFile', () => {
  it('hands back an open handle for a regular file, and nothing to close otherwise', async () => {
    const opened = await openRegularFile(join(dir, 'plain.txt'));
    expect(opened.kind).toBe('ok');
    if (opened.kind === 'ok') {
      expect((await opened.handle.readFile('utf8')).length).toBe(6);
      await opened.handle.close();
    }
    expect((await openRegularFile(join(dir, 'pipe'))).kind).toBe('not_regular');
  });
});
