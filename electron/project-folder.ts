/**
 * The desktop app's projects, decided on the main side: whether a folder can be a project
 * (checked here whatever the page or a dialog handed over), why a launch shows the welcome
 * screen instead of a project, and the recent list after opening one.
 *
 * Invariants: a project root is an absolute, existing, readable folder, named by its real
 * path (symlinks resolved, so the recent list has no duplicates); the recent list is most
 * recent first, without duplicates, at most RECENT_PROJECTS_MAX entries.
 */
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

export const RECENT_PROJECTS_MAX = 10;

export type FolderProblem = 'invalid' | 'missing' | 'not-a-folder' | 'unreadable';
export type FolderCheck = { kind: 'ok'; root: string } | { kind: 'refused'; problem: FolderProblem; reason: string };

/** Why: the renderer and the OS dialog are inputs; only a real folder becomes the project. */
export async function checkProjectFolder(candidate: unknown): Promise<FolderCheck> {
  if (typeof candidate !== 'string' || candidate.trim() === '')
    return { kind: 'refused', problem: 'invalid', reason: 'no folder was given' };
  if (!isAbsolute(candidate) || candidate.includes('\0'))
    return { kind: 'refused', problem: 'invalid', reason: `${candidate} is not an absolute folder path` };
  const stats = await stat(candidate).catch(() => undefined);
  if (!stats) return { kind: 'refused', problem: 'missing', reason: `${candidate} does not exist (moved or deleted?)` };
  if (!stats.isDirectory()) return { kind: 'refused', problem: 'not-a-folder', reason: `${candidate} is not a folder` };
  const readable = await access(candidate, constants.R_OK | constants.X_OK).then(
    () => true,
    () => false,
  );
  if (!readable) return { kind: 'refused', problem: 'unreadable', reason: `${candidate} cannot be read by this user` };
  return { kind: 'ok', root: await realpath(candidate) };
}

/** What the launch opened: a project, or the welcome screen and why (in the page's query). */
export type ProjectLaunch =
  { kind: 'project'; root: string } | { kind: 'welcome'; why: WelcomeReason; savedRoot: string | null };

/** `first`: nothing chosen yet; otherwise why the saved project is no longer a usable folder. */
export type WelcomeReason = 'first' | Exclude<FolderProblem, 'invalid'>;

export interface LaunchProjectInput {
  /** `--project-root` was given (it wins for this launch). */
  fromFlag: boolean;
  /** `$ATTUNE_PROJECT_ROOT` was set. */
  fromEnv: boolean;
  /** The saved `desktopProjectRoot` (null: none saved). */
  savedRoot: string | null;
  /** The root the launch loader settled on. */
  configRoot: string;
  /** The saved root's check, when the launch loader skipped it. */
  savedProblem: FolderProblem | null;
}

/**
 * Why: a double-clicked app without a project must not quietly serve the home folder;
 * a saved project that is gone says so instead of serving the fallback as if chosen.
 */
export function launchProject(input: LaunchProjectInput): ProjectLaunch {
  if (input.fromFlag) return { kind: 'project', root: input.configRoot };
  if (input.savedRoot !== null) {
    if (input.savedProblem === null) return { kind: 'project', root: input.configRoot };
    const why = input.savedProblem === 'invalid' ? 'missing' : input.savedProblem;
    return { kind: 'welcome', why, savedRoot: input.savedRoot };
  }
  if (input.fromEnv) return { kind: 'project', root: input.configRoot };
  return { kind: 'welcome', why: 'first', savedRoot: null };
}

/** The console path the window opens first. */
export function launchPath(project: ProjectLaunch): string {
  return project.kind === 'project' ? '/' : `/?welcome=${project.why}`;
}

export function withRecentProject(recent: readonly string[], root: string): string[] {
  return [root, ...recent.filter((entry) => entry !== root)].slice(0, RECENT_PROJECTS_MAX);
}
