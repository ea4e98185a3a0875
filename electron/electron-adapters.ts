/**
 * Adapters from the real Electron objects to the shell's narrow interfaces. Part of the
 * composition root: the only place (with main.ts and preload.cts) that touches Electron
 * APIs, so everything else stays testable without the runtime.
 *
 * Tray images: `<assets>/tray/<state>.png` (+ `@2x`, picked up by nativeImage), macOS
 * template variants `<state>Template.png`, Windows `<state>.ico` (build/scripts/make-tray-icons.mjs).
 */
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type {
  ShellApp as App,
  ShellBrowserWindow as BrowserWindow,
  ShellElectron as Electron,
  ShellSession as Session,
  ShellWebContents as WebContents,
} from './electron-surface.js';
import type {
  AppLike,
  MenuItemSpec,
  NotificationFactory,
  NotificationLike,
  SessionLike,
  TrayAction,
  TrayIconState,
  TrayLike,
  WebContentsLike,
  WindowLike,
} from './shell-types.js';
import { TRAY_COMMAND_CHANNEL } from './ipc.js';

export function adaptApp(app: App): AppLike {
  return {
    requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
    enableSandbox: () => app.enableSandbox(),
    whenReady: () => app.whenReady(),
    quit: () => app.quit(),
    exit: (code) => app.exit(code),
    getVersion: () => app.getVersion(),
    setAppUserModelId: (id) => app.setAppUserModelId(id),
    on: (event: string, listener: (event: { preventDefault(): void }) => void) => {
      app.on(event as 'before-quit', listener);
    },
  } as AppLike;
}

export function adaptWindow(window: BrowserWindow): WindowLike {
  return {
    show: () => window.show(),
    hide: () => window.hide(),
    focus: () => window.focus(),
    restore: () => window.restore(),
    isMinimized: () => window.isMinimized(),
    isDestroyed: () => window.isDestroyed(),
    loadURL: (url) => window.loadURL(url),
    once: (event, listener) => void window.once(event, listener),
    on: (event, listener) => void window.on(event, listener),
    sendTrayCommand: (command) => {
      if (!window.isDestroyed()) window.webContents.send(TRAY_COMMAND_CHANNEL, command);
    },
  };
}

export function adaptWebContents(contents: WebContents): WebContentsLike {
  return {
    on: (event: string, listener: (event: { url?: string; preventDefault(): void }) => void) => {
      contents.on(event as 'will-navigate', (details) => listener(details));
    },
    setWindowOpenHandler: (handler) => contents.setWindowOpenHandler((details) => handler({ url: details.url })),
  } as WebContentsLike;
}

export function adaptSession(session: Session): SessionLike {
  return {
    setPermissionRequestHandler: (handler) =>
      session.setPermissionRequestHandler((contents, permission, callback, details) =>
        handler(contents, permission, callback, details),
      ),
    setPermissionCheckHandler: (handler) =>
      session.setPermissionCheckHandler((contents, permission, origin) => handler(contents, permission, origin)),
    setDevicePermissionHandler: (handler) => session.setDevicePermissionHandler(() => handler()),
    onHeadersReceived: (listener) =>
      session.webRequest.onHeadersReceived((details, callback) => listener(details, callback)),
    setCookie: (cookie) => session.cookies.set(cookie),
  };
}

export function trayIconPath(assetsDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(assetsDir, 'tray', `${state}Template.png`);
  if (platform === 'win32') return join(assetsDir, 'tray', `${state}.ico`);
  return join(assetsDir, 'tray', `${state}.png`);
}

function menuTemplate(items: MenuItemSpec[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => ({
    ...(item.label !== undefined && { label: item.label }),
    type: item.submenu ? 'submenu' : (item.type ?? 'normal'),
    enabled: item.enabled ?? true,
    ...(item.checked !== undefined && { checked: item.checked }),
    ...(item.action && { click: () => onAction(item.action!) }),
    ...(item.submenu && { submenu: menuTemplate(item.submenu, onAction) }),
  }));
}

export function createElectronTray(electron: Electron, assetsDir: string, platform: NodeJS.Platform): TrayLike {
  const image = (state: TrayIconState) => trayIconPath(assetsDir, state, platform);
  const tray = new electron.Tray(image('stale'));
  return {
    setImage: (state) => tray.setImage(image(state)),
    setToolTip: (text) => tray.setToolTip(text),
    setContextMenu: (items, onAction) =>
      tray.setContextMenu(electron.Menu.buildFromTemplate(menuTemplate(items, onAction))),
    onClick: (listener) => void tray.on('click', listener),
    destroy: () => tray.destroy(),
  };
}

/** Notifications are kept referenced until clicked or closed, or their click is lost to GC. */
export function electronNotifications(electron: Electron): NotificationFactory | null {
  if (!electron.Notification.isSupported()) return null;
  const alive = new Set<unknown>();
  return ({ title, body }): NotificationLike => {
    const notification = new electron.Notification({ title, body });
    alive.add(notification);
    notification.on('close', () => alive.delete(notification));
    return {
      show: () => notification.show(),
      onClick: (listener) =>
        void notification.on('click', () => {
          alive.delete(notification);
          listener();
        }),
    };
  };
}
