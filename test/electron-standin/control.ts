/**
 * The harness's channel into the stand-in (Node IPC of the forked child): it asks for
 * the state, clicks tray / menu items and notifications, closes the window, plays OS
 * events (Dock `activate`, Windows log-off), queues dialog answers, evaluates in the
 * page, and asks the app to quit. The child reports its exit with a last state.
 */
import type { StandinApp } from './app.js';
import {
  describeMenu,
  type BuiltItem,
  type StandinMenu,
  type StandinNotification,
  type StandinTray,
} from './menu-tray.js';
import { electronEvent, type World } from './world.js';
import type { StandinWebContents } from './browser-window.js';

export interface Parts {
  world: World;
  app: StandinApp;
  trays: StandinTray[];
  notifications: StandinNotification[];
  contents: StandinWebContents[];
  applicationMenu: () => StandinMenu | null;
}

type Command = { id: number; cmd: string; [key: string]: unknown };

function find(items: BuiltItem[] | undefined, path: string[]): BuiltItem {
  let level = items ?? [];
  let found: BuiltItem | undefined;
  for (const label of path) {
    found = level.find((item) => item.label === label || item.label.startsWith(label));
    if (!found)
      throw new Error(`no menu item ${JSON.stringify(label)} in ${JSON.stringify(level.map((i) => i.label))}`);
    level = found.submenu ?? [];
  }
  if (!found?.click) throw new Error(`menu item ${path.join(' > ')} has no click`);
  return found;
}

export async function snapshot(parts: Parts): Promise<unknown> {
  const { world } = parts;
  const tray = parts.trays.at(-1);
  return {
    name: world.identity.name,
    ready: world.ready,
    records: world.records,
    windows: [...world.windows].map((w) => w.snapshot()),
    tray: tray && {
      image: tray.image,
      tooltip: tray.tooltip,
      destroyed: tray.destroyed,
      menu: describeMenu(tray.menu?.items ?? null),
    },
    applicationMenu: parts.applicationMenu() ? describeMenu(parts.applicationMenu()!.items) : null,
    cookies: world.context ? await world.context.cookies() : [],
    uptimeMs: performance.now() - ((globalThis as { __standinStartedAt?: number }).__standinStartedAt ?? 0),
  };
}

async function run(parts: Parts, command: Command): Promise<unknown> {
  const { world, app } = parts;
  const page = () => {
    const page = parts.contents.find((c) => !c.destroyed)?.page;
    if (!page) throw new Error('no open window');
    return page;
  };
  switch (command.cmd) {
    case 'state':
      return snapshot(parts);
    case 'tray-click':
      return find(parts.trays.at(-1)?.menu?.items, command.path as string[]).click!();
    case 'menu-click':
      return find(parts.applicationMenu()?.items, command.path as string[]).click!();
    case 'tray-icon-click':
      return parts.trays.at(-1)?.emit('click');
    case 'notification-click':
      return parts.notifications[command.index as number]?.emit('click');
    case 'window-close':
      return [...world.windows][0]?.requestClose();
    case 'activate':
      return app.emit('activate', electronEvent(), false);
    case 'session-end':
      for (const window of [...world.windows]) window.emit('query-session-end', electronEvent({ reasons: ['logoff'] }));
      for (const window of [...world.windows]) window.emit('session-end', electronEvent({ reasons: ['logoff'] }));
      // Windows ends the process soon after session-end returns.
      setTimeout(() => process.exit(0), Number(command.killAfterMs ?? 3000));
      return null;
    case 'dialog-answer':
      if ('openFolder' in command) world.dialogAnswers.openFolder.push(command.openFolder as string | null);
      if ('messageBox' in command) world.dialogAnswers.messageBox.push(command.messageBox as number);
      return null;
    case 'eval':
      return page().evaluate(command.expression as string);
    case 'wait-for':
      for (let waited = 0; !parts.contents.some((c) => c.page && !c.destroyed); waited += 50) {
        if (waited > 30_000) throw new Error('no window opened within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Polled from here: the page's CSP forbids the eval a page-side wait would use.
      for (
        let waited = 0;
        !(await page()
          .evaluate(command.expression as string)
          .catch(() => false));
        waited += 50
      ) {
        if (waited > 30_000) throw new Error(`still false after 30 s: ${String(command.expression)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return snapshot(parts);
    case 'quit':
      return app.quit();
  }
  throw new Error(`unknown command ${command.cmd}`);
}

export function listen(parts: Parts): void {
  if (!process.send) return;
  process.on('message', (message: Command) => {
    run(parts, message).then(
      (value) => process.send!({ id: message.id, value: value ?? null }),
      (error: unknown) => process.send!({ id: message.id, error: String(error) }),
    );
  });
  process.channel?.unref();
}
