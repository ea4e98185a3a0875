/**
 * Desktop shell figures (issue 7), against the compiled dist/ with an injected fake app:
 *   - time from the shell's start (runShell with fake Electron objects, real in-process
 *     server) to the server answering /api/health, against the bare core startServer
 *     measured in the same process (the shell's own overhead is the ratio);
 *   - tray update latency: a status source emits → tray.setImage and setToolTip called.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'desktop shell: startup and tray latency';

const STARTS = 7;
const TRAY_UPDATES = 2000;

function fakeApp() {
  const listeners = new Map();
  const emit = (event) => {
    let prevented = false;
    for (const listener of listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return {
    requestSingleInstanceLock: () => true,
    enableSandbox() {},
    whenReady: async () => undefined,
    quit() {
      if (!emit('before-quit')) emit('will-quit');
    },
    exit() {},
    getVersion: () => '0.0.0-bench',
    setAppUserModelId() {},
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  };
}

function fakeWindow() {
  return {
    show() {},
    hide() {},
    focus() {},
    restore() {},
    isMinimized: () => false,
    isDestroyed: () => false,
    loadURL: async () => undefined,
    once() {},
    on() {},
    sendTrayCommand() {},
  };
}

function fakeTray(onUpdate = () => undefined) {
  return {
    setImage: () => onUpdate('image'),
    setToolTip: () => onUpdate('tooltip'),
    setContextMenu() {},
    onClick() {},
    destroy() {},
  };
}

const session = {
  setPermissionRequestHandler() {},
  setPermissionCheckHandler() {},
  setDevicePermissionHandler() {},
  onHeadersReceived() {},
  setCookie: async () => undefined,
};
const quietLogger = { info() {}, warn() {}, error() {} };

function statusOf(overall, running) {
  return {
    overall,
    runs: {
      running: running
        ? [
            {
              id: 'r1',
              workflow: 'test',
              path: '.',
              status: 'running',
              startedAt: new Date().toISOString(),
              finishedAt: null,
            },
          ]
        : [],
      lastFinished: null,
    },
    costs: { state: 'ok', monthToDateUsd: 12.34, budgetPct: null, fetchedAt: null, detail: null },
  };
}

function statusSource() {
  let current = statusOf('ok', false);
  const listeners = new Set();
  return {
    current: () => current,
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    emit: (s) => {
      current = s;
      for (const l of listeners) l(s);
    },
  };
}

export default async function run(h) {
  const core = await import(join(h.dist, 'main', 'index.js'));
  const { runShell } = await import(join(h.dist, 'electron', 'shell.js'));
  const { bindCoreServices } = await import(join(h.dist, 'electron', 'core-adapters.js'));
  const configFor = () => {
    const home = h.tmpDir('attune-bench-shell-');
    mkdirSync(join(home, 'ops'), { recursive: true });
    return core.buildConfig({ port: 0, attuneHome: home, projectRoot: h.tmpDir('attune-bench-project-'), env: {} });
  };
  const clock = { now: Date.now, setTimeout, clearTimeout };
  const memoryStore = { get: async () => null, set: async () => undefined, delete: async () => false };
  const { default: pino } = await import('pino');
  const serverDeps = () => ({ env: {}, secretStore: memoryStore, logger: pino({ level: 'silent' }) });

  const bare = [];
  const shell = [];
  const ready = [];
  // Iteration 0 warms module caches and is not counted; the order alternates so neither side
  // always runs on a warmer process.
  for (let i = 0; i <= STARTS; i += 1) {
    const config = configFor();
    const bareFirst = i % 2 === 0;
    const timeBare = async () => {
      const started = performance.now();
      const server = await core.startServer(config, serverDeps());
      await h.waitFor200(`${server.url}/api/health`);
      const ms = performance.now() - started;
      await server.close();
      return ms;
    };
    const bareMs = bareFirst ? await timeBare() : undefined;

    const app = fakeApp();
    let shellServer;
    let answered;
    const started = performance.now();
    const pending = runShell({
      app,
      platform: 'linux',
      appId: 'dev.attune.ops',
      productName: 'Attune Ops',
      logger: quietLogger,
      clock,
      contentSecurityPolicy: core.CONTENT_SECURITY_POLICY,
      loadConfig: async () => ({ port: 0, args: { hidden: false } }),
      startServer: async (port) => {
        shellServer = await core.startServer({ ...config, port }, serverDeps());
        answered = h.waitFor200(`${shellServer.url}/api/health`).then(() => performance.now());
        return shellServer;
      },
      bindServices: (server) => bindCoreServices({ server, services: server.services, fetch, clock }),
      session: () => session,
      createWindow: () => ({ window: fakeWindow(), contents: { on() {}, setWindowOpenHandler() {} } }),
      createTray: () => fakeTray(),
      notifications: () => null,
      setApplicationMenu() {},
      reportError() {},
      fetch,
      shell: { openExternal: async () => undefined },
      autostart: { isEnabled: async () => false, setEnabled: async () => undefined, openedAtLogin: () => false },
    });
    const outcome = await pending;
    const shellMs = (await answered) - started;
    const readyMs = performance.now() - started;
    outcome.tray.dispose();
    await shellServer.close();
    const bareLater = bareFirst ? bareMs : await timeBare();
    if (i === 0) continue;
    shell.push(shellMs);
    bare.push(bareLater);
    ready.push(readyMs);
  }

  const { startTrayController } = await import(join(h.dist, 'electron', 'tray.js'));
  const source = statusSource();
  let emittedAt = 0;
  const latencies = [];
  let pendingParts = 0;
  const tray = fakeTray(() => {
    pendingParts -= 1;
    if (pendingParts === 0) latencies.push((performance.now() - emittedAt) * 1000);
  });
  const controller = startTrayController({
    tray,
    status: source,
    runs: { cancel: async () => undefined, recent: async () => [] },
    actions: {},
    logger: quietLogger,
    productName: 'Attune Ops',
    startAtLogin: () => false,
  });
  for (let i = 0; i < TRAY_UPDATES; i += 1) {
    pendingParts = 2;
    emittedAt = performance.now();
    source.emit(statusOf(i % 2 ? 'running' : 'ok', i % 2 === 1));
  }
  controller.dispose();

  const median = (values) => h.percentile(values, 50);
  const shellMs = median(shell);
  const bareMs = median(bare);
  return [
    {
      metric: `shell start → /api/health 200 (median of ${STARTS})`,
      value: shellMs,
      unit: 'ms',
      baseline: bareMs,
      ratio: shellMs / bareMs,
      goal: '< 1000 ms',
      pass: shellMs < 1000,
    },
    { metric: 'bare core startServer → 200 (baseline)', value: bareMs, unit: 'ms' },
    { metric: 'shell start → window loaded + tray up (fake app)', value: median(ready), unit: 'ms' },
    {
      metric: `tray update after status change p50 (${TRAY_UPDATES} changes)`,
      value: h.percentile(latencies, 50),
      unit: 'µs',
    },
    {
      metric: 'tray update after status change p99',
      value: h.percentile(latencies, 99),
      unit: 'µs',
      goal: '< 16 ms (one frame)',
      pass: h.percentile(latencies, 99) < 16_000,
    },
  ];
}
