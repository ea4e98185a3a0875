/**
 * Is Electron's runtime installed? Used by `npm start` (scripts/start.mjs) to choose
 * between launching the desktop app and the headless server.
 *
 * Electron's npm package downloads its runtime on first use, guided by
 * `node_modules/electron/path.txt` (the executable's path inside `dist/`). Requiring
 * 'electron' when the runtime is missing starts that download, so this check only
 * looks at files: path.txt present, and the executable it names present under dist/
 * (or under `ELECTRON_OVERRIDE_DIST_PATH` when that is set). No Electron import here;
 * `npm start` runs Electron's own installer (INSTALL_COMMAND) when the runtime is missing.
 */
import { join } from 'node:path';

export type ElectronRuntime = { kind: 'installed'; executable: string } | { kind: 'missing'; reason: string };

export interface RuntimeProbe {
  /** `<root>/node_modules/electron` */
  electronDir: string;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  readText: (path: string) => string;
}

/** Why: the download cannot happen offline, and must never be triggered by `npm start`. */
export function detectElectronRuntime(probe: RuntimeProbe): ElectronRuntime {
  if (!probe.exists(join(probe.electronDir, 'package.json'))) {
    return { kind: 'missing', reason: 'the electron package is not installed; run npm install' };
  }
  const pathFile = join(probe.electronDir, 'path.txt');
  const relative = probe.exists(pathFile) ? probe.readText(pathFile).trim() : '';
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (override) {
    const executable = join(override, relative || 'electron');
    return probe.exists(executable)
      ? { kind: 'installed', executable }
      : { kind: 'missing', reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist` };
  }
  if (!relative) {
    return {
      kind: 'missing',
      reason: "Electron's runtime was never downloaded: node_modules/electron/path.txt is absent",
    };
  }
  const executable = join(probe.electronDir, 'dist', relative);
  if (!probe.exists(executable)) {
    return { kind: 'missing', reason: `Electron's runtime is incomplete: ${executable} is absent` };
  }
  return { kind: 'installed', executable };
}

export type LaunchPlan =
  | { kind: 'desktop'; command: string; args: string[] }
  | { kind: 'headless'; command: string; args: string[]; reason: string };

/** The command that downloads Electron's runtime (Electron's own installer), for the notice. */
export const INSTALL_COMMAND = 'node node_modules/electron/install.js';

/**
 * What `npm start` runs: Electron on the app folder (`electron .`, so the app has its own
 * name, version, user-data folder and single-instance lock from package.json), or the
 * headless CLI server.
 */
export function launchPlan(
  runtime: ElectronRuntime,
  options: { root: string; nodePath: string; args: string[] },
): LaunchPlan {
  if (runtime.kind === 'installed') {
    return {
      kind: 'desktop',
      command: runtime.executable,
      args: [options.root, ...options.args],
    };
  }
  return {
    kind: 'headless',
    command: options.nodePath,
    args: [join(options.root, 'bin', 'attune-ops.js'), 'serve', ...options.args],
    reason: runtime.reason,
  };
}

/** The console URL (with its one-time token) in the headless server's output, if printed yet. */
export function findConsoleUrl(output: string): string | null {
  return /(https?:\/\/[^\s]+\/\?token=[^\s]+)/.exec(output)?.[1] ?? null;
}

/** The single line `npm start` prints when it falls back to the headless server. */
export function headlessNotice(reason: string, consoleUrl: string): string {
  return `attune-ops: the desktop runtime is missing (${reason}); get it later with \`${INSTALL_COMMAND}\`. Running the ops server headless instead: open ${consoleUrl} in your browser.`;
}
