/**
 * Parses `attune-ops serve` flags into the launch flags loadLaunch takes. Pure: no I/O,
 * so every flag and error is unit-tested. Unknown flags and bad values are errors with a
 * one-line message, never ignored.
 */
import { parseArgs } from 'node:util';
import type { LaunchFlags } from '../config/config.js';
import { unknownOption } from './usage-errors.js';

export interface ServeOptions {
  flags: LaunchFlags & { tokenFile?: string };
  openBrowser: boolean;
  help: boolean;
}

export type ServeParse = { kind: 'ok'; options: ServeOptions } | { kind: 'error'; message: string };

export const SERVE_USAGE = `Usage: attune-ops serve [options]

Runs the ops server and console until SIGINT/SIGTERM.

Options:
  --host HOST                 bind address (default 127.0.0.1)
  --port N                    port (default 8765, or $PORT; 0 picks a free port)
  --project-root DIR          project whose workflows, scopes and specs are shown (default: cwd)
  --allow-run                 let workflows execute (off by default)
  --specs-root DIR            where specs are scanned (repeatable; default <project>/docs/specs)
  --trusted-host HOST         extra Host header to accept, e.g. a tunnel (repeatable)
  --runs-retention-days N     prune run history older than N days (0 keeps all)
  --specs-candidates          turn on the "ready to close?" detector
  --no-specs-candidates       turn it off for this launch
  --token-file PATH           fixed launch token read from PATH (mode 600), or $ATTUNE_OPS_TOKEN; random otherwise
  --no-browser                do not open a browser
  -h, --help                  this text
`;

export const TOKEN_ARGUMENT_REFUSED =
  '--token is refused: a token on the command line is visible to every local user in /proc/<pid>/cmdline; use --token-file PATH or ATTUNE_OPS_TOKEN';

export function parseServeArgs(argv: string[]): ServeParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: negativeValuesJoined(argv),
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'project-root': { type: 'string' },
        'allow-run': { type: 'boolean' },
        'specs-root': { type: 'string', multiple: true },
        'trusted-host': { type: 'string', multiple: true },
        'runs-retention-days': { type: 'string' },
        'specs-candidates': { type: 'boolean' },
        'no-specs-candidates': { type: 'boolean' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        'no-browser': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: parseErrorMessage(error as Error & { code?: string }) };
  }
  if (values.token !== undefined) return { kind: 'error', message: TOKEN_ARGUMENT_REFUSED };
  const port = values.port === undefined ? undefined : integerIn(values.port, 0, 65535);
  if (port === null)
    return { kind: 'error', message: `--port must be a whole number from 0 to 65535 (got '${values.port}')` };
  const retention =
    values['runs-retention-days'] === undefined ? undefined : integerIn(values['runs-retention-days'], 0, 36500);
  if (retention === null)
    return { kind: 'error', message: `--runs-retention-days must be a whole number of days, 0 or more` };
  if (values['specs-candidates'] && values['no-specs-candidates']) {
    return { kind: 'error', message: '--specs-candidates and --no-specs-candidates contradict each other' };
  }
  const specsCandidates = values['specs-candidates'] ? true : values['no-specs-candidates'] ? false : undefined;
  const flags: ServeOptions['flags'] = {
    ...(values.host !== undefined && { host: values.host }),
    ...(port !== undefined && { port }),
    ...(values['project-root'] !== undefined && { projectRoot: values['project-root'] }),
    ...(values['allow-run'] && { allowRun: true }),
    ...(values['specs-root'] && { specsRoots: values['specs-root'] }),
    ...(values['trusted-host'] && { trustedHosts: values['trusted-host'] }),
    ...(retention !== undefined && { runsRetentionDays: retention }),
    ...(specsCandidates !== undefined && { specsCandidatesEnabled: specsCandidates }),
    ...(values['token-file'] !== undefined && { tokenFile: values['token-file'] }),
  };
  return { kind: 'ok', options: { flags, openBrowser: !values['no-browser'], help: values.help ?? false } };
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

const STRING_OPTIONS = new Set([
  '--host',
  '--port',
  '--project-root',
  '--specs-root',
  '--trusted-host',
  '--runs-retention-days',
  '--token',
  '--token-file',
]);

/** `--port -1` as `--port=-1`, so a negative number is judged as a value (not read as an option). */
function negativeValuesJoined(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (STRING_OPTIONS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

/** node:util's parse errors in this CLI's wording (usage-errors.ts). */
function parseErrorMessage(error: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return unknownOption('serve', quoted);
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted)
    return `unexpected argument '${quoted}' (attune-ops serve --help lists the options)`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted)
    return `${quoted.split(' ')[0]} needs a value (attune-ops serve --help lists the options)`;
  return error.message;
}
