/**
 * The tray controller: follows the status source and keeps the tray's icon, tooltip
 * and context menu in step with it, and turns menu actions into effects.
 *
 * Invariants:
 *   - the appearance is `trayView(...)` of the latest status (pure, see tray-view.ts);
 *     the icon and tooltip update synchronously on every status change, the menu is
 *     rebuilt then too (Linux shows only the menu, and only when it is re-set);
 *   - recent runs are fetched asynchronously; a failed fetch keeps the last list and is
 *     logged, it never breaks the tray;
 *   - a menu action's failure (cancel of a run that just ended…) is logged, never thrown
 *     into Electron's menu code.
 */
import type {
  LoggerLike,
  OpsStatus,
  RunBrief,
  RunControlLike,
  StatusSourceLike,
  TrayAction,
  TrayLike,
  TrayProjects,
} from './shell-types.js';
import type { OpenProjectRequest } from './project-switch.js';
import { RECENT_RUNS_IN_MENU, trayView } from './tray-view.js';

export interface TrayActions {
  openConsole(): void;
  openRun(runId: string): void;
  refreshSpend(): Promise<void>;
  openInBrowser(): Promise<void>;
  setStartAtLogin(enabled: boolean): Promise<void>;
  openProject(request: OpenProjectRequest): Promise<void>;
  quit(): void;
}

export interface TrayControllerOptions {
  tray: TrayLike;
  status: StatusSourceLike;
  runs: RunControlLike;
  actions: TrayActions;
  logger: LoggerLike;
  productName: string;
  startAtLogin: () => boolean;
  /** The Projects section's data; absent: no such section. */
  projects?: () => TrayProjects;
}

export interface TrayController {
  /** Re-renders from the current status (after a setting such as start-at-login changed). */
  render(): void;
  dispose(): void;
}

export function startTrayController(options: TrayControllerOptions): TrayController {
  const { tray, logger } = options;
  let status: OpsStatus = options.status.current();
  let recentRuns: RunBrief[] = [];
  let lastFinishedId: string | null | undefined;
  let disposed = false;

  const render = () => {
    if (disposed) return;
    const view = trayView({
      status,
      recentRuns,
      startAtLogin: options.startAtLogin(),
      productName: options.productName,
      ...(options.projects && { projects: options.projects() }),
    });
    tray.setImage(view.icon);
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(view.menu, onAction);
  };

  const refreshRecent = () => {
    const finishedId = status.runs.lastFinished?.id ?? null;
    if (finishedId === lastFinishedId) return;
    lastFinishedId = finishedId;
    options.runs.recent(RECENT_RUNS_IN_MENU + status.runs.running.length).then(
      (runs) => {
        recentRuns = runs;
        render();
      },
      (error: unknown) => logger.warn({ err: error }, 'could not list recent runs for the tray menu'),
    );
  };

  const onAction = (action: TrayAction) => {
    run(action).catch((error: unknown) => logger.warn({ err: error, action: action.kind }, 'tray action failed'));
  };

  const run = async (action: TrayAction): Promise<void> => {
    const { actions } = options;
    switch (action.kind) {
      case 'open-console':
        return actions.openConsole();
      case 'refresh-spend':
        return actions.refreshSpend();
      case 'open-run':
        return actions.openRun(action.runId);
      case 'cancel-run':
        return options.runs.cancel(action.runId);
      case 'open-in-browser':
        return actions.openInBrowser();
      case 'toggle-start-at-login':
        await actions.setStartAtLogin(!options.startAtLogin());
        return render();
      case 'open-project-folder':
        return actions.openProject({ kind: 'dialog' });
      case 'open-recent-project':
        return actions.openProject({ kind: 'recent', root: action.root });
      case 'quit':
        return actions.quit();
    }
  };

  tray.onClick(() => options.actions.openConsole());
  const unsubscribe = options.status.onChange((next) => {
    status = next;
    render();
    refreshRecent();
  });
  render();
  refreshRecent();

  return {
    render,
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
