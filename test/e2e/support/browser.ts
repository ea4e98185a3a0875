/**
 * Headless Debian Chromium driven by playwright-core for the end-to-end tests, plus page
 * helpers: open the console with its one-time token, collect page errors and CSP
 * violations (a test can assert there were none), and save screenshots as test artifacts
 * under test-artifacts/screenshots/ (git-ignored, never committed).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../support/built.js';

export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export type ColorScheme = 'light' | 'dark';

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors, CSP violations and console errors (other than failed loads) so far. */
  errors: string[];
  /** Resources the page failed to load ("METHOD url → status"), kept apart from `errors`. */
  failedRequests: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: ColorScheme;
  /** Path to open after the token bootstrap (default `/`). */
  path?: string;
  viewport?: { width: number; height: number };
}

/** Opens `${url}/?token=…` (the server sets the session cookie and redirects), then `path`. */
export async function openConsole(
  browser: Browser,
  server: { url: string; token: string },
  options: OpenOptions = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const failedRequests: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      failedRequests.push(`${response.request().method()} ${new URL(response.url()).pathname} → ${response.status()}`);
  });
  await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
  await page.waitForSelector('[data-testid="project-name"]');
  if (options.path && options.path !== '/') {
    await page.goto(`${server.url}${options.path}`);
    await page.waitForSelector('[data-testid="project-name"]');
  }
  return { page, context, errors, failedRequests, close: () => context.close() };
}

/** Client-side navigation through the header's links (no reload). */
export async function goToPage(
  page: Page,
  label: 'Overview' | 'Workflows' | 'Runs' | 'Specs' | 'Settings',
): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9_-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(
  check: () => Promise<T> | T,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
