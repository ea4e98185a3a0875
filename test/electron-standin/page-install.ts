/**
 * Creates a stand-in window's Chromium page and wires it as Electron would: the IPC,
 * permission, clipboard and window-open bindings, the page hooks and the sandboxed
 * preload (before any page script), and request interception for `will-navigate` and
 * the session's `onHeadersReceived` on documents.
 */
import type { Electron as E } from '../../electron/electron-surface.js';
import type { Page, Route, Request } from 'playwright-core';
import type { StandinWebContents, WindowEnv } from './browser-window.js';
import { PAGE_HOOKS_SCRIPT } from './page-hooks.js';
import { sandboxedPreloadScript } from './preload-sandbox.js';
import { electronEvent } from './world.js';

interface WindowSide {
  readonly webContents: StandinWebContents;
  readonly options: E.BrowserWindowConstructorOptions;
  expectedNavigation: string | null;
}

export async function installPage(window: WindowSide, env: WindowEnv): Promise<Page> {
  const { world, session } = env;
  const prefs = window.options.webPreferences ?? {};
  if (prefs.sandbox === false || prefs.nodeIntegration || prefs.contextIsolation === false)
    throw new Error('the stand-in runs sandboxed, context-isolated windows only');
  const page = await world.context!.newPage();
  const contents = window.webContents;
  await page.exposeBinding('__standinInvoke', async (source, channel: string, argsJson: string) => {
    const handler = env.handlers.get(channel);
    if (!handler) return JSON.stringify({ error: `No handler registered for '${channel}'` });
    try {
      const value = await handler({ senderFrame: { url: source.frame.url() } }, ...(JSON.parse(argsJson) as unknown[]));
      return JSON.stringify({ value: value ?? null });
    } catch (error) {
      return JSON.stringify({ error: String(error) });
    }
  });
  await page.exposeBinding('__standinPermission', (source, permission: string) =>
    session.askPermission(contents, permission, source.frame.url()),
  );
  await page.exposeBinding('__standinClipboard', (_source, text: string) => {
    world.records.clipboard = text;
  });
  await page.exposeBinding('__standinWindowOpen', (source, url: string) => {
    const answer = contents.openHandler?.({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: source.frame.url(), policy: 'strict-origin-when-cross-origin' },
    } as E.HandlerDetails) ?? { action: 'allow' };
    world.records.events.push(`window-open:${answer.action}`);
  });
  await page.addInitScript(PAGE_HOOKS_SCRIPT);
  if (prefs.preload) await page.addInitScript(sandboxedPreloadScript(prefs.preload, prefs.additionalArguments ?? []));
  await page.route('**/*', (route, request) => intercept(route, request, page, window, env));
  return page;
}

async function intercept(route: Route, request: Request, page: Page, window: WindowSide, env: WindowEnv) {
  if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
    if (window.expectedNavigation === request.url()) window.expectedNavigation = null;
    else {
      const event = electronEvent({ url: request.url() });
      window.webContents.emit('will-navigate', event);
      if (event.defaultPrevented) {
        env.world.records.events.push('navigation-blocked');
        return route.abort('aborted');
      }
    }
  }
  const listener = env.session.headersListener;
  if (request.resourceType() !== 'document' || !listener) return route.continue();
  const response = await route.fetch({ maxRedirects: 0 });
  const responseHeaders: Record<string, string[]> = {};
  for (const { name, value } of response.headersArray()) (responseHeaders[name] ??= []).push(value);
  const answer = await new Promise<E.HeadersReceivedResponse>((resolve) =>
    listener(
      {
        url: request.url(),
        method: request.method(),
        resourceType: 'mainFrame',
        statusCode: response.status(),
        statusLine: `HTTP/1.1 ${response.status()}`,
        responseHeaders,
      } as unknown as E.OnHeadersReceivedListenerDetails,
      resolve,
    ),
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.responseHeaders ?? responseHeaders))
    headers[name] = Array.isArray(value) ? value.join(name.toLowerCase() === 'set-cookie' ? '\n' : ', ') : value;
  env.world.records.documentHeaders = headers;
  return route.fulfill({ response, headers });
}
