/**
 * The stand-in `session.defaultSession`, backed by the one Playwright browser context:
 * cookies go into the context's jar, `onHeadersReceived` is applied by each window's
 * request interception (documents), and the permission handlers are consulted where the
 * page asks for a permission (the clipboard write the log panel's Copy uses).
 * Reading `defaultSession` before ready throws, as in Electron.
 */
import type { Electron as E } from '../../electron/electron-surface.js';
import type { ShellSession } from '../../electron/electron-surface.js';
import { requireReady, type World } from './world.js';

type HeadersListener = (
  details: E.OnHeadersReceivedListenerDetails,
  callback: (response: E.HeadersReceivedResponse) => void,
) => void;

export class StandinSession implements ShellSession {
  requestHandler: Parameters<E.Session['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<E.Session['setPermissionCheckHandler']>[0] = null;
  deviceHandler: Parameters<E.Session['setDevicePermissionHandler']>[0] = null;
  headersListener: HeadersListener | null = null;

  constructor(private readonly world: World) {}

  readonly cookies = {
    set: async (details: E.CookiesSetDetails): Promise<void> => {
      const url = new URL(details.url);
      const sameSite = { strict: 'Strict', lax: 'Lax', no_restriction: 'None', unspecified: 'Lax' } as const;
      await this.world.context!.addCookies([
        {
          name: details.name ?? '',
          value: details.value ?? '',
          domain: details.domain ?? url.hostname,
          path: details.path ?? '/',
          httpOnly: details.httpOnly ?? false,
          secure: details.secure ?? false,
          sameSite: sameSite[details.sameSite ?? 'unspecified'],
        },
      ]);
    },
  };

  readonly webRequest = {
    onHeadersReceived: (first: unknown, second?: unknown): void => {
      this.headersListener = (typeof first === 'function' ? first : second) as HeadersListener | null;
    },
  };

  setPermissionRequestHandler(handler: StandinSession['requestHandler']): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: StandinSession['checkHandler']): void {
    this.checkHandler = handler;
  }

  setDevicePermissionHandler(handler: StandinSession['deviceHandler']): void {
    this.deviceHandler = handler;
  }

  /** Drops the session's sockets; with no page open that is the whole network context. */
  async closeAllConnections(): Promise<void> {
    this.world.records.events.push('closeAllConnections');
  }

  /** What Electron does for a page's permission: the request handler must grant it, and the check. */
  async askPermission(contents: unknown, permission: string, requestingUrl: string): Promise<boolean> {
    const origin = new URL(requestingUrl).origin;
    const checked = this.checkHandler
      ? this.checkHandler(contents as E.WebContents, permission as 'clipboard-read', origin, {
          requestingUrl,
          isMainFrame: true,
          embeddingOrigin: origin,
        } as E.PermissionCheckHandlerHandlerDetails)
      : true;
    if (!checked) return false;
    if (!this.requestHandler) return true;
    const handler = this.requestHandler;
    return new Promise((resolve) =>
      handler(contents as E.WebContents, permission as 'clipboard-read', resolve, {
        requestingUrl,
        isMainFrame: true,
      } as E.PermissionRequest),
    );
  }
}

export function defaultSessionOf(world: World, session: StandinSession): { readonly defaultSession: StandinSession } {
  return {
    get defaultSession() {
      requireReady(world, 'use session.defaultSession');
      return session;
    },
  };
}
