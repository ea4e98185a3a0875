/**
 * The stand-in Electron module (what `import electron from 'electron'` gets under the
 * harness): the main-process API the shell uses, `satisfies ShellElectron`, i.e. typed
 * against Electron's own declarations. `ready` is the connection to the harness's
 * headless Chromium with one browser context (the default session). Exit reports the last state to the
 * harness, closes Chromium and ends the process, as Electron's exit does.
 */
import { chromium } from 'playwright-core';
import type { Electron as E } from '../../electron/electron-surface.js';
import type { ShellElectron } from '../../electron/electron-surface.js';
import { StandinApp } from './app.js';
import { createBrowserWindowClass, type StandinWebContents, type InvokeHandler } from './browser-window.js';
import { listen, snapshot, type Parts } from './control.js';
import {
  buildMenu,
  createNotificationClass,
  StandinTray,
  type StandinMenu,
  type StandinNotification,
} from './menu-tray.js';
import { defaultSessionOf, StandinSession } from './session.js';
import { createWorld, type World } from './world.js';

const world: World = createWorld(process.env);
const trays: StandinTray[] = [];
const notifications: StandinNotification[] = [];
const contents: StandinWebContents[] = [];
const handlers = new Map<string, InvokeHandler>();
let applicationMenu: StandinMenu | null = null;

const ready = (async () => {
  // The harness's Chromium (launched on the real platform); this app gets its own context.
  world.browser = await chromium.connect(process.env.STANDIN_BROWSER_WS ?? '');
  world.context = await world.browser.newContext();
  world.ready = true;
  world.records.events.push('ready');
})();

async function shutdown(code: number): Promise<never> {
  world.records.events.push(`exit:${code}`);
  const last = await snapshot(parts).catch(() => null);
  await new Promise<void>((resolve) =>
    process.send ? process.send({ exit: code, state: last }, () => resolve()) : resolve(),
  );
  await Promise.race([Promise.all(world.beforeExit), new Promise((r) => setTimeout(r, 2000))]);
  // Chromium is this stand-in's, not the app's: give it a moment, then exit (Playwright kills it).
  await Promise.race([world.browser?.close(), new Promise((r) => setTimeout(r, 500))]);
  process.exit(code);
}

const app = new StandinApp(world, ready, shutdown);
const session = new StandinSession(world);
const parts: Parts = { world, app, trays, notifications, contents, applicationMenu: () => applicationMenu };
const BrowserWindow = createBrowserWindowClass({
  world,
  session,
  handlers,
  emitApp: (event, ...args) => {
    if (event === 'web-contents-created') contents.push(args[1] as StandinWebContents);
    app.emit(event, ...args);
  },
});

const electron = {
  app,
  BrowserWindow,
  session: defaultSessionOf(world, session),
  ipcMain: {
    handle(channel: string, listener: (event: E.IpcMainInvokeEvent, ...args: unknown[]) => unknown) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener as unknown as InvokeHandler);
    },
  },
  shell: {
    async openExternal(url: string) {
      world.records.openedExternally.push(url);
    },
  },
  dialog: {
    showErrorBox(title: string, content: string) {
      world.records.errorBoxes.push({ title, content });
    },
    async showOpenDialog(options: E.OpenDialogOptions): Promise<E.OpenDialogReturnValue> {
      world.records.events.push(`open-dialog:${(options.properties ?? []).join(',')}`);
      const answer = world.dialogAnswers.openFolder.shift() ?? null;
      return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
    },
    async showMessageBox(options: E.MessageBoxOptions): Promise<E.MessageBoxReturnValue> {
      world.records.events.push(`message-box:${options.message}`);
      return { response: world.dialogAnswers.messageBox.shift() ?? options.cancelId ?? 0, checkboxChecked: false };
    },
  },
  Tray: class extends StandinTray {
    constructor(image: string) {
      super(world, image, (tray) => trays.push(tray));
    }
  },
  Menu: {
    buildFromTemplate: buildMenu,
    setApplicationMenu(menu: StandinMenu | null) {
      applicationMenu = menu;
      world.records.applicationMenu = menu ? 'set' : 'none';
    },
  },
  Notification: createNotificationClass(world, (n) => notifications.push(n)),
} satisfies ShellElectron;

listen(parts);
export default electron;
