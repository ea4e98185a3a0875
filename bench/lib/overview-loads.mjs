/**
 * The Overview loaded again and again in headless Chromium against the real server
 * (built dist/, real `attune-ops serve`, an Admin API stand-in that only counts requests):
 * each load's time from navigation start to the Today tile showing an amount, read inside
 * the page (a MutationObserver stamps performance.now(); navigation start is 0 on that
 * clock), and its DOMContentLoaded as the baseline. `check(page)` runs after the loads.
 */
/* global window, document, MutationObserver -- used inside page callbacks, which run in Chromium */
import { chromium } from 'playwright-core';
import { countingUpstream } from './counting-upstream.mjs';

const KEY = 'sk-ant-admin01-bench-0123456789abcdefghijklmnopqrstuvwxyz';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Runs before any page script: stamps when the Today tile first shows an amount. */
function stampTiles() {
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

/** `home`: an attune home with the figures on disk (the environment key is the first organization's). */
export async function timeOverviewLoads(h, { home, loads, initScripts = [], check = async () => undefined }) {
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
    for (const script of initScripts) await context.addInitScript(script);
    await context.addInitScript(stampTiles);
    const page = await context.newPage();
    await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
    await page.waitForFunction(() => window.__tilesAt !== undefined, null, { timeout: 20_000 });
    const ready = [];
    const domReady = [];
    for (let i = 0; i < loads; i += 1) {
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => window.__tilesAt !== undefined, null, { timeout: 20_000 });
      const timing = await page.evaluate(() => ({
        tiles: window.__tilesAt,
        dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
      }));
      ready.push(timing.tiles);
      domReady.push(timing.dcl);
    }
    await check(page);
    return { ready, domReady, upstreamRequests: upstream.requests, upstreamUrls: upstream.urls };
  } finally {
    await browser.close();
    await upstream.close();
  }
}
