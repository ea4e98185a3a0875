/**
 * The console window's preload (sandboxed, so CommonJS and only 'electron' may be
 * required). It exposes `window.attuneDesktop` through contextBridge with five named
 * members and nothing else: never ipcRenderer itself, never an event object, never a
 * secret (the admin key stays in the main process's core; the launch token is an
 * HttpOnly cookie the page cannot read).
 *
 * Channel names repeat electron/ipc.ts (a sandboxed preload cannot import it); a test
 * compares them.
 */
// A sandboxed preload must be CommonJS, and verbatimModuleSyntax allows only this form in a .cts file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';

const { contextBridge, ipcRenderer } = electron;

const OPEN_EXTERNAL_CHANNEL = 'attune:open-external';
const TRAY_COMMAND_CHANNEL = 'attune:tray-command';
const OPEN_PROJECT_CHANNEL = 'attune:open-project';
const APP_VERSION_SWITCH = '--attune-app-version=';

type OpenProjectAnswer = { kind: 'opened' | 'cancelled' } | { kind: 'kept' | 'refused'; reason: string };

type TrayCommand = { kind: 'open-run'; runId: string } | { kind: 'refresh-costs' };

function appVersion(): string {
  const arg = process.argv.find((value) => value.startsWith(APP_VERSION_SWITCH));
  return arg ? arg.slice(APP_VERSION_SWITCH.length) : '';
}

function isTrayCommand(value: unknown): value is TrayCommand {
  const command = value as Partial<TrayCommand> | null;
  if (!command || typeof command !== 'object') return false;
  if (command.kind === 'refresh-costs') return true;
  return command.kind === 'open-run' && typeof (command as { runId?: unknown }).runId === 'string';
}

contextBridge.exposeInMainWorld('attuneDesktop', {
  isDesktop: true,
  appVersion: appVersion(),
  /** Resolves true when the link was opened in the system browser. */
  openExternal: async (url: string): Promise<boolean> => {
    const outcome = (await ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, String(url))) as { kind?: string } | null;
    return outcome?.kind === 'opened';
  },
  /**
   * Opens a project: without an argument through the native folder dialog, with one a
   * path from the recent list. The main process checks the folder; the answer says why
   * nothing opened.
   */
  openProject: async (recentRoot?: string): Promise<OpenProjectAnswer> => {
    const answer = (await ipcRenderer.invoke(
      OPEN_PROJECT_CHANNEL,
      recentRoot === undefined ? undefined : String(recentRoot),
    )) as Partial<{ kind: string; reason: string }> | null;
    if (answer?.kind === 'opened' || answer?.kind === 'cancelled') return { kind: answer.kind };
    const kind = answer?.kind === 'kept' ? 'kept' : 'refused';
    return { kind, reason: String(answer?.reason ?? 'the desktop app did not answer') };
  },
  /** Calls `callback` with each tray command; returns the unsubscribe function. */
  onTrayCommand: (callback: (command: TrayCommand) => void): (() => void) => {
    const listener = (_event: IpcRendererEvent, command: unknown) => {
      if (isTrayCommand(command))
        callback(command.kind === 'open-run' ? { kind: 'open-run', runId: command.runId } : { kind: 'refresh-costs' });
    };
    ipcRenderer.on(TRAY_COMMAND_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(TRAY_COMMAND_CHANNEL, listener);
    };
  },
});
