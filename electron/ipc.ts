/**
 * The whole IPC surface between the console page and the main process: two channels.
 *
 *   OPEN_EXTERNAL_CHANNEL  page → main (invoke): open a link in the system browser
 *   TRAY_COMMAND_CHANNEL   main → page (send): a tray action the page should follow
 *
 * The preload (electron/preload.cts) repeats these names because a sandboxed preload
 * cannot import local modules; test/electron/ipc-preload.test.ts keeps the two in step.
 * The main side trusts nothing from the page: the sender must be the ops server's
 * origin and the URL must parse as http(s). Nothing secret ever crosses IPC.
 */
import { isSameOrigin, parseExternalUrl } from './security.js';
import type { ShellLike } from './shell-types.js';

export const OPEN_EXTERNAL_CHANNEL = 'attune:open-external';
export const TRAY_COMMAND_CHANNEL = 'attune:tray-command';
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
