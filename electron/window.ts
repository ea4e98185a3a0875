/**
 * The console window: its hardened web preferences, the session cookie that lets it in
 * without a token in any URL, and the load-then-show sequence.
 *
 * Invariants:
 *   - contextIsolation, sandbox, webSecurity on; nodeIntegration (in workers and
 *     subframes too) off; no webview tag; the preload is the compiled CommonJS file;
 *   - the launch token reaches the page only as an HttpOnly SameSite=Strict cookie set by
 *     the main process before the first request, so it never appears in a visible URL,
 *     the history or the page's JavaScript;
 *   - the window is created hidden and shown on `ready-to-show` (no white flash).
 */
import { APP_VERSION_SWITCH } from './ipc.js';
import type { SessionCookie, SessionLike, WindowLike } from './shell-types.js';

/** Must equal main/server/middleware/auth.ts `sessionCookieName` (a test checks it against the real server). */
export function sessionCookieName(port: number): string {
  return `attune_ops_session_${port}`;
}

export interface HardenedWebPreferences {
  preload: string;
  /** Read by the sandboxed preload (it cannot ask the main process synchronously). */
  additionalArguments: string[];
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  spellcheck: false;
}

/** Why: one place states every security-relevant preference; tests assert each one. */
export function webPreferences(preloadPath: string, appVersion: string): HardenedWebPreferences {
  return {
    preload: preloadPath,
    additionalArguments: [`${APP_VERSION_SWITCH}${appVersion}`],
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    spellcheck: false,
  };
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  title: string;
  backgroundColor: string;
  webPreferences: HardenedWebPreferences;
}

export function windowOptions(preloadPath: string, title: string, appVersion: string): WindowOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title,
    backgroundColor: '#111418',
    webPreferences: webPreferences(preloadPath, appVersion),
  };
}

/** The cookie the server's auth middleware accepts, scoped to the server's URL. */
export function sessionCookie(serverUrl: string, port: number, token: string): SessionCookie {
  return {
    url: serverUrl,
    name: sessionCookieName(port),
    value: token,
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: false,
  };
}

export interface OpenConsoleOptions {
  session: SessionLike;
  createWindow: () => WindowLike;
  /** `http://127.0.0.1:<port>` */
  serverUrl: string;
  port: number;
  token: string;
  /** The console path to open first (`/`, or the welcome screen's `/?welcome=…`). */
  path?: string;
  /** False when started at login (`--hidden`): the window stays in the tray until asked for. */
  showWhenReady: boolean;
}

/** Sets the cookie, then creates the hidden window, loads the console, shows when painted. */
export async function openConsoleWindow(options: OpenConsoleOptions): Promise<WindowLike> {
  await options.session.setCookie(sessionCookie(options.serverUrl, options.port, options.token));
  const window = options.createWindow();
  if (options.showWhenReady) window.once('ready-to-show', () => window.show());
  await window.loadURL(`${options.serverUrl}${options.path ?? '/'}`);
  return window;
}

/** Brings the window forward (second launch, tray click, notification click). */
export function revealWindow(window: WindowLike): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
