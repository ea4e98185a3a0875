/**
 * The stand-in's shared state in the child process: the platform being played, the
 * app's identity (read from the app folder's package.json, as Electron does when given a
 * folder), whether `ready` fired, the headless Chromium behind every window, and the
 * records the harness reads back (menus, notifications, login items, openExternal…).
 * Electron's rules are enforced by `requireReady` / `requireNotReady`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';

export interface AppIdentity {
  name: string;
  version: string;
  /** The folder Electron was given (null: a script path, so Electron's defaults apply). */
  appPath: string | null;
}

export interface World {
  platform: NodeJS.Platform;
  identity: AppIdentity;
  isPackaged: boolean;
  ready: boolean;
  quitting: boolean;
  browser: Browser | null;
  context: BrowserContext | null;
  /** Every record the harness can ask for (`state` command). */
  records: {
    events: string[];
    /** ms since the process started, per event (same order as `events`). */
    eventTimes: number[];
    openedExternally: string[];
    errorBoxes: Array<{ title: string; content: string }>;
    applicationMenu: unknown;
    notifications: Array<{ title: string; body: string; shown: boolean; closed: boolean }>;
    presenterAppId: string | null;
    appUserModelId: string;
    clipboard: string | null;
    /** The headers of the last document a window received, after onHeadersReceived. */
    documentHeaders: Record<string, string> | null;
  };
  /** Open windows, in creation order (the quit sequence closes them). */
  windows: Set<WindowHandle>;
  /** Work that must finish before the process exits (a second instance's hand-over). */
  beforeExit: Array<Promise<unknown>>;
  /** Answers queued by the harness for native dialogs. */
  dialogAnswers: { openFolder: Array<string | null>; messageBox: number[] };
}

export interface WindowHandle {
  /** Emits `close`; true when a listener prevented it. */
  requestClose(): boolean;
  destroy(): Promise<void>;
  emit(event: string, ...args: unknown[]): boolean;
  snapshot(): unknown;
}

export function readIdentity(env: NodeJS.ProcessEnv): AppIdentity {
  const appPath = env.STANDIN_APP_PATH ?? null;
  if (!appPath) return { name: 'Electron', version: '45.4.1', appPath: null };
  const pkg = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as {
    name: string;
    productName?: string;
    version: string;
  };
  return { name: pkg.productName ?? pkg.name, version: pkg.version, appPath };
}

/** An event list that stamps each entry with the time since the process started. */
function timedEvents(): { events: string[]; eventTimes: number[] } {
  const events: string[] = [];
  const eventTimes: number[] = [];
  events.push = (...items: string[]) => {
    for (const item of items) {
      Array.prototype.push.call(events, item);
      eventTimes.push(Math.round(performance.now()));
    }
    return events.length;
  };
  return { events, eventTimes };
}

export function createWorld(env: NodeJS.ProcessEnv): World {
  const identity = readIdentity(env);
  return {
    platform: process.platform,
    identity,
    isPackaged: env.STANDIN_PACKAGED === '1',
    ready: false,
    quitting: false,
    browser: null,
    context: null,
    records: {
      ...timedEvents(),
      openedExternally: [],
      errorBoxes: [],
      applicationMenu: 'default',
      notifications: [],
      presenterAppId: null,
      // Electron's default AppUserModelId for an unpackaged app.
      appUserModelId: `electron.app.${identity.name}`,
      clipboard: null,
      documentHeaders: null,
    },
    windows: new Set(),
    beforeExit: [],
    dialogAnswers: { openFolder: [], messageBox: [] },
  };
}

export function requireReady(world: World, what: string): void {
  if (!world.ready) throw new Error(`Cannot ${what} before the app is ready`);
}

export function requireNotReady(world: World, what: string): void {
  if (world.ready) throw new Error(`${what} must be called before the app is ready`);
}

/** An Electron.Event: preventDefault() plus defaultPrevented, and extra fields. */
export function electronEvent<T extends object>(
  extra: T = {} as T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export function destroyedError(): TypeError {
  return new TypeError('Object has been destroyed');
}

export const standinDir = dirname(new URL(import.meta.url).pathname);
