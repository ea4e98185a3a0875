/**
 * The request path under load (issue 12's figure): p99 latency of `GET /api/runs` (a
 * history of 20 finished runs) and `GET /api/costs` (answered from memory; the Admin API
 * stand-in counts calls and must get none during the load) at 200 concurrent connections
 * for 10 s each, through the whole middleware chain with the token, against one real server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countingUpstream, upstreamCallsResult } from '../lib/counting-upstream.mjs';

export const title = 'request path';

const KEY = 'sk-ant-admin01-bench-0123456789abcdefghijklmnopqrstuvwxyz';
const CONNECTIONS = 200;
const SECONDS = 10;

export default async function run(h) {
  const { aggregateCosts } = await import(join(h.dist, 'main/costs/aggregate.js'));
  const { costWindow } = await import(join(h.dist, 'main/costs/cost-window.js'));
  const { parseCents } = await import(join(h.dist, 'main/costs/money.js'));
  const { writeCostCache, costCachePath } = await import(join(h.dist, 'main/costs/cost-cache-file.js'));

  const home = h.tmpDir('attune-bench-path-');
  mkdirSync(join(home, 'ops'), { recursive: true });
  const now = Date.now();
  const window = costWindow(now);
  const rows = window.days.map((day, i) => ({
    day,
    text: `${i + 1}.25`,
    amount: parseCents(`${i + 1}.25`),
    model: 'claude-sonnet-4-5',
    costType: 'tokens',
    workspaceId: null,
  }));
  await writeCostCache(costCachePath(home), {
    snapshot: aggregateCosts(rows, window),
    fetchedAtMs: now,
    days: window.days,
  });
  const project = h.tmpDir('attune-bench-path-project-');
  mkdirSync(join(project, '.attune'), { recursive: true });
  writeFileSync(
    join(project, '.attune', 'workflows.yaml'),
    `version: 1\nworkflows:\n  - name: quick\n    command: ["${process.execPath}", "-e", "console.log('done')"]\n`,
  );
  const upstream = await countingUpstream();
  const results = [];
  try {
    const env = { ATTUNE_HOME: home, ANTHROPIC_ADMIN_API_KEY: KEY, ATTUNE_ANTHROPIC_BASE_URL: upstream.url };
    const server = await h.spawnServer({ env, args: ['--project-root', project, '--allow-run'] });
    const json = { ...server.headers, 'Content-Type': 'application/json' };
    for (let i = 0; i < 20; i += 1) {
      const started = await fetch(`${server.url}/api/workflows/quick/runs`, {
        method: 'POST',
        headers: json,
        body: '{}',
      });
      if (started.status !== 201) throw new Error(`run ${i} not started: ${started.status} ${await started.text()}`);
      const { run } = await started.json();
      for (;;) {
        const current = await (await fetch(`${server.url}/api/runs/${run.id}`, { headers: server.headers })).json();
        if (current.run.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    // A start after an upgrade refreshes the spend once (the day cache is new): not part of the request path.
    const atLoad = upstream.requests;
    for (const path of ['/api/runs', '/api/costs']) {
      const load = await h.load({
        url: `${server.url}${path}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: server.headers,
      });
      results.push({
        metric: `GET ${path}, ${CONNECTIONS} connections, ${SECONDS} s: p99`,
        value: load.p99,
        unit: 'ms',
        goal: 'report (issue 12 measured ~130 ms); no error, every answer 2xx',
        pass: load.errors === 0 && load.non2xx === 0,
      });
      results.push({ metric: `GET ${path}, ${CONNECTIONS} connections: p50`, value: load.p50, unit: 'ms' });
      results.push({ metric: `GET ${path}, ${CONNECTIONS} connections: throughput`, value: load.rps, unit: 'req/s' });
      results.push({
        metric: `GET ${path}, ${CONNECTIONS} connections: errors (timeouts, resets) + non-2xx`,
        value: load.errors + load.non2xx,
        unit: 'answers',
      });
    }
    results.push({
      metric: 'upstream Admin API calls at start (the upgrade refresh)',
      value: atLoad,
      unit: 'requests',
    });
    results.push(upstreamCallsResult(upstream, { since: atLoad, during: 'the load' }));
  } finally {
    await upstream.close();
  }
  return results;
}
