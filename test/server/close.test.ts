/**
 * `close()` of a running server ends open event streams, lets in-flight requests finish,
 * stops accepting new connections, and resolves.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKEN } from '../support/test-server.js';
import { bodyText, openRaw } from '../support/raw-stream.js';
import { removeTempDirs } from '../support/temp.js';

afterAll(removeTempDirs);

const openStream = (port: number) => openRaw(port, '/api/status/events', { Authorization: `Bearer ${TEST_TOKEN}` });

describe('server close()', () => {
  it('ends open SSE streams and resolves; afterwards nothing is accepted', async () => {
    const server = await startTestServer({ checked: true });
    const streams = await Promise.all([openStream(server.port), openStream(server.port)]);
    expect(streams.map((s) => s.statusCode)).toEqual([200, 200]);
    expect(server.services.sseHub.size).toBe(2);
    const ended = Promise.all(streams.map(bodyText));
    await server.close();
    const bodies = await ended;
    for (const body of bodies) expect(body).toMatch(/^retry: 2000\n\n/);
    expect(server.services.sseHub.size).toBe(0);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('is idempotent: concurrent and later calls share one shutdown', async () => {
    const server = await startTestServer({ checked: true });
    const first = server.close();
    const second = server.close();
    expect(second).toBe(first);
    await first;
    expect(server.close()).toBe(first);
    await expect(server.close()).resolves.toBeUndefined();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});
