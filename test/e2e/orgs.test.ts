/**
 * End to end, several organizations: a person adds a second organization's admin key in
 * Settings, the header's switcher appears, and "All organizations" shows the spend of both
 * summed, with the per-organization panels saying why they are not shown; light and dark.
 * Two stand-in organizations sit behind one Admin API address (org-front). The keys are kept
 * in an in-memory store here, so this test leaves nothing in the shared test keychain.
 * Screenshots go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startFakeAdminApi, type FakeAdminApi } from '../fakes/admin-api.js';
import { startOrgFront, type OrgFront } from '../fakes/admin-api-orgs.js';
import { addDays, buildCostRows } from '../fakes/cost-rows.js';
import { removeTempDirs, tempDir } from '../support/temp.js';
import { launchBrowser, openConsole, screenshot, startE2eServer, type E2eServer } from './support/index.js';

const KEY_A = 'sk-ant-admin01-e2eA-0123456789abcdefghijklmnopqrstuvwxyz-AAAA';
const KEY_B = 'sk-ant-admin01-e2eB-0123456789abcdefghijklmnopqrstuvwxyz-BBBB';

let fakes: FakeAdminApi[] = [];
let front: OrgFront;
let browser: Browser;
const servers: E2eServer[] = [];

beforeAll(async () => {
  const today = new Date().toISOString().slice(0, 10);
  const a = await startFakeAdminApi({
    key: KEY_A,
    rows: buildCostRows({ start: addDays(today, -34), days: 35, perDay: 3 }),
  });
  const b = await startFakeAdminApi({
    key: KEY_B,
    rows: buildCostRows({ start: addDays(today, -34), days: 35, perDay: 5 }),
  });
  a.setOrganization({ id: 'org_e2e_a', name: 'Research Org' });
  b.setOrganization({ id: 'org_e2e_b', name: 'Platform Org' });
  fakes = [a, b];
  front = await startOrgFront({ [KEY_A]: a.url, [KEY_B]: b.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  await front?.close();
  for (const fake of fakes) await fake.close();
  await removeTempDirs();
});

const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.]/g, '')) * 100);

describe('several organizations', () => {
  for (const scheme of ['light', 'dark'] as const)
    it(`adds an organization in Settings, switches to All organizations and sees both summed (${scheme})`, async () => {
      const ops = await startE2eServer({
        projectRoot: await tempDir('attune-e2e-orgs-'),
        env: { ATTUNE_ANTHROPIC_BASE_URL: front.url },
        deps: { secretStore: createMemorySecretStore({ 'anthropic-admin-api-key': KEY_A }) },
      });
      servers.push(ops);
      const { page, errors, close } = await openConsole(browser, ops, { colorScheme: scheme });
      await page.getByTestId('tile-monthToDateUsd').locator('.money').first().waitFor({ timeout: 15_000 });
      const first = cents(await page.getByTestId('tile-monthToDateUsd').locator('.tile__value').textContent());
      expect(await page.getByTestId('org-switcher').count()).toBe(0);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      const section = page.getByTestId('settings-orgs');
      await section.getByRole('button', { name: 'Add an organization…' }).click();
      await section.locator('input[type="password"]').fill(KEY_B);
      await section.getByRole('button', { name: 'Add organization' }).click();
      await section.getByTestId('org-k2').getByText('Platform Org').waitFor({ timeout: 15_000 });
      expect(await section.textContent()).not.toContain(KEY_B.slice(0, -4));
      await screenshot(page, `orgs-settings-${scheme}`);

      const switcher = page.getByTestId('org-switcher');
      await switcher.waitFor({ timeout: 15_000 });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
      await switcher.selectOption('k2');
      await page.getByTestId('tile-monthToDateUsd').locator('.money').first().waitFor();
      const second = cents(await page.getByTestId('tile-monthToDateUsd').locator('.tile__value').textContent());
      await switcher.selectOption('all');
      await page.getByTestId('per-org-note').waitFor();
      await expect
        .poll(async () => cents(await page.getByTestId('tile-monthToDateUsd').locator('.tile__value').textContent()))
        .toBe(first + second);
      await screenshot(page, `orgs-all-${scheme}`);
      expect(errors).toEqual([]);
      await close();
    });
});
