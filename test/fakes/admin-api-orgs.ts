/**
 * Several organizations behind one Admin API address, as Anthropic serves them: a small
 * real HTTP server on loopback that sends each request to the stand-in of the organization
 * whose key it carries (`x-api-key`), so each stand-in keeps its own data, errors and
 * request counts. An unknown key is the 401 the real API answers.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OrgFront {
  url: string;
  close(): Promise<void>;
}

/** `byKey`: admin key → the base URL of that organization's stand-in. */
export async function startOrgFront(byKey: Record<string, string>): Promise<OrgFront> {
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const key = req.headers['x-api-key'];
    const target = typeof key === 'string' ? byKey[key] : undefined;
    if (!target) {
      res.writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_front' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
      return;
    }
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
