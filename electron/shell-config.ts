/**
 * The desktop launch configuration: command line > persisted settings > defaults.
 *
 * The shell accepts a small set of flags (`--project-root DIR`, `--port N`,
 * `--allow-run`, `--hidden`) and ignores everything else, because Electron and the OS
 * add their own switches (`--no-sandbox`, `-psn_…`, Chromium flags). Persisted values
 * come from `<attuneHome>/ops/config.json` (the same file the server's settings store
 * owns); the shell reads only `desktopProjectRoot` and `desktopPort` of its own plus
 * the shared settings that `buildConfig` understands. A missing or unreadable file is
 * the defaults, with the reason returned for the log.
 */
import type { Config, ConfigOptions } from '../main/index.js';

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
  buildConfig: (options: ConfigOptions) => Config;
  readText: (path: string) => Promise<string>;
}

export interface ShellConfig {
  config: Config;
  args: ShellArgs;
  /** Why the persisted settings were not used, when they were not. */
  settingsWarning: string | null;
}

export async function loadShellConfig(options: ShellConfigOptions): Promise<ShellConfig> {
  const args = parseShellArgs(options.argv);
  const probe = options.buildConfig({ env: options.env, cwd: options.home });
  const persisted = await readPersisted(probe.settingsPath, options.readText);
  const stored = persisted.kind === 'ok' ? persisted.value : {};
  const projectRoot =
    args.projectRoot ?? stringOr(stored.desktopProjectRoot) ?? options.env.ATTUNE_PROJECT_ROOT ?? options.home;
  const port = args.port ?? numberOr(stored.desktopPort);
  const config = options.buildConfig({
    env: options.env,
    cwd: options.home,
    projectRoot,
    persisted: stored,
    ...(port !== undefined && { port }),
    ...(args.allowRun !== undefined && { allowRun: args.allowRun }),
  });
  return { config, args, settingsWarning: persisted.kind === 'ok' ? null : persisted.reason };
}

type Persisted = { kind: 'ok'; value: Record<string, unknown> } | { kind: 'unusable'; reason: string };

async function readPersisted(path: string, readText: ShellConfigOptions['readText']): Promise<Persisted> {
  let text: string;
  try {
    text = await readText(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'ok', value: {} };
    return { kind: 'unusable', reason: `Could not read ${path}: ${(error as Error).message}. Using default settings.` };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { kind: 'ok', value: value as Record<string, unknown> };
    return { kind: 'unusable', reason: `${path} does not hold a JSON object. Using default settings.` };
  } catch {
    return { kind: 'unusable', reason: `${path} is not valid JSON. Using default settings.` };
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535 ? value : undefined;
}
