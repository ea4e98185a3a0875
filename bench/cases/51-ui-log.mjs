/**
 * The run view's log in headless Chromium against the real server (built dist/, real
 * `attune-ops serve`, real workflow processes in a temp project written here):
 *   1. a workflow printing 10,000 lines/s for 20 s, watched live in the Run view: long
 *      tasks (PerformanceObserver 'longtask'; goal: none over 100 ms), lines/s received,
 *      JS heap after GC at the end (CDP) and per kept line (goal: bounded, < 256 MB);
 *   2. a finished 1,000,000-line run loaded into the Run view (the server replays it over
 *      SSE), then scrolled to random positions: time from setting scrollTop until the
 *      target row is in the DOM and a frame has been painted (goal p95 < 100 ms).
 * Both go through the real path: child → runner → SSE → EventSource → LogStore → view.
 */
/* global window, document, requestAnimationFrame -- used inside page.evaluate callbacks, which run in Chromium */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const title = 'UI: run log (10k lines/s live; 1M-line scroll)';

const RATE = Number(process.env.BENCH_LOG_RATE ?? 10_000);
const SECONDS = Number(process.env.BENCH_LOG_SECONDS ?? 20);
const BIG_LINES = Number(process.env.BENCH_LOG_BIG ?? 1_000_000);

const PACED = `
const rate = Number(process.argv[2]), seconds = Number(process.argv[3]);
const start = Date.now(); let sent = 0;
const timer = setInterval(() => {
  const due = Math.min(rate * seconds, Math.floor(((Date.now() - start) / 1000) * rate));
  let out = '';
  for (; sent < due; sent++) out += (sent % 50 === 0 ? '\\u001b[33mwarn\\u001b[0m ' : '') + 'line ' + (sent + 1) + ' compiling module-' + (sent % 997) + '.ts ok\\n';
  if (out) process.stdout.write(out);
  if (sent >= rate * seconds) clearInterval(timer);
}, 10);
`;
const BIG = `
const total = Number(process.argv[2]); let i = 0;
function pump() {
  let ok = true;
  while (i < total && ok) { let out = ''; for (let k = 0; k < 1000 && i < total; k++, i++) out += 'row ' + (i + 1) + ' of the big log, some text to make it realistic\\n'; ok = process.stdout.write(out); }
  if (i < total) process.stdout.once('drain', pump);
}
pump();
`;

function writeProject(dir) {
  mkdirSync(join(dir, '.attune'), { recursive: true });
  writeFileSync(join(dir, 'paced.mjs'), PACED);
  writeFileSync(join(dir, 'big.mjs'), BIG);
  writeFileSync(
    join(dir, '.attune', 'workflows.yaml'),
    [
      'version: 1',
      'workflows:',
      '  - name: paced',
      '    description: paced lines',
      `    command: ["node", "paced.mjs", "${RATE}", "${SECONDS}"]`,
      '    concern: bench',
      '  - name: big',
      '    description: a big log',
      `    command: ["node", "big.mjs", "${BIG_LINES}"]`,
      '    concern: bench',
      '',
    ].join('\n'),
  );
}

