/**
 * The SSE writer over a real socket: framing (retry, id, event, multi-line data),
 * heartbeat comments, back-pressure (send() false → drained()), and SseHub.closeAll.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../main/core/clock.js';
import { formatEvent, lastEventId, openSse, SseHub, type SseConnection } from '../../main/server/sse.js';
import type { Context } from 'koa';
import { bodyText, openRaw } from '../support/raw-stream.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(onOpen: (connection: SseConnection) => void, hub = new SseHub(), heartbeatMs = 60_000) {
  const app = new Koa();
  app.silent = true; // the reset in the back-pressure case is expected
  app.use((ctx) => onOpen(openSse(ctx, { hub, clock: systemClock, heartbeatMs })));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return { port: (server.address() as AddressInfo).port, hub };
}

const get = (port: number) => openRaw(port, '/');

describe('formatEvent', () => {
  it('frames id, event and every data line', () => {
    expect(formatEvent({ id: 7, event: 'line', data: { a: 1 } })).toBe('id: 7\nevent: line\ndata: {"a":1}\n\n');
    expect(formatEvent({ data: 'one\ntwo\r\nthree' })).toBe('data: one\ndata: two\ndata: three\n\n');
  });
});

describe('openSse', () => {
  it('sends retry first, then events, with event-stream headers', async () => {
    const { port } = await serve((sse) => {
      sse.send({ id: 1, event: 'line', data: { seq: 1 } });
      sse.close();
    });
    const res = await get(port);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toContain('no-cache');
    expect(await bodyText(res)).toBe('retry: 2000\n\nid: 1\nevent: line\ndata: {"seq":1}\n\n');
  });

  it('writes heartbeat comments on an interval', async () => {
    const { port } = await serve(() => undefined, new SseHub(), 20);
    const res = await get(port);
    const text = await new Promise<string>((resolve) => {
      let seen = '';
      res.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if ((seen.match(/: heartbeat/g) ?? []).length >= 2) resolve(seen);
      });
    });
    res.destroy();
    expect(text.startsWith('retry: 2000\n\n: heartbeat\n\n')).toBe(true);
  });

  it('reports back-pressure to a producer facing a reader that stopped reading', async () => {
    let sawFull = false;
    let sent = 0;
    const done = new Promise<void>((resolve) => {
      void serve(async (sse) => {
        const payload = 'x'.repeat(64 * 1024);
        while (!sse.closed && sent < 2000) {
          sent += 1;
          if (!sse.send({ data: payload })) {
            sawFull = true;
            break;
          }
        }
        resolve();
      }).then(async ({ port }) => {
        const res = await get(port);
        res.pause();
        await done;
        res.destroy();
      });
    });
    await done;
    expect(sawFull).toBe(true);
    expect(sent).toBeLessThan(2000);
  });

  it('ends every open stream on hub.closeAll and reports closed', async () => {
    const connections: SseConnection[] = [];
    const { port, hub } = await serve((sse) => connections.push(sse));
    const responses = await Promise.all([get(port), get(port), get(port)]);
    expect(hub.size).toBe(3);
    const bodies = Promise.all(responses.map(bodyText));
    hub.closeAll();
    expect((await bodies).every((body) => body === 'retry: 2000\n\n')).toBe(true);
    expect(connections.every((c) => c.closed)).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('notices a client that went away', async () => {
    let connection: SseConnection | undefined;
    const { port, hub } = await serve((sse) => (connection = sse));
    const res = await get(port);
    const closed = new Promise<void>((resolve) => connection!.onClose(resolve));
    res.destroy();
    await closed;
    expect(connection!.closed).toBe(true);
    expect(connection!.send({ data: 'late' })).toBe(false);
    expect(hub.size).toBe(0);
  });
});

describe('lastEventId', () => {
  const ctx = (header: string, from?: string) =>
    ({
      get: (name: string) => (name === 'Last-Event-ID' ? header : ''),
      query: from === undefined ? {} : { from },
    }) as unknown as Context;

  it('reads Last-Event-ID first, then ?from= minus one, else nothing', () => {
    expect(lastEventId(ctx('41'))).toBe(41);
    expect(lastEventId(ctx('', '42'))).toBe(41);
    expect(lastEventId(ctx('', '0'))).toBe(0);
    expect(lastEventId(ctx(''))).toBeUndefined();
  });

  it.each([
    ['abc', undefined],
    ['1e3', undefined],
    ['', 'abc'],
    ['', '-1'],
    ['', '1.5'],
  ])('refuses header %j / from %j with 400 invalid_query', (header, from) => {
    expect(() => lastEventId(ctx(header, from))).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_query' }),
    );
  });
});
