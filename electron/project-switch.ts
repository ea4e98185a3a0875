/**
 * Opening a project in the desktop app (the welcome screen's and the header's button, the
 * tray's Projects items): pick or take the folder, check it on this side, ask before
 * cancelling running runs, restart the ops server on it, save it as the last and most
 * recent project, and show the console on it.
 *
 * Invariants: a path from the page is opened only if it is in the saved recent list and
 * passes checkProjectFolder (the page is less trusted than the main process); one switch
 * at a time; running runs are cancelled (and recorded so) only after the user agreed;
 * every outcome that opens nothing says why in words.
 */
import { checkProjectFolder } from './project-folder.js';
import type { ProjectStore } from './ops-host.js';
import type { LoggerLike } from './shell-types.js';

export type OpenProjectRequest = { kind: 'dialog' } | { kind: 'recent'; root: unknown };

export type OpenProjectOutcome =
  | { kind: 'opened'; root: string }
  /** The folder dialog was dismissed. */
  | { kind: 'cancelled' }
  /** Runs are in progress and the user chose to keep them. */
  | { kind: 'kept'; reason: string }
  | { kind: 'refused'; reason: string };

export interface ProjectSwitcherDeps {
  /** The native folder dialog; null when dismissed. */
  chooseFolder(): Promise<string | null>;
  /** Asks whether to cancel `running` runs to open `to`; true when the user agrees. */
  confirmCancelRuns(question: { running: number; from: string; to: string }): Promise<boolean>;
  runningRuns(): number;
  projects: ProjectStore;
  /** False while the welcome screen stands for "no project chosen yet". */
  chosen: boolean;
  switchTo(root: string): Promise<void>;
  /** Shows the console on the new project and refreshes the tray. */
  afterSwitch(root: string): void;
  logger: LoggerLike;
}

export interface ProjectSwitcher {
  open(request: OpenProjectRequest): Promise<OpenProjectOutcome>;
  /** Whether a project was chosen (launch flag, saved project, or opened here). */
  isChosen(): boolean;
}

export function createProjectSwitcher(deps: ProjectSwitcherDeps): ProjectSwitcher {
  let chosen = deps.chosen;
  let busy = false;

  const candidate = async (request: OpenProjectRequest): Promise<{ path: string } | OpenProjectOutcome> => {
    if (request.kind === 'dialog') {
      const picked = await deps.chooseFolder();
      return picked === null ? { kind: 'cancelled' } : { path: picked };
    }
    if (typeof request.root !== 'string' || !deps.projects.recent().includes(request.root))
      return { kind: 'refused', reason: 'that folder is not in the recent projects list' };
    return { path: request.root };
  };

  const open = async (request: OpenProjectRequest): Promise<OpenProjectOutcome> => {
    const picked = await candidate(request);
    if (!('path' in picked)) return picked;
    const check = await checkProjectFolder(picked.path);
    if (check.kind === 'refused') return { kind: 'refused', reason: `The folder cannot be opened: ${check.reason}.` };
    const { root } = check;
    const from = deps.projects.current();
    if (chosen && root === from) {
      deps.afterSwitch(root);
      return { kind: 'opened', root };
    }
    const running = deps.runningRuns();
    if (running > 0 && !(await deps.confirmCancelRuns({ running, from, to: root })))
      return {
        kind: 'kept',
        reason: `${runsWord(running)} still in progress in ${from}; the project was not changed.`,
      };
    try {
      await deps.switchTo(root);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.warn({ err: error }, 'could not open the project');
      return { kind: 'refused', reason: `The project could not be opened: ${reason}` };
    }
    chosen = true;
    await deps.projects
      .remember(root)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not save the project in the settings'));
    deps.logger.info({ running }, 'project opened');
    deps.afterSwitch(root);
    return { kind: 'opened', root };
  };

  return {
    isChosen: () => chosen,
    async open(request) {
      if (busy) return { kind: 'refused', reason: 'Another project is being opened; try again in a moment.' };
      busy = true;
      try {
        return await open(request);
      } finally {
        busy = false;
      }
    },
  };
}

export function runsWord(count: number): string {
  return count === 1 ? '1 run is' : `${count} runs are`;
}
