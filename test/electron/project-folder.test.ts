import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkProjectFolder,
  launchPath,
  launchProject,
  withRecentProject,
  type LaunchProjectInput,
} from '../../electron/project-folder.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

describe('checking a chosen project folder on the main side', () => {
  it('accepts a real folder by its real path and refuses everything else with a reason', async () => {
    const base = await tempDir('attune-project-folder-');
    const folder = join(base, 'app');
    await mkdir(folder);
    await writeFile(join(base, 'file.txt'), 'x');
    await symlink(folder, join(base, 'link'));
    expect(await checkProjectFolder(folder)).toEqual({ kind: 'ok', root: folder });
    expect(await checkProjectFolder(join(base, 'link'))).toEqual({ kind: 'ok', root: folder });
    expect(await checkProjectFolder(join(base, 'gone'))).toMatchObject({ kind: 'refused', problem: 'missing' });
    expect(await checkProjectFolder(join(base, 'file.txt'))).toMatchObject({
      kind: 'refused',
      problem: 'not-a-folder',
      reason: `${join(base, 'file.txt')} is not a folder`,
    });
    for (const bad of ['relative/app', '', 42, null, `${folder}\0x`])
      expect(await checkProjectFolder(bad)).toMatchObject({ kind: 'refused', problem: 'invalid' });
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder this user cannot read', async () => {
    const locked = join(await tempDir('attune-project-folder-'), 'locked');
    await mkdir(locked);
    await chmod(locked, 0o000);
    try {
      expect(await checkProjectFolder(locked)).toMatchObject({ kind: 'refused', problem: 'unreadable' });
    } finally {
      await chmod(locked, 0o700);
    }
  });
});

describe('what a launch opens', () => {
  const input = (over: Partial<LaunchProjectInput>): LaunchProjectInput => ({
    fromFlag: false,
    fromEnv: false,
    savedRoot: null,
    configRoot: '/home/u',
    savedProblem: null,
    ...over,
  });

  it('a flag, a usable saved project or $ATTUNE_PROJECT_ROOT is the project; nothing chosen is the welcome screen', () => {
    expect(launchProject(input({ fromFlag: true, savedRoot: '/gone', savedProblem: 'missing' }))).toEqual({
      kind: 'project',
      root: '/home/u',
    });
    expect(launchProject(input({ savedRoot: '/home/u' }))).toEqual({ kind: 'project', root: '/home/u' });
    expect(launchProject(input({ fromEnv: true }))).toEqual({ kind: 'project', root: '/home/u' });
    const first = launchProject(input({}));
    expect(first).toEqual({ kind: 'welcome', why: 'first', savedRoot: null });
    expect(launchPath(first)).toBe('/?welcome=first');
  });

  it('a saved project that is gone is the welcome screen with the reason, not the fallback folder', () => {
    const gone = launchProject(input({ savedRoot: '/w/app', savedProblem: 'not-a-folder', fromEnv: true }));
    expect(gone).toEqual({ kind: 'welcome', why: 'not-a-folder', savedRoot: '/w/app' });
    expect(launchPath(gone)).toBe('/?welcome=not-a-folder');
    expect(launchPath({ kind: 'project', root: '/w/app' })).toBe('/');
  });

  it('keeps the recent list most recent first, without duplicates, at most 10', () => {
    expect(withRecentProject(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    const eleven = withRecentProject(
      Array.from({ length: 10 }, (_, i) => `/p${i}`),
      '/new',
    );
    expect(eleven).toHaveLength(10);
    expect(eleven[0]).toBe('/new');
    expect(eleven).not.toContain('/p9');
  });
});
