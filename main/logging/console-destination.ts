/**
 * What the server's log shows on the terminal. On a TTY, each JSON record becomes one
 * readable line on stderr (`HH:MM:SS LEVEL message`; the JSON stays in ops.log), and a
 * warning that repeats is printed once, then again only when its text changes or it
 * clears. A warning's key is its `warningKey` field, or its message when it has none; a
 * later record below warning level with the same `warningKey` clears it. Off a TTY the
 * JSON lines go to stdout unchanged, for whatever collects them.
 */
import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Readable lines on `stderr` when it is a TTY; JSON on `stdout` otherwise. */
export function consoleDestination(stdout: Sink, stderr: Sink): DestinationStream {
  return stderr.isTTY ? readableLines(stderr) : { write: (line: string) => void stdout.write(line) };
}

export function readableLines(sink: Sink): DestinationStream {
  const printed = new Map<string, string>();
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        sink.write(line);
        return;
      }
      const level = typeof record.level === 'number' ? record.level : 30;
      const text = messageOf(record);
      const key = typeof record.warningKey === 'string' ? record.warningKey : undefined;
      if (level === 40) {
        const id = key ?? text;
        if (printed.get(id) === text) return;
        printed.set(id, text);
      } else if (key !== undefined) {
        printed.delete(key);
      }
      sink.write(`${clockTime(record.time)} ${(LEVELS[level] ?? String(level)).padEnd(5)} ${text}\n`);
    },
  };
}

function messageOf(record: Record<string, unknown>): string {
  const msg = typeof record.msg === 'string' ? record.msg : '';
  const err = record.err as { message?: unknown } | undefined;
  const detail = typeof err?.message === 'string' && !msg.includes(err.message) ? `: ${err.message}` : '';
  return (msg + detail).replace(/\s*\n\s*/g, ' ') || '(no message)';
}

function clockTime(time: unknown): string {
  const date = new Date(typeof time === 'string' || typeof time === 'number' ? time : Date.now());
  return Number.isNaN(date.getTime()) ? '--:--:--' : date.toISOString().slice(11, 19);
}
