/**
 * The part of Electron's main-process API the desktop shell touches, as `Pick<>`s of
 * Electron's own declarations (node_modules/electron/electron.d.ts). The composition
 * root (main.ts) sees Electron only through `ShellElectron`, and the test suite's
 * stand-in Electron (test/electron-standin/) implements exactly this type, so an option
 * Electron removes, or a method the shell starts using, fails `tsc` on both sides.
 * Event methods are restated per event (Electron's overloads return the whole class).
 */
import type * as E from 'electron';

type Listener<Args extends unknown[]> = (...args: Args) => void;

export type ShellApp = Pick<
  E.App,
  | 'requestSingleInstanceLock'
  | 'enableSandbox'
  | 'whenReady'
  | 'isReady'
  | 'quit'
  | 'exit'
  | 'getVersion'
  | 'getName'
  | 'setAppUserModelId'
  | 'isPackaged'
  | 'getLoginItemSettings'
  | 'setLoginItemSettings'
> & {
  on(event: 'second-instance', listener: Listener<[E.Event, string[], string]>): unknown;
  on(event: 'window-all-closed' | 'activate', listener: Listener<[]>): unknown;
  on(event: 'before-quit' | 'will-quit', listener: Listener<[E.Event]>): unknown;
  on(event: 'web-contents-created', listener: Listener<[E.Event, ShellWebContents]>): unknown;
};

export type ShellWebContents = Pick<E.WebContents, 'send' | 'setWindowOpenHandler' | 'isDestroyed'> & {
  on(event: 'will-navigate' | 'will-redirect', listener: Listener<[{ url: string; preventDefault(): void }]>): unknown;
  on(event: 'will-attach-webview', listener: Listener<[E.Event]>): unknown;
};

export type ShellBrowserWindow = Pick<
  E.BrowserWindow,
  'show' | 'hide' | 'focus' | 'restore' | 'isMinimized' | 'isDestroyed' | 'isVisible' | 'loadURL'
> & {
  readonly webContents: ShellWebContents;
  once(event: 'ready-to-show', listener: Listener<[]>): unknown;
  on(event: 'close' | 'query-session-end' | 'session-end', listener: Listener<[E.Event]>): unknown;
  on(event: 'closed', listener: Listener<[]>): unknown;
};

export type ShellSession = Pick<
  E.Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'closeAllConnections'
> & {
  readonly cookies: Pick<E.Cookies, 'set'>;
  readonly webRequest: Pick<E.WebRequest, 'onHeadersReceived'>;
};

/** A built menu, handed back to Electron as is (the shell never reads it). */
export type ShellMenu = object;

/** Tray images are passed as file paths (Electron loads `@2x` variants next to them). */
export type ShellTray = Pick<E.Tray, 'setToolTip' | 'destroy'> & {
  setImage(image: string): void;
  setContextMenu(menu: ShellMenu | null): void;
  on(event: 'click', listener: Listener<[]>): unknown;
};

export type ShellNotification = Pick<E.Notification, 'show' | 'close'> & {
  on(event: 'click' | 'close', listener: Listener<[]>): unknown;
};

export interface ShellElectron {
  app: ShellApp;
  BrowserWindow: new (options: E.BrowserWindowConstructorOptions) => ShellBrowserWindow;
  session: { readonly defaultSession: ShellSession };
  ipcMain: Pick<E.IpcMain, 'handle'>;
  shell: Pick<E.Shell, 'openExternal'>;
  dialog: Pick<E.Dialog, 'showErrorBox'> & {
    showOpenDialog(options: E.OpenDialogOptions): Promise<E.OpenDialogReturnValue>;
    showMessageBox(options: E.MessageBoxOptions): Promise<E.MessageBoxReturnValue>;
  };
  Tray: new (image: string) => ShellTray;
  Menu: {
    buildFromTemplate(template: E.MenuItemConstructorOptions[]): ShellMenu;
    setApplicationMenu(menu: ShellMenu | null): void;
  };
  Notification: { isSupported(): boolean; new (options: E.NotificationConstructorOptions): ShellNotification };
}

/** Electron's own declarations, for the stand-in (outside electron/ only types may be reached, through here). */
export type { E as Electron };