async function startRun(server, workflow) {
  const res = await fetch(`${server.url}/api/workflows/${workflow}/runs`, {
    method: 'POST',
    headers: { ...server.headers, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`start ${workflow}: ${res.status} ${await res.text()}`);
  return (await res.json()).run.id;
}

async function waitRunFinished(server, id, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await (await fetch(`${server.url}/api/runs/${id}`, { headers: server.headers })).json();
    const run = body.run ?? body;
    if (run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still running`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const lineCount = (page) =>
  page.evaluate(() => Number(document.querySelector('[data-testid="log-view"]')?.getAttribute('data-line-count') ?? 0));

async function openRunPage(browser, server, id) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}/?token=${server.token}`);
  await page.goto(`${server.url}/runs/${id}`);
  await page.waitForSelector('[data-testid="log-view"]');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, context, cdp };
}

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

async function liveAppend(h, browser, server) {
  const id = await startRun(server, 'paced');
  const { page, context, cdp } = await openRunPage(browser, server, id);
  // Long tasks while the page boots (bundle evaluation, first backlog) are reported apart.
  const bootTasks = await page.evaluate(() => window.__longTasks.splice(0));
  const first = { t: performance.now(), count: await lineCount(page) };
  let last = first;
  while (performance.now() - first.t < (SECONDS + 30) * 1000) {
    last = { t: performance.now(), count: await lineCount(page) };
    if (last.count >= RATE * SECONDS) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const longTasks = await page.evaluate(() => window.__longTasks);
  const heap = await heapAfterGc(cdp);
  await context.close();
  await waitRunFinished(server, id, 30_000);
  const maxLong = longTasks.length ? Math.max(...longTasks) : 0;
  const received = last.count;
  return [
    {
      metric: 'live: lines shown',
      value: received,
      unit: 'lines',
      goal: `${RATE * SECONDS}`,
      pass: received === RATE * SECONDS,
    },
    { metric: 'live: lines shown while watching', value: last.count - first.count, unit: 'lines' },
    {
      metric: 'live: rate shown while watching',
      value: (last.count - first.count) / ((last.t - first.t) / 1000),
      unit: 'lines/s',
    },
    { metric: 'live: longest task while page boots', value: bootTasks.length ? Math.max(...bootTasks) : 0, unit: 'ms' },
    { metric: 'live: long tasks (> 50 ms) while streaming', value: longTasks.length, unit: 'count' },
    { metric: 'live: longest task while streaming', value: maxLong, unit: 'ms', goal: '< 100', pass: maxLong < 100 },
    { metric: 'live: JS heap after GC', value: heap / 2 ** 20, unit: 'MB', goal: '< 256', pass: heap < 256 * 2 ** 20 },
    { metric: 'live: heap per kept line', value: heap / Math.max(1, received), unit: 'B/line' },
  ];
}

async function bigScroll(h, browser, server) {
  const id = await startRun(server, 'big');
  await waitRunFinished(server, id, 300_000);
  const { page, context, cdp } = await openRunPage(browser, server, id);
  const loadStart = performance.now();
  while ((await lineCount(page)) < BIG_LINES) {
    if (performance.now() - loadStart > 600_000) throw new Error(`only ${await lineCount(page)} lines after 10 min`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const loadS = (performance.now() - loadStart) / 1000;
  const times = await page.evaluate(async (total) => {
    const view = document.querySelector('[data-testid="log-view"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const out = [];
    for (let i = 0; i < 30; i++) {
      const index = Math.floor(Math.random() * (total - 100));
      const t0 = performance.now();
      view.scrollTop = index * 18;
      for (let f = 0; f < 60 && !view.querySelector(`[data-seq="${index + 1}"]`); f++) await frame();
      await frame(); // the frame that paints the rows
      out.push({ ms: performance.now() - t0, found: Boolean(view.querySelector(`[data-seq="${index + 1}"]`)) });
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  }, BIG_LINES);
  const longTasks = await page.evaluate(() => window.__longTasks);
  const heap = await heapAfterGc(cdp);
  await context.close();
  const ms = times.map((t) => t.ms);
  const p95 = h.percentile(ms, 95);
  return [
    { metric: '1M: load via SSE replay (open → all lines)', value: loadS, unit: 's' },
    {
      metric: '1M: longest task during load and scroll',
      value: longTasks.length ? Math.max(...longTasks) : 0,
      unit: 'ms',
    },
    { metric: '1M: scroll → painted p50', value: h.percentile(ms, 50), unit: 'ms' },
    {
      metric: '1M: scroll → painted p95',
      value: p95,
      unit: 'ms',
      goal: '< 100',
      pass: p95 < 100 && times.every((t) => t.found),
    },
    { metric: '1M: scroll → painted max', value: Math.max(...ms), unit: 'ms' },
    { metric: '1M: JS heap after GC', value: heap / 2 ** 20, unit: 'MB' },
  ];
}

export default async function run(h) {
  const project = h.tmpDir('attune-bench-ui-log-');
  writeProject(project);
  const server = await h.spawnServer({
    args: ['--allow-run', '--project-root', project],
    env: { ATTUNE_HOME: h.tmpDir('attune-bench-home-') },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--enable-precise-memory-info',
    ],
  });
  try {
    const rows = await liveAppend(h, browser, server);
    if (BIG_LINES > 0) rows.push(...(await bigScroll(h, browser, server)));
    return rows;
  } finally {
    await browser.close();
  }
}
