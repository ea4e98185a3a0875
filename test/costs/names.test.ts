/**
 * Names, not ids: workspace names from the workspaces list (every page), archived ones
 * marked, `null` as "Default workspace"; held in a cache file and fetched again only after
 * a day or on the user's Refresh; a failing list never fails the cost answer.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { costsCommand } from '../../main/cli/commands/costs.js';
import { namesCachePath } from '../../main/costs/name-directory.js';
import { createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { captureIo } from './cli-support.js';
import { removeTempDirs } from '../support/temp.js';
import { trackedCostSetups } from './helpers.js';

const setup = trackedCostSetups();
afterAll(removeTempDirs);

const WORKSPACES = [
  { id: 'wrkspc_1', name: 'Research' },
  { id: 'wrkspc_2', name: 'Old team', archived_at: '2026-10-01T00:00:00Z' },
  ...Array.from({ length: 7 }, (_, i) => ({ id: `wrkspc_extra${i}`, name: `Extra ${i}` })),
];

async function named() {
  const s = await setup();
  s.fake.setWorkspaces(WORKSPACES);
  s.fake.setApiKeys([{ id: 'apikey_1', name: 'CI key', status: 'inactive', workspace_id: 'wrkspc_1' }]);
  s.fake.setListPageSize(2);
  return s;
}

describe('workspace names', () => {
  it('are resolved across every page, archived marked, null as Default workspace', async () => {
    const { services, fake } = await named();
    const { summary } = await services.costs.fetchSummary();
    const byId = new Map(summary?.byWorkspace.map((w) => [w.workspaceId, w]));
    expect(byId.get('wrkspc_1')).toMatchObject({ name: 'Research', archived: false });
    expect(byId.get('wrkspc_2')).toMatchObject({ name: 'Old team', archived: true });
    expect(byId.get(null)).toMatchObject({ name: 'Default workspace' });
    const workspacePages = fake.otherRequests.filter((r) => r.path === '/v1/organizations/workspaces');
    expect(workspacePages).toHaveLength(5); // 9 workspaces, 2 a page
    expect(workspacePages.slice(1).map((r) => r.query.get('after_id'))).toEqual([
      'wrkspc_2',
      'wrkspc_extra1',
      'wrkspc_extra3',
      'wrkspc_extra5',
    ]);
    expect(services.costs.apiKeyName('apikey_1')).toEqual({ name: 'CI key', status: 'inactive' });
  });

  it('are cached on disk and fetched again only after a day or on Refresh', async () => {
    const s = await named();
    await s.services.costs.fetchSummary();
    const fetched = s.fake.otherRequests.length;
    expect(await readFile(namesCachePath(s.home), 'utf8')).toContain('Research');

    await s.clock.advance(20 * 60_000);
    await s.services.costs.refresh();
    expect(s.fake.otherRequests).toHaveLength(fetched); // routine refresh: cost report only

    const restarted = await s.restart();
    s.fake.setWorkspaces([]); // were names fetched again, Research would be gone
    restarted.costs.clearCache();
    const afterRestart = await restarted.costs.fetchSummary();
    expect(afterRestart.summary?.byWorkspace.find((w) => w.workspaceId === 'wrkspc_1')?.name).toBe('Research');
    expect(s.fake.otherRequests).toHaveLength(fetched);
    restarted.costs.stop();

    s.fake.setWorkspaces(WORKSPACES.map((w) => (w.id === 'wrkspc_1' ? { ...w, name: 'Research 2' } : w)));
    await s.services.costs.fetchSummary({ refresh: true });
    expect(s.fake.otherRequests.length).toBeGreaterThan(fetched);
    const refreshed = await s.services.costs.fetchSummary();
    expect(refreshed.summary?.byWorkspace.find((w) => w.workspaceId === 'wrkspc_1')?.name).toBe('Research 2');

    const before = s.fake.otherRequests.length;
    await s.clock.advance(25 * 3_600_000);
    await s.services.costs.refresh();
    expect(s.fake.otherRequests.length).toBeGreaterThan(before);
  });

  it('without a workspaces list the ids stay, and the cost answer does not fail', async () => {
    const { services, fake, logs } = await setup();
    fake.setWorkspaces([]);
    const { summary, error } = await services.costs.fetchSummary();
    expect(error).toBeNull();
    const one = summary?.byWorkspace.find((w) => w.workspaceId === 'wrkspc_1');
    expect(one).toBeDefined();
    expect(one?.name).toBeUndefined();
    expect(logs.text()).not.toContain('names not refreshed');
  });
});

describe('attune-ops costs --by workspace', () => {
  it('lists workspaces by name with their ids, archived marked; refuses another breakdown', async () => {
    const s = await named();
    const env = { ATTUNE_HOME: s.home, ATTUNE_ANTHROPIC_BASE_URL: s.fake.url };
    const store = createMemorySecretStore({ 'anthropic-admin-api-key': s.fake.key });
    const io = captureIo({ env, cwd: s.home });
    expect(await costsCommand(['--by', 'workspace'], io, { secretStore: store })).toBe(0);
    expect(io.out()).toMatch(/By workspace \(30 days\):/);
    expect(io.out()).toMatch(/Research \(wrkspc_1\) +\$\d/);
    expect(io.out()).toMatch(/Old team \(wrkspc_2\) \[archived\]/);
    expect(io.out()).toMatch(/Default workspace +\$\d/);
    const bad = captureIo({ env, cwd: s.home });
    expect(await costsCommand(['--by', 'colour'], bad, { secretStore: store })).toBe(2);
    expect(bad.err()).toContain('--by takes model, workspace or key, not colour');
  });
});
