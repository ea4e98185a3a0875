/**
 * writeFileAtomic / writeFileAtomicNowSync on real file systems: 0600 files in 0700
 * folders; on a full small tmpfs (ENOSPC -> 507) and on a read-only one (EROFS -> 503)
 * the temp file is gone, the previous file is intact and the error names the path.
 * Mounting needs root; without it those cases skip with the reason.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { stableJson, writeFileAtomic, writeFileAtomicNowSync } from '../../main/core/atomic-write.js';
import { OpsError } from '../../main/core/errors.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { mountSmallTmpfs, probeTmpfs } from './small-tmpfs.js';

const refused = probeTmpfs();
const unmounts: Array<() => void> = [];
afterEach(() => unmounts.splice(0).forEach((u) => u()));
afterAll(removeTempDirs);

function mounted(options: { sizeKiB?: number }) {
  const fs = mountSmallTmpfs(options);
  if (fs.kind === 'refused') throw new Error(fs.reason);
  unmounts.push(fs.unmount);
  return fs;
}

const big = 'x'.repeat(200 * 1024);
const writers = [
  ['writeFileAtomic', (path: string, data: string) => writeFileAtomic(path, data)],
  ['writeFileAtomicNowSync', async (path: string, data: string) => writeFileAtomicNowSync(path, data)],
] as const;

describe.each(writers)('%s', (_name, write) => {
  it('creates missing folders 0700 and the file 0600, leaving no temp file', async () => {
    const root = await tempDir();
    const path = join(root, 'a', 'b', 'config.json');
    await write(path, '{"v":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"v":1}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'a', 'b')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['config.json']);
  });

  it.skipIf(refused !== undefined)(
    `on a full disk: 507 with the path, old file intact, no temp file (${refused ?? 'tmpfs'})`,
    async () => {
      const { dir } = mounted({ sizeKiB: 64 });
      const path = join(dir, 'config.json');
      writeFileSync(path, 'previous\n');
      const error = await write(path, big).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OpsError);
      expect(error).toMatchObject({ status: 507, code: 'storage_full', details: { path, reason: 'ENOSPC' } });
      expect(readFileSync(path, 'utf8')).toBe('previous\n');
      expect(readdirSync(dir)).toEqual(['config.json']);
    },
  );

  it.skipIf(refused !== undefined)(
    `on a read-only file system: 503 with the path, old file intact (${refused ?? 'tmpfs'})`,
    async () => {
      const fs = mounted({ sizeKiB: 64 });
      const path = join(fs.dir, 'config.json');
      writeFileSync(path, 'previous\n');
      fs.remountReadOnly();
      const error = await write(path, 'new\n').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status: 503, code: 'storage_unavailable', details: { path, reason: 'EROFS' } });
      expect(readFileSync(path, 'utf8')).toBe('previous\n');
      expect(readdirSync(fs.dir)).toEqual(['config.json']);
    },
  );

  it('when a folder is in the way of the target: 503, the folder kept, no temp file', async () => {
    const root = await tempDir();
    const path = join(root, 'config.json');
    await write(join(path, 'inner'), 'x');
    const error = await write(path, 'new').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 503, code: 'storage_unavailable', details: { path } });
    expect(readdirSync(root)).toEqual(['config.json']);
    expect(statSync(path).isDirectory()).toBe(true);
  });
});

describe('stableJson', () => {
  it('sorts keys at every level, drops undefined, ends with a newline', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});
