/**
 * The run view's log in headless Chromium against the real server (built dist/, real
 * `attune-ops serve`, real workflow processes in a temp project written here):
 *   1. 10,000 lines/s for 20 s watched live: long tasks (goal: none over 100 ms), lines, heap;
 *   2. finished 1M- and 10M-line runs: navigation → last line painted (goal < 500 ms, 10M
 *      within 2×), lines fetched, random scrollbar jumps → row painted p95 (< 150 ms, 10M
 *      within 2×), and the heap after scrolling the 10M log end to end (< 100 MB).
 * Sizes: BENCH_LOG_BIG (1M), BENCH_LOG_HUGE (10M; 0 skips), BENCH_LOG_RATE, _SECONDS.
 */
/* global window, document, requestAnimationFrame -- used inside page.evaluate callbacks, which run in Chromium */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { heapAfterGc, randomJumps, scrollEndToEnd } from '../lib/log-view-probes.mjs';
import { startRun } from '../lib/run-start.mjs';

export const title = 'UI: run log (10k lines/s live; 1M and 10M finished runs: open, jump, heap)';

const RATE = Number(process.env.BENCH_LOG_RATE ?? 10_000);
const SECONDS = Number(process.env.BENCH_LOG_SECONDS ?? 20);
const BIG_LINES = Number(process.env.BENCH_LOG_BIG ?? 1_000_000);
const HUGE_LINES = Number(process.env.BENCH_LOG_HUGE ?? 10_000_000);

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
  const workflow = (name, script, args, minutes) =>
    `  - name: ${name}\n    description: ${name} lines\n    command: ["node", "${script}", ${args}]\n` +
    `    concern: bench\n    timeoutMinutes: ${minutes}\n`;
  const workflows = [
    workflow('paced', 'paced.mjs', `"${RATE}", "${SECONDS}"`, 10),
    workflow('big', 'big.mjs', `"${BIG_LINES}"`, 30),
    workflow('huge', 'big.mjs', `"${HUGE_LINES}"`, 60),
  ];
  writeFileSync(join(dir, '.attune', 'workflows.yaml'), `version: 1\nworkflows:\n${workflows.join('')}`);
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

