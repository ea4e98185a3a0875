/**
 * The `attune-ops` command-line entry: dispatches to a subcommand and returns its exit
 * code. Subcommands are imported lazily so `--version` and `--help` stay instant.
 */
import { appVersion } from '../core/version.js';
import type { CliIo } from './io.js';
import { LaunchRefused } from './launch-refused.js';
import { firstUnknownOption, unknownOption, usageError } from './usage-errors.js';

export const USAGE = `Usage: attune-ops <command> [options]

Commands:
  serve                 run the ops server and console (see: attune-ops serve --help)
  key set|status|delete manage the Anthropic admin key in the OS keychain (set reads stdin)
  costs [--json] [--refresh]
                        print the spend summary (non-zero exit on error)

Options:
  -h, --help            this text
  -v, --version         print the version

Environment: ATTUNE_HOME, ANTHROPIC_ADMIN_API_KEY, ATTUNE_ANTHROPIC_BASE_URL,
ANTHROPIC_COST_CACHE_TTL_SECONDS, PORT, ATTUNE_OPS_TOKEN.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (!(error instanceof LaunchRefused)) throw error;
    io.stderr.write(`attune-ops ${argv[0]}: ${error.message}\n`);
    return error.exitCode;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    case '-v':
    case '--version':
      io.stdout.write(`${appVersion()}\n`);
      return 0;
    case 'serve':
      return (await import('./serve.js')).serveCommand(rest, io);
    case 'key':
    case 'costs': {
      const unknown = firstUnknownOption(command, rest);
      if (unknown !== undefined) return usageError(io, command, unknownOption(command, unknown));
      if (command === 'key') return (await import('./commands/key.js')).keyCommand(rest, io);
      return (await import('./commands/costs.js')).costsCommand(rest, io);
    }
    default:
      return usageError(io, command, `unknown command (attune-ops --help lists the commands)`);
  }
}
