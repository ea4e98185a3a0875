/**
 * The desktop shell's startup sequence, written against injected interfaces so it runs
 * under vitest and in the bench with a fake app. electron/main.ts passes the real
 * Electron objects; nothing else differs.
 *
 * The order is the point of this file; each step says why it sits where it does.
 */
import { applicationMenuTemplate } from './app-menu.js';
import type { Autostart } from './autostart.js';
import type { Electron } from './electron-surface.js';
import { installLifecycle, claimSingleInstance, type Lifecycle } from './lifecycle.js';
import { requestLoginUrl, type FetchForLoginCode } from './login-code.js';
import { createNotifier, type Notifier } from './notifications.js';
import { startWithPortFallback } from './port-fallback.js';
import { launchPath } from './project-folder.js';
import type { ProjectSwitcher } from './project-switch.js';
import { applySessionSecurity, applyWindowSecurity } from './security.js';
import type { ShellArgs } from './shell-config.js';
import { wireProjects, type ShellProjects } from './shell-projects.js';
import type {
  AppLike,
  BoundServices,
  ClockLike,
  LoggerLike,
  NotificationFactory,
  ServerHandle,
  SessionLike,
  ShellLike,
  TrayLike,
  WebContentsLike,
  WindowLike,
} from './shell-types.js';
import { startTrayController, type TrayController } from './tray.js';
import { openConsoleWindow, revealWindow } from './window.js';

export interface ShellDeps {
  app: AppLike;
  platform: NodeJS.Platform;
  appId: string;
  productName: string;
  logger: LoggerLike;
  clock: ClockLike;
  contentSecurityPolicy: string;
  /** Config from settings + command line; the wanted port is `port`. */
  loadConfig: () => Promise<{ port: number; args: ShellArgs }>;
  startServer: (port: number) => Promise<ServerHandle>;
  bindServices: (server: ServerHandle) => BoundServices;
  /** Available only after app ready. */
  session: () => SessionLike;
  createWindow: () => { window: WindowLike; contents: WebContentsLike };
  createTray: () => TrayLike;
  /**
   * Called once, after the AppUserModelId is set (Windows binds the notification sender
   * to the id current at the first notification call); null where the OS has none.
   */
  notifications: () => NotificationFactory | null;
  /** Sets (or, with null, removes) the application menu. */
  setApplicationMenu: (template: Electron.MenuItemConstructorOptions[] | null) => void;
  /** A failure the user asked for (Open in browser) and must hear about. */
  reportError: (title: string, message: string) => void;
  fetch: FetchForLoginCode;
  shell: ShellLike;
  autostart: Autostart;
  /** Project switching (welcome screen, recent projects); absent: the launch's project only. */
  projects?: ShellProjects;
}

export type ShellOutcome =
  | { kind: 'secondary' }
  | {
      kind: 'running';
      server: ServerHandle;
      window: WindowLike;
      lifecycle: Lifecycle;
      tray: TrayController;
      fellBackFrom: number | null;
      /** Opens projects for the page's IPC request; null without project switching. */
      projects: ProjectSwitcher | null;
    };

