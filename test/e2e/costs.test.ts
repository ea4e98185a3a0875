/**
 * End to end, spend: a person connects billing by pasting an admin key (stored in the
 * real OS keychain of the private D-Bus session) and the tiles appear; then every cost
 * error kind shows its own state in the page, switched through the fake Admin API's
 * failure modes; tokens and cache efficiency and the 90-day span, light and dark; Claude
 * Code per user or API key, sorted by a header click, light and dark; the month-end
 * forecast and the alarm's contributors, light and dark.
 * Screenshots of each state go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { addDays, buildCostRows, row } from '../fakes/cost-rows.js';
import { buildUsageRows } from '../fakes/usage-report.js';
import { buildClaudeCodeRows } from '../fakes/claude-code-report.js';
import { createUnavailableSecretStore } from '../../main/secrets/secret-store.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { launchBrowser, openConsole, screenshot, startE2eServer, type E2eServer } from './support/index.js';

let fake: FakeAdminApi;
let browser: Browser;
const servers: E2eServer[] = [];

beforeAll(async () => {
  const today = new Date().toISOString().slice(0, 10);
  fake = await startFakeAdminApi({
    rows: buildCostRows({ start: addDays(today, -34), days: 35, perDay: 4 }),
    usageRows: buildUsageRows(addDays(today, -34), 35),
  });
  fake.claudeCode.setRows(buildClaudeCodeRows(addDays(today, -34), 35));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  await fake?.close();
  await removeTempDirs();
});

async function server(options: Parameters<typeof startE2eServer>[0]): Promise<E2eServer> {
  const started = await startE2eServer({ projectRoot: await tempDir('attune-e2e-costs-'), ...options });
  servers.push(started);
  return started;
}

const tileValue = (page: Page, key: string) => page.getByTestId(`tile-${key}`).locator('.tile__value');
const tileFoot = (page: Page, key: string) => page.getByTestId(`tile-${key}`).locator('.tile__foot');

describe('connecting billing', () => {
  it('pasting an admin key stores it in the keychain and the spend tiles appear', async () => {
    const ops = await server({ env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url } });
    await ops.api('/api/costs/key', { method: 'DELETE' });
    const { page, errors, close } = await openConsole(browser, ops);

    const card = page.getByTestId('cost-error-no_key');
    await card.waitFor();
    await expect(card.getByRole('heading', { name: 'Connect billing' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'costs-no-key-light');

    const input = card.getByLabel('Anthropic admin key');
    expect(await input.getAttribute('type')).toBe('password');
    await input.fill(fake.key);
    await card.getByRole('button', { name: 'Connect billing' }).click();

    await page.getByTestId('cost-error-no_key').waitFor({ state: 'detached' });
    await expect.poll(() => tileValue(page, 'todayUsd').textContent(), { timeout: 15_000 }).toMatch(/\$\d/);
    // Fetched by the key's background refresh, so the page's own read is labelled cached.
    expect(await tileFoot(page, 'monthToDateUsd').textContent()).toMatch(/^(live|cached · fetched .+)$/);
    await page.getByTestId('daily-chart').waitFor();
    await screenshot(page, 'costs-connected-light');

    expect(await page.content()).not.toContain(fake.key);
    const keyStatus = (await (await ops.api('/api/costs/key')).json()) as {
      configured: boolean;
      source: string;
      last4: string;
    };
    expect(keyStatus).toMatchObject({ configured: true, source: 'keychain', last4: fake.key.slice(-4) });
    expect(errors).toEqual([]);

    await ops.api('/api/costs/key', { method: 'DELETE' });
    await close();
  });
});

describe('cost error states', () => {
  it('keychain unavailable, nothing fetched: a neutral "Billing not connected" offering the environment variable', async () => {
    const ops = await server({
      env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url },
      deps: { secretStore: createUnavailableSecretStore('no Secret Service provider on the session bus') },
    });
    const { page, close } = await openConsole(browser, ops);
    const state = page.getByTestId('cost-error-keychain_unavailable');
    await state.waitFor();
    expect(await state.textContent()).toContain('Billing not connected');
    expect(await state.textContent()).toContain('No Secret Service provider on the session bus.');
    expect(await state.textContent()).toContain('ANTHROPIC_ADMIN_API_KEY');
    await expect.poll(() => page.getByTestId('status-pill').textContent()).toContain('Billing not connected');
    await screenshot(page, 'costs-keychain-unavailable-light');
    await close();
  });

  it('auth_failed, network, unknown and rate_limited each render their own state over the last good figures', async () => {
    const ops = await server({ env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: fake.key } });
    const { page, close } = await openConsole(browser, ops);
    await expect.poll(() => tileValue(page, 'todayUsd').textContent(), { timeout: 15_000 }).toMatch(/\$\d/);
    const refresh = page.getByRole('button', { name: /Refresh spend/ });

    const cases = [
      // The key comes from ANTHROPIC_ADMIN_API_KEY: the remedy is the variable, no Replace button.
      { mode: { kind: 'status', status: 401 }, kind: 'auth_failed', text: 'ANTHROPIC_ADMIN_API_KEY', action: null },
      { mode: { kind: 'status', status: 500 }, kind: 'network', text: 'Offline', action: 'Try again' },
      { mode: { kind: 'status', status: 404 }, kind: 'unknown', text: 'HTTP 404', action: 'Try again' },
      {
        mode: { kind: 'rate_limited', retryAfter: '120' },
        kind: 'rate_limited',
        text: 'Retrying automatically in 120 s',
        action: 'Try again',
      },
    ] as const;
    for (const c of cases) {
      fake.fail(c.mode);
      await refresh.click();
      const state = page.getByTestId(`cost-error-${c.kind}`);
      await state.waitFor({ timeout: 15_000 });
      expect(await state.textContent()).toContain(c.text);
      if (c.action) await expect(state.getByRole('button', { name: c.action }).isVisible()).resolves.toBe(true);
      else expect(await state.getByRole('button', { name: 'Replace key' }).count()).toBe(0);
      for (const other of cases.filter((o) => o.kind !== c.kind))
        expect(await page.getByTestId(`cost-error-${other.kind}`).count()).toBe(0);
      expect(await tileValue(page, 'todayUsd').textContent()).toMatch(/\$\d/);
      expect(await tileFoot(page, 'todayUsd').textContent()).toMatch(/^stale — last refresh failed: /);
      await screenshot(page, `costs-${c.kind}-light`);
    }
    fake.fail(null);
    await close();
  });
});

describe('tokens and cache efficiency', () => {
  for (const scheme of ['light', 'dark'] as const)
    it(`shows the hit rate, the token chart and the per-model table, and 90 days on a click (${scheme})`, async () => {
      const ops = await server({ env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: fake.key } });
      const { page, errors, close } = await openConsole(browser, ops, { colorScheme: scheme });
      const panel = page.getByTestId('usage-panel');
      await panel.getByTestId('usage-totals').waitFor({ timeout: 15_000 });
      expect(await panel.getByTestId('usage-totals').textContent()).toMatch(/Cache hit rate\d+\.\d%/);
      await panel.getByTestId('usage-chart').waitFor();
      expect(await panel.getByTestId('usage-by-model').locator('tbody tr').count()).toBe(2);
      await page.getByRole('button', { name: '90 days' }).click();
      await panel.getByText('Last 90 UTC days, from the usage report').waitFor();
      await page.getByTestId('chart-card').getByText('Last 90 UTC days').waitFor();
      await screenshot(page, `costs-usage-90-days-${scheme}`);
      expect(errors).toEqual([]);
      await close();
    });
});

describe('Claude Code per user or API key', () => {
  for (const scheme of ['light', 'dark'] as const)
    it(`lists the actors, sorts on a header click and opens the cost by model (${scheme})`, async () => {
      const ops = await server({ env: { ATTUNE_ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_ADMIN_API_KEY: fake.key } });
      const { page, errors, close } = await openConsole(browser, ops, { colorScheme: scheme });
      const table = page.getByTestId('claude-code-panel').getByTestId('claude-code-table');
      await table.waitFor({ timeout: 20_000 });
      const firstCells = () => table.locator('tbody tr td:first-child').allTextContents();
      expect(await firstCells()).toEqual(['ada@example.com', 'grace@example.com', 'ci-bot key (API key)']);
      const lines = table.getByRole('columnheader', { name: /Lines added/ });
      await lines.getByRole('button').click();
      await lines.getByRole('button').click();
      expect(await lines.getAttribute('aria-sort')).toBe('ascending');
      expect(await firstCells()).toEqual(['ci-bot key (API key)', 'grace@example.com', 'ada@example.com']);
      await table.locator('tbody tr').last().locator('summary').click();
      await table.getByText(/^claude-sonnet-4-5: \$\d+\.\d\d$/).waitFor();
      await screenshot(page, `costs-claude-code-${scheme}`);
      expect(errors).toEqual([]);
      await close();
    });
});

describe('the workspace table', () => {
  it('fits at 1280 px with 40-character workspace ids: names truncated with the full id on hover', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const longId = (n: number) => `wrkspc_${String(n).repeat(33)}`.slice(0, 40);
    const wide = await startFakeAdminApi({
      rows: buildCostRows({ start: addDays(today, -9), days: 10, perDay: 6 }).map((row, i) => ({
        ...row,
        workspaceId: longId(i % 4),
      })),
    });
    try {
      const ops = await server({ env: { ATTUNE_ANTHROPIC_BASE_URL: wide.url, ANTHROPIC_ADMIN_API_KEY: wide.key } });
      const { page, close } = await openConsole(browser, ops, { viewport: { width: 1280, height: 900 } });
      const card = page.getByTestId('by-workspace');
      await card.locator('tbody tr').first().waitFor({ timeout: 15_000 });
      const fit = await card.evaluate((el) => {
        const wrap = el.querySelector('.table-wrap') as HTMLElement;
        const share = el.querySelector('thead th:last-child') as HTMLElement;
        const cardBox = el.getBoundingClientRect();
        const shareBox = share.getBoundingClientRect();
        return {
          scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          shareInside: shareBox.right <= cardBox.right + 0.5 && shareBox.left >= cardBox.left,
          titles: [...el.querySelectorAll('tbody .breakdown__name')].map((n) => n.getAttribute('title')),
        };
      });
      expect(fit.scrolls).toBe(false);
      expect(fit.shareInside).toBe(true);
      expect(fit.titles).toContain(longId(1));
      await screenshot(page, 'costs-long-workspace-ids-1280');
      await close();
    } finally {
      await wide.close();
    }
  });
});

describe('the forecast and the alarm contributors', () => {
  for (const scheme of ['light', 'dark'] as const)
    it(`the Projected tile gives the range and the budget date, the alarm names its contributors (${scheme})`, async () => {
      const today = new Date().toISOString().slice(0, 10);
      const spiky = await startFakeAdminApi({
        rows: [
          ...Array.from({ length: 35 }, (_, i) => row(addDays(today, i - 35), '500', 0)),
          row(today, '500', 0),
          row(today, '9000', 1), // claude-opus-4-1 in wrkspc_1
        ],
      });
      spiky.setWorkspaces([{ id: 'wrkspc_1', name: 'Research' }]);
      try {
        const ops = await server({ env: { ATTUNE_ANTHROPIC_BASE_URL: spiky.url, ANTHROPIC_ADMIN_API_KEY: spiky.key } });
        expect((await ops.api('/api/settings', { method: 'PUT', json: { monthlyBudgetUsd: 300 } })).status).toBe(200);
        const { page, errors, close } = await openConsole(browser, ops, { colorScheme: scheme });
        const tile = page.getByTestId('tile-projectedMonthUsd');
        const note = tile.getByTestId('forecast-note');
        await note.waitFor({ timeout: 15_000 });
        expect(await note.textContent()).toMatch(/^Projected \$[\d,]+\.\d\d \(range \$[\d,]+\.\d\d–\$[\d,]+\.\d\d\)$/);
        expect(await tile.getByTestId('forecast-budget').textContent()).toMatch(
          /^Budget (reached on \w+ \d+( at this pace)?|not reached this month at this pace)$/,
        );
        const contributors = page.getByTestId('alarm-contributors');
        await contributors.waitFor();
        expect(await contributors.locator('li').first().textContent()).toBe(
          'claude-opus-4-1 in workspace Research: +$90.00 vs a usual $0.00',
        );
        await page.getByTestId('daily-chart').waitFor();
        await screenshot(page, `costs-forecast-alarm-${scheme}`);
        expect(errors).toEqual([]);
        await close();
      } finally {
        await spiky.close();
      }
    });
});
