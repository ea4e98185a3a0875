/**
 * Window and session security, written out so each rule is visible and unit-tested.
 *
 * Invariants:
 *   - every permission request and check is denied, except those in the allowlist below,
 *     which are granted to the ops server's own origin only;
 *   - a page may navigate or be redirected only within the ops server's origin;
 *   - `window.open` / target=_blank never creates an Electron window: a parsed http(s)
 *     URL goes to the system browser, anything else (file:, javascript:, custom
 *     schemes, garbage) is dropped and logged;
 *   - `<webview>` can never attach;
 *   - responses from the ops server carry the core's CSP even if a proxy stripped it.
 */
import type {
  LoggerLike,
  PermissionCheckHandler,
  PermissionRequestHandler,
  SessionLike,
  ShellLike,
  WebContentsLike,
} from './shell-types.js';

/**
 * Permissions the console may use, on its own origin only. The console needs no camera,
 * microphone, notifications (the main process shows those), clipboard-read,
 * geolocation, MIDI, HID… Add an entry only with a comment naming the feature that needs it.
 */
export const PERMISSION_ALLOWLIST: ReadonlySet<string> = new Set<string>([
  // navigator.clipboard.writeText: the Copy buttons of the run log panel.
  'clipboard-sanitized-write',
]);

/** Only these schemes leave the app through shell.openExternal. */
export const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Grants an allowlisted permission to `origin` only; everything else, and every other origin, is denied. */
export function permissionHandlers(origin: string): {
  request: PermissionRequestHandler;
  check: PermissionCheckHandler;
} {
  const allowed = (permission: string, url: string | undefined) =>
    PERMISSION_ALLOWLIST.has(permission) && url !== undefined && isSameOrigin(url, origin);
  return {
    request: (_webContents, permission, callback, details) => callback(allowed(permission, details?.requestingUrl)),
    check: (_webContents, permission, requestingOrigin) => allowed(permission, requestingOrigin),
  };
}

/** The URL parsed when it is a well-formed http(s) URL, otherwise null. */
export function parseExternalUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol) || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/** True when `raw` is on exactly `origin` (scheme + host + port). */
export function isSameOrigin(raw: string, origin: string): boolean {
  try {
    return new URL(raw).origin === origin;
  } catch {
    return false;
  }
}

export interface WindowSecurityOptions {
  /** The ops server's origin, e.g. `http://127.0.0.1:8765`. */
  origin: string;
  shell: ShellLike;
  logger: LoggerLike;
}

/** Locks one webContents: navigation, redirects, new windows and webviews. */
export function applyWindowSecurity(contents: WebContentsLike, options: WindowSecurityOptions): void {
  const { origin, shell, logger } = options;
  const lockNavigation = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isSameOrigin(event.url, origin)) return;
    event.preventDefault();
    logger.warn({ url: redactUrl(event.url), kind }, 'blocked navigation away from the ops server');
  };
  contents.on('will-navigate', lockNavigation('navigate'));
  contents.on('will-redirect', lockNavigation('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn({}, 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = parseExternalUrl(url);
    if (external) {
      const opening = shell.openExternal(external.href);
      opening.catch((error: unknown) => logger.warn({ err: error }, 'could not open the browser'));
    } else {
      logger.warn({ url: redactUrl(url) }, 'blocked a window.open to a non-http(s) URL');
    }
    return { action: 'deny' };
  });
}

export interface SessionSecurityOptions {
  origin: string;
  contentSecurityPolicy: string;
}

/** Deny-all permissions (but the allowlist, for the server's origin) for the session, plus the CSP on every ops-server response. */
export function applySessionSecurity(session: SessionLike, options: SessionSecurityOptions): void {
  const permissions = permissionHandlers(options.origin);
  session.setPermissionRequestHandler(permissions.request);
  session.setPermissionCheckHandler(permissions.check);
  session.setDevicePermissionHandler(() => false);
  session.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    if (isSameOrigin(details.url, options.origin)) {
      for (const name of Object.keys(headers))
        if (name.toLowerCase() === 'content-security-policy') delete headers[name];
      headers['Content-Security-Policy'] = [options.contentSecurityPolicy];
    }
    callback({ responseHeaders: headers });
  });
}

/** Logs only scheme + host of a blocked URL: a query string could carry a token. */
function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
