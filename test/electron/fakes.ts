/**
 * Plain-object stand-ins for the Electron objects the shell talks to, implementing the
 * shell's narrow interfaces (electron/shell-types.ts). They record calls and keep the
 * registered handlers so a test can grab a handler and call it, as Electron would.
 */
import type {
  AppLike,
  ClockLike,
  LoggerLike,
  MenuItemSpec,
  OpsStatus,
  PreventableEvent,
  SessionCookie,
  SessionLike,
  StatusSourceLike,
  TrayAction,
  TrayIconState,
  TrayLike,
  WebContentsLike,
  WindowLike,
} from '../../electron/shell-types.js';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  once(event: string, listener: Listener): void {
    this.on(event, listener);
  }
  /** Emits with a preventable event; returns whether a listener prevented the default. */
  emit(event: string, extra: object = {}): boolean {
    let prevented = false;
    const payload = { ...extra, preventDefault: () => void (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (e: PreventableEvent) => void)(payload);
    return prevented;
  }
}

export class FakeApp extends Emitter implements AppLike {
  readonly calls: string[] = [];
  constructor(private readonly lock = true) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.lock;
  }
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  async whenReady(): Promise<void> {
    this.calls.push('whenReady');
  }
  /** Mimics Electron: before-quit, then (unless prevented) will-quit, then exit. */
  quit(): void {
    this.calls.push('quit');
    if (this.emit('before-quit')) return;
    if (!this.emit('will-quit')) this.calls.push('exited');
  }
  exit(code: number): void {
    this.calls.push(`exit:${code}`);
  }
  getVersion(): string {
    return '9.9.9';
  }
  setAppUserModelId(id: string): void {
    this.calls.push(`setAppUserModelId:${id}`);
  }
}

export class FakeWindow extends Emitter implements WindowLike {
  visible = false;
  minimized = false;
  readonly calls: string[] = [];
  readonly loaded: string[] = [];
  readonly commands: unknown[] = [];
  show(): void {
    this.visible = true;
    this.calls.push('show');
  }
  hide(): void {
    this.visible = false;
    this.calls.push('hide');
  }
  focus(): void {
    this.calls.push('focus');
  }
  restore(): void {
    this.minimized = false;
    this.calls.push('restore');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return false;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  sendTrayCommand(command: unknown): void {
    this.commands.push(command);
  }
  /** Electron's close: listeners may prevent it; otherwise the window goes away. */
  close(): 'closed' | 'kept' {
    return this.emit('close') ? 'kept' : 'closed';
  }
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  windowOpenHandler?: (details: { url: string }) => { action: 'deny' } | { action: 'allow' };
  setWindowOpenHandler(handler: NonNullable<FakeWebContents['windowOpenHandler']>): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeSession implements SessionLike {
  requestHandler?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
  checkHandler?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
  deviceHandler?: () => boolean;
  headersListener?: Parameters<SessionLike['onHeadersReceived']>[0];
  readonly cookies: SessionCookie[] = [];
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.deviceHandler = handler;
  }
  onHeadersReceived(listener: NonNullable<FakeSession['headersListener']>): void {
    this.headersListener = listener;
  }
  async setCookie(cookie: SessionCookie): Promise<void> {
    this.cookies.push(cookie);
  }
}

export class FakeTray implements TrayLike {
  readonly images: TrayIconState[] = [];
  readonly tooltips: string[] = [];
  menus: MenuItemSpec[][] = [];
  onAction?: (action: TrayAction) => void;
  clickListener?: () => void;
  setImage(state: TrayIconState): void {
    this.images.push(state);
  }
  setToolTip(text: string): void {
    this.tooltips.push(text);
  }
  setContextMenu(items: MenuItemSpec[], onAction: (action: TrayAction) => void): void {
    this.menus.push(items);
    this.onAction = onAction;
  }
  onClick(listener: () => void): void {
    this.clickListener = listener;
  }
  destroy(): void {}
}

/** A status source the test drives with `emit`. */
export function fakeStatusSource(initial: OpsStatus): StatusSourceLike & { emit(status: OpsStatus): void } {
  let current = initial;
  const listeners = new Set<(status: OpsStatus) => void>();
  return {
    current: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(status) {
      current = status;
      for (const listener of listeners) listener(status);
    },
  };
}

export function status(
  overrides: {
    overall?: OpsStatus['overall'];
    running?: OpsStatus['runs']['running'];
    lastFinished?: OpsStatus['runs']['lastFinished'];
    costs?: Partial<OpsStatus['costs']>;
  } = {},
): OpsStatus {
  return {
    overall: overrides.overall ?? 'ok',
    runs: { running: overrides.running ?? [], lastFinished: overrides.lastFinished ?? null },
    costs: {
      state: 'ok',
      monthToDateUsd: 123.45,
      budgetPct: null,
      fetchedAt: '2026-11-24T07:00:00.000Z',
      detail: null,
      ...overrides.costs,
    },
  };
}

export function run(
  id: string,
  runStatus: OpsStatus['runs']['running'][number]['status'],
  extra: { workflow?: string; path?: string; finishedAt?: string | null } = {},
) {
  return {
    id,
    workflow: extra.workflow ?? 'test',
    path: extra.path ?? '.',
    status: runStatus,
    startedAt: '2026-11-24T07:00:00.000Z',
    finishedAt:
      extra.finishedAt === undefined ? (runStatus === 'running' ? null : '2026-11-24T07:05:00.000Z') : extra.finishedAt,
  };
}

export function recordingLogger(): LoggerLike & { records: { level: string; object: object; message?: string }[] } {
  const records: { level: string; object: object; message?: string }[] = [];
  const at = (level: string) => (object: object, message?: string) =>
    void records.push({ level, object, ...(message !== undefined && { message }) });
  return { records, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A manual clock: time moves only through `advance`, which fires due timers in order. */
export function manualClock(
  start = Date.parse('2026-11-24T08:00:00.000Z'),
): ClockLike & { advance(ms: number): void; pending(): number } {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout: (handle) => void timers.delete(handle as unknown as number),
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}
