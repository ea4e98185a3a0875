/**
 * The in-process ops server across project switches: one server (and its services) at a
 * time, restarted on another project root when the user opens one.
 *
 * Invariants: the URL, port and launch token survive a switch, so the window's session
 * cookie and the IPC origin check stay valid; the status and settings views follow the
 * current services; a switch stops the old server first (its running runs cancelled and
 * recorded as such by the server's close) and, when the new project cannot start, starts
 * the previous one again before reporting the failure.
 */
import type { Config, OpsStatus, RunningServer, Services, SettingsFileRead } from '../main/index.js';
import type { SettingsExtraLike } from './core-adapters.js';
import { withRecentProject } from './project-folder.js';
import type { ServerHandle, StatusSourceLike } from './shell-types.js';

export interface ProjectLoad {
  config: Config;
  settingsRead: SettingsFileRead;
}

export interface OpsHostDeps {
  /** The launch for another project root on `port` (the launch loader's rules and checks). */
  loadProject(root: string, port: number): Promise<ProjectLoad>;
  createServices(load: ProjectLoad): Promise<Services>;
  /** `token`: undefined at launch (a fresh one), the first server's on a switch. */
  startServer(config: Config, services: Services, token: string | undefined): Promise<RunningServer>;
  /** Stops a server for good, its runs cancelled (the quit path, without waiting on open streams). */
  closeServer(running: RunningServer): Promise<void>;
}

/** The projects as saved in the settings store (`desktopProjectRoot`, `recentProjects`). */
export interface ProjectStore {
  /** The project being served. */
  current(): string;
  recent(): readonly string[];
  /** Saves `root` as the desktop project, first in the recent list. */
  remember(root: string): Promise<void>;
}

export interface OpsHost {
  /** Starts the launch's server on `port` (called again with 0 by the port fallback). */
  start(load: ProjectLoad, port: number): Promise<ServerHandle>;
  /** Restarts the server on `root`; rejects (the previous project serving again) when it cannot. */
  switchTo(root: string): Promise<void>;
  runningRuns(): number;
  readonly status: StatusSourceLike;
  readonly settings: SettingsExtraLike;
  readonly projects: ProjectStore;
}

export function createOpsHost(deps: OpsHostDeps): OpsHost {
  let current: { running: RunningServer; services: Services } | undefined;
  let launchServices: Services | undefined;
  const listeners = new Set<(status: OpsStatus) => void>();
  let unfollow = () => {};
  const services = (): Services => {
    if (!current) throw new Error('the ops server is not running');
    return current.services;
  };
  const adopt = (running: RunningServer, adopted: Services) => {
    current = { running, services: adopted };
    unfollow();
    unfollow = adopted.status.onChange((status) => listeners.forEach((listener) => listener(status)));
  };
  const startOn = async (load: ProjectLoad, token: string) => {
    const fresh = await deps.createServices(load);
    adopt(await deps.startServer(load.config, fresh, token), fresh);
  };

  return {
    async start(load, port) {
      launchServices ??= await deps.createServices(load);
      const running = await deps.startServer({ ...load.config, port }, launchServices, undefined);
      adopt(running, launchServices);
      const { url, consoleUrl, token } = running;
      return { url, consoleUrl, port: running.port, token, close: () => deps.closeServer(current!.running) };
    },
    async switchTo(root) {
      if (!current) throw new Error('the ops server is not running');
      const previous = current;
      const { port, token } = previous.running;
      // Checked before anything stops: a project the launch loader refuses leaves the old one serving.
      const next = await deps.loadProject(root, port);
      await deps.closeServer(previous.running);
      try {
        await startOn(next, token);
      } catch (error) {
        await startOn(await deps.loadProject(previous.services.config.projectRoot, port), token);
        throw error;
      }
      const status = services().status.current();
      listeners.forEach((listener) => listener(status));
    },
    runningRuns: () => services().status.current().runs.running.length,
    status: {
      current: () => services().status.current(),
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    settings: {
      getExtra: (key) => services().settings.getExtra(key),
      setExtra: (key, value) => services().settings.setExtra(key, value),
    },
    projects: {
      current: () => services().config.projectRoot,
      recent: () => services().settings.get().recentProjects,
      async remember(root) {
        const { settings } = services();
        await settings.update({
          desktopProjectRoot: root,
          recentProjects: withRecentProject(settings.get().recentProjects, root),
        });
      },
    },
  };
}
