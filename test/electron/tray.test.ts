import { describe, expect, it, vi } from 'vitest';
import { startTrayController, type TrayActions } from '../../electron/tray.js';
import type { RunBrief } from '../../electron/shell-types.js';
import { FakeTray, fakeStatusSource, recordingLogger, run, status } from './fakes.js';

function setup(recent: RunBrief[] = []) {
  const tray = new FakeTray();
  const source = fakeStatusSource(status());
  const runs = { cancel: vi.fn(async () => undefined), recent: vi.fn(async () => recent) };
  let startAtLogin = false;
  const actions: TrayActions = {
    openConsole: vi.fn(),
    openRun: vi.fn(),
    refreshSpend: vi.fn(async () => undefined),
    openInBrowser: vi.fn(async () => undefined),
    setStartAtLogin: vi.fn(async (enabled: boolean) => void (startAtLogin = enabled)),
    openProject: vi.fn(async () => undefined),
    quit: vi.fn(),
  };
  const logger = recordingLogger();
  const controller = startTrayController({
    tray,
    status: source,
    runs,
    actions,
    logger,
    productName: 'Attune Ops',
    startAtLogin: () => startAtLogin,
  });
  return { tray, source, runs, actions, logger, controller };
}

describe('tray controller', () => {
  it('renders the current state at start and follows every status change synchronously', () => {
    const { tray, source } = setup();
    expect(tray.images).toEqual(['ok']);
    source.emit(status({ overall: 'running', running: [run('r1', 'running')] }));
    expect(tray.images.at(-1)).toBe('running');
    expect(tray.tooltips.at(-1)).toContain('1 running');
    expect(tray.menus.at(-1)!.some((entry) => entry.label === 'Running runs (1)')).toBe(true);
  });

  it('refetches recent runs when a run finishes and rebuilds the menu with them', async () => {
    const { tray, source, runs } = setup([run('r1', 'succeeded', { workflow: 'build' })]);
    source.emit(status({ lastFinished: run('r1', 'succeeded') }));
    await vi.waitFor(() =>
      expect(tray.menus.at(-1)!.find((entry) => entry.label === 'Recent runs')!.submenu![0]!.label).toBe(
        'build — succeeded',
      ),
    );
    const calls = runs.recent.mock.calls.length;
    source.emit(status({ overall: 'warning', lastFinished: run('r1', 'succeeded') }));
    expect(runs.recent.mock.calls.length).toBe(calls);
  });

  it('turns menu actions into effects, and toggling start-at-login re-renders the checkbox', async () => {
    const { tray, actions, runs } = setup();
    tray.onAction!({ kind: 'cancel-run', runId: 'r7' });
    tray.onAction!({ kind: 'open-run', runId: 'r8' });
    tray.onAction!({ kind: 'quit' });
    tray.onAction!({ kind: 'toggle-start-at-login' });
    expect(runs.cancel).toHaveBeenCalledWith('r7');
    expect(actions.openRun).toHaveBeenCalledWith('r8');
    expect(actions.quit).toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(tray.menus.at(-1)!.find((entry) => entry.label === 'Start at login')!.checked).toBe(true),
    );
    tray.clickListener!();
    expect(actions.openConsole).toHaveBeenCalled();
  });

  it('turns the Projects items into open-project requests', () => {
    const { tray, actions } = setup();
    tray.onAction!({ kind: 'open-project-folder' });
    tray.onAction!({ kind: 'open-recent-project', root: '/work/app' });
    expect(actions.openProject).toHaveBeenNthCalledWith(1, { kind: 'dialog' });
    expect(actions.openProject).toHaveBeenNthCalledWith(2, { kind: 'recent', root: '/work/app' });
  });

  it('logs a failing action instead of throwing into the menu', async () => {
    const { tray, runs, logger } = setup();
    runs.cancel.mockRejectedValueOnce(new Error('unknown_run'));
    tray.onAction!({ kind: 'cancel-run', runId: 'gone' });
    await vi.waitFor(() => expect(logger.records.some((r) => r.message === 'tray action failed')).toBe(true));
  });

  it('stops following the status after dispose', () => {
    const { tray, source, controller } = setup();
    controller.dispose();
    const before = tray.images.length;
    source.emit(status({ overall: 'error' }));
    expect(tray.images.length).toBe(before);
  });
});
