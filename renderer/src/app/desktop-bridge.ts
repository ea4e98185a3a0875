/**
 * The console's side of the desktop shell's preload API (`window.attuneDesktop`, present
 * only inside the desktop window). Tray commands navigate in place, so live streams and
 * page state survive: "open run" shows that run; "refresh spend" shows the Overview,
 * which refetches by itself when the status stream reports new cost data.
 * `openProject` asks the main process to open a project (it checks the folder and reloads
 * the window on success). In a plain browser there is no bridge and this does nothing.
 */
import { useEffect } from 'react';
import { navigate } from './navigation';

export type TrayCommand = { kind: 'open-run'; runId: string } | { kind: 'refresh-costs' };

/** The main process's answer; on `opened` it reloads the window on the new project. */
export type OpenProjectAnswer = { kind: 'opened' | 'cancelled' } | { kind: 'kept' | 'refused'; reason: string };

export interface DesktopBridge {
  isDesktop: boolean;
  appVersion: string;
  openExternal(url: string): Promise<void> | void;
  onTrayCommand(callback: (command: TrayCommand) => void): () => void;
  /** Without an argument: the native folder dialog; with one: a path from the recent list. */
  openProject?(recentRoot?: string): Promise<OpenProjectAnswer>;
}

export function desktopBridge(): DesktopBridge | null {
  const bridge = (window as unknown as { attuneDesktop?: DesktopBridge }).attuneDesktop;
  return bridge && typeof bridge.onTrayCommand === 'function' ? bridge : null;
}

export function handleTrayCommand(command: TrayCommand): void {
  if (command.kind === 'open-run' && /^[A-Za-z0-9_-]+$/.test(command.runId)) navigate(`/runs/${command.runId}`);
  else if (command.kind === 'refresh-costs') navigate('/');
}

/** Subscribes to tray commands for as long as the console is mounted. */
export function useTrayCommands(): void {
  useEffect(() => desktopBridge()?.onTrayCommand(handleTrayCommand), []);
}
