/**
 * The desktop launch configuration, through the core's one launch loader (`loadLaunch`):
 * command line > saved settings > defaults, the settings file read once, in the settings
 * store's own format. The shell accepts a small set of flags (`--project-root DIR`,
 * `--port N`, `--allow-run`, `--hidden`) and ignores everything else, because Electron
 * and the OS add their own switches (`--no-sandbox`, `-psn_…`, Chromium flags). Without
 * `--project-root` the project is the saved `desktopProjectRoot`, else
 * `$ATTUNE_PROJECT_ROOT`, else the home folder, served behind the welcome screen
 * (`project`: what the launch opened, or why it shows the welcome screen).
 */
import { resolve } from 'node:path';
import type { Config, LaunchInput, LaunchLoad, SettingsFileRead } from '../main/index.js';
import { checkProjectFolder, launchProject, type FolderProblem, type ProjectLaunch } from './project-folder.js';

export interface ShellArgs {
  projectRoot?: string;
  port?: number;
  allowRun?: boolean;
  /** Started at login: go straight to the tray without showing the window. */
  hidden: boolean;
}

/** Why: Electron's argv carries foreign switches, so unknown flags are skipped, not errors. */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { hidden: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = splitFlag(argv[i]!);
    const value = () => inline ?? argv[++i];
    if (flag === '--project-root') args.projectRoot = value();
    else if (flag === '--port') args.port = parsePort(value());
    else if (flag === '--allow-run') args.allowRun = true;
    else if (flag === '--hidden') args.hidden = true;
  }
  return args;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function parsePort(value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || port > 65535)
    throw new Error(`--port needs a number from 0 to 65535, got ${JSON.stringify(value ?? '')}`);
  return port;
}

export interface ShellConfigOptions {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  home: string;
  loadLaunch: (input: LaunchInput) => Promise<LaunchLoad>;
}

export type ShellConfig =
  | {
      kind: 'ok';
      config: Config;
      args: ShellArgs;
      /** The settings file as read: the services' settings store starts from it. */
      settingsRead: SettingsFileRead;
      /** Sentences for the log (an unusable settings file, a saved project that is gone). */
      warnings: string[];
      project: ProjectLaunch;
    }
  | { kind: 'invalid'; message: string };

export async function loadShellConfig(options: ShellConfigOptions): Promise<ShellConfig> {
  const args = parseShellArgs(options.argv);
  const loaded = await options.loadLaunch({
    flags: {
      ...(args.projectRoot !== undefined && { projectRoot: args.projectRoot }),
      ...(args.port !== undefined && { port: args.port }),
      ...(args.allowRun !== undefined && { allowRun: args.allowRun }),
    },
    env: options.env,
    cwd: options.home,
    projectRootFromSettings: (settings) =>
      stringOr(settings.desktopProjectRoot) ?? stringOr(options.env.ATTUNE_PROJECT_ROOT),
  });
  if (loaded.kind === 'invalid') return { kind: 'invalid', message: loaded.message };
  const { config, settingsRead } = loaded.launch;
  const warnings = [...loaded.launch.warnings];
  if (settingsRead.kind === 'invalid') warnings.push(settingsRead.warning);
  const savedRoot = stringOr(settingsRead.settings.desktopProjectRoot) ?? null;
  let savedProblem: FolderProblem | null = null;
  if (args.projectRoot === undefined && savedRoot !== null && resolve(options.home, savedRoot) !== config.projectRoot) {
    const check = await checkProjectFolder(savedRoot);
    savedProblem = check.kind === 'refused' ? check.problem : 'missing';
  }
  const project = launchProject({
    fromFlag: args.projectRoot !== undefined,
    fromEnv: stringOr(options.env.ATTUNE_PROJECT_ROOT) !== undefined,
    savedRoot,
    configRoot: config.projectRoot,
    savedProblem,
  });
  return { kind: 'ok', config, args, settingsRead, warnings, project };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