async function openRunPage(browser, server, id, { waitForLog = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}/?token=${server.token}`);
  if (waitForLog) {
    await page.goto(`${server.url}/runs/${id}`);
    await page.waitForSelector('[data-testid="log-view"]');
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, context, cdp };
}

async function liveAppend(h, browser, server) {
  const { id } = await startRun(server, 'paced');
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
    {
      metric: 'live: rate shown while watching',
      value: (last.count - first.count) / ((last.t - first.t) / 1000),
      unit: 'lines/s',
    },
    { metric: 'live: longest task while page boots', value: bootTasks.length ? Math.max(...bootTasks) : 0, unit: 'ms' },
    { metric: 'live: longest task while streaming', value: maxLong, unit: 'ms', goal: '< 100', pass: maxLong < 100 },
    { metric: 'live: JS heap after GC', value: heap / 2 ** 20, unit: 'MB', goal: '< 256', pass: heap < 256 * 2 ** 20 },
  ];
}

/** Opens the run page and waits for the last row (seq = total) to be painted; times from navigation start. */
async function openFinished(browser, server, id, total) {
  const { page, context, cdp } = await openRunPage(browser, server, id, { waitForLog: false });
  const answers = []; // promises of each log page's line count, read once the page is painted
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.endsWith(`/runs/${id}/log`)) return;
    answers.push(
      response.json().then(
        (body) => body?.lines?.length ?? 0,
        () => 0,
      ),
    );
  });
  const streams = [];
  page.on('request', (request) => request.url().includes(`/runs/${id}/events`) && streams.push(request.url()));
  await page.goto(`${server.url}/runs/${id}`);
  const openMs = await page.evaluate(async (seq) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    while (!document.querySelector(`[data-testid="log-view"] [data-seq="${seq}"]`)) await frame();
    await frame();
    return performance.now();
  }, total);
  const answersAtPaint = answers.length;
  const logAnswers = await Promise.all(answers.slice(0, answersAtPaint));
  return { page, context, cdp, openMs, logAnswers, streams };
}

/**
 * A finished run's figures. With `baseline` (the 1M run's open and jump p95) the goals are
 * the "within 2× of the 1M figures"; without it, the 1M goals.
 */
async function finishedLog(h, browser, server, workflow, total, label, baseline = null) {
  const started = performance.now();
  const { id } = await startRun(server, workflow);
  await waitRunFinished(server, id, 1_800_000);
  const produceS = (performance.now() - started) / 1000;
  const opened = await openFinished(browser, server, id, total);
  const { page, context, cdp, openMs, logAnswers, streams } = opened;
  const linesToOpen = logAnswers.reduce((a, b) => a + b, 0);
  const tail = await page.evaluate(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/log?tail='));
    if (!entry) return { askedAt: NaN, ms: NaN, serverMs: NaN };
    return {
      askedAt: entry.startTime,
      ms: entry.responseEnd - entry.startTime,
      serverMs: entry.responseStart - entry.requestStart,
    };
  });
  const jumps = await randomJumps(page, total, 40);
  const ms = jumps.map((t) => t.ms);
  const p95 = h.percentile(ms, 95);
  const against = (value, base, goalMs) =>
    base === undefined
      ? { goal: `< ${goalMs}`, pass: value < goalMs }
      : { goal: '≤ 2× 1M', pass: value <= 2 * base, baseline: base, ratio: value / base };
  const rows = [
    { metric: `${label}: run produced (workflow wall time)`, value: produceS, unit: 's' },
    {
      metric: `${label}: open → last lines painted`,
      value: openMs,
      unit: 'ms',
      ...against(openMs, baseline?.openMs, 500),
    },
    { metric: `${label}: the tail request asked at (after navigation start)`, value: tail.askedAt, unit: 'ms' },
    { metric: `${label}: the tail request, asked → answered`, value: tail.ms, unit: 'ms' },
    { metric: `${label}: of which the server (request sent → first byte)`, value: tail.serverMs, unit: 'ms' },
    { metric: `${label}: log lines fetched to open`, value: linesToOpen, unit: 'lines' },
    {
      metric: `${label}: event streams opened`,
      value: streams.length,
      unit: 'count',
      goal: '0',
      pass: streams.length === 0,
    },
    { metric: `${label}: jump to a random line → painted p50`, value: h.percentile(ms, 50), unit: 'ms' },
    {
      metric: `${label}: jump to a random line → painted p95`,
      value: p95,
      unit: 'ms',
      ...against(p95, baseline?.p95, 150),
      ...(!jumps.every((t) => t.found) && { pass: false }),
    },
  ];
  if (label !== '1M') {
    const missing = await scrollEndToEnd(page, 400);
    const heap = await heapAfterGc(cdp);
    rows.push({
      metric: `${label}: JS heap after scrolling end to end (GC)`,
      value: heap / 2 ** 20,
      unit: 'MB',
      goal: '< 100',
      pass: heap < 100 * 2 ** 20 && missing === 0,
    });
  }
  const longTasks = await page.evaluate(() => window.__longTasks);
  rows.push({ metric: `${label}: longest task`, value: longTasks.length ? Math.max(...longTasks) : 0, unit: 'ms' });
  await context.close();
  return { rows, openMs, p95 };
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
    const big = BIG_LINES > 0 ? await finishedLog(h, browser, server, 'big', BIG_LINES, '1M') : null;
    if (big) rows.push(...big.rows);
    if (HUGE_LINES > 0) rows.push(...(await finishedLog(h, browser, server, 'huge', HUGE_LINES, '10M', big)).rows);
    return rows;
  } finally {
    await browser.close();
  }
}
