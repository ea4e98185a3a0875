/**
 * The whole IPC surface between the console page and the main process: three channels.
 *
 *   OPEN_EXTERNAL_CHANNEL  page → main (invoke): open a link in the system browser
 *   OPEN_PROJECT_CHANNEL   page → main (invoke): open a project (folder dialog, or a recent one)
 *   TRAY_COMMAND_CHANNEL   main → page (send): a tray action the page should follow
 *
 * The preload (electron/preload.cts) repeats these names because a sandboxed preload
 * cannot import local modules; test/electron/ipc-preload.test.ts keeps the two in step.
 * The main side trusts nothing from the page: the sender must be the ops server's
 * origin, the URL must parse as http(s), a project path is checked by the switcher.
 * Nothing secret ever crosses IPC.
 */
import type { ProjectSwitcher } from './project-switch.js';
import { isSameOrigin, parseExternalUrl } from './security.js';
import type { ShellLike } from './shell-types.js';

export const OPEN_EXTERNAL_CHANNEL = 'attune:open-external';
export const TRAY_COMMAND_CHANNEL = 'attune:tray-command';
export const OPEN_PROJECT_CHANNEL = 'attune:open-project';
/** The app version reaches the sandboxed preload as a command-line switch. */
export const APP_VERSION_SWITCH = '--attune-app-version=';

export type OpenExternalOutcome = { kind: 'opened'; url: string } | { kind: 'refused'; reason: string };

export interface OpenExternalRequest {
  /** URL of the frame that sent the request (`event.senderFrame.url`). */
  senderUrl: string | undefined;
  url: unknown;
}

/** Why: the page is less trusted than the main process; a link is data, checked here. */
export async function handleOpenExternal(
  request: OpenExternalRequest,
  options: { origin: string; shell: ShellLike },
): Promise<OpenExternalOutcome> {
  if (!request.senderUrl || !isSameOrigin(request.senderUrl, options.origin)) {
    return { kind: 'refused', reason: 'the request did not come from the ops console' };
  }
  if (typeof request.url !== 'string') return { kind: 'refused', reason: 'the link is not a string' };
  const parsed = parseExternalUrl(request.url);
  if (!parsed) return { kind: 'refused', reason: 'only http and https links open in the browser' };
  await options.shell.openExternal(parsed.href);
  return { kind: 'opened', url: parsed.href };
}

/** What the page hears back: the outcome's kind and, when nothing opened, why. */
export type OpenProjectAnswer = { kind: 'opened' | 'cancelled' } | { kind: 'kept' | 'refused'; reason: string };

export interface OpenProjectIpcRequest {
  senderUrl: string | undefined;
  /** Absent: the folder dialog; a string: one of the recent projects. */
  root: unknown;
}

/** Why: the page may only ask; the folder it names is checked by the switcher. */
export async function handleOpenProject(
  request: OpenProjectIpcRequest,
  options: { origin: string; switcher: ProjectSwitcher | undefined },
): Promise<OpenProjectAnswer> {
  if (!request.senderUrl || !isSameOrigin(request.senderUrl, options.origin))
    return { kind: 'refused', reason: 'the request did not come from the ops console' };
  if (!options.switcher) return { kind: 'refused', reason: 'the app is still starting; try again in a moment' };
  if (request.root !== undefined && request.root !== null && typeof request.root !== 'string')
    return { kind: 'refused', reason: 'the project must be given as a folder path' };
  const outcome = await options.switcher.open(
    typeof request.root === 'string' ? { kind: 'recent', root: request.root } : { kind: 'dialog' },
  );
  return outcome.kind === 'opened' || outcome.kind === 'cancelled'
    ? { kind: outcome.kind }
    : { kind: outcome.kind, reason: outcome.reason };
}
