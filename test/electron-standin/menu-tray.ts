/**
 * Stand-in `Menu`, `Tray` and `Notification`. `Menu.buildFromTemplate` validates each
 * item as Electron does (a label, role or type; known types and roles; `submenu` with
 * type submenu; `click` a function) and throws on a bad template. Tray and Notification
 * need the app ready. The notification presenter takes the AppUserModelId current at
 * its first use (`isSupported()`, or the first notification shown) and keeps it.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { Electron as E } from '../../electron/electron-surface.js';
import type { ShellMenu, ShellNotification, ShellTray } from '../../electron/electron-surface.js';
import { destroyedError, requireReady, type World } from './world.js';

const TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette']);
const ROLES = new Set(
  (
    'undo redo cut copy paste pasteAndMatchStyle delete selectAll reload forceReload toggleDevTools resetZoom zoomIn ' +
    'zoomOut toggleSpellChecker togglefullscreen window minimize close help about services hide hideOthers unhide ' +
    'quit showSubstitutions toggleSmartQuotes toggleSmartDashes toggleTextReplacement startSpeaking stopSpeaking zoom ' +
    'front appMenu fileMenu editMenu viewMenu shareMenu recentDocuments toggleTabBar selectNextTab selectPreviousTab ' +
    'showAllTabs mergeAllWindows clearRecentDocuments moveTabToNewWindow windowMenu'
  ).split(/\s+/),
);

export interface BuiltItem {
  label: string;
  type: string;
  role: string | null;
  enabled: boolean;
  checked: boolean;
  click: (() => void) | null;
  submenu: BuiltItem[] | null;
}

export class StandinMenu implements ShellMenu {
  constructor(readonly items: BuiltItem[]) {}
}

export function buildMenu(template: E.MenuItemConstructorOptions[]): StandinMenu {
  const build = (item: E.MenuItemConstructorOptions): BuiltItem => {
    if (item.label === undefined && item.role === undefined && item.type === undefined)
      throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    const type = item.type ?? (item.submenu ? 'submenu' : 'normal');
    if (!TYPES.has(type)) throw new TypeError(`Unknown menu item type: ${type}`);
    if (item.role !== undefined && !ROLES.has(item.role)) throw new TypeError(`Invalid role: ${item.role}`);
    if (type === 'submenu' && !Array.isArray(item.submenu))
      throw new TypeError('Invalid template for MenuItem: submenu must be an array');
    if (item.click !== undefined && typeof item.click !== 'function') throw new TypeError('click must be a function');
    const sub = Array.isArray(item.submenu) ? item.submenu.map(build) : null;
    return {
      label: item.label ?? item.role ?? '',
      type,
      role: item.role ?? null,
      enabled: item.enabled ?? true,
      checked: item.checked ?? false,
      click: item.click ? () => (item.click as () => void)() : null,
      submenu: sub,
    };
  };
  if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
  return new StandinMenu(template.map(build));
}

export function describeMenu(items: BuiltItem[] | null): unknown {
  return (items ?? []).map((item) => ({
    label: item.label,
    type: item.type,
    role: item.role,
    enabled: item.enabled,
    checked: item.checked,
    ...(item.submenu && { submenu: describeMenu(item.submenu) }),
  }));
}

export class StandinTray extends EventEmitter implements ShellTray {
  image: string;
  tooltip = '';
  menu: StandinMenu | null = null;
  destroyed = false;

  constructor(
    world: World,
    image: string,
    private readonly onCreate: (tray: StandinTray) => void = () => undefined,
  ) {
    requireReady(world, 'create a Tray');
    super();
    if (!existsSync(image)) throw new Error(`Failed to load image from path '${image}'`);
    this.image = image;
    this.onCreate(this);
  }
  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
  setImage(image: string): void {
    this.alive();
    if (!existsSync(image)) throw new Error(`Failed to load image from path '${image}'`);
    this.image = image;
  }
  setToolTip(text: string): void {
    this.alive();
    this.tooltip = text;
  }
  setContextMenu(menu: ShellMenu | null): void {
    this.alive();
    this.menu = menu as StandinMenu | null;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export function createNotificationClass(world: World, created: (n: StandinNotification) => void) {
  const presenter = () => {
    if (world.platform === 'win32') world.records.presenterAppId ??= world.records.appUserModelId;
  };
  class Notification extends StandinNotification {
    static isSupported(): boolean {
      presenter();
      return true;
    }
    constructor(options: E.NotificationConstructorOptions) {
      super(options, world, presenter);
      created(this);
    }
  }
  return Notification;
}

export class StandinNotification extends EventEmitter implements ShellNotification {
  readonly record: World['records']['notifications'][number];
  constructor(
    options: E.NotificationConstructorOptions,
    world: World,
    private readonly presenter: () => void,
  ) {
    super();
    this.record = { title: options.title ?? '', body: options.body ?? '', shown: false, closed: false };
    world.records.notifications.push(this.record);
  }
  show(): void {
    this.presenter();
    this.record.shown = true;
  }
  close(): void {
    this.record.closed = true;
    this.emit('close');
  }
}
