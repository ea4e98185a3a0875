/**
 * The narrow interfaces the desktop shell's logic is written against.
 *
 * Only the composition root (electron/main.ts with electron/electron-adapters.ts and
 * electron/core-adapters.ts) adapts the real Electron objects and the core's services to
 * these; everything else in electron/ and every test in test/electron/ works with plain
 * objects. Methods that keep Electron's meaning are `Pick<>`s of Electron's declarations
 * (so a changed signature fails `tsc`); events and the shell's own meanings (a tray image
 * by state, a menu as data) are written here.
 */
import type * as E from 'electron';
import type { OpsStatus, RunBrief } from '../main/index.js';

export type { OpsStatus, RunBrief };

/** A cancellable Electron-style event. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface AppLike extends Pick<
  E.App,
  'requestSingleInstanceLock' | 'enableSandbox' | 'whenReady' | 'quit' | 'exit' | 'getVersion' | 'setAppUserModelId'
> {
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): void;
  on(event: 'before-quit' | 'will-quit', listener: (event: PreventableEvent) => void): void;
}

export interface WindowLike extends Pick<
  E.BrowserWindow,
  'show' | 'hide' | 'focus' | 'restore' | 'isMinimized' | 'isDestroyed' | 'loadURL'
> {
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'close' | 'session-end', listener: (event: PreventableEvent) => void): void;
  /** Sends a tray command to the page (through the preload's named subscription). */
  sendTrayCommand(command: TrayCommand): void;
}

export type TrayCommand = { kind: 'open-run'; runId: string } | { kind: 'refresh-costs' };

export interface WillNavigateEvent extends PreventableEvent {
  url: string;
}

export interface WindowOpenDetails {
  url: string;
}

/** The open handler sees only the URL (all the shell decides on), so it stays narrow. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: WillNavigateEvent) => void): void;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' } | { action: 'allow' }): void;
}

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: { requestingUrl?: string },
) => void;
export type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: Record<string, string[] | string>;
}

/** Handlers see permissions as plain strings and the cookie is the shell's one shape, so these stay narrow. */
export interface SessionLike {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  onHeadersReceived(
    listener: (
      details: HeadersReceivedDetails,
      callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
    ) => void,
  ): void;
  setCookie(cookie: SessionCookie): Promise<void>;
}

export interface SessionCookie {
  url: string;
  name: string;
  value: string;
  httpOnly: true;
  sameSite: 'strict';
  path: '/';
  secure: false;
}

export type ShellLike = Pick<E.Shell, 'openExternal'>;

/** A menu item as pure data; the tray controller turns `action` into a click handler. */
export interface MenuItemSpec {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: MenuItemSpec[];
}

export type TrayAction =
  | { kind: 'open-console' }
  | { kind: 'refresh-spend' }
  | { kind: 'open-run'; runId: string }
  | { kind: 'cancel-run'; runId: string }
  | { kind: 'open-in-browser' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'open-project-folder' }
  | { kind: 'open-recent-project'; root: string }
  | { kind: 'quit' };

/** The tray's Projects section: the project served (null before one is chosen) and the recent list. */
export interface TrayProjects {
  current: string | null;
  recent: readonly string[];
}

export type TrayIconState = OpsStatus['overall'];

/** `setImage` takes a state (the adapter picks the platform's file); the menu is data. */
export interface TrayLike extends Pick<E.Tray, 'setToolTip' | 'destroy'> {
  setImage(state: TrayIconState): void;
  setContextMenu(items: MenuItemSpec[], onAction: (action: TrayAction) => void): void;
  onClick(listener: () => void): void;
}

export interface NotificationLike extends Pick<E.Notification, 'show'> {
  onClick(listener: () => void): void;
}

export type NotificationFactory = (options: { title: string; body: string }) => NotificationLike;

export interface StatusSourceLike {
  current(): OpsStatus;
  onChange(listener: (status: OpsStatus) => void): () => void;
}

export interface RunControlLike {
  cancel(runId: string): Promise<void>;
  recent(limit: number): Promise<RunBrief[]>;
}

export interface CostsControlLike {
  refresh(): Promise<void>;
}

export interface LoggerLike {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** Injected time (structurally the core's Clock subset the shell uses). */
export interface ClockLike {
  now(): number;
  setTimeout(callback: () => void, ms: number): ReturnType<typeof globalThis.setTimeout>;
  clearTimeout(handle: ReturnType<typeof globalThis.setTimeout>): void;
}

/** Thresholds already announced, by month (`YYYY-MM`). */
export interface BudgetNoticeStore {
  get(): Record<string, number[]>;
  set(value: Record<string, number[]>): Promise<void>;
}

export interface ServerHandle {
  url: string;
  consoleUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** What the shell uses of the running server's services (adapted in electron/core-adapters.ts). */
export interface BoundServices {
  status: StatusSourceLike;
  runs: RunControlLike;
  costs: CostsControlLike;
  budgetNotices: BudgetNoticeStore;
  /** Stops any polling; called when the app quits. */
  stop(): void;
}
