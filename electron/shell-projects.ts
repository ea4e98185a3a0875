/**
 * The shell's project switching, wired once the window and the tray exist: the switcher
 * (electron/project-switch.ts) over the injected ops host and native dialogs, reloading
 * the console on the new project and re-rendering the tray after a switch.
 *
 * Invariants: a switch asked from the tray that opens nothing says why (an error box for
 * a refusal; a declined run cancellation is the user's own answer, so only logged); the
 * console always reloads at `/` on the same origin, so its session cookie stays valid.
 */
import type { ProjectStore } from './ops-host.js';
import type { ProjectLaunch } from './project-folder.js';
import { createProjectSwitcher, type OpenProjectRequest, type ProjectSwitcher } from './project-switch.js';
import type { LoggerLike, TrayProjects, WindowLike } from './shell-types.js';
import { revealWindow } from './window.js';

/** What the composition root gives the shell for projects (absent: no switching). */
export interface ShellProjects {
  launch: ProjectLaunch;
  store: ProjectStore;
  runningRuns(): number;
  switchTo(root: string): Promise<void>;
  chooseFolder(): Promise<string | null>;
  confirmCancelRuns(question: { running: number; from: string; to: string }): Promise<boolean>;
}

export interface ShellProjectsWiring {
  switcher: ProjectSwitcher;
  trayProjects: () => TrayProjects;
  openFromTray(request: OpenProjectRequest): Promise<void>;
}

export function wireProjects(options: {
  projects: ShellProjects;
  window: WindowLike;
  serverUrl: string;
  logger: LoggerLike;
  /** Re-renders the tray (its Projects section changed); set once the tray exists. */
  renderTray: () => void;
  reportError: (title: string, message: string) => void;
}): ShellProjectsWiring {
  const { projects, window, logger } = options;
  const switcher = createProjectSwitcher({
    chooseFolder: () => projects.chooseFolder(),
    confirmCancelRuns: (question) => projects.confirmCancelRuns(question),
    runningRuns: () => projects.runningRuns(),
    projects: projects.store,
    chosen: projects.launch.kind === 'project',
    switchTo: (root) => projects.switchTo(root),
    afterSwitch: () => {
      options.renderTray();
      if (window.isDestroyed()) return;
      window
        .loadURL(`${options.serverUrl}/`)
        .catch((error: unknown) => logger.warn({ err: error }, 'could not show the console on the new project'));
      revealWindow(window);
    },
    logger,
  });
  return {
    switcher,
    trayProjects: () => ({
      current: switcher.isChosen() ? projects.store.current() : null,
      recent: projects.store.recent(),
    }),
    async openFromTray(request) {
      const outcome = await switcher.open(request);
      if (outcome.kind === 'refused') options.reportError('Could not open the project', outcome.reason);
      else if (outcome.kind === 'kept') logger.info({}, outcome.reason);
    },
  };
}
