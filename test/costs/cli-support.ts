/**
 * In-memory CliIo for calling CLI commands in tests: stdin from a string or a fake TTY,
 * stdout and stderr captured as text.
 */
import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../main/cli/io.js';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

export function captureIo(options: {
  env: Record<string, string | undefined>;
  cwd: string;
  stdin?: string | PassThrough;
}): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const stdin =
    typeof options.stdin === 'string' || options.stdin === undefined
      ? Readable.from([options.stdin ?? ''])
      : options.stdin;
  return { stdin, stdout, stderr, env: options.env, cwd: options.cwd, out: () => out, err: () => err };
}

/** A stdin that claims to be a terminal and records raw-mode switches. */
export function fakeTty(): PassThrough & { isTTY: boolean; rawModes: boolean[]; setRawMode(raw: boolean): void } {
  const tty = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  return Object.assign(tty, { setRawMode: (raw: boolean) => void tty.rawModes.push(raw) });
}
