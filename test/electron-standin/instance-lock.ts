/**
 * Electron's single-instance lock, per app name, across processes: an exclusive lock
 * file (holding the owner's pid; a dead owner's file is taken over) and a Unix socket on
 * which the owner hears a second instance's argv and working folder.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export type Lock = { kind: 'primary' } | { kind: 'secondary'; handedOver: Promise<void> };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function claimLock(dir: string, name: string, onSecond: (argv: string[], cwd: string) => void): Lock {
  const safe = name.replace(/[^A-Za-z0-9]/g, '_');
  const lockFile = join(dir, `${safe}.lock`);
  const socket = join(dir, `${safe}.sock`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      rmSync(socket, { force: true });
      const server = createServer((connection) => {
        let text = '';
        connection.setEncoding('utf8');
        connection.on('data', (chunk: string) => (text += chunk));
        connection.on('end', () => {
          const message = JSON.parse(text) as { argv: string[]; cwd: string };
          onSecond(message.argv, message.cwd);
        });
      });
      server.listen(socket);
      server.unref();
      process.on('exit', () => rmSync(lockFile, { force: true }));
      return { kind: 'primary' };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (alive(owner)) break;
      rmSync(lockFile, { force: true });
    }
  }
  const handedOver = new Promise<void>((resolve) => {
    const client = connect(socket, () => client.end(JSON.stringify({ argv: process.argv, cwd: process.cwd() })));
    client.on('close', () => resolve());
    client.on('error', () => resolve());
  });
  return { kind: 'secondary', handedOver };
}
