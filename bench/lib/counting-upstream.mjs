/**
 * A stand-in Admin API that must not be called: it counts requests and answers 500, so a
 * bench can report (and check) that figures came from the cache with zero upstream calls
 * (`upstreamCallsResult`, the result row that says so).
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

/** The result row: how many times the stand-in was called during the runs (the goal: none). */
export function upstreamCallsResult(counter) {
  return {
    metric: 'upstream Admin API calls during the runs',
    value: counter.requests,
    unit: 'requests',
    goal: '0',
    pass: counter.requests === 0,
  };
}
