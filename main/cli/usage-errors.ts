/**
 * The CLI's usage errors, in one wording for every command: one line on stderr,
 * `attune-ops <command>: <what is wrong>`, and exit code 2. Unknown options are caught
 * here for the key and costs commands before they run, with the options each accepts.
 */
import type { CliIo } from './io.js';

export const USAGE_EXIT = 2;

export function usageError(io: CliIo, command: string, message: string): number {
  io.stderr.write(`attune-ops ${command}: ${message}\n`);
  return USAGE_EXIT;
}

export function unknownOption(command: string, option: string): string {
  return `unknown option '${option}' (attune-ops ${command} --help lists the options)`;
}

const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  key: ['-h', '--help'],
  costs: ['-h', '--help', '--json', '--refresh'],
};

/** The first option `command` does not take, for the commands whose options are fixed lists. */
export function firstUnknownOption(command: string, argv: readonly string[]): string | undefined {
  const known = OPTIONS[command];
  if (!known) return undefined;
  return argv.find((arg) => arg.startsWith('-') && !known.includes(arg));
}
