/**
 * End to end, the console's pages in headless Chromium against the real server for a
 * copy of the demo project: every page renders in light and dark (screenshots saved as
 * artifacts), Settings changes persist across a reload and show their effect, spec
 * status pills flip on disk (and roll back with the server's 409 message), and a lost
 * server shows the reconnecting state and recovers by itself.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { addDays, buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs } from '../support/temp.js';
import {
  copyDemoProject,
  goToPage,
  launchBrowser,
  openConsole,
  screenshot,
  startE2eServer,
  type E2eServer,
} from './support/index.js';

const PAGES = ['Overview', 'Workflows', 'Runs', 'Specs', 'Settings'] as const;
const ODD_SPEC = '# Odd spec\n\n**Status:** wip\n\nA status word the rewriter does not know.\n';

let fake: FakeAdminApi;
let browser: Browser;
let ops: E2eServer;

beforeAll(async () => {
  const today = new Date().toISOString().slice(0, 10);
  fake = await startFakeAdminApi({ rows: buildCostRows({ start: addDays(today, -34), days: 35, perDay: 3 }) });
  const projectRoot = await copyDemoProject();
  await mkdir(join(projectRoot, 'docs', 'specs', 'odd-status'), { recursive: true });
  await writeFile(join(projectRoot, 'docs', 'specs', 'odd-status', 'requirements.md'), ODD_SPEC);
  ops = await startE2eServer({
    projectRoot,
    env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: fake.key },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await ops?.close();
  await fake?.close();
  await removeTempDirs();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('every page, light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`renders each page in ${scheme} without page errors`, async () => {
      const { page, errors, close } = await openConsole(browser, ops, { colorScheme: scheme });
      expect(await page.getByTestId('project-name').textContent()).toBe('demo-project');
      await expect
        .poll(() => page.getByTestId('tile-todayUsd').locator('.tile__value').textContent(), { timeout: 15_000 })
        .toMatch(/\$\d/);
      for (const name of PAGES) {
        await goToPage(page, name);
        await expect.poll(() => heading(page).first().textContent()).toBe(name);
        expect(await page.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
        await page.waitForLoadState('networkidle');
        await screenshot(page, `page-${name.toLowerCase()}-${scheme}`);
      }
      const expected = scheme === 'dark' ? 'rgb(17, 19, 24)' : 'rgb(246, 247, 249)';
      expect(await background(page)).toBe(expected);
      expect(errors).toEqual([]);
      await close();
    });
  }
});

describe('settings', () => {
  it('each change persists through PUT /api/settings and shows its effect', async () => {
    const { page, close } = await openConsole(browser, ops, { path: '/settings', colorScheme: 'light' });
    const budget = page.getByTestId('setting-monthlyBudgetUsd');
    await budget.getByRole('spinbutton').fill('250');
    await budget.getByRole('button', { name: 'Save' }).click();
    await budget.getByText('Saved').waitFor();
    expect(await budget.getByTestId('setting-monthlyBudgetUsd-effect').textContent()).toContain('$250.00');

    const allowRun = page.getByTestId('setting-allowRun');
    await allowRun.getByRole('checkbox').check();
    await allowRun.getByText('Saved').waitFor();
    expect(await allowRun.getByTestId('setting-allowRun-effect').textContent()).toMatch(/^On:/);

    await page.getByTestId('setting-theme').getByRole('combobox').selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background(page)).toBe('rgb(17, 19, 24)');

    const retention = page.getByTestId('setting-runsRetentionDays');
    await retention.getByRole('spinbutton').fill('-3');
    await retention.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => retention.getByRole('alert').textContent()).toMatch(/runsRetentionDays/);

    await page.reload();
    await page.getByTestId('setting-monthlyBudgetUsd').waitFor();
    expect(await page.getByTestId('setting-monthlyBudgetUsd').getByRole('spinbutton').inputValue()).toBe('250');
    expect(await page.getByTestId('setting-allowRun').getByRole('checkbox').isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const onDisk = JSON.parse(await readFile(join(ops.home, 'ops', 'config.json'), 'utf8')) as {
      settings: Record<string, unknown>;
    };
    expect(onDisk.settings).toMatchObject({ monthlyBudgetUsd: 250, allowRun: true, theme: 'dark' });
    expect(onDisk.settings.runsRetentionDays).not.toBe(-3);

    await goToPage(page, 'Overview');
    await expect.poll(() => page.getByTestId('budget').textContent(), { timeout: 15_000 }).toContain('$250.00');
    await screenshot(page, 'settings-effect-overview-dark');
    await ops.api('/api/settings', {
      method: 'PUT',
      json: { theme: 'system', allowRun: false, monthlyBudgetUsd: null },
    });
    await close();
  });
});

describe('specs', () => {
  it('is read-only while runs are off, then flips a status on disk, and rolls back on 409', async () => {
    await ops.api('/api/settings', { method: 'PUT', json: { allowRun: false } });
    const { page, close } = await openConsole(browser, ops, { path: '/specs' });
    await page.getByTestId('specs-read-only').waitFor();
    await page.getByTestId('spec-dark-mode').waitFor();
    expect(await page.getByTestId('spec-dark-mode').locator('select').count()).toBe(0);
    expect(await page.getByTestId('candidates-disabled').textContent()).toContain('Settings');

    await ops.api('/api/settings', { method: 'PUT', json: { allowRun: true } });
    await page.reload();
    const select = page.getByLabel('Status of requirements in dark-mode');
    await select.selectOption('in-review');
    await expect
      .poll(async () => readFile(join(ops.projectRoot, 'docs', 'specs', 'dark-mode', 'requirements.md'), 'utf8'))
      .toContain('**Status:** in-review');

    const odd = page.getByLabel('Status of requirements in odd-status');
    await odd.selectOption('approved');
    const rowError = page.getByTestId('spec-odd-status').getByTestId('spec-row-error');
    await rowError.waitFor();
    expect(await rowError.textContent()).toContain('known status word');
    expect(await odd.inputValue()).toBe('__current');
    expect(await readFile(join(ops.projectRoot, 'docs', 'specs', 'odd-status', 'requirements.md'), 'utf8')).toBe(
      ODD_SPEC,
    );

    await page.getByRole('button', { name: /^draft/ }).click();
    expect(await page.getByTestId('spec-onboarding-flow').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search specs' }).fill('odd');
    await page.getByRole('button', { name: /^All/ }).click();
    expect(await page.locator('.spec-row').count()).toBe(1);
    await ops.api('/api/settings', { method: 'PUT', json: { allowRun: false } });
    await close();
  });
});

describe('connection', () => {
  it('shows that the server is gone and recovers by itself when it is back', async () => {
    const { page, close } = await openConsole(browser, ops);
    await page.getByTestId('spend-tiles').waitFor();
    await ops.stop();
    await page.getByTestId('connection-lost').waitFor({ timeout: 45_000 }); // close() keeps serving open connections for its 5 s grace
    expect(await page.getByTestId('status-pill').textContent()).toContain('Reconnecting');
    await screenshot(page, 'connection-lost-light');
    await ops.start();
    await page.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: 20_000 });
    await close();
  });
});
