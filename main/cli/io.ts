/**
 * What a CLI command gets from the outside world, injected so commands run in tests.
 * A command returns its exit code; it never calls process.exit itself.
 */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
}

export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
