import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { requestLoginUrl } from '../../electron/login-code.js';

const TOKEN = 'launch-token-abc';
const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** A small real server answering the launch helper's contract: POST /api/session/login-code. */
async function loginCodeServer(answer: (origin: string) => { status: number; body: unknown }) {
  const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      const { status, body: out } = answer(origin);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen };
}

describe('Open in browser through a one-time login code', () => {
  it('asks with the launch token as Bearer and an empty body, and opens only the code URL', async () => {
    const { origin, seen } = await loginCodeServer((o) => ({
      status: 201,
      body: { code: 'c0de', url: `${o}/?login=c0de`, expiresAt: new Date(Date.now() + 60_000).toISOString() },
    }));
    const outcome = await requestLoginUrl({ url: origin, token: TOKEN }, fetch);
    expect(outcome).toEqual({ kind: 'ok', url: `${origin}/?login=c0de` });
    expect(seen).toEqual([{ method: 'POST', url: '/api/session/login-code', auth: `Bearer ${TOKEN}`, body: '' }]);
  });

  it('never falls back to the token URL: a refusal or a foreign link is a reason', async () => {
    const refused = await loginCodeServer(() => ({ status: 404, body: { error: { message: 'no such route' } } }));
    const outcome = await requestLoginUrl({ url: refused.origin, token: TOKEN }, fetch);
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'The ops server refused a browser login code (HTTP 404): no such route',
    });
    const foreign = await loginCodeServer(() => ({
      status: 201,
      body: { url: `https://evil.example/?token=${TOKEN}` },
    }));
    expect((await requestLoginUrl({ url: foreign.origin, token: TOKEN }, fetch)).kind).toBe('failed');
  });
});
