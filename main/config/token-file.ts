/**
 * The launch token from `--token-file PATH`: a regular file (regular-file.ts: a FIFO or
 * folder is refused, never blocks) that only its owner can read (no group or world bits),
 * holding the token on its first line. The token itself is never put in a message.
 */
import { readRegularFileText } from '../core/regular-file.js';

export type TokenFileRead = { kind: 'ok'; token: string } | { kind: 'invalid'; message: string };

export async function readTokenFile(path: string): Promise<TokenFileRead> {
  const read = await readRegularFileText(path);
  if (read.kind === 'missing') return invalid(`the token file ${path} does not exist`);
  if (read.kind === 'not_regular') return invalid(`the token file ${path} is ${read.what}, not a regular file`);
  if (read.kind === 'unreadable') return invalid(`the token file ${path} could not be read (${read.reason})`);
  const mode = read.stats.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    return invalid(
      `the token file ${path} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 ${path}`,
    );
  }
  const token = read.text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (!token) return invalid(`the token file ${path} is empty`);
  return { kind: 'ok', token };
}

function invalid(message: string): TokenFileRead {
  return { kind: 'invalid', message };
}
