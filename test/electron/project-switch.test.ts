import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createProjectSwitcher, type ProjectSwitcherDeps } from '../../electron/project-switch.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { recordingLogger } from './fakes.js';

afterAll(removeTempDirs);

async function setup(over: Partial<ProjectSwitcherDeps> = {}) {
  const base = await tempDir('attune-switch-');
  const [a, b] = [join(base, 'a'), join(base, 'b')];
  await mkdir(a);
  await mkdir(b);
  let current = a;
  let recent = [a];
  const deps = {
    chooseFolder: vi.fn(async (): Promise<string | null> => b),
    confirmCancelRuns: vi.fn(async () => false),
    runningRuns: vi.fn(() => 0),
    projects: {
      current: () => current,
      recent: () => recent,
      remember: vi.fn(async (root: string) => void (recent = [root, ...recent.filter((r) => r !== root)])),
    },
    chosen: true,
    switchTo: vi.fn(async (root: string) => void (current = root)),
    afterSwitch: vi.fn(),
    logger: recordingLogger(),
  };
  const all: ProjectSwitcherDeps = { ...deps, ...over };
  return { deps, switcher: createProjectSwitcher(all), a, b, base, current: () => current };
}

describe('opening a project', () => {
  it('opens the folder picked in the dialog: restart on it, save it, show it', async () => {
    const { deps, switcher, b, current } = await setup();
    expect(await switcher.open({ kind: 'dialog' })).toEqual({ kind: 'opened', root: b });
    expect(deps.switchTo).toHaveBeenCalledWith(b);
    expect(deps.projects.remember).toHaveBeenCalledWith(b);
    expect(deps.afterSwitch).toHaveBeenCalledWith(b);
    expect(current()).toBe(b);
    expect(deps.confirmCancelRuns).not.toHaveBeenCalled();
  });

  it('a dismissed dialog or a folder that is not one opens nothing, and says why', async () => {
    const { deps, switcher, base } = await setup();
    deps.chooseFolder.mockResolvedValueOnce(null);
    expect(await switcher.open({ kind: 'dialog' })).toEqual({ kind: 'cancelled' });
    deps.chooseFolder.mockResolvedValueOnce(join(base, 'gone'));
    expect(await switcher.open({ kind: 'dialog' })).toEqual({
      kind: 'refused',
      reason: `The folder cannot be opened: ${join(base, 'gone')} does not exist (moved or deleted?).`,
    });
    expect(deps.switchTo).not.toHaveBeenCalled();
  });

  it('opens from the page only a path in the saved recent list', async () => {
    const { deps, switcher, a, b } = await setup({ chosen: false });
    expect(await switcher.open({ kind: 'recent', root: b })).toMatchObject({
      kind: 'refused',
      reason: /recent projects/,
    });
    expect(await switcher.open({ kind: 'recent', root: { toString: () => a } })).toMatchObject({ kind: 'refused' });
    expect(deps.switchTo).not.toHaveBeenCalled();
    // Not chosen yet (welcome screen): the same root as served is restarted and saved.
    expect(switcher.isChosen()).toBe(false);
    expect(await switcher.open({ kind: 'recent', root: a })).toEqual({ kind: 'opened', root: a });
    expect(deps.switchTo).toHaveBeenCalledWith(a);
    expect(switcher.isChosen()).toBe(true);
    // Already the project: shown again, no restart.
    expect(await switcher.open({ kind: 'recent', root: a })).toEqual({ kind: 'opened', root: a });
    expect(deps.switchTo).toHaveBeenCalledTimes(1);
  });

  it('asks before cancelling running runs, and keeps them when the user says no', async () => {
    const { deps, switcher, a, b } = await setup({ runningRuns: vi.fn(() => 2) });
    expect(await switcher.open({ kind: 'dialog' })).toEqual({
      kind: 'kept',
      reason: `2 runs are still in progress in ${a}; the project was not changed.`,
    });
    expect(deps.confirmCancelRuns).toHaveBeenCalledWith({ running: 2, from: a, to: b });
    expect(deps.switchTo).not.toHaveBeenCalled();
    deps.confirmCancelRuns.mockResolvedValueOnce(true);
    expect(await switcher.open({ kind: 'dialog' })).toEqual({ kind: 'opened', root: b });
  });

  it('a restart that fails is reported in words and nothing is saved', async () => {
    const { deps, switcher } = await setup({
      switchTo: vi.fn(async () => Promise.reject(new Error('the project root /x does not exist'))),
    });
    expect(await switcher.open({ kind: 'dialog' })).toEqual({
      kind: 'refused',
      reason: 'The project could not be opened: the project root /x does not exist',
    });
    expect(deps.projects.remember).not.toHaveBeenCalled();
    expect(deps.afterSwitch).not.toHaveBeenCalled();
  });

  it('runs one switch at a time', async () => {
    let release: (() => void) | undefined;
    const switchTo = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const { switcher } = await setup({ switchTo });
    const first = switcher.open({ kind: 'dialog' });
    await vi.waitFor(() => expect(switchTo).toHaveBeenCalledOnce());
    expect(await switcher.open({ kind: 'dialog' })).toMatchObject({ kind: 'refused', reason: /Another project/ });
    release!();
    expect((await first).kind).toBe('opened');
    expect(switchTo).toHaveBeenCalledOnce();
  });
});
