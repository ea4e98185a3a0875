/**
 * A stand-in Admin API that must not be called: it counts requests and answers 500, so a
 * bench can report (and check) that figures came from the cache with zero upstream calls
 * (`upstreamCallsResult`, the result row that says so).
 */
import { createServer } from 'node:http';

export async function countingUpstream() {
  const counter = { requests: 0, urls: [] };
  const server = createServer((req, res) => {
    counter.requests += 1;
    counter.urls.push(req.url);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"type":"error","error":{"type":"api_error","message":"bench upstream must not be called"}}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.url = `http://127.0.0.1:${server.address().port}`;
  counter.close = () => new Promise((resolve) => server.close(resolve));
  return counter;
}

/** The result row: how many times the stand-in was called during the runs (the goal: none). */
/** The zero-upstream-calls row; `since` (a count taken earlier) leaves out calls made before it, e.g. at start. */
export function upstreamCallsResult(counter, { since = 0, during = 'the runs' } = {}) {
  const calls = counter.requests - since;
  return {
    metric: `upstream Admin API calls during ${during}`,
    value: calls,
    unit: 'requests',
    goal: '0',
    pass: calls === 0,
  };
}
