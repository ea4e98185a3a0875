/**
 * A stand-in Admin API that must not be called: it counts requests and answers 500, so a
 * bench can report (and check) that figures came from the cache with zero upstream calls.
 */
import { createServer } from 'node:http';

export async function countingUpstream() {
  const counter = { requests: 0 };
  const server = createServer((req, res) => {
    counter.requests += 1;
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"type":"error","error":{"type":"api_error","message":"bench upstream must not be called"}}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.url = `http://127.0.0.1:${server.address().port}`;
  counter.close = () => new Promise((resolve) => server.close(resolve));
  return counter;
}
