/**
 * Several organizations over real HTTP: two stand-in organizations behind one Admin API
 * address (org-front), keys in the keychain under their own accounts, one key failing.
 * The "All organizations" view sums exactly what each shows, the failing one carries its
 * own error, the tray's status names it; the key there always was is the first
 * organization without any step; keys are added and removed through /api/orgs.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { until } from './helpers.js';
import {
  ACCOUNT,
  closeOrgSetups,
  json,
  KEY_A,
  KEY_B,
  KEY_BAD,
  serve,
  servers,
  twoOrgs,
  type Costs,
  type Orgs,
} from './org-setup.js';

closeOrgSetups();

describe('several organizations', () => {
  it('sums two organizations exactly in "all", keeps a failing third one apart and names it in the status', async () => {
    const { url } = await twoOrgs();
    const server = await serve(url, createMemorySecretStore({ [ACCOUNT]: KEY_A }));
    for (const key of [KEY_B, KEY_BAD]) await server.api('/api/orgs', { method: 'POST', json: { key } });
    const one = await Promise.all(
      ['default', 'k2', 'k3'].map((org) => json<Costs>(server, `/api/costs?org=${org}&refresh=1`)),
    );
    const [a, b, bad] = one.map((answer) => answer.body);
    expect(a!.summary && b!.summary).toBeTruthy();
    expect(bad!.summary).toBeNull();
    expect(bad!.error?.kind).toBe('auth_failed');

    const all = (await json<Costs>(server, '/api/costs?org=all')).body;
    const cents = (usd: number) => Math.round(usd * 100);
    expect(cents(all.summary!.thirtyDayUsd)).toBe(cents(a!.summary!.thirtyDayUsd) + cents(b!.summary!.thirtyDayUsd));
    expect(cents(all.summary!.monthToDateUsd)).toBe(
      cents(a!.summary!.monthToDateUsd) + cents(b!.summary!.monthToDateUsd),
    );
    expect(all.summary!.byDay.length).toBe(a!.summary!.byDay.length);
    expect(all.error?.kind).toBe('auth_failed');
    expect(all.error?.message).toMatch(/^Key …DEAD: /);

    const orgs = (await json<Orgs>(server, '/api/orgs')).body;
    expect(orgs.organizations.map((org) => [org.slot, org.label, org.state])).toEqual([
      ['default', 'Org A', 'ok'],
      ['k2', 'Org B', 'ok'],
      ['k3', 'Key …DEAD', 'error'],
    ]);
    expect(JSON.stringify(orgs)).not.toContain(KEY_B.slice(0, -4));
    expect(orgs.total.state).toBe('error');
    expect(orgs.total.detail).toContain('across 3 organizations');
    expect(orgs.total.detail).toContain('Key …DEAD: ');
    const status = (
      await json<{ costs: { state: string; monthToDateUsd: number; detail: string } }>(server, '/api/status')
    ).body;
    expect(status.costs.state).toBe('error');
    expect(cents(status.costs.monthToDateUsd)).toBe(
      cents(a!.summary!.monthToDateUsd) + cents(b!.summary!.monthToDateUsd),
    );
    expect(status.costs.detail).toContain('Key …DEAD');

    expect((await json(server, '/api/costs?org=k9')).status).toBe(404);
    const perOrg = await json<{ error: { code: string; message: string } }>(server, '/api/costs/keys?org=all');
    expect(perOrg.status).toBe(400);
    expect(perOrg.body.error.message).toContain('per organization');
  });

  it('keeps the key there always was as the first organization, answered from its files after a restart', async () => {
    const { a, url } = await twoOrgs();
    const store = createMemorySecretStore();
    const first = await serve(url, store);
    expect((await first.api('/api/costs/key', { method: 'PUT', json: { key: KEY_A } })).status).toBe(200);
    await until(() => a.reportFetches().length > 0);
    expect((await json<Costs>(first, '/api/costs?refresh=1')).body.summary).not.toBeNull();
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const fetchesBefore = a.reportFetches().length;
    const again = await serve(url, store, first.home);
    const orgs = (await json<Orgs>(again, '/api/orgs')).body;
    expect(orgs.organizations).toHaveLength(1);
    expect(orgs.organizations[0]).toMatchObject({ slot: 'default', label: 'Org A', orgId: 'org_a' });
    expect((await json<Costs>(again, '/api/costs?org=default')).body.summary).not.toBeNull();
    expect(a.reportFetches().length).toBe(fetchesBefore); // fresh cached figures: no upstream report
  });

  it('adds a key under its own keychain account, marks a second key of one organization, and removes it with its files', async () => {
    const { b, url } = await twoOrgs();
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_A });
    const server = await serve(url, store);
    const added = await json<{ slot: string; key: { last4: string } }>(server, '/api/orgs', {
      method: 'POST',
      json: { key: KEY_B },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ slot: 'k2', key: { last4: 'BBBB' } });
    expect(JSON.stringify(added.body)).not.toContain(KEY_B.slice(0, -4));
    expect(store.entries.get(`${ACCOUNT}.k2`)).toBe(KEY_B);
    await until(() => b.reportFetches().length > 0);
    const twice = await json<{ slot: string }>(server, '/api/orgs', { method: 'POST', json: { key: KEY_B } });
    expect(twice.body.slot).toBe('k3');
    await json(server, '/api/costs?org=k3&refresh=1');
    const orgs = (await json<Orgs>(server, '/api/orgs')).body;
    expect(orgs.organizations.find((org) => org.slot === 'k3')?.duplicateOf).toBe('k2');

    const bad = await json<{ error: { code: string } }>(server, '/api/orgs', { method: 'POST', json: { key: 'nope' } });
    expect(bad.status).toBe(400);
    expect([...store.entries.keys()].sort()).toEqual([ACCOUNT, `${ACCOUNT}.k2`, `${ACCOUNT}.k3`]);

    const removed = await json<Orgs>(server, '/api/orgs/k2', { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(removed.body.organizations.map((org) => org.slot)).toEqual(['default', 'k3']);
    expect(store.entries.has(`${ACCOUNT}.k2`)).toBe(false);
    expect(await readdir(join(server.home, 'ops', 'keys'))).toEqual(['k3']);
    expect((await json(server, '/api/orgs/k2', { method: 'DELETE' })).status).toBe(404);
  });

  it('finds the added keys again after a restart from their list, and from the keychain when the list is damaged', async () => {
    const { b, url } = await twoOrgs();
    const store = createMemorySecretStore({ [ACCOUNT]: KEY_A });
    const first = await serve(url, store);
    await first.api('/api/orgs', { method: 'POST', json: { key: KEY_B } });
    await until(() => b.reportFetches().length > 0);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const listed = async (server: TestServer) =>
      (await json<Orgs>(server, '/api/orgs')).body.organizations.map((org) => [org.slot, org.label]);

    const again = await serve(url, store, first.home);
    expect(await listed(again)).toEqual([
      ['default', 'Org A'],
      ['k2', 'Org B'],
    ]);
    await again.close();
    servers.splice(servers.indexOf(again), 1);

    await writeFile(join(first.home, 'ops', 'org-keys.json'), '{"version": 1, "slots": [');
    const damaged = await serve(url, store, first.home);
    expect(await listed(damaged)).toEqual([
      ['default', 'Org A'],
      ['k2', 'Org B'],
    ]);
    expect(damaged.logs.text()).toContain('the added admin keys are looked up in the keychain');
    expect(JSON.parse(await readFile(join(first.home, 'ops', 'org-keys.json'), 'utf8'))).toEqual({
      version: 1,
      slots: ['k2'],
      lastIssued: 2,
    });
  });

  it('counts the environment key as one more organization when the keychain holds another', async () => {
    const { url } = await twoOrgs();
    const server = await startTestServer({
      deps: {
        env: { ATTUNE_ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: KEY_B },
        secretStore: createMemorySecretStore({ [ACCOUNT]: KEY_A }),
        costTimeoutMs: 3000,
      },
    });
    servers.push(server);
    let orgs: Orgs | undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      orgs = (await json<Orgs>(server, '/api/orgs')).body;
      if (orgs.organizations.every((org) => org.orgId !== null) && orgs.organizations.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(orgs!.organizations.map((org) => [org.slot, org.label])).toEqual([
      ['default', 'Org B'],
      ['keychain', 'Org A'],
    ]);
  });
});
