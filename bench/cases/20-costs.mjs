/**
 * Costs: exact aggregation of 31 days × 1,000 cost rows (against a float sum of the same
 * amounts as an in-process baseline), `GET /api/costs` answered from the cache at 50
 * connections, and a cold start with a cost cache on disk to the first cost answer.
 * The server's Admin API base URL points at a local counter: no upstream call may happen.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { countingUpstream } from '../lib/counting-upstream.mjs';

export const title = 'costs';

const KEY = 'sk-ant-admin01-bench-0123456789abcdefghijklmnopqrstuvwxyz';
const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5', null];

function rows(parseCents, days) {
  const out = [];
  for (const [d, day] of days.entries()) {
    for (let i = 0; i < 1000; i += 1) {
      const model = MODELS[i % MODELS.length];
      out.push({
        day,
        text: `${(d * 7 + i * 13) % 997}.${String((d * 31 + i * 17) % 10000).padStart(4, '0')}`,
        model,
        costType: model ? 'tokens' : 'web_search',
        workspaceId: i % 3 ? `wrkspc_${i % 3}` : null,
        currency: 'USD',
      });
    }
  }
  return out.map((r) => ({ ...r, amount: parseCents(r.text) }));
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export default async function run(h) {
  const { aggregateCosts } = await import(join(h.dist, 'main/costs/aggregate.js'));
  const { costWindow } = await import(join(h.dist, 'main/costs/cost-window.js'));
  const { parseCents } = await import(join(h.dist, 'main/costs/money.js'));
  const { writeCostCache, costCachePath } = await import(join(h.dist, 'main/costs/cost-cache-file.js'));
  const results = [];

  // 1. Aggregation, 31 days × 1,000 rows (window of a 31st: 31 days).
  const window = costWindow(Date.parse('2026-12-31T12:00:00Z'));
  const data = rows(parseCents, window.days);
  const exact = [];
  const floats = [];
  for (let i = 0; i < 15; i += 1) {
    let started = performance.now();
    const snapshot = aggregateCosts(data, window);
    exact.push(performance.now() - started);
    started = performance.now();
    const byDay = new Map();
    for (const r of data) byDay.set(r.day, (byDay.get(r.day) ?? 0) + Number.parseFloat(r.text));
    floats.push(performance.now() - started);
    if (snapshot.summary.byDay.length !== 31) throw new Error('aggregation lost days');
  }
  const parseTimes = [];
  for (let i = 0; i < 15; i += 1) {
    const parseStarted = performance.now();
    const parsed = data.map((r) => parseCents(r.text));
    parseTimes.push(performance.now() - parseStarted);
    if (parsed.length !== 31_000) throw new Error('parse lost rows');
  }
  const parseMs = median(parseTimes);
  results.push({
    metric: 'aggregate 31 d × 1,000 rows (exact BigInt), median of 15',
    value: median(exact),
    unit: 'ms',
    baseline: median(floats),
    ratio: median(exact) / median(floats),
  });
  results.push({ metric: 'parse 31,000 amounts to BigInt nano-cents, median of 15', value: parseMs, unit: 'ms' });

  // A fresh cache on disk for the server runs.
  const home = h.tmpDir('attune-bench-costs-');
  mkdirSync(join(home, 'ops'), { recursive: true });
  const now = Date.now();
  const liveWindow = costWindow(now);
  const snapshot = aggregateCosts(rows(parseCents, liveWindow.days), liveWindow);
  await writeCostCache(costCachePath(home), { snapshot, fetchedAtMs: now, days: liveWindow.days });
  const upstream = await countingUpstream();
  const env = { ATTUNE_HOME: home, ANTHROPIC_ADMIN_API_KEY: KEY, ATTUNE_ANTHROPIC_BASE_URL: upstream.url };
  const project = h.tmpDir('attune-bench-project-');
  try {
    // 2. Cold start to the first cost answer.
    const started = performance.now();
    const server = await h.spawnServer({ env, args: ['--project-root', project] });
    let firstAnswerMs;
    for (;;) {
      const response = await fetch(`${server.url}/api/costs`, { headers: server.headers });
      if (response.status === 200) {
        const body = await response.json();
        if (body.summary?.source !== 'cached')
          throw new Error(`expected a cached summary, got ${JSON.stringify(body).slice(0, 200)}`);
        firstAnswerMs = performance.now() - started;
        break;
      }
      if (performance.now() - started > 20_000) throw new Error(`no cost answer: ${response.status}`);
    }
    // Baseline: the same process's time to its first /api/health 200 (node start + server start).
    results.push({
      metric: 'cold start → first cost answer (cached on disk); baseline = first health 200',
      value: firstAnswerMs,
      unit: 'ms',
      baseline: server.startedMs,
      ratio: firstAnswerMs / server.startedMs,
      goal: '< 300 ms, no upstream call',
      pass: firstAnswerMs < 300 && upstream.requests === 0,
    });

    // 3. GET /api/costs from the cache at 50 connections; baseline: GET /api/health on the same server.
    const health = await h.load({
      url: `${server.url}/api/health`,
      connections: 50,
      duration: 5,
      headers: server.headers,
    });
    const load = await h.load({
      url: `${server.url}/api/costs`,
      connections: 50,
      duration: 5,
      headers: server.headers,
    });
    results.push({
      metric: 'GET /api/costs (cached), 50 connections: rps; baseline = /api/health',
      value: load.rps,
      unit: 'req/s',
      baseline: health.rps,
      ratio: load.rps / health.rps,
    });
    results.push({
      metric: 'GET /api/costs (cached), 50 connections: p99; baseline = /api/health',
      value: load.p99,
      unit: 'ms',
      baseline: health.p99,
      ratio: load.p99 / health.p99,
      goal: '< 10 ms',
      pass: load.p99 < 10 && load.non2xx === 0 && load.errors === 0,
    });
    results.push({
      metric: 'upstream Admin API calls during the runs',
      value: upstream.requests,
      unit: 'requests',
      goal: '0',
      pass: upstream.requests === 0,
    });
  } finally {
    await upstream.close();
  }
  return results;
}
