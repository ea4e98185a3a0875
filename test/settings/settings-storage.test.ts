/**
 * A settings PUT whose write fails answers the storage error (503 `storage_unavailable`
 * here; 507 `storage_full` for ENOSPC, from the same writeFileAtomic), never a 500, and
 * leaves what was on disk as it was: a folder where config.json should be, and an
 * immutable config.json (`chattr +i`, which even root cannot replace); and a home on a
 * small tmpfs filled to the last byte: 507 `storage_full`, the old file and the setting
 * kept, no temp file left.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mountSmallTmpfs } from '../core/small-tmpfs.js';
import { startTestServer } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

const immutable: string[] = [];
const unmounts: Array<() => void> = [];
afterAll(async () => {
  for (const unmount of unmounts) unmount();
  for (const path of immutable) execFileSync('chattr', ['-i', path]);
  await removeTempDirs();
});

function chattrWorks(): boolean {
  try {
    execFileSync('chattr', ['--help'], { stdio: 'ignore' });
  } catch (error) {
    if ((error as { status?: number }).status === undefined) return false;
  }
  return process.getuid?.() === 0;
}

describe('settings PUT when the write fails', () => {
  it('answers 503 storage_unavailable naming the path when config.json is a folder', async () => {
    const home = await tempDir('attune-settings-storage-');
    const path = join(home, 'ops', 'config.json');
    await mkdir(path, { recursive: true });
    const server = await startTestServer({ home, checked: true });
    try {
      const answer = await server.api('/api/settings', { method: 'PUT', json: { theme: 'dark' } });
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('storage_unavailable');
      expect(body.error.message).toContain(path);
      expect((await stat(path)).isDirectory()).toBe(true);
      expect((await readdir(join(home, 'ops'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(server.services.settings.get().theme).toBe('system');
    } finally {
      await server.close();
    }
  });

  it.skipIf(!chattrWorks())(
    'answers 503 and keeps the previous file intact when config.json is immutable',
    async () => {
      const home = await tempDir('attune-settings-storage-');
      const path = join(home, 'ops', 'config.json');
      await mkdir(join(home, 'ops'), { recursive: true });
      const before = `${JSON.stringify({ version: 1, settings: { theme: 'light' } })}\n`;
      await writeFile(path, before);
      try {
        execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
      } catch {
        return expect.fail(`chattr +i is not supported on ${home}'s file system`);
      }
      immutable.push(path);
      const server = await startTestServer({ home, checked: true });
      try {
        const answer = await server.api('/api/settings', { method: 'PUT', json: { theme: 'dark' } });
        expect(answer.status).toBe(503);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
        expect(await readFile(path, 'utf8')).toBe(before);
        expect(server.services.settings.get().theme).toBe('light');
      } finally {
        await server.close();
      }
    },
  );

  it('answers 507 storage_full and keeps the previous file when the home file system is full', async () => {
    const tmpfs = mountSmallTmpfs({ sizeKiB: 256 });
    if (tmpfs.kind === 'refused') return expect.fail(tmpfs.reason);
    unmounts.push(tmpfs.unmount);
    const home = tmpfs.dir;
    const path = join(home, 'ops', 'config.json');
    await mkdir(join(home, 'ops'), { recursive: true });
    const before = `${JSON.stringify({ version: 1, settings: { theme: 'light' } })}\n`;
    await writeFile(path, before);
    const server = await startTestServer({ home });
    try {
      await fillToTheLastByte(join(home, 'filler'));
      const answer = await server.api('/api/settings', { method: 'PUT', json: { theme: 'dark' } });
      expect(answer.status).toBe(507);
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('storage_full');
      expect(body.error.message).toContain(path);
      expect(await readFile(path, 'utf8')).toBe(before);
      expect((await readdir(join(home, 'ops'))).filter((name) => name.includes('.tmp'))).toEqual([]);
      expect(server.services.settings.get().theme).toBe('light');
    } finally {
      await server.close();
    }
  });
});

/** Appends to `path` until the file system answers ENOSPC (then nothing more fits). */
async function fillToTheLastByte(path: string): Promise<void> {
  for (const size of [64 * 1024, 4096, 1]) {
    for (;;) {
      try {
        await appendFile(path, Buffer.alloc(size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
  }
}
