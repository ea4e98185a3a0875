/**
 * The Electron entry point (package.json `main`: dist/electron/main.js) and the
 * composition root: the one place that hands real Electron objects, the real keytar
 * store, the real fetch and clock, and the real paths to the shell and the core.
 *
 * `main()` runs the sequence in electron/shell.ts (its ordering is commented there);
 * any failure before the window is up goes to `failStartup`: log, an error box with the
 * reason, exit non-zero. This is the one module that runs at import, by design.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import electronModule from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  createOpsLogger,
  createServices,
  loadLaunch,
  SecretRedactor,
  startServer,
  type Logger,
  type RunningServer,
  type StartServerDeps,
} from '../main/index.js';
import { APP_ID, PRODUCT_NAME } from './app-identity.js';
import { createAutostart, linuxAutostartDir } from './autostart.js';
import { bindCoreServices } from './core-adapters.js';
import { createDesktopLogging, type DesktopLogging } from './desktop-logging.js';
import {
  adaptApp,
  adaptSession,
  adaptWebContents,
  adaptWindow,
  createElectronTray,
  electronNotifications,
} from './electron-adapters.js';
import { handleOpenExternal, handleOpenProject, OPEN_EXTERNAL_CHANNEL, OPEN_PROJECT_CHANNEL } from './ipc.js';
import { applyLoginShellEnv } from './login-shell-env.js';
import { createOpsHost, type ProjectLoad } from './ops-host.js';
import type { ProjectLaunch } from './project-folder.js';
import type { ProjectSwitcher } from './project-switch.js';
import { projectDialogs } from './project-dialogs.js';
import { loadShellConfig, type ShellArgs } from './shell-config.js';
import { runShell } from './shell.js';
import type { LoggerLike, ServerHandle, ShellLike } from './shell-types.js';
import { windowOptions } from './window.js';
import type { ShellElectron } from './electron-surface.js';
import { keychainDeps } from './keychain.js';

/** Electron as the shell sees it: only what electron-surface.ts picks from its declarations. */
const electron: ShellElectron = electronModule;
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(here, 'preload.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');
const ASSETS_DIR = join(here, '..', '..', 'electron', 'assets');

