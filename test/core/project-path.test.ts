/**
 * resolveProjectPath on a real folder tree: containment is decided on path segments, so
 * folders whose names start with dots (`..cache`, `...`, `a/..b`) are inside the project,
 * while `..`, `a/../..` and a symlink leading out are refused.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProjectPath } from '../../main/core/project-path.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

let root: string;
beforeAll(async () => {
  const parent = await tempDir();
  root = join(parent, 'project');
  for (const dir of ['..cache', '...', 'a/..b', 'a/b']) mkdirSync(join(root, dir), { recursive: true });
  mkdirSync(join(parent, 'sibling'));
  symlinkSync(join(parent, 'sibling'), join(root, 'out'));
});
afterAll(removeTempDirs);

describe('resolveProjectPath', () => {
  it.each(['..cache', '...', 'a/..b', 'a/b/../..b', '', '.'])('accepts %j as inside the project', async (input) => {
    const result = await resolveProjectPath(root, input);
    expect(result.kind).toBe('ok');
  });

  it('keeps the relative form of a dotted folder', async () => {
    expect(await resolveProjectPath(root, 'a/..b')).toMatchObject({ kind: 'ok', relative: 'a/..b' });
    expect(await resolveProjectPath(root, '..cache')).toMatchObject({ kind: 'ok', relative: '..cache' });
  });

  it.each(['..', 'a/../..', '../sibling', 'out'])('refuses %j as outside the project', async (input) => {
    const result = await resolveProjectPath(root, input);
    expect(result).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('outside the project root') });
  });

  it('refuses absolute paths and NUL bytes', async () => {
    expect((await resolveProjectPath(root, '/etc')).kind).toBe('invalid');
    expect((await resolveProjectPath(root, 'a\0b')).kind).toBe('invalid');
  });
});
