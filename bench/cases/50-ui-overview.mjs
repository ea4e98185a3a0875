/**
 * The Overview in headless Chromium against the real server (built dist/, real
 * `attune-ops serve`) with costs cached on disk, so no upstream call happens: time from
 * navigation start to the spend tiles showing figures, read inside the page with the
 * Performance API (a MutationObserver stamps performance.now() when the Today tile gets
 * its amount; navigation start is 0 on that clock). Goal: < 500 ms (p95 of 20 loads).
 * Baseline, in the same browser and server: navigation start → DOMContentLoaded of the
 * same page, i.e. what any page costs before it can show data.
 */
/* global window, document, MutationObserver -- used inside page callbacks, which run in Chromium */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { countingUpstream } from '../lib/counting-upstream.mjs';

export const title = 'UI: overview ready with cached costs';

const KEY = 'sk-ant-admin01-bench-0123456789abcdefghijklmnopqrstuvwxyz';
const LOADS = Number(process.env.BENCH_OVERVIEW_LOADS ?? 20);
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Runs before any page script: stamps when the Today tile first shows an amount. */
export function stampTiles() {
  const check = () => {
    const value = document.querySelector('[data-testid="tile-todayUsd"] .money');
    if (value && /\d/.test(value.textContent ?? '') && window.__tilesAt === undefined) {
      window.__tilesAt = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => {
    if (check()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function writeCache(h, home) {
  const { aggregateCosts } = await import(join(h.dist, 'main/costs/aggregate.js'));
  const { costWindow } = await import(join(h.dist, 'main/costs/cost-window.js'));
  const { parseCents } = await import(join(h.dist, 'main/costs/money.js'));
  const { writeCostCache, costCachePath } = await import(join(h.dist, 'main/costs/cost-cache-file.js'));
  const now = Date.now();
  const window = costWindow(now);
  const rows = [];
  for (const [d, day] of window.days.entries()) {
    for (let i = 0; i < 200; i += 1) {
      const model = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5', null][i % 4];
      rows.push({
        day,
        amount: parseCents(`${(d * 7 + i * 13) % 997}.${String((d * 31 + i * 17) % 10000).padStart(4, '0')}`),
        model,
        costType: model ? 'tokens' : 'web_search',
        workspaceId: i % 3 ? `wrkspc_${i % 3}` : null,
      });
    }
  }
  await writeCostCache(costCachePath(home), {
    snapshot: aggregateCosts(rows, window),
    fetchedAtMs: now,
    days: window.days,
  });
}

export default async function run(h) {
  const home = h.tmpDir('attune-bench-ui-home-');
  mkdirSync(join(home, 'ops'), { recursive: true });
  await writeCache(h, home);
  const upstream = await countingUpstream();
  const project = h.tmpDir('attune-bench-ui-project-');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    const server = await h.spawnServer({
      env: { ATTUNE_HOME: home, ANTHROPIC_ADMIN_API_KEY: KEY, ATTUNE_ANTHROPIC_BASE_URL: upstream.url },
      args: ['--project-root', project],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(stampTiles);
    const page = await context.newPage();
    await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
    await page.waitForFunction(() => window.__tilesAt !== undefined, null, { timeout: 20_000 });

    const ready = [];
    const domReady = [];
    for (let i = 0; i < LOADS; i += 1) {
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => window.__tilesAt !== undefined, null, { timeout: 20_000 });
      const timing = await page.evaluate(() => ({
        tiles: window.__tilesAt,
        dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
      }));
      ready.push(timing.tiles);
      domReady.push(timing.dcl);
    }
    const freshness = await page.textContent('[data-testid="tile-todayUsd"] .tile__foot');
    if (!/cached|live/.test(freshness ?? '')) throw new Error(`tiles show no freshness: ${freshness}`);
    const p50 = h.percentile(ready, 50);
    const p95 = h.percentile(ready, 95);
    const base50 = h.percentile(domReady, 50);
    const base95 = h.percentile(domReady, 95);
    return [
      {
        metric: `navigation start → spend tiles visible, p50 of ${LOADS}; baseline = DOMContentLoaded`,
        value: p50,
        unit: 'ms',
        baseline: base50,
        ratio: p50 / base50,
      },
      {
        metric: `navigation start → spend tiles visible, p95 of ${LOADS}; baseline = DOMContentLoaded`,
        value: p95,
        unit: 'ms',
        baseline: base95,
        ratio: p95 / base95,
        goal: '< 500 ms',
        pass: p95 < 500 && upstream.requests === 0,
      },
      {
        metric: 'upstream Admin API calls during the loads',
        value: upstream.requests,
        unit: 'requests',
        goal: '0',
        pass: upstream.requests === 0,
      },
    ];
  } finally {
    await browser.close();
    await upstream.close();
  }
}