async function main(logging: DesktopLogging): Promise<void> {
  const { logger } = logging;
  const { app, BrowserWindow, session, shell, ipcMain } = electron;
  const appLike = adaptApp(app);
  const argv = process.argv.slice(app.isPackaged ? 1 : 2);
  let origin = '';
  let launch: (ProjectLoad & { args: ShellArgs; project: ProjectLaunch }) | undefined;
  let coreLogger: Logger | undefined;
  // Set once the shell is up; until then a project request is refused as "still starting".
  const opened: { switcher?: ProjectSwitcher } = {};
  // The one redactor: the server registers the launch token and the cost service the admin key in it.
  const serverDeps = (): StartServerDeps => ({
    ...keychainDeps(),
    redactor: logging.redactor,
    logger: coreLogger,
    rendererDir: RENDERER_DIR,
    version: app.getVersion(),
  });
  const host = createOpsHost({
    loadProject: async (root, port) => {
      const flags = { projectRoot: root, port, ...(launch?.args.allowRun && { allowRun: true }) };
      const loaded = await loadLaunch({ flags, env: process.env, cwd: homedir() });
      if (loaded.kind === 'invalid') throw new Error(loaded.message);
      return { config: loaded.launch.config, settingsRead: loaded.launch.settingsRead };
    },
    createServices: ({ config, settingsRead }) => createServices(config, { ...serverDeps(), settingsRead }),
    startServer: async (config, services, token) => {
      const running = await startServer(config, { ...serverDeps(), services, ...(token && { token }) });
      origin = new URL(running.url).origin;
      return running;
    },
    closeServer: (running) => closeForQuit(running),
  });
  // The one way out to the system browser; every caller passes a URL already parsed as http(s).
  const browser: ShellLike = { openExternal: (url) => shell.openExternal(url) };
  // Read while Electron gets ready; awaited before the services (and so any workflow) exist.
  const loginEnv = applyLoginShellEnv({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    fromTerminal: Boolean(process.stdin.isTTY),
  });

  // The page's only request to the main process; refused until the server origin is known.
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, (event, url: unknown) =>
    handleOpenExternal({ senderUrl: event.senderFrame?.url, url }, { origin, shell: browser }),
  );
  ipcMain.handle(OPEN_PROJECT_CHANNEL, (event, root: unknown) =>
    handleOpenProject({ senderUrl: event.senderFrame?.url, root }, { origin, switcher: opened.switcher }),
  );
  // Every webContents starts locked (no webview, no new windows); the console window's
  // contents then get their full rules from applyWindowSecurity (which replaces the handler).
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (attach) => attach.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const outcome = await runShell({
    app: appLike,
    platform: process.platform,
    appId: APP_ID,
    productName: PRODUCT_NAME,
    logger,
    clock: {
      now: () => Date.now(),
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (handle) => clearTimeout(handle),
    },
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    loadConfig: async () => {
      const loaded = await loadShellConfig({ argv, env: process.env, home: homedir(), loadLaunch });
      if (loaded.kind === 'invalid') throw new Error(loaded.message);
      // From here on the shell and the services log to <attuneHome>/ops/logs/ as well as stderr.
      coreLogger = await logging.attach(loaded.config.attuneHome);
      for (const warning of loaded.warnings) logger.warn({}, warning);
      launch = { config: loaded.config, settingsRead: loaded.settingsRead, args: loaded.args, project: loaded.project };
      if (loaded.project.kind === 'welcome')
        logger.info({ why: loaded.project.why }, 'no project chosen: welcome screen');
      const env = await loginEnv;
      if (env.kind === 'fallback') logger.warn({ reason: env.reason }, 'login shell environment');
      else
        logger.info(
          env.kind === 'applied' ? { shell: env.shell, keys: env.keys } : { reason: env.reason },
          'login shell environment',
        );
      return { port: loaded.config.port, args: loaded.args };
    },
    startServer: async (port): Promise<ServerHandle> => {
      if (!launch) throw new Error('startServer called before the config was loaded');
      return host.start(launch, port);
    },
    bindServices: (server) =>
      bindCoreServices({
        server,
        services: { status: host.status, settings: host.settings },
        fetch: (url, init) => fetch(url, init),
        clock: { now: Date.now, setTimeout, clearTimeout },
      }),
    session: () => adaptSession(session.defaultSession),
    createWindow: () => {
      const window = new BrowserWindow(windowOptions(PRELOAD_PATH, PRODUCT_NAME, app.getVersion()));
      return { window: adaptWindow(window), contents: adaptWebContents(window.webContents) };
    },
    createTray: () => createElectronTray(electron, ASSETS_DIR, process.platform),
    notifications: () => electronNotifications(electron),
    setApplicationMenu: (template) =>
      electron.Menu.setApplicationMenu(template ? electron.Menu.buildFromTemplate(template) : null),
    reportError: (title, message) => void electron.dialog.showMessageBox({ type: 'error', title, message }),
    fetch: (url, init) => fetch(url, init),
    shell: browser,
    autostart: createAutostart({
      platform: process.platform,
      appId: APP_ID,
      productName: PRODUCT_NAME,
      execPath: process.env.APPIMAGE ?? process.execPath,
      args: app.isPackaged ? ['--hidden'] : [join(here, 'main.js'), '--hidden'],
      autostartDir: linuxAutostartDir(process.env, homedir()),
      loginItems: app,
    }),
    projects: {
      get launch() {
        return launch!.project;
      },
      store: host.projects,
      runningRuns: () => host.runningRuns(),
      switchTo: (root) => host.switchTo(root),
      ...projectDialogs(electron.dialog),
    },
  });
  if (outcome.kind !== 'running') return;
  opened.switcher = outcome.projects ?? undefined;
  logger.info({ url: outcome.server.url }, 'desktop shell ready');
}

/**
 * Stops the server at quit without waiting on open connections: the console's own event
 * streams (and a browser's) would otherwise hold the close for its whole grace period.
 * Running runs are still cancelled and recorded by the server's close.
 */
async function closeForQuit(running: RunningServer): Promise<void> {
  const closing = running.close();
  running.server.closeAllConnections();
  await electron.session.defaultSession.closeAllConnections().catch(() => undefined);
  await closing;
}

/** Startup failed: say why (log + error box), then exit non-zero without waiting on anything. */
function failStartup(logger: LoggerLike, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  logger.error({ err: error }, 'startup failed');
  try {
    electron.dialog.showErrorBox(`${PRODUCT_NAME} could not start`, reason);
  } finally {
    electron.app.exit(1);
  }
}

const logging = createDesktopLogging({ redactor: new SecretRedactor(), stderr: process.stderr, createOpsLogger });
main(logging).catch((error: unknown) => failStartup(logging.logger, error));
