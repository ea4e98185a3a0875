/**
 * Server-Sent Events over a Koa response, with back-pressure.
 *
 * `send` reports whether the socket accepted the bytes without buffering; a producer
 * that gets `false` awaits `drained()` before sending more, so a slow reader never makes
 * the server buffer without bound and is never dropped. A heartbeat comment keeps
 * proxies and idle timers from closing the stream. Every open stream is registered in an
 * `SseHub` so a server shutdown can end them all.
 */
import type { Context } from 'koa';
import type { Clock, TimerHandle } from '../core/clock.js';
import { OpsError } from '../core/errors.js';

export const SSE_RETRY_MS = 2000;
export const SSE_HEARTBEAT_MS = 15_000;

export interface SseEvent {
  id?: number | string;
  event?: string;
  data: unknown;
}

export interface SseConnection {
  readonly closed: boolean;
  /** Writes one event; false means the socket is buffering and the caller should await drained(). */
  send(event: SseEvent): boolean;
  comment(text: string): boolean;
  /** Resolves once the socket buffer drained, or the connection closed. */
  drained(): Promise<void>;
  close(): void;
  onClose(listener: () => void): void;
}

export class SseHub {
  private readonly open = new Set<SseConnection>();

  add(connection: SseConnection): void {
    this.open.add(connection);
    connection.onClose(() => this.open.delete(connection));
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const connection of [...this.open]) connection.close();
  }
}

export interface OpenSseOptions {
  hub: SseHub;
  clock: Clock;
  retryMs?: number;
  heartbeatMs?: number;
}

/** Takes over the response for an event stream; Koa will not write a body afterwards. */
export function openSse(ctx: Context, options: OpenSseOptions): SseConnection {
  const { res, req } = ctx;
  ctx.respond = false;
  req.socket.setNoDelay(true);
  req.socket.setTimeout(0);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });

  let closed = false;
  const closeListeners: Array<() => void> = [];
  const write = (text: string): boolean => (closed ? false : res.write(text));
  const heartbeat: TimerHandle = options.clock.setInterval(
    () => write(': heartbeat\n\n'),
    options.heartbeatMs ?? SSE_HEARTBEAT_MS,
  );

  const finish = () => {
    if (closed) return;
    closed = true;
    options.clock.clearInterval(heartbeat);
    for (const listener of closeListeners.splice(0)) listener();
  };
  res.on('close', finish);
  res.on('error', finish);

  const connection: SseConnection = {
    get closed() {
      return closed;
    },
    send: (event) => write(formatEvent(event)),
    comment: (text) => write(`: ${text.replace(/\n/g, ' ')}\n\n`),
    drained: () =>
      closed || !res.writableNeedDrain
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done);
              resolve();
            };
            res.once('drain', done);
            closeListeners.push(done);
          }),
    close: () => {
      if (!closed) res.end();
      finish();
    },
    onClose: (listener) => {
      if (closed) listener();
      else closeListeners.push(listener);
    },
  };

  write(`retry: ${options.retryMs ?? SSE_RETRY_MS}\n\n`);
  options.hub.add(connection);
  return connection;
}

export function formatEvent(event: SseEvent): string {
  let out = '';
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  for (const line of data.split(/\r?\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/**
 * The id a reconnecting client last saw: `Last-Event-ID` header, else `?from=` minus one;
 * undefined for a fresh client. A value that is not a whole number is a 400, not a
 * silent replay from the start.
 */
export function lastEventId(ctx: Context): number | undefined {
  const header = ctx.get('Last-Event-ID');
  if (header !== '') {
    if (!/^\d{1,15}$/.test(header))
      throw new OpsError(400, 'invalid_query', 'Last-Event-ID must be a whole number (the last seq received).');
    return Number(header);
  }
  const from = ctx.query.from;
  if (from === undefined) return undefined;
  if (typeof from !== 'string' || !/^\d{1,15}$/.test(from))
    throw new OpsError(400, 'invalid_query', "Query field 'from' must be a whole number (the first seq wanted).", {
      field: 'from',
    });
  return Math.max(0, Number(from) - 1);
}
