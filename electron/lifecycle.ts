/**
 * Application lifecycle: single instance, hide-to-tray, and a quit that is never blocked.
 *
 * Invariants:
 *   - a second launch focuses the first instance's window, and the second process quits;
 *   - closing the window hides it to the tray, unless the app is quitting: `before-quit`
 *     (tray Quit, Cmd+Q, OS shutdown, app.quit()) sets `isQuitting` first, so the close
 *     handler never cancels a quit;
 *   - `will-quit` holds the exit once to stop the ops server (which cancels running runs,
 *     recorded `cancelled`), then quits for real; a failing stop still quits;
 *   - Windows log-off / shutdown (`session-end` on a window; no before-quit/will-quit
 *     then) stops the server the same way and exits before the OS ends the process;
 *   - all windows closed does not quit: the tray keeps the app alive.
 */
import type { AppLike, LoggerLike, WindowLike } from './shell-types.js';
import { revealWindow } from './window.js';

export type InstanceLock = { kind: 'primary' } | { kind: 'secondary' };

/** Why: two instances would start two servers and two trays over the same ~/.attune. */
export function claimSingleInstance(app: AppLike, focusTarget: () => WindowLike | undefined): InstanceLock {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { kind: 'secondary' };
  }
  app.on('second-instance', () => {
    const window = focusTarget();
    if (window) revealWindow(window);
  });
  return { kind: 'primary' };
}

export interface LifecycleOptions {
  app: AppLike;
  logger: LoggerLike;
  /** Stops the ops server; resolves when it is closed. */
  stopServer: () => Promise<void>;
  /** Called right before the server stops (tray and listeners tear down). */
  onQuitting?: () => void;
}

export interface Lifecycle {
  isQuitting(): boolean;
  /** Closing this window hides it, unless the app is quitting. */
  hideOnClose(window: WindowLike): void;
  /** Quit from the tray menu or an OS shutdown signal. */
  quit(): void;
  /** Windows: this window's `session-end` stops the server (runs recorded cancelled) and exits. */
  endSessionOn(window: WindowLike): void;
}

export function installLifecycle(options: LifecycleOptions): Lifecycle {
  const { app, logger } = options;
  let quitting = false;
  let stopped = false;
  let stopping: Promise<void> | undefined;

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // Stay alive in the tray; quitting is explicit.
  });
  const stop = () =>
    (stopping ??= (async () => {
      quitting = true;
      options.onQuitting?.();
      try {
        await options.stopServer();
      } catch (error) {
        logger.error({ err: error }, 'the ops server did not stop cleanly');
      } finally {
        stopped = true;
      }
    })());
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void stop().then(() => app.quit());
  });

  return {
    isQuitting: () => quitting,
    hideOnClose(window) {
      window.on('close', (event) => {
        if (quitting) return;
        event.preventDefault();
        window.hide();
      });
    },
    quit() {
      quitting = true;
      app.quit();
    },
    endSessionOn(window) {
      window.on('session-end', () => {
        logger.info({}, 'the Windows session is ending: stopping the ops server');
        void stop().then(() => app.exit(0));
      });
    },
  };
}