export async function runShell(deps: ShellDeps): Promise<ShellOutcome> {
  const { app, logger } = deps;
  const shown: { window?: WindowLike; tray?: TrayController; notifier?: Notifier } = {};

  // 1. Single-instance lock first: a second launch must not start a second server over the
  //    same ~/.attune; it hands over to the first instance (which focuses its window) and quits.
  if (claimSingleInstance(app, () => shown.window).kind === 'secondary') return { kind: 'secondary' };

  // 2. Sandbox every renderer; must be called before the app is ready.
  app.enableSandbox();

  // 3. Windows groups notifications and the taskbar by AppUserModelId = electron-builder appId.
  if (deps.platform === 'win32') app.setAppUserModelId(deps.appId);

  // 4. Config (command line > settings > defaults), then the ops server in-process. The
  //    server is plain Node, so it starts while Electron is still getting ready.
  const { port: wantedPort, args } = await deps.loadConfig();
  const ready = app.whenReady();
  const started = await startWithPortFallback({ wantedPort, start: deps.startServer, portOf: (s) => s.port });
  const server = started.value;
  if (started.kind === 'fallback') logger.warn({ wantedPort, port: started.port }, started.reason);
  logger.info({ url: server.url }, 'ops server listening');

  // 5. Lifecycle right after the server exists, so any quit from here on stops it (and its runs).
  const services = deps.bindServices(server);
  const lifecycle = installLifecycle({
    app,
    logger,
    stopServer: () => server.close(),
    onQuitting: () => {
      shown.tray?.dispose();
      shown.notifier?.dispose();
      services.stop();
    },
  });

  // 6. Session rules (deny-all permissions, CSP) before any page exists.
  await ready;
  const origin = new URL(server.url).origin;
  applySessionSecurity(deps.session(), { origin, contentSecurityPolicy: deps.contentSecurityPolicy });
  deps.setApplicationMenu(applicationMenuTemplate(deps.platform));

  // 7. The window: cookie set by the main process, locked contents, hide-on-close, load, show when painted.
  const window = await openConsoleWindow({
    session: deps.session(),
    serverUrl: server.url,
    port: server.port,
    token: server.token,
    path: deps.projects ? launchPath(deps.projects.launch) : '/',
    // A macOS login start carries no --hidden argument: the OS says so instead.
    showWhenReady: !args.hidden && !deps.autostart.openedAtLogin(),
    createWindow: () => {
      const created = deps.createWindow();
      applyWindowSecurity(created.contents, { origin, shell: deps.shell, logger });
      lifecycle.hideOnClose(created.window);
      // Windows log-off / shutdown emits neither before-quit nor will-quit.
      if (deps.platform === 'win32') lifecycle.endSessionOn(created.window);
      return created.window;
    },
  });
  shown.window = window;
  // The Dock icon after close-to-tray or a hidden start.
  if (deps.platform === 'darwin') app.on('activate', () => revealWindow(window));
  const openPath = (path: string) => {
    // A notification clicked during the quit grace must not touch the destroyed window.
    if (window.isDestroyed() || lifecycle.isQuitting()) return;
    window
      .loadURL(`${server.url}${path}`)
      .catch((error: unknown) => logger.warn({ err: error, path }, 'could not open the page'));
    revealWindow(window);
  };

  const projects =
    deps.projects &&
    wireProjects({
      projects: deps.projects,
      window,
      serverUrl: server.url,
      logger,
      renderTray: () => shown.tray?.render(),
      reportError: deps.reportError,
    });

  // 8. Tray and notifications follow the status source from here on.
  let startAtLogin = await deps.autostart.isEnabled().catch(() => false);
  const tray = startTrayController({
    tray: deps.createTray(),
    status: services.status,
    runs: services.runs,
    logger,
    productName: deps.productName,
    startAtLogin: () => startAtLogin,
    ...(projects && { projects: projects.trayProjects }),
    actions: {
      openConsole: () => revealWindow(window),
      // The console navigates in place (its live streams stay open); see renderer/src/app/desktop-bridge.ts.
      openRun: (runId) => {
        window.sendTrayCommand({ kind: 'open-run', runId });
        revealWindow(window);
      },
      refreshSpend: () => services.costs.refresh(),
      openInBrowser: async () => {
        const login = await requestLoginUrl(server, deps.fetch);
        if (login.kind === 'ok') return deps.shell.openExternal(login.url);
        logger.warn({ reason: login.reason }, 'could not open the console in the browser');
        return deps.reportError('Could not open the console in the browser', login.reason);
      },
      setStartAtLogin: async (enabled) => {
        await deps.autostart.setEnabled(enabled);
        startAtLogin = enabled;
      },
      openProject: async (request) => projects?.openFromTray(request),
      quit: () => lifecycle.quit(),
    },
  });
  shown.tray = tray;
  const notify = deps.notifications();
  if (notify) {
    const notifier = createNotifier({
      notify,
      clock: deps.clock,
      store: services.budgetNotices,
      openPath,
      logger,
      productName: deps.productName,
    });
    shown.notifier = notifier;
    services.status.onChange((status) => notifier.onStatus(status));
    notifier.onStatus(services.status.current());
  }
  return {
    kind: 'running',
    server,
    window,
    lifecycle,
    tray,
    fellBackFrom: started.kind === 'fallback' ? wantedPort : null,
    projects: projects?.switcher ?? null,
  };
}
